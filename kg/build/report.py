"""One report, start to finish: facts -> named graphs -> SHACL validation -> checked N-Quads.

The unit of work of the build, run in a process pool when there are several reports: nothing in it
depends on another report. A report has one or two named graphs: its claims (graph/{report}) and,
when facts.yaml marks any, the curator's readings (graph/{report}/curation). They are validated
together with the vocabulary (the code lists and terms they use), and their N-Quads, written by
rdflib, are read back by pyoxigraph and compared with each graph statement by statement: the
cross-library round trip, one graph at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg.build.facts import load_report
from kg.build.graph import ReportGraph, load_vocabulary
from kg.build.validate import ValidationResult, Validator, load_shapes
from kg.iris import Minter
from kg.processes import end_with_parent
from kg.publication.dataset import Publisher
from kg.publication.dumps import oxigraph_quads_of, sorted_lines


@dataclass(frozen=True)
class ReportSettings:
    """What a worker needs to build any report: the base IRI, where the vocabulary and shapes are, and the curator."""

    base: str
    ontology_dir: Path
    shapes_dir: Path
    curator: Publisher  # the dataset's publisher (dataset.yaml), to whom the readings are attributed


@dataclass(frozen=True)
class BuiltReport:
    """A report built and validated: its metadata, its graph as sorted N-Quads, and the validation result."""

    id: str
    graph: str  # the report's claims; with the curator's readings, if any, in `graphs`
    area: str
    period: str
    text: str  # the source text, published as sources/<id>.txt
    graphs: tuple[tuple[str, int], ...]  # (IRI, triples) of each of its named graphs, the claims first
    nquads: bytes
    conforms: bool
    violations: tuple
    report_ntriples: bytes  # the SHACL report (empty when the graph conforms)

    @property
    def triples(self) -> int:
        """The triples of all its named graphs."""
        return sum(count for _, count in self.graphs)


class ReportBuilder:
    """Builds reports one after another with the vocabulary and the shapes loaded once."""

    def __init__(self, settings: ReportSettings):
        self.settings = settings
        self.minter = Minter(settings.base)
        self.vocabulary = load_vocabulary(settings.ontology_dir, settings.base)
        self.validator = Validator(load_shapes(settings.shapes_dir, settings.base))

    def build(self, folder: Path) -> BuiltReport:
        """Load, map, validate and serialise one report folder (FactsError / BuildError on bad facts)."""
        report = load_report(folder)
        claims, *others = ReportGraph(report, self.minter, self.vocabulary, self.settings.curator).graphs()
        nquads = b"".join(report_nquads(g) for g in (claims, *others))
        graphs = tuple((str(g.identifier), len(g)) for g in (claims, *others))
        # The graphs are done with: the readings and the vocabulary join the claims there, rather than all being copied.
        for triple in (t for g in others for t in g):
            claims.add(triple)
        for triple in self.vocabulary:
            claims.add(triple)
        result = self.validator.validate(claims)
        return BuiltReport(
            id=report.id,
            graph=str(claims.identifier),
            area=str(self.minter.thing("place", report.meta["area"])),
            period=str(report.meta["period"]),
            text=report.text,
            graphs=graphs,
            nquads=nquads,
            conforms=result.conforms,
            violations=result.violations,
            report_ntriples=b"" if result.conforms else result.report.serialize(format="nt", encoding="utf-8"),
        )


def report_nquads(graph: Graph) -> bytes:
    """The graph as sorted N-Quads written by rdflib, checked by reading them back with pyoxigraph.

    rdflib writes N-Quads only of a dataset; a graph's N-Triples lines (`s p o .`) get its name
    before the final dot.
    """
    label = f" <{graph.identifier}> .".encode()
    lines = sorted_lines(graph.serialize(format="nt", encoding="utf-8")).split(b"\n")
    data = b"".join(line[:-2] + label + b"\n" for line in lines if line)
    parsed = set(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))
    expected = oxigraph_quads_of(graph, graph.identifier)
    if parsed != expected:
        raise AssertionError(f"{graph.identifier}: {len(parsed ^ expected)} statements differ after reading its N-Quads back")
    return data


# -- the process pool's side: one builder per worker process -----------------------------------------
_worker: ReportBuilder | None = None


def init_worker(settings: ReportSettings, build_pid: int) -> None:
    """Pool initializer: end with the build process; load the vocabulary and the shapes once in this worker."""
    global _worker
    end_with_parent(build_pid)
    _worker = ReportBuilder(settings)


def build_in_worker(folder: Path) -> BuiltReport:
    """Pool task: build one report with this worker's builder."""
    assert _worker is not None, "init_worker was not run in this process"
    return _worker.build(folder)


def validation_result_of(built: BuiltReport) -> ValidationResult:
    """The validation result of a built report, its report graph read back."""
    report = Graph()
    if built.report_ntriples:
        report.parse(data=built.report_ntriples, format="nt")
    return ValidationResult(built.conforms, built.violations, report)
