"""/sparql speaks the SPARQL 1.1 Protocol (query side): how a query arrives, and every protocol error."""

from __future__ import annotations

import json

from tests.web.publication_fixture import GRAPH_A, GRAPH_VOCAB

SELECT_LABELS = "SELECT ?l WHERE { <http://data.example.org/id/place/binh-phuoc> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
JSON = {"Accept": "application/sparql-results+json"}


def values(response, var: str) -> set[str]:
    return {b[var]["value"] for b in response.get_json(force=True)["results"]["bindings"] if var in b}


def test_get_with_a_query_parameter_answers(sample_client):
    response = sample_client.get("/sparql", query_string={"query": SELECT_LABELS}, headers=JSON)
    assert response.status_code == 200 and values(response, "l") == {"Bình Phước", "Binh Phuoc province"}


def test_post_as_a_form_answers(sample_client):
    response = sample_client.post("/sparql", data={"query": SELECT_LABELS}, headers=JSON)
    assert response.status_code == 200 and values(response, "l") == {"Bình Phước", "Binh Phuoc province"}


def test_post_as_a_sparql_query_body_answers(sample_client):
    response = sample_client.post("/sparql", data=SELECT_LABELS.encode(), content_type="application/sparql-query", headers=JSON)
    assert response.status_code == 200 and values(response, "l") == {"Bình Phước", "Binh Phuoc province"}


def test_post_body_with_a_charset_parameter_is_accepted(sample_client):
    response = sample_client.post("/sparql", data=SELECT_LABELS.encode(), content_type="application/sparql-query; charset=utf-8", headers=JSON)
    assert response.status_code == 200


def test_default_graph_uri_sets_the_default_graph(sample_client):
    query = "SELECT DISTINCT ?t WHERE { ?s a ?t }"
    response = sample_client.get("/sparql", query_string={"query": query, "default-graph-uri": GRAPH_VOCAB}, headers=JSON)
    assert values(response, "t") == {"http://www.w3.org/2002/07/owl#Class"}


def test_default_graph_uri_may_be_repeated(sample_client):
    query = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?s a ?t }"
    response = sample_client.get(
        "/sparql", query_string=[("query", query), ("default-graph-uri", GRAPH_VOCAB), ("default-graph-uri", GRAPH_A)], headers=JSON
    )
    assert values(response, "n") == {"4"}  # owl:Class + the three classes of report A


def test_named_graph_uri_sets_the_named_graphs(sample_client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = sample_client.get("/sparql", query_string=[("query", query), ("named-graph-uri", GRAPH_A)], headers=JSON)
    assert values(response, "g") == {GRAPH_A}


def test_dataset_parameters_in_a_form_post_are_used(sample_client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = sample_client.post("/sparql", data={"query": query, "named-graph-uri": GRAPH_VOCAB}, headers=JSON)
    assert values(response, "g") == {GRAPH_VOCAB}


def test_a_named_graph_uri_that_is_not_an_iri_is_a_bad_request(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "ASK {}", "named-graph-uri": "not an iri"}, headers=JSON)
    assert response.status_code == 400


def test_post_without_a_query_is_a_bad_request(sample_client):
    response = sample_client.post("/sparql", data={"default-graph-uri": "http://ex.org/g"}, headers=JSON)
    assert response.status_code == 400 and "missing query" in response.get_json()["message"]


def test_post_with_no_body_at_all_is_a_bad_request(sample_client):
    assert sample_client.post("/sparql").status_code == 400


def test_an_empty_sparql_query_body_is_a_bad_request(sample_client):
    response = sample_client.post("/sparql", data=b"", content_type="application/sparql-query")
    assert response.status_code == 400


def test_a_repeated_query_parameter_is_a_bad_request(sample_client):
    response = sample_client.get("/sparql", query_string=[("query", "ASK {}"), ("query", "ASK {}")], headers=JSON)
    assert response.status_code == 400 and "2 times" in response.get_json()["message"]


def test_a_query_parameter_beside_a_query_body_is_a_bad_request(sample_client):
    response = sample_client.post("/sparql?query=ASK%7B%7D", data=b"ASK {}", content_type="application/sparql-query")
    assert response.status_code == 400


def test_a_bad_query_is_400_with_the_parsers_line_and_column(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "SELECT *\nWHERE { ?s ?p }"}, headers=JSON)
    body = response.get_json()
    assert response.status_code == 400 and body["error"] == "Bad request" and "line 2, column" in body["message"]


def test_a_query_pyoxigraph_rejects_is_400_with_its_position(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s undeclared:p ?o }"}, headers=JSON)
    assert response.status_code == 400 and "1:" in response.get_json()["message"]


def test_an_unsupported_post_content_type_is_415(sample_client):
    response = sample_client.post("/sparql", data=b'{"query": "ASK {}"}', content_type="application/json")
    assert response.status_code == 415


def test_a_multipart_post_is_415(sample_client):
    response = sample_client.post("/sparql", data={"query": "ASK {}"}, content_type="multipart/form-data")
    assert response.status_code == 415


def test_a_query_that_is_not_utf8_is_a_bad_request(sample_client):
    response = sample_client.post("/sparql", data=b"ASK { ?s ?p '\xff' }", content_type="application/sparql-query", headers=JSON)
    assert response.status_code == 400 and "UTF-8" in response.get_json()["message"]


def test_a_query_over_the_size_limit_is_413(make_app):
    client = make_app(max_query_bytes=100).test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } # " + "x" * 100}, headers=JSON)
    assert response.status_code == 413 and "limit is 100 bytes" in response.get_json()["message"]


def test_a_request_body_over_the_limit_is_413(make_app):
    client = make_app(max_request_bytes=1000).test_client()
    response = client.post("/sparql", data={"query": "ASK {} #" + "x" * 2000}, headers=JSON)
    assert response.status_code == 413


def test_protocol_errors_are_json_for_programs(sample_client):
    response = sample_client.post("/sparql", data={}, headers={"Accept": "application/json"})
    assert set(response.get_json()) == {"status", "error", "message"}


def test_protocol_errors_are_plain_text_for_star_star(sample_client):
    response = sample_client.post("/sparql", data={}, headers={"Accept": "*/*"})
    assert response.mimetype == "text/plain" and response.get_data(as_text=True).startswith("400 Bad request:")


def test_head_answers_like_get_without_a_body(sample_client):
    response = sample_client.head("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 200 and response.data == b""
    assert response.mimetype == "application/sparql-results+json"


def test_the_answer_is_the_same_for_get_and_post(sample_client):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 10"
    by_get = sample_client.get("/sparql", query_string={"query": query}, headers=JSON)
    by_post = sample_client.post("/sparql", data={"query": query}, headers=JSON)
    assert json.loads(by_get.data) == json.loads(by_post.data)


def test_post_answers_are_not_cached(sample_client):
    response = sample_client.post("/sparql", data={"query": "ASK {}"}, headers=JSON)
    assert "no-store" in response.headers["Cache-Control"]
