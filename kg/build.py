"""The build: source facts -> graph -> SHACL validation -> publication. Nothing is published unless it conforms."""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import QB, RDF

import kg
from kg.config import BuildConfig
from kg.describe import Distribution, dataset_iri, describe
from kg.dumps import DUMP_FORMATS, check_round_trip, gzip_bytes, oxigraph_quads, serialise, union_graph
from kg.facts import Report, discover_reports, load_report
from kg.graph import VOCABULARY_FILES, build_dataset, load_vocabulary
from kg.iris import Minter
from kg.namespaces import bind_all
from kg.publication import STORE, CURRENT, Manifest, read_manifest
from kg.publish import VersionWriter, build_lock, clean_up
from kg.queries import load_questions, questions_json
from kg.validate import SHAPES_FILES, ValidationResult, load_shapes, validate

DESCRIPTION_GRAPH = "description"
FAILED_DIR = "failed-build"


class NotConforming(RuntimeError):
    """The graph breaks the shapes; the violations are listed and the report is written aside."""

    def __init__(self, result: ValidationResult, report_path: Path):
        self.result = result
        self.report_path = report_path
        super().__init__(f"the graph does not conform to the shapes: {len(result.violations)} violation(s)")


@dataclass
class BuildOutcome:
    version: str
    path: Path
    triples: int
    graphs: dict[str, int]
    seconds: float
    unchanged: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def input_files(config: BuildConfig) -> list[Path]:
    """Every file the publication is made from, the build's own code included."""
    files = [p for folder in discover_reports(config.reports_dir) for p in sorted(folder.iterdir()) if p.is_file()]
    files += [config.ontology_dir / name for name in VOCABULARY_FILES]
    files += [config.shapes_dir / name for name in SHAPES_FILES]
    files += sorted(config.queries_dir.glob("*.rq"))
    package = Path(kg.__file__).parent
    files += sorted(p for p in package.glob("*.py"))
    return files


def compute_version(config: BuildConfig) -> str:
    """A version id derived from the inputs and the base IRI: same inputs, same version."""
    digest = hashlib.sha256(f"kg {kg.__version__}\nbase {config.base}\n".encode())
    root = Path(kg.__file__).parent.parent
    for path in input_files(config):
        try:
            name = str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            name = path.name
        digest.update(f"\n{name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def is_current(config: BuildConfig) -> bool:
    """Whether the live publication was built from exactly the present inputs."""
    link = config.output_dir / CURRENT
    try:
        return read_manifest(link.resolve(strict=True)).version == compute_version(config)
    except (OSError, ValueError, KeyError):
        return False


def make_graph(config: BuildConfig) -> tuple[list[Report], Dataset, Graph]:
    """Load every report and the vocabulary; return the reports, the dataset and the vocabulary graph."""
    minter = Minter(config.base)
    reports = [load_report(folder) for folder in discover_reports(config.reports_dir)]
    if not reports:
        raise FileNotFoundError(f"no report (a folder with facts.yaml) under {config.reports_dir}")
    vocabulary = load_vocabulary(config.ontology_dir, config.base)
    return reports, build_dataset(reports, vocabulary, minter), vocabulary


def check(config: BuildConfig) -> tuple[Dataset, Graph, ValidationResult]:
    """Make the graph and validate it, publishing nothing (what `kg validate` runs)."""
    _reports, dataset, _vocabulary = make_graph(config)
    union = union_graph(dataset, config.base)
    result = validate(union, load_shapes(config.shapes_dir, config.base))
    return dataset, union, result


def build(config: BuildConfig, log=None) -> BuildOutcome:
    """Build, validate and publish; raise NotConforming (publishing nothing) when the graph breaks a shape."""
    log = log or (lambda message: None)
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = now - since
        return now

    version = compute_version(config)
    minter = Minter(config.base)
    with build_lock(config.output_dir):
        clean_up(config.output_dir)
        t = time.perf_counter()
        reports, dataset, _vocabulary = make_graph(config)
        union = union_graph(dataset, config.base)
        t = lap("graph", t)
        shapes = load_shapes(config.shapes_dir, config.base)
        result = validate(union, shapes)
        t = lap("validate", t)
        report_ttl = _canonical_turtle(result.report, config.base)
        if not result.conforms:
            failed = config.output_dir / FAILED_DIR
            failed.mkdir(parents=True, exist_ok=True)
            (failed / "validation-report.ttl").write_bytes(report_ttl)
            raise NotConforming(result, failed / "validation-report.ttl")
        log(f"graph conforms to the shapes: {len(union)} triples in {len(list(dataset.graphs())) - 1} named graphs")

        writer = VersionWriter(config.output_dir, version)
        try:
            distributions = _write_dumps(writer, dataset, union)
            t = lap("dumps", t)
            distributions += _write_documents(writer, config, reports, report_ttl)
            void = describe(
                union, minter, distributions,
                documents=[minter.thing("document", r.id) for r in reports],
                areas=sorted({minter.thing("place", r.meta["area"]) for r in reports}),
                periods=sorted({str(r.meta["period"]) for r in reports}),
                example_resources=_examples(union, minter, reports),
            )
            void_ttl = void.serialize(format="longturtle", encoding="utf-8")
            writer.write("void.ttl", void_ttl, "text/turtle", "turtle", "description")
            graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
            _write_store(writer, dataset, void_ttl, minter)
            t = lap("store", t)
            manifest = Manifest(
                version=version, base=config.base, triples=len(union), graphs=graphs,
                files=tuple(sorted(writer.files, key=lambda f: f.path)), dataset=str(dataset_iri(minter)),
            )
            final = writer.publish(manifest)
        except BaseException:
            writer.abandon()
            raise
        clean_up(config.output_dir)
    seconds = time.perf_counter() - started
    return BuildOutcome(version, final, len(union), graphs, seconds, timings=timings)


def _write_dumps(writer: VersionWriter, dataset: Dataset, union: Graph) -> list[Distribution]:
    distributions = []
    expected = oxigraph_quads(dataset)
    for fmt in DUMP_FORMATS:
        data = serialise(fmt, dataset, union)
        check_round_trip(fmt, data, expected)
        plain = writer.write(fmt.filename, data, fmt.media_type, fmt.name, "dump")
        packed = writer.write(fmt.filename + ".gz", gzip_bytes(data), fmt.media_type, fmt.name, "dump", "gzip")
        distributions.append(Distribution(plain.path, plain.media_type, plain.bytes, plain.sha256))
        distributions.append(Distribution(packed.path, plain.media_type, packed.bytes, packed.sha256, compressed=True))
    return distributions


def _write_documents(writer: VersionWriter, config: BuildConfig, reports: list[Report], report_ttl: bytes) -> list[Distribution]:
    written = [writer.write("validation-report.ttl", report_ttl, "text/turtle", "turtle", "report")]
    ontology = Graph()
    for name in VOCABULARY_FILES:
        ontology.parse(config.ontology_dir / name, format="turtle", publicID=config.base)
    bind_all(ontology, config.base)
    written.append(writer.write("ontology.ttl", ontology.serialize(format="longturtle", encoding="utf-8"), "text/turtle", "turtle", "ontology"))
    shapes = load_shapes(config.shapes_dir, config.base)
    bind_all(shapes, config.base)
    written.append(writer.write("shapes.ttl", shapes.serialize(format="longturtle", encoding="utf-8"), "text/turtle", "turtle", "shapes"))
    for report in reports:
        written.append(writer.write(f"sources/{report.id}.txt", report.text.encode("utf-8"), "text/plain", "text", "source"))
    written.append(writer.write("queries.json", questions_json(load_questions(config.queries_dir)), "application/json", "json", "queries"))
    return [Distribution(f.path, f.media_type, f.bytes, f.sha256, role=f.role) for f in written]


def _write_store(writer: VersionWriter, dataset: Dataset, void_ttl: bytes, minter: Minter) -> None:
    """The query store: the named graphs, plus the description in a graph of its own."""
    store = pyoxigraph.Store(str(writer.path(STORE)))
    nquads = serialise(DUMP_FORMATS[1], dataset, Graph())
    store.bulk_load(input=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    store.bulk_load(
        input=void_ttl, format=pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode(str(minter.graph(DESCRIPTION_GRAPH))),
    )
    store.optimize()
    store.flush()
    del store


def _examples(union: Graph, minter: Minter, reports: list[Report]) -> list[URIRef]:
    examples = [minter.thing("place", r.meta["area"]) for r in reports]
    observations = sorted(s for s in union.subjects(RDF.type, QB.Observation))
    return examples + observations[:1]


def _canonical_turtle(graph: Graph, base: str) -> bytes:
    """A graph with blank nodes (the SHACL report) serialised the same way every time."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    bind_all(canonical, base)
    return canonical.serialize(format="longturtle", encoding="utf-8")


def print_violations(result: ValidationResult, out=sys.stderr) -> None:
    for violation in result.violations:
        print(f"  focus: {violation.focus}\n  path:  {violation.path}\n  {violation.message}\n", file=out)
