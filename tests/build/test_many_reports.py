"""A folder of several reports (the real one and generated ones) publishes one dataset, checked as a whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SH, VOID, XSD

from kg.build.dataset_checks import CHECKS
from kg.build.pipeline import NotConforming, build
from kg.build.queries import load_questions
from kg.build.validate import load_shapes
from kg.config import BuildConfig
from kg.publication.layout import current_dir, read_manifest
from kg.synthetic import generate
from tests.conftest import BASE

from .test_build import snapshot

REAL = "binh-phuoc-2012-ict"
SD_NAME = URIRef("http://www.w3.org/ns/sparql-service-description#name")


def mixed_data(root: Path) -> Path:
    """The real report and two generated ones."""
    generate(root, 4500, seed=1)
    shutil.copytree(BuildConfig().reports_dir / REAL, root / "reports" / REAL)
    return root


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    config = BuildConfig(base=BASE, data_dir=mixed_data(root / "data"), output_dir=root / "out", workers=2)
    return build(config), config


def test_one_named_graph_per_report_and_the_vocabulary(many):
    outcome, config = many
    ids = sorted(p.name for p in config.reports_dir.iterdir())
    assert len(ids) == 3 and REAL in ids
    claims = sorted(g for g in outcome.graphs if not g.endswith("/curation"))
    assert claims == sorted([BASE + f"graph/{i}" for i in ids] + [BASE + "graph/vocabulary"])
    readings = {g for g in outcome.graphs if g.endswith("/curation")}  # only reports whose facts mark readings have one
    assert BASE + f"graph/{REAL}/curation" in readings and readings <= {BASE + f"graph/{i}/curation" for i in ids}


def test_a_shared_entity_has_one_iri_and_one_label_per_language(many):
    outcome, _config = many
    store = pyoxigraph.Store.read_only(str(outcome.path / "store"))
    rows = list(store.query(f"SELECT DISTINCT ?g ?label WHERE {{ GRAPH ?g {{ <{BASE}id/organisation/mic> <{RDFS.label}> ?label }} }}"))
    assert len({r["g"].value for r in rows}) == 3  # every report states what it says of the ministry
    assert sorted({r["label"].value for r in rows}) == ["Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"]


def test_the_union_counts_a_shared_statement_once(many):
    outcome, _config = many
    nt = (outcome.path / "kg.nt").read_bytes().splitlines()
    assert len(nt) == outcome.triples < sum(outcome.graphs.values())


def test_the_description_names_every_graph_and_every_source(many):
    outcome, config = many
    void = Graph().parse(outcome.path / "void.ttl")
    dataset = URIRef(read_manifest(outcome.path).dataset)
    named = {void.value(part, SD_NAME): void.value(part, VOID.triples) for part in void.objects(dataset, VOID.subset)}
    assert named == {URIRef(g): Literal(n, datatype=XSD.integer) for g, n in outcome.graphs.items()}
    sources = set(void.objects(dataset, DCTERMS.source))
    assert sources == {URIRef(BASE + f"id/document/{p.name}") for p in config.reports_dir.iterdir()}


def test_every_source_text_is_published(many):
    outcome, config = many
    for folder in config.reports_dir.iterdir():
        assert (outcome.path / "sources" / f"{folder.name}.txt").read_bytes() == (folder / "article.txt").read_bytes()


def answer_rows(store, query: str, graphs=None) -> list[tuple]:
    """A question's answer as rows of term strings, over the union or over the given default graphs."""
    dataset = {"default_graph": [pyoxigraph.NamedNode(g) for g in graphs]} if graphs else {"use_default_graph_as_union": True}
    result = store.query(query, base_iri=BASE, **dataset)
    if isinstance(result, pyoxigraph.QueryBoolean):
        return [(bool(result),)]
    if isinstance(result, pyoxigraph.QueryTriples):
        return [(str(t.subject), str(t.predicate), str(t.object)) for t in result]
    return [tuple(str(s[v]) if s[v] is not None else None for v in result.variables) for s in result]


def test_every_competency_question_answers_over_several_reports_as_over_each(many):
    outcome, config = many
    store = pyoxigraph.Store.read_only(str(outcome.path / "store"))
    reports = [g for g in outcome.graphs if not g.endswith(("graph/vocabulary", "/curation"))]
    vocabulary = BASE + "graph/vocabulary"
    for question in load_questions(config.queries_dir):
        union = answer_rows(store, question.query)
        # a report is its claims and the curator's readings of it
        per_report = {g: answer_rows(store, question.query, [vocabulary, g, g + "/curation"]) for g in reports}
        assert union and union != [(False,)], question.id
        assert per_report[BASE + f"graph/{REAL}"], question.id  # the questions are asked of the real report
        if "GROUP BY" in question.query.upper() or "COUNT(" in question.query.upper():
            assert len(union) >= max(len(rows) for rows in per_report.values()), question.id  # groups only add up
        else:  # no aggregate, no negation, no LIMIT in the questions: each report's answer is part of the whole
            for graph, rows in per_report.items():
                assert set(rows) <= set(union), (question.id, graph)


def test_a_parallel_build_publishes_the_same_files_as_a_serial_one(many, tmp_path):
    outcome, config = many
    serial = build(BuildConfig(base=BASE, data_dir=config.data_dir, output_dir=tmp_path / "serial", workers=1))
    assert serial.version == outcome.version
    assert snapshot(serial.path) == snapshot(outcome.path)


# -- what spans reports is checked over the whole dataset --------------------------------------


def copy_of_the_real_report(data: Path, new_id: str, edit=None) -> None:
    """A second report made from the real one under another id (so: the same cells), edited by `edit`."""
    folder = data / "reports" / new_id
    shutil.copytree(BuildConfig().reports_dir / REAL, folder)
    facts = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))
    facts["report"]["id"] = new_id
    if edit:
        edit(facts)
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")


def failing_build(tmp_path: Path, edit=None) -> tuple[NotConforming, Path, dict]:
    data = tmp_path / "data"
    shutil.copytree(BuildConfig().data_dir, data)
    output = tmp_path / "out"
    live = build(BuildConfig(base=BASE, data_dir=data, output_dir=output))
    before = snapshot(live.path)
    copy_of_the_real_report(data, "binh-phuoc-2012-ict-copy", edit)
    with pytest.raises(NotConforming) as raised:
        build(BuildConfig(base=BASE, data_dir=data, output_dir=output, workers=1))
    assert current_dir(output) == live.path.resolve() and snapshot(live.path) == before
    return raised.value, output, before


def shapes_of(error: NotConforming) -> set[str]:
    return {v.shape.rsplit("/", 1)[-1] for v in error.result.violations}


def test_two_reports_giving_the_same_cell_stop_the_build_and_leave_the_live_version(tmp_path):
    error, output, _before = failing_build(tmp_path)
    assert shapes_of(error) == {"OneFigurePerCellAcrossReports"}
    assert len(error.result.violations) == 14  # every figure of the real report, given twice
    report = Graph().parse(output / "failed-build" / "validation-report.ttl")
    assert (None, SH.conforms, Literal(False)) in report


def test_a_shared_entity_named_differently_by_two_reports_stops_the_build(tmp_path):
    def rename_the_ministry(facts):
        facts["organisations"][0]["label"]["en"] = "Ministry of Information and Communication"
        for figure in facts["figures"]:
            figure["period"] = "2011-12"  # another period: no cell given twice

    error, _output, _before = failing_build(tmp_path, rename_the_ministry)
    assert shapes_of(error) == {"OneLabelPerLanguageAcrossReports"}
    assert [v.focus for v in error.result.violations] == [BASE + "id/organisation/mic"]


def test_every_whole_dataset_check_names_a_shape_of_the_shapes_file_in_both_languages():
    shapes = load_shapes(BuildConfig().shapes_dir, BASE)
    for check in CHECKS:
        shape = URIRef(BASE + "def/shapes/" + check.name)
        assert (shape, SH.deactivated, Literal(True)) in shapes, check.name
        for prop in (RDFS.label, RDFS.comment):
            assert sorted(o.language for o in shapes.objects(shape, prop)) == ["en", "vi"], (check.name, prop)
