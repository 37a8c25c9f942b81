"""The guard's nesting measure (brackets and chained unary operators) and its reading of \\u escapes
(the grammar's, not rdflib's): what makes the engine-crashing queries a 400 and keeps normal ones in."""

from __future__ import annotations

import pytest

from kg.stores.guard import MAX_DEPTH, NO_SERVICE, QueryRejected, check_query, code_only, expand_escapes, nesting_depth


@pytest.mark.parametrize(
    "text, depth",
    [
        ("!!!!x", 4),
        ("!(!(x))", 4),
        ("?a != ?b", 0),
        ("?a - ?b - ?c + 1", 0),
        ("FILTER(-1)", 2),
        ("- - - 1", 3),
        ("{ ?s ex:a-b ?o . ?s ex:c-d 1e-5 }", 1),
        ("{ ?s <p>+ ?o . ?s ex:p* ?o }", 1),
        ("{ { } { } { } }", 2),
        ("FILTER(!bound(?a) && !bound(?b))", 2),
        ("((((x))))", 4),
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(code_only(text)) == depth


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 65 + "true) }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "!(" * 33 + "true" + ")" * 33 + ") }",
        "SELECT * WHERE { BIND(" + "-" * 70 + "1 AS ?x) }",
        "SELECT * WHERE " + "{ " * 65 + "} " * 65,
    ],
)
def test_chains_of_unary_operators_count_as_nesting(query):
    with pytest.raises(QueryRejected, match=f"the limit is {MAX_DEPTH}"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> CONSTRUCT { "
        + " ".join(f"?s{i} sdmx-measure:obs-value ?v{i} ." for i in range(100))
        + " } WHERE { }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + " && ".join(f"!BOUND(?x{i})" for i in range(80)) + ") }",
        "SELECT ?x WHERE { BIND(" + " - ".join(["1"] * 200) + " AS ?x) }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o != 1 && ?o != 2 && ?o != -3) }",
    ],
)
def test_long_but_flat_queries_pass(query):
    assert check_query(query).form in ("SELECT", "CONSTRUCT")


def test_escapes_are_read_as_the_grammar_says_four_hex_digits_after_u():
    assert expand_escapes(r"\u00341234") == "41234"  # rdflib would read one code point 0x00341234
    assert expand_escapes(r"\U0001F600 \u0053ERVICE") == "\U0001f600 SERVICE"


def test_service_spelt_with_an_escape_before_hex_digits_is_refused():
    with pytest.raises(QueryRejected) as caught:
        check_query(r"SELECT * WHERE { SERVIC\u0045 <http://127.0.0.1:\u00341234/> { ?s ?p ?o } }")
    assert caught.value.message == NO_SERVICE


@pytest.mark.parametrize("query", [r"SELECT * { ?s ?p \U00110000 }", r"SELECT * { ?s ?p '\uD800' } \u12"])
def test_a_query_whose_escapes_cannot_be_read_is_refused_not_crashed(query):
    with pytest.raises(QueryRejected):
        check_query(query)


def test_anything_unexpected_in_the_checks_is_a_refusal(monkeypatch):
    from kg.stores import guard as query_guard

    def explode(code):
        raise KeyError("surprise")

    monkeypatch.setattr(query_guard, "nesting_depth", explode)
    with pytest.raises(QueryRejected, match="cannot be checked"):
        check_query.__wrapped__("ASK {}", MAX_DEPTH)
