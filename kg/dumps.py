"""Deterministic serialisations of the dataset in every common RDF syntax, and their round-trip check."""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass

import pyoxigraph

from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import XSD

from kg.namespaces import bind_all


@dataclass(frozen=True)
class DumpFormat:
    filename: str
    rdflib_format: str  # what rdflib writes with
    parse_format: str  # what rdflib reads it back with
    media_type: str
    name: str
    quads: bool  # keeps the named graphs


DUMP_FORMATS = (
    DumpFormat("kg.trig", "oxigraph-trig", "trig", "application/trig", "trig", True),
    DumpFormat("kg.nq", "nquads", "nquads", "application/n-quads", "nquads", True),
    DumpFormat("kg.ttl", "longturtle", "turtle", "text/turtle", "turtle", False),
    DumpFormat("kg.nt", "nt", "nt", "application/n-triples", "ntriples", False),
    DumpFormat("kg.jsonld", "json-ld", "json-ld", "application/ld+json", "jsonld", False),
    DumpFormat("kg.rdf", "oxigraph-rdfxml", "xml", "application/rdf+xml", "rdfxml", False),
)


def union_graph(dataset: Dataset, base: str) -> Graph:
    """Every triple of every named graph, in one graph (what the triple-only formats carry)."""
    union = Graph(bind_namespaces="none")
    bind_all(union, base)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def serialise(fmt: DumpFormat, dataset: Dataset, union: Graph) -> bytes:
    """The bytes of one dump; line-based formats are sorted so that the same data gives the same bytes."""
    if fmt.rdflib_format == "oxigraph-trig":
        # rdflib writes graphs in hash order; pyoxigraph writes them as given: sorted by graph, then subject.
        nquads = serialise(DUMP_FORMATS[1], dataset, union)
        quads = sorted(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS),
                       key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=_prefixes(union))
    elif fmt.quads:
        data = dataset.serialize(format=fmt.rdflib_format, encoding="utf-8")
    elif fmt.rdflib_format == "json-ld":
        compact = json.loads(union.serialize(format="json-ld", encoding="utf-8", auto_compact=True))
        data = (json.dumps(_sorted_json(compact), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    elif fmt.rdflib_format == "oxigraph-rdfxml":
        # rdflib's RDF/XML follows hash order; pyoxigraph streams the sorted N-Triples as given.
        ntriples = serialise(DUMP_FORMATS[3], dataset, union)
        triples = pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML, prefixes=_prefixes(union))
    else:
        data = union.serialize(format=fmt.rdflib_format, encoding="utf-8")
    if fmt.rdflib_format in ("nt", "nquads"):
        lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return data


def _prefixes(graph: Graph) -> dict[str, str]:
    return {p: str(ns) for p, ns in graph.namespaces() if p}


def _sorted_json(value):
    """JSON-LD with every array in a stable order (our data has no @list, so order carries no meaning)."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no name and no timestamp, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buffer.getvalue()


def check_round_trip(fmt: DumpFormat, data: bytes, expected: set) -> None:
    """Parse a dump back with the other library than the one that wrote it and compare with the graph.

    `expected` is `oxigraph_quads(dataset)`; for the triple-only formats the graph names are dropped.
    """
    if fmt.rdflib_format.startswith("oxigraph-"):
        parsed = Dataset()
        parsed.parse(data=data, format=fmt.parse_format)
        got = oxigraph_quads(parsed)
    else:
        ox_format = _OXIGRAPH_READS[fmt.parse_format]
        got = set(pyoxigraph.parse(data, format=ox_format))
    if fmt.quads:
        want = expected
    else:
        got = {q.triple if isinstance(q, pyoxigraph.Quad) else q for q in got}
        want = {q.triple for q in expected}
    if got != want:
        raise AssertionError(f"{fmt.filename}: {len(got ^ want)} statements differ after reading the dump back")


_OXIGRAPH_READS = {
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
}


def oxigraph_quads(dataset: Dataset) -> set:
    """The quads of an rdflib dataset as pyoxigraph quads (named graphs only; no blank nodes expected)."""
    quads = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if any(isinstance(term, BNode) for term in (s, p, o)):
            raise AssertionError("blank nodes in the data: the dumps cannot be compared statement by statement")
        graph = g.identifier if isinstance(g, Graph) else g
        quads.add(pyoxigraph.Quad(_ox(s), _ox(p), _ox(o), pyoxigraph.NamedNode(str(graph))))
    return quads


def _ox(term):
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(datatype)))
    return pyoxigraph.NamedNode(str(term))
