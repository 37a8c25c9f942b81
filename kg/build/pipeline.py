"""The build: source facts -> graph -> SHACL validation -> publication. Nothing is published unless it conforms.

Each report is built and validated on its own (kg.build.report), in a process pool when there are
several; the checked N-Quads are written, loaded into the store with the engine's bulk loader,
checked as a whole in SPARQL (kg.build.dataset_checks), and turned into every other dump by pyoxigraph,
each read back and compared (kg.build.dump_jobs, in background processes while the store is loaded and
checked). Once the description is in it too, the store is read back in full and must give every quad
as loaded, term for term (kg.publication.readback): no version is published whose endpoint says
other than its dumps. Every stage's time is in `BuildOutcome.timings`.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef

from kg.build.dataset_checks import run_dataset_checks
from kg.build.documents import canonical_turtle, write_documents, write_dumps
from kg.build.dump_jobs import DumpJobs
from kg.build.facts import discover_reports
from kg.build.figures_export import write_figures
from kg.build.graph import VOCABULARY_GRAPH, load_vocabulary
from kg.build.progress import Progress
from kg.build.report import BuiltReport, ReportBuilder, ReportSettings, build_in_worker, init_worker, report_nquads, validation_result_of
from kg.build.report_cache import CACHE_DIR, ReportCache, shared_digest
from kg.build.store_contents import store_contents
from kg.build.validate import ValidationResult, load_shapes, merge_results
from kg.build.version import code_files, compute_version, vocabulary_files
from kg.config import BuildConfig
from kg.iris import Minter
from kg.namespaces import prefixes
from kg.publication import readback
from kg.publication.dataset import Publisher, check_periods, load_dataset, publisher_text
from kg.publication.dumps import DUMP_FORMATS, NQ, Reference
from kg.publication.layout import STORE, Manifest, Served
from kg.publication.void import dataset_iri, describe, statistics
from kg.publication.writer import VersionWriter, build_lock, clean_up

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
    reports_reused: int = 0  # reports taken unchanged from the output folder's cache (kg.build.report_cache)
    served: Served | None = None  # what the endpoint serves: the data and the description graph


@dataclass(frozen=True)
class Checked:
    """What `kg validate` reports: the triples checked and the validation result."""

    triples: int
    result: ValidationResult


def worker_count(config: BuildConfig, tasks: int) -> int:
    """Processes to share `tasks` among: config.workers, or one per CPU this process may use; one task, one."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(config.workers or cpus, tasks))


def report_cache(config: BuildConfig) -> ReportCache:
    """The output folder's kept reports, for the present vocabulary, shapes, build code, base IRI and publisher."""
    shared = vocabulary_files(config) + code_files()
    digest = shared_digest(config.base, shared, publisher_text(config.data_dir))  # the curator: dataset.yaml's publisher
    return ReportCache(config.output_dir / CACHE_DIR, digest, read=config.reuse_reports)


def build_reports(
    config: BuildConfig, progress: Progress, curator: Publisher, cache: ReportCache | None = None
) -> tuple[list[BuiltReport], Graph, int]:
    """Build and validate every report (in a process pool when several workers pay) or take it from `cache`.

    Returns the reports in folder order, the vocabulary, and how many came from the cache.
    """
    folders = discover_reports(config.reports_dir)
    if not folders:
        raise FileNotFoundError(f"no report (a folder with facts.yaml) under {config.reports_dir}")
    progress.stage("reports", len(folders), "reports")
    keys = {folder: cache.key(folder) for folder in folders} if cache is not None else {}
    kept = {folder: cache.get(key) for folder, key in keys.items()} if cache is not None else {}
    missing = [folder for folder in folders if kept.get(folder) is None]
    progress.advance(len(folders) - len(missing))
    fresh, vocabulary = _build_each(config, missing, progress, curator)
    if cache is not None:
        for folder, report in zip(missing, fresh, strict=True):
            cache.put(keys[folder], report)
    by_folder = dict(zip(missing, fresh, strict=True))
    built = [kept.get(folder) or by_folder[folder] for folder in folders]
    return built, vocabulary or load_vocabulary(config.ontology_dir, config.base), len(folders) - len(missing)


def _build_each(config: BuildConfig, folders: list[Path], progress: Progress, curator: Publisher) -> tuple[list[BuiltReport], Graph | None]:
    """Build `folders` in order, in a pool when several workers pay; the vocabulary too when it was loaded here."""
    if not folders:
        return [], None
    settings = ReportSettings(config.base, config.ontology_dir, config.shapes_dir, curator)
    workers = worker_count(config, len(folders))
    built: list[BuiltReport] = []
    if workers == 1:
        builder = ReportBuilder(settings)
        for folder in folders:
            built.append(builder.build(folder))
            progress.advance()
        return built, builder.vocabulary
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=init_worker, initargs=(settings, os.getpid()))
    try:
        for report in pool.map(build_in_worker, folders):
            built.append(report)
            progress.advance()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return built, None


def dataset_nquads(built: list[BuiltReport], vocabulary: Graph, minter: Minter) -> tuple[bytes, dict[str, int]]:
    """The dataset's N-Quads (vocabulary, then each report's graphs: claims, curator's readings) and each graph's triples."""
    vocab = Graph(identifier=minter.graph(VOCABULARY_GRAPH), bind_namespaces="none")
    for triple in vocabulary:
        vocab.add(triple)
    chunks = [report_nquads(vocab)]
    graphs = {str(vocab.identifier): len(vocab)}
    for report in sorted(built, key=lambda r: r.graph):
        chunks.append(report.nquads)
        graphs.update(report.graphs)
    return b"".join(chunks), graphs


def check(config: BuildConfig) -> Checked:
    """Build and validate every report and check the dataset as a whole, publishing nothing (`kg validate`)."""
    dataset = load_dataset(config.data_dir)
    minter = Minter(config.base)
    built, vocabulary, _reused = build_reports(config, Progress(), dataset.publisher)
    check_periods(dataset, config.data_dir, [r.period for r in built])
    nquads, _graphs = dataset_nquads(built, vocabulary, minter)
    store = pyoxigraph.Store()
    store.bulk_load(input=nquads, format=NQ)
    result = merge_results([validation_result_of(b) for b in built], run_dataset_checks(store, minter))
    return Checked(Reference.of(nquads).triple_count, result)


def build(config: BuildConfig, log=None, progress: Progress | None = None) -> BuildOutcome:
    """Build, validate and publish; raise NotConforming (publishing nothing) when the graph breaks a shape."""
    log = log or (lambda message: None)
    progress = progress or Progress(stream=_Silent())
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = [started]

    def lap(name: str) -> None:
        now = time.perf_counter()
        timings[name] = now - clock[0]
        clock[0] = now

    dataset = load_dataset(config.data_dir)  # before anything is built: a bad dataset.yaml publishes nothing
    version = compute_version(config)
    minter = Minter(config.base)
    with build_lock(config.output_dir):
        clean_up(config.output_dir)
        clock[0] = time.perf_counter()
        cache = report_cache(config)
        built, vocabulary, reused = build_reports(config, progress, dataset.publisher, cache)
        per_report = [validation_result_of(b) for b in built]
        lap("reports")
        if not all(r.conforms for r in per_report):
            _refuse(config, merge_results(per_report), progress)
        check_periods(dataset, config.data_dir, [r.period for r in built])
        progress.stage("nquads")
        nquads, graphs = dataset_nquads(built, vocabulary, minter)
        reference = Reference.of(nquads)
        if reference.quad_count != sum(graphs.values()):
            raise AssertionError(f"kg.nq holds {reference.quad_count} quads, the graphs {sum(graphs.values())}")
        lap("nquads")
        writer = VersionWriter(config.output_dir, version)
        dumps = None
        try:
            # Started before the store is opened: the workers are forked from a process without one.
            dumps = DumpJobs(nquads, reference, prefixes(minter.base), worker_count(config, len(DUMP_FORMATS)))
            progress.stage("store")
            store = pyoxigraph.Store(str(writer.path(STORE)))
            store.bulk_load(input=nquads, format=NQ)
            lap("store")
            progress.stage("checks")
            result = merge_results(per_report, run_dataset_checks(store, minter))
            lap("checks")
            if not result.conforms:
                del store
                _refuse(config, result, progress)
            log(f"graph conforms to the shapes: {reference.triple_count} triples in {len(graphs)} named graphs")
            progress.stage("statistics")
            stats = statistics(reference.triples, minter)  # while the dumps are being prepared
            examples = _examples(store, built)
            lap("statistics")
            distributions = write_dumps(writer, dumps, progress)
            dumps.close()
            del nquads
            lap("dumps")
            shapes = load_shapes(config.shapes_dir, config.base)
            distributions += write_documents(writer, config, built, vocabulary, shapes, canonical_turtle(result.report, config.base))
            distributions += write_figures(writer, store, config.base, dataset)
            lap("documents")
            progress.stage("describe")
            void = describe(
                stats,
                minter,
                distributions,
                documents=[minter.thing("document", r.id) for r in sorted(built, key=lambda r: r.id)],
                areas=sorted({URIRef(r.area) for r in built}),
                example_resources=examples,
                dataset=dataset,
                version=version,
                graphs=graphs,
                description_graph=minter.graph(DESCRIPTION_GRAPH),
            )
            void_ttl = void.serialize(format="longturtle", encoding="utf-8")
            writer.write("void.ttl", void_ttl, "text/turtle", "turtle", "description")
            store.bulk_load(input=void_ttl, format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode(str(minter.graph(DESCRIPTION_GRAPH))))
            lap("describe")
            progress.stage("read back")
            contents = store_contents(reference, graphs, void_ttl, str(minter.graph(DESCRIPTION_GRAPH)))
            readback.check(contents.lines, readback.store_lines(store), f"the store of version {version}")
            lap("read back")
            progress.stage("publish")
            store.optimize()
            store.flush()
            del store
            manifest = Manifest(
                version=version,
                base=config.base,
                triples=reference.triple_count,
                graphs=graphs,
                files=tuple(sorted(writer.files, key=lambda f: f.path)),
                dataset=str(dataset_iri(minter)),
                served=contents.served,
            )
            final = writer.publish(manifest)
            cache.prune()
            lap("publish")
        except BaseException:
            writer.abandon()
            raise
        finally:
            if dumps is not None:
                dumps.close()
            progress.finish()
        clean_up(config.output_dir)
    seconds = time.perf_counter() - started
    return BuildOutcome(version, final, reference.triple_count, graphs, seconds, timings=timings, reports_reused=reused, served=contents.served)


class _Silent:
    """A stream that is not a terminal: the default progress of a build called from code draws nothing."""

    def isatty(self) -> bool:
        return False


def _refuse(config: BuildConfig, result: ValidationResult, progress: Progress) -> None:
    """Write the validation report aside and raise NotConforming: nothing is published."""
    progress.finish()
    failed = config.output_dir / FAILED_DIR
    failed.mkdir(parents=True, exist_ok=True)
    (failed / "validation-report.ttl").write_bytes(canonical_turtle(result.report, config.base))
    raise NotConforming(result, failed / "validation-report.ttl")


def _examples(store: pyoxigraph.Store, built: list[BuiltReport]) -> list[URIRef]:
    """Example resources: each report's area, and the first observation."""
    areas = sorted({URIRef(r.area) for r in built})
    first = store.query("SELECT ?s WHERE { GRAPH ?g { ?s a <http://purl.org/linked-data/cube#Observation> } } ORDER BY STR(?s) LIMIT 1")
    return areas + [URIRef(row["s"].value) for row in first]
