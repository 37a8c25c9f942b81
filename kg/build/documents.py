"""The files of a version besides the store: the dumps, and the documents (report, vocabulary, shapes, sources, questions)."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from kg.build.dump_jobs import DumpJobs
from kg.build.progress import Progress
from kg.build.queries import load_questions, questions_json
from kg.build.report import BuiltReport
from kg.build.rights import source_rights
from kg.config import BuildConfig
from kg.iris import Minter
from kg.namespaces import bind_all
from kg.publication.dumps import DUMP_FORMATS
from kg.publication.void import Distribution
from kg.publication.writer import VersionWriter


def write_dumps(writer: VersionWriter, dumps: DumpJobs, progress: Progress) -> list[Distribution]:
    """Every dump and its gzipped copy, each read back in full and compared with the reference first."""
    distributions = []
    progress.stage("dumps", len(DUMP_FORMATS), "files")
    for fmt, data, packed_data in dumps.results():
        plain = writer.write(fmt.filename, data, fmt.media_type, fmt.name, "dump")
        packed = writer.write(fmt.filename + ".gz", packed_data, fmt.media_type, fmt.name, "dump", "gzip")
        distributions.append(Distribution(plain.path, plain.media_type, plain.bytes, plain.sha256))
        distributions.append(Distribution(packed.path, plain.media_type, packed.bytes, packed.sha256, compressed=True))
        progress.advance()
    return distributions


def write_documents(
    writer: VersionWriter, config: BuildConfig, built: list[BuiltReport], vocabulary: Graph, shapes: Graph, report_ttl: bytes
) -> list[Distribution]:
    """The validation report, the vocabulary and shapes as published, the source texts and the questions.

    A source text is its publisher's: its distribution states the rights of its document, read from the
    report's graph (kg.build.rights), instead of the licence of what kg made.
    """
    written = [writer.write("validation-report.ttl", report_ttl, "text/turtle", "turtle", "report")]
    bind_all(vocabulary, config.base)
    written.append(writer.write("ontology.ttl", vocabulary.serialize(format="longturtle", encoding="utf-8"), "text/turtle", "turtle", "ontology"))
    bind_all(shapes, config.base)
    written.append(writer.write("shapes.ttl", shapes.serialize(format="longturtle", encoding="utf-8"), "text/turtle", "turtle", "shapes"))
    minter, rights = Minter(config.base), {}
    for report in sorted(built, key=lambda r: r.id):
        source = writer.write(f"sources/{report.id}.txt", report.text.encode("utf-8"), "text/plain", "text", "source")
        written.append(source)
        rights[source.path] = source_rights(report.nquads, minter.thing("document", report.id))
    written.append(writer.write("queries.json", questions_json(load_questions(config.queries_dir)), "application/json", "json", "queries"))
    return [Distribution(f.path, f.media_type, f.bytes, f.sha256, role=f.role, rights=rights.get(f.path)) for f in written]


def canonical_turtle(graph: Graph, base: str) -> bytes:
    """A graph with blank nodes (the SHACL report) serialised the same way every time."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    bind_all(canonical, base)
    return canonical.serialize(format="longturtle", encoding="utf-8")
