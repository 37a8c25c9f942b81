"""The checks before a query runs: size, syntax, read-only, no SERVICE, nesting; failing closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from kg.build.queries import load_questions
from kg.stores import guard as query_guard
from kg.stores.guard import (
    MAX_DEPTH,
    NO_SERVICE,
    READ_ONLY,
    QueryRejected,
    check_query,
    check_size,
    code_only,
    explain_syntax_error,
    full_check,
    has_service,
)
from tests.web.sparql_cases import SERVICE_QUERIES, UPDATES

PROJECT_QUERIES = Path(__file__).resolve().parents[2] / "queries"

COMPETENCY_STYLE = {
    "group by and aggregates": "PREFIX kg: <http://ex.org/kg/> SELECT ?t (COUNT(?s) AS ?n) (SUM(?v) AS ?sum) "
    "(GROUP_CONCAT(DISTINCT ?l; separator=', ') AS ?ls) WHERE { ?s a ?t ; kg:v ?v ; kg:l ?l } GROUP BY ?t HAVING (COUNT(?s) > 1) ORDER BY DESC(?n)",
    "property paths": "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT * WHERE { ?a skos:broader+ ?b . ?a (skos:a|skos:b)/^skos:c* ?d . ?d !(skos:x|skos:y) ?e }",
    "values": "SELECT * WHERE { VALUES (?x ?y) { (1 2) (UNDEF 'a') } BIND(?x + 1 AS ?z) }",
    "trailing values": "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://ex.org/a> }",
    "subquery": "SELECT ?s ?m WHERE { { SELECT ?s (MAX(?v) AS ?m) WHERE { ?s <http://ex.org/v> ?v } GROUP BY ?s } }",
    "langMatches and not exists": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?s rdfs:label ?l "
    "FILTER(langMatches(lang(?l), 'vi')) FILTER NOT EXISTS { ?s a ?t } OPTIONAL { ?s ?p ?o } MINUS { ?s ?q 1 } }",
    "relative IRIs": "PREFIX kg: <def/kg/> SELECT * WHERE { ?s a kg:Province }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
    "describe": "DESCRIBE <id/place/binh-phuoc>",
    "ask": "ASK { ?s ?p ?o }",
}


@pytest.mark.parametrize("query", SERVICE_QUERIES.values(), ids=SERVICE_QUERIES.keys())
def test_service_is_refused_in_every_form(query):
    with pytest.raises(QueryRejected) as caught:
        check_query(query)
    assert caught.value.message == NO_SERVICE


@pytest.mark.parametrize("query", SERVICE_QUERIES.values(), ids=SERVICE_QUERIES.keys())
def test_the_parse_tree_walk_alone_finds_every_service(query):
    assert has_service(parseQuery(query))


def test_the_lexical_scan_alone_refuses_service_the_tree_walk_missed(monkeypatch):
    monkeypatch.setattr(query_guard, "has_service", lambda tree: False)
    with pytest.raises(QueryRejected, match="SERVICE"):
        check_query.__wrapped__("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_service_inside_a_string_literal_is_just_text():
    assert check_query("SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { }' }").form == "SELECT"


def test_service_in_a_comment_or_an_iri_or_a_variable_is_not_a_service():
    query = "# SERVICE <http://x/>\nSELECT ?service WHERE { ?service <http://ex.org/SERVICE> ?o }"
    assert check_query(query).form == "SELECT"


@pytest.mark.parametrize("query", UPDATES.values(), ids=UPDATES.keys())
def test_updates_are_refused_as_read_only(query):
    with pytest.raises(QueryRejected) as caught:
        check_query(query)
    assert caught.value.message == READ_ONLY


def test_the_read_only_message_says_nothing_changed():
    assert "read-only" in READ_ONLY and "nothing was changed" in READ_ONLY


def test_a_syntax_error_names_line_and_column():
    with pytest.raises(QueryRejected) as caught:
        full_check("SELECT *\nWHERE {\n  ?s ?p\n}")
    assert caught.value.status == 400
    assert "line 3, column 3" in caught.value.message


def test_the_engines_syntax_error_is_explained_with_line_and_column():
    message = explain_syntax_error("SELECT *\nWHERE {\n  ?s ?p\n}", "error at 4:2: expected one of LATERAL")
    assert "line 3, column 3" in message and "^" in message


def test_a_syntax_error_only_the_engine_finds_is_given_in_its_words():
    assert explain_syntax_error("SELECT * {}", "error at 1:1: oops") == "Syntax error: error at 1:1: oops"


@pytest.mark.parametrize(
    "query, form",
    [
        ("SELECT ?p ?o WHERE { <http://ex.org/a> ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://ex.org/>\n# a comment\nBASE <http://ex.org/>\nconstruct where { ex:a ?p ?o }", "CONSTRUCT"),
        ("SELECT ?p ?o WHERE { <https://ex.org/id/service/portal> ?p ?o }", "SELECT"),  # an http(s) IRI is only an IRI
    ],
)
def test_a_plain_query_is_judged_without_rdflibs_parser(monkeypatch, query, form):
    monkeypatch.setattr(query_guard, "parseQuery", lambda text: pytest.fail("the parser was asked"))
    assert query_guard.check_query.__wrapped__(query, MAX_DEPTH).form == form


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p 'a service' }",  # the letters anywhere, even in a string
        "SELECT * WHERE { ?s <urn:x:service> ?o }",  # not an http(s) IRI
        "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?x) FILTER(?a <?b)SERVICE?x#>\n{} }",  # < as an operator
        "SELECT * WHERE { ?s ?p 'ſervice' }",  # U+017F folds to s
        "INSERT DATA { <http://ex.org/a> <http://ex.org/b> 1 }",
        "WITH <http://ex.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_a_query_that_could_hold_service_or_is_no_query_is_parsed(monkeypatch, query):
    asked = []
    real = query_guard.parseQuery
    monkeypatch.setattr(query_guard, "parseQuery", lambda text: asked.append(text) or real(text))
    try:
        query_guard.check_query.__wrapped__(query, MAX_DEPTH)
    except QueryRejected:
        pass
    assert asked


@pytest.mark.parametrize("query", COMPETENCY_STYLE.values(), ids=COMPETENCY_STYLE.keys())
def test_competency_style_queries_pass(query):
    assert check_query(query).form in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


@pytest.mark.parametrize("question", load_questions(PROJECT_QUERIES), ids=lambda q: q.id)
def test_the_projects_competency_questions_pass(question):
    check_query(question.query)


@pytest.mark.parametrize(
    "query, form",
    [("SELECT * {}", "SELECT"), ("ASK {}", "ASK"), ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <http://ex.org/a>", "DESCRIBE")],
)
def test_the_query_form_is_reported(query, form):
    assert check_query(query).form == form


def test_a_query_over_the_size_limit_is_413():
    with pytest.raises(QueryRejected) as caught:
        check_size("SELECT * { ?s ?p 'ư' }", 20)
    assert caught.value.status == 413 and "limit is 20 bytes" in caught.value.message


def test_size_is_counted_in_utf8_bytes():
    check_size("ư" * 10, 20)
    with pytest.raises(QueryRejected):
        check_size("ư" * 11, 20)


def test_deep_nesting_is_refused_before_parsing():
    query = "SELECT * WHERE " + "{ " * 200 + "} " * 200
    with pytest.raises(QueryRejected, match="nested 200 levels"):
        check_query(query)


def test_nesting_within_the_limit_is_checked_normally():
    assert check_query("SELECT * WHERE " + "{ " * 30 + "?s ?p ?o " + "} " * 30).form == "SELECT"


def nested(levels: int) -> str:
    return "SELECT * WHERE " + "{ " * levels + "?s ?p ?o " + "} " * levels


@pytest.mark.parametrize("parse", [False, True], ids=["plain", "parsed"])
@pytest.mark.parametrize("limit", [MAX_DEPTH, 10])
def test_exactly_the_depth_limit_is_accepted_and_one_level_more_refused(limit, parse):
    check = query_guard.full_check if parse else check_query.__wrapped__
    assert query_guard.nesting_depth(code_only(nested(limit))) == limit
    assert check(nested(limit), limit).form == "SELECT"
    with pytest.raises(QueryRejected, match=f"nested {limit + 1} levels deep; the limit is {limit}"):
        check(nested(limit + 1), limit)


def test_the_readme_depth_of_64_is_the_default():
    assert MAX_DEPTH == 64
    assert check_query(nested(64)).form == "SELECT"


def test_a_query_that_cannot_be_checked_does_not_run(monkeypatch):
    def broken(text):
        raise ValueError("parser exploded")

    monkeypatch.setattr(query_guard, "parseQuery", broken)
    with pytest.raises(QueryRejected, match="cannot be checked"):
        check_query.__wrapped__("SELECT * { ?s ?p 'a service' }")  # a query the parser must see


def test_code_only_blanks_strings_iris_and_comments_keeping_positions():
    text = "SELECT ?x { ?x <http://a/SERVICE> 'SERVICE' } # SERVICE"
    code = code_only(text)
    assert len(code) == len(text) and "SERVICE" not in code and code.startswith("SELECT ?x {")
