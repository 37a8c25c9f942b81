"""What a citation says, read from a small store made here: the dataset part, the sources of a resource, the key."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from kg.stores.lookups import GraphData
from kg.web.present.citation import MAX_SOURCES, cite, source_documents

BASE = "https://data.example.org/"
DCT, RDFS, PROV = "http://purl.org/dc/terms/", "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/ns/prov#"
RDF_TYPE, DOCUMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://xmlns.com/foaf/0.1/Document"
DATASET = BASE + "id/dataset/d"
TODAY = dt.date(2026, 12, 5)


def iri(path: str) -> ox.NamedNode:
    return ox.NamedNode(path if ":" in path else BASE + path)


def text(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def store_with(reports: int) -> ox.Store:
    """`reports` report graphs, each derived from its own document; a shared place named in every one."""
    store = ox.Store()
    for n in range(1, reports + 1):
        graph, doc = iri(f"graph/r{n}"), iri(f"id/document/r{n}")
        quads = [
            (graph, iri(PROV + "wasDerivedFrom"), doc),
            (doc, iri(RDF_TYPE), iri(DOCUMENT)),
            (doc, iri(DCT + "title"), text(f"Bài {n}", "vi")),
            (doc, iri(RDFS + "label"), text(f"Article {n}", "en")),
            (doc, iri(DCT + "language"), text("vi")),
            (doc, iri(DCT + "issued"), ox.Literal(f"2013-01-{n:02d}", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
            (doc, iri(DCT + "publisher"), iri("id/organisation/press")),
            (doc, iri(DCT + "source"), iri("https://news.example.vn/")),
            (iri("id/place/p"), iri(RDFS + "label"), text("Tỉnh P", "vi")),
            (iri(f"id/observation/r{n}/x"), iri(PROV + "wasDerivedFrom"), doc),
        ]
        store.extend(ox.Quad(s, p, o, graph) for s, p, o in quads)
    vocabulary = iri("graph/vocabulary")
    store.extend(
        ox.Quad(s, p, o, vocabulary)
        for s, p, o in [
            (iri("id/organisation/press"), iri(RDFS + "label"), text("Press Association", "en")),
            (iri("id/organisation/press"), iri(RDFS + "label"), text("Hội Báo chí", "vi")),
            (iri("def/kg"), iri(RDFS + "label"), text("The vocabulary", "en")),
        ]
    )
    return store


def description() -> GraphData:
    store = ox.Store()
    ds, agent = iri(DATASET), iri("id/agent/team")
    for s, p, o in [
        (ds, iri(DCT + "title"), text("Tập dữ liệu", "vi")),
        (ds, iri(DCT + "title"), text("The data", "en")),
        (ds, iri(DCT + "publisher"), agent),
        (ds, iri("http://www.w3.org/ns/dcat#version"), text("v1")),
        (ds, iri(DCT + "modified"), ox.Literal("2026-11-30", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
        (agent, iri(RDFS + "label"), text("Nhóm", "vi")),
        (agent, iri(RDFS + "label"), text("The team", "en")),
    ]:
        store.add(ox.Quad(s, p, o))
    return GraphData(store, BASE)


def test_the_dataset_citation_reads_the_description():
    c = cite(GraphData(store_with(1), BASE), description(), DATASET, DATASET, "en", TODAY)
    assert (c.title, c.dataset.publisher, c.dataset.version, c.year) == ("The data", "The team", "v1", "2026")
    assert c.link == DATASET + "?version=v1" and c.sources == () and c.of_dataset and c.key == "id:dataset:d:v1"


def test_a_figure_cites_the_document_it_names():
    c = cite(GraphData(store_with(2), BASE), description(), BASE + "id/observation/r2/x", DATASET, "en", TODAY)
    (source,) = c.sources
    assert (source.title, source.translated, source.publisher, source.issued, source.after) == (
        "Bài 2",
        "Article 2",
        "Press Association",
        "2013-01-02",
        ("news.example.vn",),
    )


def test_the_source_title_stays_in_its_own_language_and_translation_is_dropped_when_the_same():
    c = cite(GraphData(store_with(1), BASE), description(), BASE + "id/observation/r1/x", DATASET, "vi", TODAY)
    assert c.sources[0].title == "Bài 1" and c.sources[0].translated == "" and c.sources[0].publisher == "Hội Báo chí"


def test_a_shared_resource_cites_the_documents_of_its_graphs_up_to_a_limit():
    data = GraphData(store_with(MAX_SOURCES + 2), BASE)
    c = cite(data, description(), BASE + "id/place/p", DATASET, "vi", TODAY)
    assert len(source_documents(data, BASE + "id/place/p")) == MAX_SOURCES + 2
    assert [s.iri for s in c.sources] == [BASE + f"id/document/r{n}" for n in range(1, MAX_SOURCES + 1)] and c.more_sources == 2


def test_a_document_is_its_own_source():
    data = GraphData(store_with(1), BASE)
    assert source_documents(data, BASE + "id/document/r1") == [BASE + "id/document/r1"]


def test_a_named_graph_cites_the_document_it_comes_from():
    data = GraphData(store_with(1), BASE)
    assert source_documents(data, BASE + "graph/r1") == [BASE + "id/document/r1"]


def test_a_term_outside_the_reports_has_no_source():
    c = cite(GraphData(store_with(1), BASE), description(), BASE + "def/kg", DATASET, "en", TODAY)
    assert c.sources == () and c.more_sources == 0 and c.title == "The vocabulary" and not c.of_dataset
