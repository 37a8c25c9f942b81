"""The build: a deterministic, self-checked, atomically switched publication."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF, VOID, XSD

from kg.build.facts import FactsError
from kg.build.pipeline import build
from kg.build.version import compute_version, is_current
from kg.config import BuildConfig
from kg.publication.dumps import DUMP_FORMATS
from kg.publication.layout import current_dir, read_manifest
from kg.publication.writer import TMP_PREFIX, clean_up
from tests.conftest import BASE


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under a version folder, the store's database files left out."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and "store" not in p.relative_to(folder).parts
    }


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(BuildConfig().data_dir, data)
    return data


def test_current_points_at_a_complete_version(built, publication_dir):
    live = current_dir(publication_dir)
    assert live == built.path.resolve()
    assert (publication_dir / "current").is_symlink()
    assert read_manifest(live).version == built.version


def test_the_manifest_lists_every_file_with_its_size_and_sha256(built):
    manifest = read_manifest(built.path)
    on_disk = set(snapshot(built.path)) - {"manifest.json"}
    assert {f.path for f in manifest.files} == on_disk
    for entry in manifest.files:
        data = (built.path / entry.path).read_bytes()
        assert entry.bytes == len(data)
        assert entry.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=lambda f: f.filename)
def test_each_dump_read_by_a_second_parser_holds_every_triple(built, fmt):
    data = (built.path / fmt.filename).read_bytes()
    ox_format = {
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    }[fmt.name]
    parsed = list(pyoxigraph.parse(data, format=ox_format))
    # The reference is another file: kg.nq (written by rdflib), or for kg.nq itself kg.trig (written by pyoxigraph).
    other, other_format = ("kg.trig", pyoxigraph.RdfFormat.TRIG) if fmt.name == "nquads" else ("kg.nq", pyoxigraph.RdfFormat.N_QUADS)
    reference = list(pyoxigraph.parse((built.path / other).read_bytes(), format=other_format))
    if fmt.quads:
        assert {str(q) for q in parsed} == {str(q) for q in reference}
        assert len(set(map(str, parsed))) == sum(built.graphs.values())
    else:
        assert {str(t) for t in parsed} == {str(q.triple) for q in reference}
        assert len({str(t) for t in parsed}) == built.triples


@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=lambda f: f.filename)
def test_each_gzipped_dump_holds_the_same_bytes(built, fmt):
    assert gzip.decompress((built.path / (fmt.filename + ".gz")).read_bytes()) == (built.path / fmt.filename).read_bytes()


def test_the_trig_dump_has_one_named_graph_per_source_document_its_readings_and_the_vocabulary(built):
    assert sorted(built.graphs) == [BASE + "graph/binh-phuoc-2012-ict", BASE + "graph/binh-phuoc-2012-ict/curation", BASE + "graph/vocabulary"]


def test_the_store_holds_each_named_graph_and_their_union_as_published(store, built):
    per_graph = {row["g"].value: int(row["n"].value) for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    assert {g: n for g, n in per_graph.items() if g in built.graphs} == built.graphs
    graphs = [pyoxigraph.NamedNode(g) for g in built.graphs]
    [union] = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", default_graph=graphs)
    assert int(union["n"].value) == built.triples


def test_the_description_states_endpoint_dumps_uri_space_and_size(built):
    void = Graph().parse(built.path / "void.ttl")
    dataset = URIRef(read_manifest(built.path).dataset)
    assert (dataset, RDF.type, DCAT.Dataset) in void and (dataset, RDF.type, VOID.Dataset) in void
    assert (dataset, VOID.sparqlEndpoint, URIRef(BASE + "sparql")) in void
    assert (dataset, VOID.uriSpace, Literal(BASE)) in void
    assert (dataset, VOID.triples, Literal(built.triples, datatype=XSD.integer)) in void
    dumps = set(void.objects(dataset, VOID.dataDump))
    assert {URIRef(BASE + "download/" + f.filename) for f in DUMP_FORMATS} <= dumps
    sizes = {str(d): int(s) for d in void.objects(dataset, DCAT.distribution) for s in void.objects(d, DCAT.byteSize)}
    assert len(sizes) == len(read_manifest(built.path).files) - 1  # all but void.ttl itself


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path, built):
    again = build(BuildConfig(base=BASE, output_dir=tmp_path / "second"))
    assert again.version == built.version
    assert snapshot(again.path) == snapshot(built.path)


def test_the_version_changes_with_the_base_iri(tmp_path):
    assert compute_version(BuildConfig(base=BASE)) != compute_version(BuildConfig(base="https://data.example.vn/"))


def test_a_build_with_broken_facts_leaves_the_publication_byte_for_byte(tmp_path):
    output = tmp_path / "out"
    first = build(BuildConfig(base=BASE, output_dir=output))
    before = snapshot(first.path)
    data = copy_data(tmp_path)
    facts = data / "reports" / "binh-phuoc-2012-ict" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("at: ", "at: 1", 1), encoding="utf-8")
    with pytest.raises(FactsError):
        build(BuildConfig(base=BASE, output_dir=output, data_dir=data))
    assert current_dir(output) == first.path.resolve()
    assert snapshot(first.path) == before


def test_a_new_version_is_switched_in_and_the_previous_one_kept(tmp_path):
    output = tmp_path / "out"
    first = build(BuildConfig(base=BASE, output_dir=output))
    data = copy_data(tmp_path)
    facts = data / "reports" / "binh-phuoc-2012-ict" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# a comment changes the version\n", encoding="utf-8")
    second = build(BuildConfig(base=BASE, output_dir=output, data_dir=data))
    assert second.version != first.version
    assert current_dir(output) == second.path.resolve()
    assert (first.path / "manifest.json").is_file()


def test_leftovers_of_a_killed_build_are_cleaned_up_by_the_next(tmp_path):
    output = tmp_path / "out"
    build(BuildConfig(base=BASE, output_dir=output))
    leftover = output / "versions" / f"{TMP_PREFIX}deadbeef-12345"
    leftover.mkdir()
    (leftover / "kg.ttl").write_text("half a file")
    stale_link = output / f"{TMP_PREFIX}current-12345"
    os.symlink("versions/nowhere", stale_link)
    removed = clean_up(output)
    assert leftover in removed and not leftover.exists()
    assert not stale_link.is_symlink()
    assert current_dir(output).is_dir()


def test_is_current_tells_whether_the_inputs_changed(tmp_path, built, build_config):
    assert is_current(build_config)
    assert not is_current(BuildConfig(base=BASE, output_dir=tmp_path / "empty"))


@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=lambda f: f.filename)
def test_a_dump_that_lost_a_statement_fails_the_round_trip_check(built, fmt):
    from kg.publication.dumps import check_round_trip

    reference = pyoxigraph.parse((built.path / "kg.nq").read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS)
    expected = set(reference)
    extra = pyoxigraph.Quad(
        pyoxigraph.NamedNode(BASE + "id/place/nowhere"),
        pyoxigraph.NamedNode(BASE + "def/kg/missing"),
        pyoxigraph.Literal("x"),
        pyoxigraph.NamedNode(BASE + "graph/vocabulary"),
    )
    with pytest.raises(AssertionError, match="differ after reading the dump back"):
        check_round_trip(fmt, (built.path / fmt.filename).read_bytes(), expected | {extra})
