"""A small publication written by the tests themselves: the layout of kg.publication.layout, over a tiny TriG.

`write_publication(output_dir)` writes versions/<version>/{manifest.json, dumps (+ .gz), void.ttl,
ontology.ttl, shapes.ttl, validation-report.ttl, sources/report-a.txt, queries.json, store/} and
points `current` at it. It does not depend on the build, so the protocol tests run without it.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pyoxigraph as ox

from kg.publication.layout import FileEntry, Manifest

BASE = "http://data.example.org/"
DATASET = BASE + "id/dataset/kg"
GRAPH_A = BASE + "graph/report-a"
GRAPH_VOCAB = BASE + "graph/vocabulary"
GRAPH_BULK = BASE + "graph/bulk"

SAMPLE_TRIG = f"""
@prefix kg: <{BASE}def/kg/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

<{GRAPH_A}> {{
  <{BASE}id/place/binh-phuoc> a kg:Province ;
      rdfs:label "Bình Phước"@vi, "Binh Phuoc province"@en ;
      owl:sameAs <http://www.wikidata.org/entity/Q36754> .
  <{BASE}id/observation/report-a/staff> a kg:Observation ;
      kg:area <{BASE}id/place/binh-phuoc> ;
      kg:value "42"^^xsd:integer ;
      rdfs:comment "<script>alert('x')</script> & more" .
  <{BASE}id/document/report-a> a kg:SourceDocument ;
      rdfs:label "Báo cáo A"@vi .
}}

<{GRAPH_VOCAB}> {{
  kg:Province a owl:Class ; rdfs:label "Tỉnh"@vi, "Province"@en .
  kg:Observation a owl:Class ; rdfs:label "Quan sát"@vi, "Observation"@en .
}}
"""

VOID_TTL = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{DATASET}> a void:Dataset ;
    dcterms:title "Dữ liệu thử"@vi, "Test data"@en ;
    void:sparqlEndpoint <{BASE}sparql> ;
    void:dataDump <{BASE}download/kg.nt> .
"""

QUERIES = [
    {
        "id": "01-provinces",
        "title": {"vi": "Các tỉnh", "en": "Provinces"},
        "description": {"vi": "Mọi tỉnh và nhãn", "en": "Every province and its label"},
        "query": "PREFIX kg: <def/kg/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?place ?label WHERE { ?place a kg:Province ; rdfs:label ?label } ORDER BY ?label",
    },
    {
        "id": "02-count",
        "title": {"vi": "Đếm bộ ba", "en": "Count triples"},
        "description": {"vi": "Số bộ ba", "en": "How many triples"},
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    },
]

_DUMPS = (  # file, pyoxigraph format, media type, short name, keeps graphs
    ("kg.ttl", ox.RdfFormat.TURTLE, "text/turtle", "turtle", False),
    ("kg.nt", ox.RdfFormat.N_TRIPLES, "application/n-triples", "ntriples", False),
    ("kg.nq", ox.RdfFormat.N_QUADS, "application/n-quads", "nquads", True),
    ("kg.trig", ox.RdfFormat.TRIG, "application/trig", "trig", True),
    ("kg.jsonld", ox.RdfFormat.JSON_LD, "application/ld+json", "jsonld", False),
    ("kg.rdf", ox.RdfFormat.RDF_XML, "application/rdf+xml", "rdfxml", False),
)


def bulk_trig(count: int) -> str:
    """`count` generated triples in a graph of their own (for row limits and slow queries)."""
    lines = "\n".join(f"  <{BASE}id/item/i{i}> <{BASE}def/kg/rank> {i} ." for i in range(count))
    return f"<{GRAPH_BULK}> {{\n{lines}\n}}\n"


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()


def write_publication(output_dir: Path, *, version: str = "v1", trig: str = SAMPLE_TRIG, extra_triples: int = 0, make_current: bool = True) -> Path:
    """Write one version of a publication into `output_dir`; returns the version folder."""
    output_dir = Path(output_dir)
    folder = output_dir / "versions" / version
    folder.mkdir(parents=True)
    text = trig + (bulk_trig(extra_triples) if extra_triples else "")
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TRIG))
    entries: list[FileEntry] = []

    def write(path: str, data: bytes, media_type: str, fmt: str, role: str, encoding: str | None = None) -> None:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
        entries.append(FileEntry(path, media_type, fmt, len(data), hashlib.sha256(data).hexdigest(), encoding, role))

    prefixes = {"kg": BASE + "def/kg/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    for name, fmt, media_type, short, keeps_graphs in _DUMPS:
        items = quads if keeps_graphs else [q.triple for q in quads]
        data = ox.serialize(items, format=fmt, prefixes=prefixes if fmt != ox.RdfFormat.N_TRIPLES else None)
        write(name, data, media_type, short, "dump")
        write(name + ".gz", _gzip(data), media_type, short, "dump", "gzip")
    write("void.ttl", VOID_TTL.encode("utf-8"), "text/turtle", "turtle", "description")
    write("ontology.ttl", b"# the ontology\n", "text/turtle", "turtle", "ontology")
    write("shapes.ttl", b"# the shapes\n", "text/turtle", "turtle", "shapes")
    write("validation-report.ttl", b"# conforms\n", "text/turtle", "turtle", "report")
    write("sources/report-a.txt", "Báo cáo A: nội dung.\n".encode(), "text/plain", "text", "source")
    write("queries.json", json.dumps(QUERIES, ensure_ascii=False).encode("utf-8"), "application/json", "json", "queries")

    store = ox.Store(str(folder / "store"))
    store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()  # the read-write handle must be closed before readers open the store read-only

    graphs: dict[str, int] = {}
    for q in quads:
        graphs[q.graph_name.value] = graphs.get(q.graph_name.value, 0) + 1
    manifest = Manifest(
        version=version, base=BASE, triples=len(quads), graphs=graphs, files=tuple(sorted(entries, key=lambda f: f.path)), dataset=DATASET
    )
    (folder / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    if make_current:
        point_current(output_dir, folder)
    return folder


def point_current(output_dir: Path, folder: Path) -> None:
    """Switch `current` to a version folder atomically (as the build does)."""
    tmp = Path(output_dir) / ".tmp-current"
    if tmp.is_symlink():
        tmp.unlink()
    os.symlink(os.path.relpath(folder, output_dir), tmp)
    os.replace(tmp, Path(output_dir) / "current")
