"""The dumps in every common RDF syntax, written from the checked N-Quads, and their round-trip check.

Each report's N-Quads are written by rdflib and checked against its graph by pyoxigraph (see
kg.build.report); the dataset's N-Quads are those chunks in graph order. Every other dump is
streamed from them by pyoxigraph (sorted input, so the same data gives the same bytes), then read
back and compared statement by statement with the N-Quads: each dump is re-parsed in full, and the
comparison is of sorted canonical lines, linear in the size of the data (bar the sort).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import XSD

from kg.namespaces import bind_all

NQ, NT = pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.N_TRIPLES


@dataclass(frozen=True)
class DumpFormat:
    filename: str
    format: pyoxigraph.RdfFormat
    media_type: str
    name: str
    quads: bool  # keeps the named graphs


DUMP_FORMATS = (
    DumpFormat("kg.trig", pyoxigraph.RdfFormat.TRIG, "application/trig", "trig", True),
    DumpFormat("kg.nq", NQ, "application/n-quads", "nquads", True),
    DumpFormat("kg.ttl", pyoxigraph.RdfFormat.TURTLE, "text/turtle", "turtle", False),
    DumpFormat("kg.nt", NT, "application/n-triples", "ntriples", False),
    DumpFormat("kg.jsonld", pyoxigraph.RdfFormat.JSON_LD, "application/ld+json", "jsonld", False),
    DumpFormat("kg.rdf", pyoxigraph.RdfFormat.RDF_XML, "application/rdf+xml", "rdfxml", False),
)


@dataclass(frozen=True)
class Reference:
    """What every dump must hold: the dataset's quads and its union's triples, as sorted canonical lines."""

    quads: bytes
    triples: bytes

    @classmethod
    def of(cls, nquads: bytes) -> Reference:
        """The reference of an N-Quads document (pyoxigraph's canonical lines, sorted, duplicates dropped)."""
        quads = list(pyoxigraph.parse(nquads, format=NQ))
        return cls(
            quads=sorted_lines(pyoxigraph.serialize(quads, format=NQ)),
            triples=sorted_lines(pyoxigraph.serialize((q.triple for q in quads), format=NT)),
        )

    @property
    def triple_count(self) -> int:
        return self.triples.count(b"\n")

    @property
    def quad_count(self) -> int:
        return self.quads.count(b"\n")


def sorted_lines(data: bytes) -> bytes:
    """The non-empty lines of a line-based RDF document, sorted and without duplicates."""
    lines = sorted({line for line in data.split(b"\n") if line.strip()})
    return b"\n".join(lines) + b"\n" if lines else b""


def serialise(fmt: DumpFormat, nquads: bytes, reference: Reference, prefixes: dict[str, str]) -> bytes:
    """The bytes of one dump. N-Quads as given; N-Triples the sorted union; the others streamed by pyoxigraph."""
    if fmt.format == NQ:
        return nquads
    if fmt.format == NT:
        return reference.triples
    if fmt.quads:
        return pyoxigraph.serialize(pyoxigraph.parse(nquads, format=NQ), format=fmt.format, prefixes=prefixes)
    return pyoxigraph.serialize(pyoxigraph.parse(reference.triples, format=NT), format=fmt.format, prefixes=prefixes)


def check_round_trip(fmt: DumpFormat, data: bytes, expected) -> None:
    """Read a dump back in full and compare it with what it must hold; AssertionError naming the difference.

    `expected` is a `Reference`, or the dataset's quads (pyoxigraph quads); for the triple-only
    formats the graph names are dropped.
    """
    if not isinstance(expected, Reference):
        expected = Reference.of(pyoxigraph.serialize(list(expected), format=NQ))
    parsed = pyoxigraph.parse(data, format=fmt.format)
    if fmt.quads:
        got, want = sorted_lines(pyoxigraph.serialize(parsed, format=NQ)), expected.quads
    else:
        triples = (q.triple if isinstance(q, pyoxigraph.Quad) else q for q in parsed)
        got, want = sorted_lines(pyoxigraph.serialize(triples, format=NT)), expected.triples
    if got != want:
        differ = set(got.split(b"\n")) ^ set(want.split(b"\n"))
        raise AssertionError(f"{fmt.filename}: {len(differ)} statements differ after reading the dump back")


def gzip_bytes(data: bytes, level: int = 6) -> bytes:
    """gzip with no name and no timestamp, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=level) as gz:
        gz.write(data)
    return buffer.getvalue()


def union_graph(dataset: Dataset, base: str) -> Graph:
    """Every triple of every named graph, in one rdflib graph."""
    union = Graph(bind_namespaces="none")
    bind_all(union, base)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def oxigraph_quads_of(triples: Iterable, graph_name) -> set:
    """rdflib triples as pyoxigraph quads in graph `graph_name` (no blank nodes expected)."""
    graph = pyoxigraph.NamedNode(str(graph_name))
    quads = set()
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise AssertionError("blank nodes in the data: the dumps cannot be compared statement by statement")
        quads.add(pyoxigraph.Quad(_ox(s), _ox(p), _ox(o), graph))
    return quads


def _ox(term):
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(datatype)))
    return pyoxigraph.NamedNode(str(term))
