"""Every place that counts the data (health, home page, service description, VoID) says what the endpoint
serves, or says what it leaves out: the endpoint also serves the description graph, which the dumps do not hold."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDFS, VOID

from kg.publication.layout import read_manifest
from kg.stores.embedded.pool import runner_for
from kg.web import create_app
from tests.conftest import BASE
from tests.web.html_text import Page

DESCRIPTION_GRAPH = BASE + "graph/description"


@pytest.fixture(scope="module")
def real_client(publication_dir):
    app = create_app({"output_dir": publication_dir})
    yield app.test_client()
    runner_for(app).close()


def ask(client, query: str) -> list[dict]:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["results"]["bindings"]


@pytest.fixture(scope="module")
def served(real_client) -> tuple[int, dict[str, int]]:
    """(distinct triples, {graph: triples}) as the endpoint itself counts them."""
    # the default graph is the union, a set: a triple stated in two graphs is one triple of it
    [total] = ask(real_client, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    rows = ask(real_client, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return int(total["n"]["value"]), {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def test_health_counts_the_triples_and_graphs_the_endpoint_serves(real_client, served):
    body = real_client.get("/health").get_json()
    assert (body["triples"], body["graphs"]) == (served[0], len(served[1]))


def test_health_says_what_the_dumps_hold_apart(real_client, built, served):
    body = real_client.get("/health").get_json()
    assert body["dumps"] == {"triples": built.triples, "graphs": len(built.graphs)}
    assert set(served[1]) - set(built.graphs) == {DESCRIPTION_GRAPH}


def test_the_manifest_counts_what_the_store_serves(built, served):
    manifest = read_manifest(built.path)
    assert (manifest.served.triples, manifest.served.graphs) == served
    assert (manifest.triples, manifest.graphs) == (built.triples, built.graphs)


@pytest.mark.parametrize(
    "lang, served_words, parts",
    [
        ("en", "triples served by the SPARQL endpoint", "{data} of data, as in the downloads, and {description} describing the dataset"),
        ("vi", "bộ ba qua điểm truy vấn SPARQL", "{data} bộ ba dữ liệu như trong các tệp tải về và {description} bộ ba mô tả bộ dữ liệu"),
    ],
)
def test_the_home_page_counts_what_the_endpoint_serves_and_what_of_it_the_downloads_hold(real_client, built, served, lang, served_words, parts):
    def number(n: int) -> str:
        return f"{n:,}".replace(",", "." if lang == "vi" else ",")

    text = Page(real_client.get("/", query_string={"lang": lang}, headers={"Accept": "text/html"}).get_data(as_text=True)).text
    assert f"{number(served[0])} {served_words}" in text
    assert parts.format(data=number(built.triples), description=number(served[1][DESCRIPTION_GRAPH])) in text


def test_the_service_description_counts_every_graph_the_endpoint_serves(real_client, served):
    response = real_client.get("/sparql", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    names = {t.subject: t.object.value for t in triples if t.predicate.value == sd + "name"}
    graph_of = {t.subject: t.object for t in triples if t.predicate.value == sd + "graph"}
    counts = {t.subject: int(t.object.value) for t in triples if t.predicate.value == str(VOID.triples)}
    assert {names[named]: counts[graph_of[named]] for named in names} == served[1]
    default = next(t.object for t in triples if t.predicate.value == sd + "defaultGraph")
    assert counts[default] == served[0]


def test_void_says_its_counts_are_of_the_data_and_names_the_graph_it_leaves_out(built):
    void = Graph().parse(built.path / "void.ttl", format="turtle")
    dataset = URIRef(read_manifest(built.path).dataset)
    assert (dataset, VOID.triples, Literal(built.triples)) in void
    assert (URIRef(DESCRIPTION_GRAPH), FOAF.primaryTopic, dataset) in void
    comments = {c.language: str(c) for c in void.objects(dataset, RDFS.comment)}
    assert f"<{DESCRIPTION_GRAPH}>, which is not counted here" in comments["en"]
    assert f"<{DESCRIPTION_GRAPH}>; đồ thị đó không được đếm ở đây" in comments["vi"]
