"""Deterministic serialisations of the dataset in every common RDF syntax, and their round-trip check."""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass

import pyoxigraph

from rdflib import BNode, Dataset, Graph
from rdflib.compare import isomorphic

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


def check_round_trip(fmt: DumpFormat, data: bytes, dataset: Dataset, union: Graph) -> None:
    """Parse a dump back and check it holds exactly the built data (graphs included for quad formats)."""
    if fmt.quads:
        parsed = Dataset()
        parsed.parse(data=data, format=fmt.parse_format)
        expected = {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}
        got = {(s, p, o, g) for s, p, o, g in parsed.quads((None, None, None, None))}
        if _has_bnodes(expected):
            raise AssertionError(f"{fmt.filename}: blank nodes in a quad dump cannot be compared")
        if got != expected:
            raise AssertionError(f"{fmt.filename}: {len(expected ^ got)} quads differ after reading the dump back")
        return
    parsed = Graph()
    parsed.parse(data=data, format=fmt.parse_format)
    same = set(parsed) == set(union) if not _has_bnodes(union) else isomorphic(parsed, union)
    if not same:
        raise AssertionError(f"{fmt.filename}: the dump read back is not isomorphic to the built graph")


def _has_bnodes(triples) -> bool:
    return any(isinstance(term, BNode) for t in triples for term in t)
