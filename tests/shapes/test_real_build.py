"""The shapes against the real build: the project's graph conforms, no node escapes them, and a graph
that breaks one is never published."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.build.pipeline import NotConforming, build
from kg.build.validate import load_shapes
from kg.config import BuildConfig
from kg.namespaces import SDMX_MEASURE
from kg.publication.layout import current_dir

from ..conftest import BASE

PERCENT = URIRef(BASE + "def/unit/percent")
PERCENT_VALUE_SHAPE = BASE + "def/shapes/PercentValue"


@pytest.fixture(scope="module")
def real_graph(published_union) -> Graph:
    """The union of the published named graphs, read back from the N-Quads dump."""
    return published_union


@pytest.fixture(scope="module")
def shapes(build_config) -> Graph:
    return load_shapes(build_config.shapes_dir, BASE)


def test_the_real_graph_conforms_to_the_shapes(built):
    report = Graph().parse(built.path / "validation-report.ttl", format="turtle")
    assert (None, SH.conforms, Literal(True)) in report
    assert list(report.subjects(RDF.type, SH.ValidationResult)) == []


def test_every_typed_node_of_the_real_graph_is_the_focus_node_of_a_shape(real_graph, shapes):
    typed = set(real_graph.subjects(RDF.type, None))
    unchecked = typed - focus_nodes(shapes, real_graph)
    assert sorted(f"{node} a {sorted(map(str, real_graph.objects(node, RDF.type)))}" for node in unchecked) == []


def test_a_percentage_above_100_stops_the_build_and_leaves_the_live_publication_byte_for_byte(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BuildConfig().data_dir, data)
    output = tmp_path / "publication"
    config = BuildConfig(base=BASE, data_dir=data, output_dir=output)
    live = build(config)
    before = snapshot(output)

    report_id, figure_id = set_a_percentage(data, 150)  # facts.py accepts any number; only the shapes object
    with pytest.raises(NotConforming) as raised:
        build(config)

    observation = BASE + f"id/observation/{report_id}/{figure_id}"
    assert [(v.focus, v.path, v.shape) for v in raised.value.result.violations] == [(observation, f"<{SDMX_MEASURE.obsValue}>", PERCENT_VALUE_SHAPE)]
    assert raised.value.report_path.is_file()
    assert current_dir(output) == live.path.resolve()
    assert snapshot(output) == before


# -- helpers ------------------------------------------------------------------------------------


def focus_nodes(shapes: Graph, data: Graph) -> set:
    """Every node some shape targets: class targets (with rdfs:subClassOf in the data), node
    targets, subjects-of/objects-of targets, and the SPARQL-based target types with their parameters."""
    nodes: set = set()
    for cls in set(shapes.objects(None, SH.targetClass)):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes |= set(data.subjects(RDF.type, sub))
    nodes |= set(shapes.objects(None, SH.targetNode))
    for prop in shapes.objects(None, SH.targetSubjectsOf):
        nodes |= set(data.subjects(prop, None))
    for prop in shapes.objects(None, SH.targetObjectsOf):
        nodes |= set(data.objects(None, prop))
    for target in set(shapes.objects(None, SH.target)):
        # a sh:SPARQLTarget holds its query; a target of a sh:SPARQLTargetType gives the type's parameters
        target_type = shapes.value(target, RDF.type)
        query_node = target if target_type == SH.SPARQLTarget else target_type
        bindings = {
            str(path).rsplit("/", 1)[-1]: shapes.value(target, path)
            for param in shapes.objects(query_node, SH.parameter)
            for path in [shapes.value(param, SH.path)]
        }
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for source in shapes.objects(query_node, SH.prefixes)
            for d in shapes.objects(source, SH.declare)
        )
        query = prefixes + str(shapes.value(query_node, SH.select))
        nodes |= {row[0] for row in data.query(query, initBindings=bindings)}
    return nodes


def snapshot(output: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every link's target under a publication folder (the failed-build report aside)."""
    found: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(output):
        dirs[:] = [d for d in dirs if d != "failed-build"]
        for name in dirs + files:
            path = Path(folder) / name
            key = str(path.relative_to(output))
            if path.is_symlink():
                found[key] = "-> " + os.readlink(path)
            elif path.is_file():
                found[key] = path.read_bytes()
    return found


def set_a_percentage(data: Path, value) -> tuple[str, str]:
    """Give the first figure in per cent of the first report `value`; return (report id, figure id)."""
    facts_file = sorted(data.glob("reports/*/facts.yaml"))[0]
    facts = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    figure = next(f for f in facts.get("figures") or [] if f.get("unit") == "percent")
    figure["value"] = value
    facts_file.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return facts["report"]["id"], figure["id"]
