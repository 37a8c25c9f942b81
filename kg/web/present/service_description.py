"""The SPARQL 1.1 Service Description of /sparql (what a GET without a query returns to RDF clients).

It names the endpoint, the language (SPARQL 1.1 Query only: the endpoint is read-only), every
result format (N3 too: asked for, it is answered in Turtle, an N3 subset), the union-default-graph
feature, and the default dataset: the union of the named graphs listed in the manifest, each with
its triple count.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.publication.layout import Manifest
from kg.web.formats import GRAPH_FORMATS, N3_IRI, RESULTS_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_SEE_ALSO = NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {"sd": SD, "void": VOID, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "formats": "http://www.w3.org/ns/formats/"}


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def _count(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def service_description(endpoint: str, manifest: Manifest) -> list[Triple]:
    """The triples describing the endpoint at `endpoint` over the publication of `manifest`."""
    service, dataset, default_graph = NamedNode(endpoint), BlankNode("dataset"), BlankNode("defaultGraph")
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), service),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, RDFS_SEE_ALSO, NamedNode(manifest.dataset)),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
        Triple(default_graph, NamedNode(VOID + "triples"), _count(manifest.endpoint.triples)),
    ]
    for iri in [fmt.pyoxigraph.iri for fmt in RESULTS_FORMATS + GRAPH_FORMATS] + [N3_IRI]:
        triples.append(Triple(service, _sd("resultFormat"), NamedNode(iri)))
    for i, (name, count) in enumerate(sorted(manifest.endpoint.graphs.items())):  # the description graph too
        named, graph = BlankNode(f"named{i}"), BlankNode(f"graph{i}")
        triples += [
            Triple(dataset, _sd("namedGraph"), named),
            Triple(named, RDF_TYPE, _sd("NamedGraph")),
            Triple(named, _sd("name"), NamedNode(name)),
            Triple(named, _sd("graph"), graph),
            Triple(graph, RDF_TYPE, _sd("Graph")),
            Triple(graph, NamedNode(VOID + "triples"), _count(count)),
        ]
    return triples
