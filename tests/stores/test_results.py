"""Results are cut at the row limit exactly: `max_rows` rows or triples come back whole, one more is cut and marked."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.stores.results import serialise

MAX_ROWS = 5
EX = "http://example.org/"


def store_with(triples: int) -> ox.Store:
    store = ox.Store()
    for i in range(triples):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i))))
    return store


def graph_result(triples: int, media_type: str = "application/n-triples"):
    return serialise(store_with(triples).query("CONSTRUCT WHERE { ?s ?p ?o }"), media_type, MAX_ROWS, None)


def table_result(rows: int, media_type: str = "application/sparql-results+json"):
    return serialise(store_with(rows).query("SELECT ?s WHERE { ?s ?p ?o }"), media_type, MAX_ROWS, None)


def test_exactly_max_rows_triples_come_back_unmarked():
    header, body = graph_result(MAX_ROWS)
    assert header == {"kind": "graph", "truncated": False, "rows": MAX_ROWS}
    assert len(body.decode().strip().splitlines()) == MAX_ROWS


def test_one_triple_more_than_max_rows_is_cut_and_marked():
    header, body = graph_result(MAX_ROWS + 1)
    assert header == {"kind": "graph", "truncated": True, "rows": MAX_ROWS}
    assert len(body.decode().strip().splitlines()) == MAX_ROWS


def test_a_graph_shown_as_a_table_is_cut_at_max_rows_too():
    header, body = graph_result(MAX_ROWS + 1, "application/sparql-results+json")
    assert header["truncated"] is True and header["rows"] == MAX_ROWS
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS


@pytest.mark.parametrize("rows, truncated", [(MAX_ROWS, False), (MAX_ROWS + 1, True)])
def test_table_results_are_cut_at_max_rows(rows, truncated):
    header, body = table_result(rows)
    answer = json.loads(body)
    assert header == {"kind": "bindings", "truncated": truncated, "rows": MAX_ROWS}
    assert len(answer["results"]["bindings"]) == MAX_ROWS
    assert answer.get("kg:truncated", False) is truncated


def test_fewer_rows_than_the_limit_are_all_sent():
    header, body = table_result(2, "text/csv")
    assert header == {"kind": "bindings", "truncated": False, "rows": 2}
    assert len(body.decode().strip().splitlines()) == 1 + 2


# -- every term, in every results format ------------------------------------------------------------

STORE_TRIG = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:g { ex:a ex:p ex:b , "plain" , "chữ"@vi , "7"^^xsd:integer , _:blank . }
"""


def solutions_store() -> ox.Store:
    store = ox.Store()
    store.load(STORE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    return store


def test_each_kind_of_term_is_written_in_the_sparql_json_shape():
    from kg.stores.results import term_json

    assert term_json(ox.NamedNode(EX + "a")) == {"type": "uri", "value": EX + "a"}
    assert term_json(ox.BlankNode("b0")) == {"type": "bnode", "value": "b0"}
    assert term_json(ox.Literal("plain")) == {"type": "literal", "value": "plain"}
    assert term_json(ox.Literal("chữ", language="vi")) == {"type": "literal", "value": "chữ", "xml:lang": "vi"}
    assert term_json(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))) == {
        "type": "literal",
        "value": "7",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    triple = ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x"))
    assert term_json(triple) == {
        "type": "triple",
        "value": {
            "subject": {"type": "uri", "value": EX + "a"},
            "predicate": {"type": "uri", "value": EX + "p"},
            "object": {"type": "literal", "value": "x"},
        },
    }


def test_an_unbound_variable_is_left_out_of_its_row():
    from kg.stores.results import results_json

    data = results_json(["s", "o"], [[ox.NamedNode(EX + "a"), None]])
    assert data == {"head": {"vars": ["s", "o"]}, "results": {"bindings": [{"s": {"type": "uri", "value": EX + "a"}}]}}


def as_json_without_blank_labels(body: bytes, fmt) -> dict:
    """Results as SPARQL JSON, blank node labels blanked (each query run names its blank nodes anew)."""
    data = json.loads(ox.parse_query_results(body, format=fmt).serialize(format=ox.QueryResultsFormat.JSON))
    for row in data["results"]["bindings"]:
        for term in row.values():
            if term["type"] == "bnode":
                term["value"] = "_"
    return data


@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_every_results_format_says_what_the_engine_itself_would_write(media_type):
    query = "SELECT ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?none } } ORDER BY STR(?o)"
    header, body = serialise(solutions_store().query(query, use_default_graph_as_union=True), media_type, 100, None)
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    expected = solutions_store().query(query, use_default_graph_as_union=True).serialize(format=fmt)
    assert header == {"kind": "bindings", "truncated": False, "rows": 5}
    if fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML):
        assert as_json_without_blank_labels(body, fmt) == as_json_without_blank_labels(expected, fmt)
    else:
        assert body.decode().replace("_:", "").splitlines()[0] == expected.decode().splitlines()[0]
        assert len(body.splitlines()) == len(expected.splitlines()) == 6
    assert ("chữ" in body.decode()) and ("plain" in body.decode())


def test_a_cut_json_result_names_the_limit_and_other_formats_stay_plain():
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    _header, body = serialise(solutions_store().query(query, use_default_graph_as_union=True), "application/sparql-results+json", 2, None)
    answer = json.loads(body)
    assert answer["kg:truncated"] is True and answer["kg:rowLimit"] == 2
    assert list(answer) == ["head", "results", "kg:truncated", "kg:rowLimit"]
    _header, csv_body = serialise(solutions_store().query(query, use_default_graph_as_union=True), "text/csv", 2, None)
    assert csv_body.decode().splitlines() == ["o", *csv_body.decode().splitlines()[1:]] and len(csv_body.splitlines()) == 3


def test_json_results_keep_non_ascii_text_as_it_is():
    _header, body = serialise(
        solutions_store().query('SELECT ?o WHERE { ?s ?p ?o FILTER(LANG(?o) = "vi") }', use_default_graph_as_union=True),
        "application/sparql-results+json",
        10,
        None,
    )
    assert "chữ".encode() in body and b"\\u" not in body


def test_an_ask_answer_is_one_boolean_row_in_the_asked_format():
    for value, query in ((True, "ASK { ?s ?p ?o }"), (False, "ASK { ?s <http://example.org/none> ?o }")):
        header, body = serialise(solutions_store().query(query, use_default_graph_as_union=True), "application/sparql-results+json", 10, None)
        assert header == {"kind": "boolean", "truncated": False, "rows": 1}
        assert json.loads(body)["boolean"] is value
    _header, xml = serialise(solutions_store().query("ASK {}"), "application/sparql-results+xml", 10, None)
    assert b"<boolean>true</boolean>" in xml


def test_a_graph_in_turtle_declares_only_the_prefixes_it_uses():
    prefixes = {"ex": EX, "xsd": "http://www.w3.org/2001/XMLSchema#", "unused": "http://unused.example/"}
    header, body = serialise(solutions_store().query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True), "text/turtle", 100, prefixes)
    text = body.decode()
    assert header == {"kind": "graph", "truncated": False, "rows": 5}
    assert "@prefix ex: <http://example.org/>" in text and "@prefix xsd:" in text and "unused" not in text
    assert "ex:a" in text
    _header, nt = serialise(
        solutions_store().query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True), "application/n-triples", 100, prefixes
    )
    assert b"@prefix" not in nt and len(nt.splitlines()) == 5


def test_used_prefixes_keeps_the_namespaces_of_subjects_predicates_objects_and_datatypes():
    from kg.stores.results import used_prefixes

    triples = [
        ox.Triple(
            ox.NamedNode("http://a.example/x/s"),
            ox.NamedNode("http://b.example/ns#p"),
            ox.Literal("1", datatype=ox.NamedNode("http://c.example/types#int")),
        ),
        ox.Triple(ox.BlankNode("b"), ox.NamedNode("http://b.example/ns#p"), ox.NamedNode("http://d.example/o")),
    ]
    prefixes = {
        "a": "http://a.example/x/",
        "b": "http://b.example/ns#",
        "c": "http://c.example/types#",
        "d": "http://d.example/",
        "deeper": "http://a.example/x/y/",
        "none": "http://e.example/",
    }
    assert used_prefixes(triples, prefixes) == {
        "a": "http://a.example/x/",
        "b": "http://b.example/ns#",
        "c": "http://c.example/types#",
        "d": "http://d.example/",
    }
    assert used_prefixes(triples, None) == {}


@pytest.mark.parametrize("query", ["SELECT ?s WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"])
def test_a_cut_result_reads_only_max_rows_plus_one_solutions(query):
    """The engine's iterator is read no further than needed to know the result is cut."""
    results = store_with(20).query(query)
    header, _body = serialise(results, "application/sparql-results+json", MAX_ROWS, None)
    assert header["truncated"] is True
    assert len(list(results)) == 20 - (MAX_ROWS + 1)


def test_a_graph_asked_as_a_table_has_the_columns_s_p_o():
    _header, body = graph_result(2, "application/sparql-results+json")
    answer = json.loads(body)
    assert answer["head"]["vars"] == ["s", "p", "o"]
    assert sorted(answer["results"]["bindings"][0]) == ["o", "p", "s"]


def test_a_cut_graph_asked_as_a_table_carries_the_truncation_marker_and_the_limit():
    _header, body = graph_result(MAX_ROWS + 1, "application/sparql-results+json")
    answer = json.loads(body)
    assert (answer["kg:truncated"], answer["kg:rowLimit"]) == (True, MAX_ROWS)


def test_a_cut_json_result_keeps_non_ascii_text_as_it_is():
    store = ox.Store()
    for i in range(MAX_ROWS + 1):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(f"Bình Phước {i}")))
    header, body = serialise(store.query("SELECT ?o WHERE { ?s ?p ?o }"), "application/sparql-results+json", MAX_ROWS, None)
    assert header["truncated"] is True
    assert "Bình Phước".encode() in body and b"\\u" not in body
