"""/sparql answers each query form in the format the client asks for (Accept or format=)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from kg.web.formats import GRAPH_FORMATS
from tests.conftest import TEST_STORE

SELECT = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s ?l"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { GRAPH <http://data.example.org/graph/report-a> { ?s a ?t } }"
DESCRIBE = "DESCRIBE <http://data.example.org/id/place/binh-phuoc>"


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept is not None else {}
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers)


def test_select_with_star_star_is_sparql_json(sample_client):
    response = get(sample_client, SELECT, "*/*")
    assert response.content_type == "application/sparql-results+json"
    assert response.get_json(force=True)["head"]["vars"] == ["s", "l"]


def test_select_without_accept_is_sparql_json(sample_client):
    assert get(sample_client, SELECT).content_type == "application/sparql-results+json"


def test_select_as_xml(sample_client):
    response = get(sample_client, SELECT, "application/sparql-results+xml")
    root = ET.fromstring(response.data)
    assert response.content_type == "application/sparql-results+xml"
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"


def test_select_as_csv_with_charset(sample_client):
    response = get(sample_client, SELECT, "text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert (
        response.content_type == "text/csv; charset=utf-8"
        and rows[0] == ["s", "l"]
        and ["http://data.example.org/id/place/binh-phuoc", "Bình Phước"] in rows
    )


def test_select_as_tsv_with_charset(sample_client):
    response = get(sample_client, SELECT, "text/tab-separated-values")
    assert response.content_type == "text/tab-separated-values; charset=utf-8"
    assert response.get_data(as_text=True).splitlines()[0] == "?s\t?l"


def test_text_star_gets_csv_for_select(sample_client):
    assert get(sample_client, SELECT, "text/*").mimetype == "text/csv"


def test_q_values_choose_between_results_formats(sample_client):
    assert (
        get(sample_client, SELECT, "application/sparql-results+json;q=0.3, application/sparql-results+xml;q=0.7").mimetype
        == "application/sparql-results+xml"
    )


def test_q_zero_refuses_a_format(sample_client):
    assert get(sample_client, SELECT, "application/sparql-results+json;q=0, */*;q=0.1").mimetype == "application/sparql-results+xml"


def test_application_json_gets_sparql_json(sample_client):
    assert get(sample_client, SELECT, "application/json").content_type == "application/sparql-results+json"


def test_an_unknown_accept_type_is_406(sample_client):
    response = get(sample_client, SELECT, "image/png")
    assert response.status_code == 406


def test_format_parameter_beats_accept(sample_client):
    assert get(sample_client, SELECT, "application/sparql-results+xml", format="csv").mimetype == "text/csv"


def test_format_parameter_may_be_a_media_type(sample_client):
    assert get(sample_client, SELECT, None, format="text/tab-separated-values").mimetype == "text/tab-separated-values"


def test_an_unknown_format_parameter_is_400(sample_client):
    response = get(sample_client, SELECT, "application/json", format="xlsx")
    assert response.status_code == 400 and "unknown format" in response.get_json()["message"]


def test_a_graph_format_for_a_select_is_406_naming_the_results_formats(sample_client):
    response = get(sample_client, SELECT, "application/json", format="ttl")
    assert response.status_code == 406 and "application/sparql-results+json" in response.get_json()["message"]


def test_a_results_format_for_a_construct_is_406(sample_client):
    response = get(sample_client, CONSTRUCT, "application/json", format="csv")
    assert response.status_code == 406 and "text/turtle" in response.get_json()["message"]


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/sparql-results+json", b'"boolean":true'),
        ("application/sparql-results+xml", b"<boolean>true</boolean>"),
        ("text/csv", b"true"),
        ("text/tab-separated-values", b"true"),
    ],
)
def test_ask_answers_in_every_results_format(sample_client, accept, expected):
    response = get(sample_client, ASK, accept)
    assert response.status_code == 200 and expected in response.data


def test_construct_with_star_star_is_turtle(sample_client):
    response = get(sample_client, CONSTRUCT, "*/*")
    assert response.content_type == "text/turtle; charset=utf-8"


def test_text_star_gets_turtle_for_construct(sample_client):
    assert get(sample_client, CONSTRUCT, "text/*").mimetype == "text/turtle"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_construct_answers_in_every_graph_format(sample_client, fmt):
    response = get(sample_client, CONSTRUCT, fmt.media_type)
    triples = {q.triple for q in ox.parse(response.data, format=fmt.pyoxigraph)}
    assert response.mimetype == fmt.media_type and len(triples) == 3


@pytest.mark.skipif(
    TEST_STORE == "virtuoso",
    reason="DESCRIBE's answer is the store's to choose (SPARQL 1.1, 16.4): Virtuoso adds the triples that point at the resource",
)
@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_describe_answers_in_every_graph_format(sample_client, fmt):
    response = get(sample_client, DESCRIBE, None, format=fmt.names[0])
    subjects = {str(q.subject) for q in ox.parse(response.data, format=fmt.pyoxigraph)}
    assert response.status_code == 200 and subjects == {"<http://data.example.org/id/place/binh-phuoc>"}


def test_construct_by_format_suffix_name(sample_client):
    assert get(sample_client, CONSTRUCT, None, format="jsonld").mimetype == "application/ld+json"


def test_construct_as_application_json_is_json_ld(sample_client):
    response = get(sample_client, CONSTRUCT, "application/json")
    assert response.mimetype == "application/ld+json" and isinstance(json.loads(response.data), (list, dict))


def test_answers_vary_on_accept(sample_client):
    assert "Accept" in get(sample_client, SELECT).headers["Vary"]
