"""The build reads its store back: the endpoint gives every quad of the dumps, term for term, or nothing is published."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.build.pipeline import DESCRIPTION_GRAPH, build
from kg.config import BuildConfig
from kg.publication.dumps import NQ, sorted_lines
from kg.publication.layout import current_dir
from kg.publication.readback import StoreDiffers, quad_lines, store_lines
from tests.build.test_build import snapshot
from tests.conftest import BASE

XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
DCAT_BYTE_SIZE = ox.NamedNode("http://www.w3.org/ns/dcat#byteSize")


def published_lines(version_dir) -> bytes:
    """kg.nq and void.ttl (in the description graph), as sorted canonical N-Quads lines."""
    description = ox.NamedNode(BASE + "graph/" + DESCRIPTION_GRAPH)
    void = (ox.Quad(t.subject, t.predicate, t.object, description) for t in ox.parse(path=str(version_dir / "void.ttl"), format=ox.RdfFormat.TURTLE))
    return sorted_lines(quad_lines(ox.parse(path=str(version_dir / "kg.nq"), format=NQ)) + quad_lines(void))


def test_the_published_store_gives_back_every_quad_of_the_dumps_term_for_term(built):
    store = ox.Store.read_only(str(built.path / "store"))
    assert store_lines(store) == published_lines(built.path)


def test_positions_in_the_text_are_published_as_xsd_integer_in_dumps_and_store(built):
    store = ox.Store.read_only(str(built.path / "store"))
    for predicate in (ox.NamedNode(OA + "start"), ox.NamedNode(OA + "end")):
        dumped = {q.object.datatype.value for q in ox.parse(path=str(built.path / "kg.nq"), format=NQ) if q.predicate == predicate}
        stored = {q.object.datatype.value for q in store.quads_for_pattern(None, predicate, None, None)}
        assert dumped == stored == {XSD + "integer"}


def test_byte_sizes_in_the_description_are_xsd_integer_in_void_and_store(built):
    store = ox.Store.read_only(str(built.path / "store"))
    described = {
        q.object.datatype.value for q in ox.parse(path=str(built.path / "void.ttl"), format=ox.RdfFormat.TURTLE) if q.predicate == DCAT_BYTE_SIZE
    }
    stored = {q.object.datatype.value for q in store.quads_for_pattern(None, DCAT_BYTE_SIZE, None, None)}
    assert described == stored == {XSD + "integer"}


def test_a_datatype_the_store_rewrites_stops_the_build_naming_the_quad_and_leaves_the_live_publication(tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(BuildConfig().ontology_dir, ontology)
    output = tmp_path / "publication"
    config = BuildConfig(base=BASE, output_dir=output, ontology_dir=ontology)
    live = build(config)
    before = snapshot(live.path)
    with open(ontology / "kg.ttl", "a", encoding="utf-8") as vocabulary:  # xsd:int: pyoxigraph keeps it as xsd:integer
        vocabulary.write('\n<def/kg> <http://example.org/count> "42"^^xsd:int .\n')

    with pytest.raises(StoreDiffers) as raised:
        build(config)

    message = str(raised.value)
    assert "1 statement(s) differ" in message
    assert f'loaded <{BASE}def/kg> <http://example.org/count> "42"^^<{XSD}int> <{BASE}graph/vocabulary> .' in message
    assert f'the store gives <{BASE}def/kg> <http://example.org/count> "42"^^<{XSD}integer> <{BASE}graph/vocabulary> .' in message
    assert current_dir(output) == live.path.resolve()
    assert snapshot(live.path) == before
    assert sorted(p.name for p in (output / "versions").iterdir()) == [live.path.name]


def test_kg_build_says_which_quads_differ_and_that_nothing_was_published(monkeypatch, tmp_path, capsys):
    from kg.cli import main
    from kg.cli.outcome import EXIT_OK
    from kg.publication.readback import Difference

    def refuse(config, log=None, progress=None):
        raise StoreDiffers("the store of version v1", [Difference('<a> <p> "1"^^<int> <g> .', '<a> <p> "1"^^<integer> <g> .')])

    monkeypatch.setattr("kg.build.pipeline.build", refuse)
    assert main(["build", "--output", str(tmp_path / "out"), "--base", BASE]) != EXIT_OK
    err = capsys.readouterr().err
    assert "kg: the store of version v1: 1 statement(s) differ" in err
    assert 'loaded <a> <p> "1"^^<int> <g> .' in err and 'the store gives <a> <p> "1"^^<integer> <g> .' in err
    assert err.rstrip().endswith("nothing was published.")
