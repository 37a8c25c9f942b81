"""The data-driven shape tests' fixtures: a conforming baseline and invalid graphs made from it.

- `valid/*.ttl` together are a small graph like the build's (one of everything), which conforms.
- `invalid/<what-is-wrong>.ttl` is one case: the baseline plus the triples the file holds, minus the
  triples it marks with `test:lacks`, and the violations it expects, written in the SHACL report
  vocabulary (pySHACL's test suite does the same with dash:GraphValidationTestCase):

      <id/place/vietnam> test:lacks rdfs:label .        # drop every (vietnam, rdfs:label, *) of the baseline
      <id/place/vietnam> rdfs:label "Vietnam"@en .      # then add this
      [] a sh:ValidationResult ;                        # and expect exactly this violation
          sh:focusNode <id/place/vietnam> ; sh:resultPath rdfs:label ; sh:sourceShape kgsh:Label .

  `<node> test:lacks test:anything` drops every triple whose subject is <node>.

Every file holds relative IRIs, parsed against BASE (not the server's), as the build parses the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, SH

from kg.build.graph import load_vocabulary
from kg.resources import resource_dir

BASE = "http://data.example.org/kg/"
HERE = Path(__file__).resolve().parent
VALID_DIR = HERE / "valid"
INVALID_DIR = HERE / "invalid"
ONTOLOGY_DIR = resource_dir("ontology")
SHAPES_DIR = resource_dir("shapes")
TEST = Namespace(BASE + "test/")


@dataclass(frozen=True, order=True)
class Result:
    """One validation result as the tests compare them: focus node, path (SPARQL syntax) and shape."""

    focus: str
    path: str
    shape: str


@dataclass(frozen=True)
class Case:
    name: str
    additions: Graph
    removals: tuple[tuple[URIRef, URIRef], ...]
    expected: frozenset[Result]


def path_text(graph: Graph, path) -> str:
    """A SHACL path written as a SPARQL property path, so that paths of two graphs compare equal."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return f"<{path}>"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(graph, inverse)
    raise ValueError(f"a path the tests do not render: {path!r}")


def top_level_results(report: Graph) -> list:
    """The results of a report (sh:result), not the ones nested under them (sh:detail)."""
    return [r for rep in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(rep, SH.result)]


def results_of(report: Graph) -> frozenset[Result]:
    """Every result of a pyshacl report (all severities: the shapes use none but sh:Violation)."""
    return frozenset(
        Result(
            focus=str(report.value(r, SH.focusNode)),
            path=path_text(report, report.value(r, SH.resultPath)),
            shape=str(report.value(r, SH.sourceShape)),
        )
        for r in top_level_results(report)
    )


def load_case(path: Path) -> Case:
    """Read one invalid graph: its additions, its removals and the results it expects."""
    graph = Graph().parse(path, format="turtle", publicID=BASE)
    expected_nodes = set(graph.subjects(RDF.type, SH.ValidationResult))
    if not expected_nodes:
        raise ValueError(f"{path.name}: states no expected sh:ValidationResult")
    expected = frozenset(
        Result(
            focus=str(graph.value(r, SH.focusNode)), path=path_text(graph, graph.value(r, SH.resultPath)), shape=str(graph.value(r, SH.sourceShape))
        )
        for r in expected_nodes
    )
    # Take the expectations (and the blank nodes of their paths, not their focus nodes) out of the data.
    paths = {p for r in expected_nodes for p in graph.objects(r, SH.resultPath) if isinstance(p, BNode)}
    for node in expected_nodes | _closure(graph, paths):
        graph.remove((node, None, None))
    removals = tuple((s, o) for s, o in graph.subject_objects(TEST.lacks))
    graph.remove((None, TEST.lacks, None))
    return Case(path.stem, graph, removals, expected)


def _closure(graph: Graph, nodes: set) -> set:
    seen, todo = set(), list(nodes)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        todo += [o for o in graph.objects(node, None) if isinstance(o, BNode)]
    return seen


def invalid_cases() -> list[Path]:
    return sorted(INVALID_DIR.glob("*.ttl"))


def baseline() -> Graph:
    """The vocabulary (ontology, code lists, labels) and every valid graph: what the cases start from."""
    graph = load_vocabulary(ONTOLOGY_DIR, BASE)
    for path in sorted(VALID_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle", publicID=BASE)
    return graph


def apply(base: Graph, case: Case) -> Graph:
    """A copy of `base` with the case's removals and additions."""
    graph = Graph(bind_namespaces="none")
    for triple in base:
        graph.add(triple)
    for subject, prop in case.removals:
        graph.remove((subject, None if prop == TEST.anything else prop, None))
    for triple in case.additions:
        graph.add(triple)
    return graph


def reporting_shapes(shapes: Graph) -> set:
    """The shapes that can be the sh:sourceShape of a result: shapes with a target, and their property shapes.

    Shapes inside sh:node, sh:or, sh:xone, sh:not or sh:qualifiedValueShape are value shapes: their
    failures are reported by the shape that uses them.
    """
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    return targeted | {p for s in targeted for p in shapes.objects(s, SH.property)}
