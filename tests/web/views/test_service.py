"""What the service says about itself: /.well-known/void, /health, /openapi.json, the Service Description."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.publication.layout import read_manifest
from kg.web.formats import GRAPH_FORMATS, RESULTS_FORMATS
from tests.web.publication_fixture import DATASET, GRAPH_A, GRAPH_BULK, GRAPH_VOCAB

SD = "http://www.w3.org/ns/sparql-service-description#"
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def triples(response, fmt="turtle") -> set[tuple[str, str, str]]:
    rdf_format = next(f for f in GRAPH_FORMATS if f.name == fmt).pyoxigraph
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(response.data, format=rdf_format)}


def objects(found, predicate: str) -> set[str]:
    return {o for _, p, o in found if p == f"<{predicate}>"}


# -- /.well-known/void -------------------------------------------------------------------------


def test_void_is_turtle_by_default(sample_client):
    response = sample_client.get("/.well-known/void")
    assert response.content_type == "text/turtle; charset=utf-8"
    assert (f"<{DATASET}>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://rdfs.org/ns/void#Dataset>") in triples(response)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_void_is_negotiated_to_every_rdf_format(sample_client, fmt):
    response = sample_client.get("/.well-known/void", headers={"Accept": fmt.media_type})
    assert response.mimetype == fmt.media_type and len(triples(response, fmt.name)) == 5


def test_void_for_browsers_redirects_to_the_dataset_page(sample_client):
    response = sample_client.get("/.well-known/void", headers=BROWSER)
    assert response.status_code == 303 and response.headers["Location"] == "/id/dataset/kg"


def test_void_with_an_unknown_type_is_406(sample_client):
    assert sample_client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


# -- /health -------------------------------------------------------------------------------------


def test_health_reports_version_triples_and_a_reachable_store(sample_client, sample_output):
    response = sample_client.get("/health")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok" and body["version"] == "v1"
    assert body["triples"] == read_manifest(sample_output / "current").triples and body["store"] == "reachable"
    assert response.headers["Cache-Control"] == "no-store"


def test_health_is_503_when_there_is_no_publication(make_app, tmp_path):
    response = make_app(tmp_path).test_client().get("/health")
    assert response.status_code == 503 and response.get_json()["status"] == "unavailable"


@pytest.mark.embedded_store
def test_health_is_503_when_the_store_cannot_be_read(make_app, tmp_path):
    from tests.web.publication_fixture import write_publication

    folder = write_publication(tmp_path)
    for path in sorted((folder / "store").iterdir()):
        path.unlink()
    response = make_app(tmp_path).test_client().get("/health")
    assert response.status_code == 503 and response.get_json()["store"].startswith("unreachable")


def test_any_page_is_503_when_there_is_no_publication(make_app, tmp_path):
    response = make_app(tmp_path).test_client().get("/downloads", headers={"Accept": "application/json"})
    assert response.status_code == 503 and "kg build" in response.get_json()["message"]


# -- /openapi.json -------------------------------------------------------------------------------


def test_openapi_is_an_openapi_31_document_listing_every_path(sample_client):
    doc = sample_client.get("/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0" and doc["info"]["title"]
    assert {"/sparql", "/download/{name}", "/downloads", "/search", "/health", "/.well-known/void", "/id/{path}", "/def/{path}"} <= set(doc["paths"])
    assert {"get", "post"} <= set(doc["paths"]["/sparql"])


def test_openapi_documents_the_truncation_marker(sample_client):
    doc = sample_client.get("/openapi.json").get_json()
    assert "kg:truncated" in doc["paths"]["/sparql"]["get"]["responses"]["200"]["description"]


def test_openapi_lists_output_beside_format_for_sparql(sample_client):
    sparql = sample_client.get("/openapi.json").get_json()["paths"]["/sparql"]
    for method in ("get", "post"):
        assert {"format", "output"} <= {p["name"] for p in sparql[method]["parameters"]}
    assert "n3" in next(p for p in sparql["get"]["parameters"] if p["name"] == "format")["description"]


def test_openapi_says_n3_is_answered_in_turtle(sample_client):
    description = sample_client.get("/openapi.json").get_json()["paths"]["/sparql"]["get"]["responses"]["200"]["description"]
    assert "text/n3" in description and "answered in Turtle" in description


def test_openapi_names_this_server(sample_client):
    assert sample_client.get("/openapi.json").get_json()["servers"] == [{"url": "http://localhost"}]


# -- the Service Description (GET /sparql without a query) ------------------------------------------


def test_the_service_description_is_turtle_for_rdf_clients(sample_client):
    response = sample_client.get("/sparql", headers={"Accept": "*/*"})
    assert response.content_type == "text/turtle; charset=utf-8"
    found = triples(response)
    assert ("<http://localhost/sparql>", f"<{SD}endpoint>", "<http://localhost/sparql>") in found
    assert objects(found, SD + "supportedLanguage") == {f"<{SD}SPARQL11Query>"}
    assert objects(found, SD + "feature") == {f"<{SD}UnionDefaultGraph>"}


def test_the_service_description_lists_every_result_format_and_n3(sample_client):
    found = triples(sample_client.get("/sparql"))
    assert objects(found, SD + "resultFormat") == {f"<{f.pyoxigraph.iri}>" for f in RESULTS_FORMATS + GRAPH_FORMATS} | {
        "<http://www.w3.org/ns/formats/N3>"
    }


def test_the_service_description_lists_the_named_graphs_of_the_manifest(sample_client):
    found = triples(sample_client.get("/sparql"))
    assert objects(found, SD + "name") == {f"<{g}>" for g in (GRAPH_A, GRAPH_VOCAB, GRAPH_BULK)}


def test_the_service_description_in_json_ld(sample_client):
    response = sample_client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json" and len(triples(response, "jsonld")) > 20
