"""/sparql understands what other endpoints' clients send: N3 (answered in Turtle), `output=` beside
`format=` (SPARQLWrapper sends both), and a GET without a query from a client that takes only results."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.web.formats import GRAPH_FORMATS, RESULTS_FORMATS

SELECT = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s ?l"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { GRAPH <http://data.example.org/graph/report-a> { ?s a ?t } }"
DESCRIBE = "DESCRIBE <http://data.example.org/id/place/binh-phuoc>"
RESULTS_ONLY = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/sparql-results+json, application/sparql-results+xml;q=0.5",
]
TURTLE = "text/turtle; charset=utf-8"


def get(client, accept=None, **params):
    return client.get("/sparql", query_string=params, headers={"Accept": accept} if accept else {})


def turtle_of(client, query):
    return get(client, "text/turtle", query=query).data


def triples(body: bytes) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}


# -- N3 is answered in Turtle, labelled text/turtle --------------------------------------------------


@pytest.mark.parametrize("param", ["format", "output"])
def test_a_construct_asked_for_as_n3_by_parameter_is_the_turtle_answer(sample_client, param):
    response = get(sample_client, None, query=CONSTRUCT, **{param: "n3"})
    assert response.status_code == 200 and response.content_type == TURTLE
    assert response.data == turtle_of(sample_client, CONSTRUCT) and len(triples(response.data)) == 3


@pytest.mark.parametrize("accept", ["text/n3", "text/rdf+n3", "application/n3"])
def test_a_construct_asked_for_as_n3_by_accept_is_the_turtle_answer(sample_client, accept):
    response = get(sample_client, accept, query=CONSTRUCT)
    assert response.status_code == 200 and response.content_type == TURTLE
    assert response.data == turtle_of(sample_client, CONSTRUCT)


def test_a_describe_posted_as_sparqlwrapper_posts_n3_is_the_turtle_answer(sample_client):
    accept = "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3"
    response = sample_client.post("/sparql", data={"query": DESCRIBE, "format": "n3", "output": "n3", "results": "n3"}, headers={"Accept": accept})
    assert response.status_code == 200 and response.content_type == TURTLE
    assert {str(t.subject) for t in triples(response.data)} == {"<http://data.example.org/id/place/binh-phuoc>"}


def test_n3_for_a_select_is_406_naming_the_results_formats(sample_client):
    response = get(sample_client, "application/json", query=SELECT, output="n3")
    assert response.status_code == 406 and "application/sparql-results+json" in response.get_json()["message"]


# -- output= is format= --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RESULTS_FORMATS, ids=lambda f: f.name)
def test_output_names_every_results_format_in_a_get(sample_client, fmt):
    response = get(sample_client, None, query=SELECT, output=fmt.names[0])
    assert response.status_code == 200 and response.data == get(sample_client, None, query=SELECT, format=fmt.names[0]).data
    assert response.mimetype == fmt.media_type


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_output_names_every_graph_format_in_a_form_post(sample_client, fmt):
    response = sample_client.post("/sparql", data={"query": CONSTRUCT, "output": fmt.names[0]})
    triples_sent = {q.triple for q in ox.parse(response.data, format=fmt.pyoxigraph)}
    assert response.status_code == 200 and response.mimetype == fmt.media_type and len(triples_sent) == 3


def test_output_in_the_url_of_a_posted_query_body_is_read(sample_client):
    response = sample_client.post("/sparql?output=csv", data=SELECT.encode(), content_type="application/sparql-query")
    assert response.status_code == 200 and response.mimetype == "text/csv"


def test_output_may_be_a_media_type(sample_client):
    assert get(sample_client, None, query=SELECT, output="text/tab-separated-values").mimetype == "text/tab-separated-values"


def test_output_beats_accept(sample_client):
    assert get(sample_client, "application/sparql-results+xml", query=SELECT, output="csv").mimetype == "text/csv"


def test_format_and_output_that_agree_are_answered(sample_client):
    response = get(sample_client, "application/sparql-results+json", query=SELECT, format="json", output="json", results="json")
    assert response.status_code == 200 and response.get_json(force=True)["head"]["vars"] == ["s", "l"]


def test_format_and_output_spelt_differently_for_the_same_format_agree(sample_client):
    assert get(sample_client, None, query=CONSTRUCT, format="ttl", output="text/turtle").content_type == TURTLE


def test_format_and_output_that_disagree_are_a_bad_request_naming_both(sample_client):
    response = get(sample_client, "application/json", query=SELECT, format="json", output="csv")
    assert response.status_code == 400
    assert response.get_json()["message"] == "format='json' and output='csv' name different formats; give one of them, or the same"


def test_an_unknown_output_is_the_bad_request_of_an_unknown_format(sample_client):
    by_output = get(sample_client, "application/json", query=SELECT, output="xlsx")
    by_format = get(sample_client, "application/json", query=SELECT, format="xlsx")
    assert by_output.status_code == 400 and "unknown format 'xlsx'" in by_output.get_json()["message"]
    assert by_output.get_json() == by_format.get_json()


# -- no query: 400 to clients that take only results formats -------------------------------------------


@pytest.mark.parametrize("accept", RESULTS_ONLY)
def test_a_get_without_a_query_accepting_only_results_is_400_missing_query(sample_client, accept):
    response = get(sample_client, accept)
    assert response.status_code == 400 and b"missing query" in response.data


@pytest.mark.parametrize("accept", RESULTS_ONLY[:2])
def test_a_head_without_a_query_accepting_only_results_is_400(sample_client, accept):
    response = sample_client.head("/sparql", headers={"Accept": accept})
    assert response.status_code == 400 and response.data == b""


@pytest.mark.parametrize("param", ["format", "output"])
def test_a_get_without_a_query_naming_a_results_format_is_400_missing_query(sample_client, param):
    response = get(sample_client, None, **{param: "csv"})
    assert response.status_code == 400 and b"missing query" in response.data


@pytest.mark.parametrize(
    "accept, media_type",
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("text/n3", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/sparql-results+json, text/turtle;q=0.1", "text/turtle"),
    ],
)
def test_a_get_without_a_query_accepting_rdf_is_the_service_description(sample_client, accept, media_type):
    response = get(sample_client, accept)
    assert response.status_code == 200 and response.mimetype == media_type
    assert b"sparql-service-description" in response.data


def test_a_browser_without_a_query_gets_the_query_page(sample_client):
    response = get(sample_client, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response.mimetype == "text/html" and b"<textarea" in response.data


def test_a_get_without_a_query_accepting_nothing_we_speak_is_406(sample_client):
    assert get(sample_client, "image/png").status_code == 406
