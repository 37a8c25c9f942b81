"""The `kg` command: build, validate, query, stats, evidence, serve, publish. Exit codes: 0 ok, 1 data problem, 2 usage."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg import __version__
from kg.cli.commands import cmd_build, cmd_evidence, cmd_generate, cmd_publish, cmd_query, cmd_serve, cmd_stats, cmd_validate
from kg.cli.outcome import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed, fail

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "CommandFailed", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the `kg` command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except CommandFailed as exc:
        return fail(str(exc), exc.code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Publish curated report facts as a validated linked-data graph.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--output", type=Path, help="publication folder (default: ./publication, or KG_OUTPUT)")
        p.add_argument("--data", type=Path, help="folder holding reports/ (default: ./data, or KG_DATA)")
        p.add_argument("--base", help="base IRI everything is minted under (default: http://127.0.0.1:8080/, or KG_BASE)")

    p = sub.add_parser("build", help="build, validate and publish the knowledge graph")
    common(p)
    p.add_argument("--if-needed", action="store_true", help="do nothing when the live publication is already built from these inputs")
    p.add_argument(
        "--no-cache", action="store_true", help="rebuild and revalidate every report, even those unchanged since the last build in this output folder"
    )
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser("validate", help="build the graph and check it against the SHACL shapes, publishing nothing")
    common(p)
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query over the live publication")
    common(p)
    p.add_argument("query", help="the query text, @FILE to read it from a file, or - for standard input")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    p.set_defaults(handler=cmd_query)

    p = sub.add_parser("stats", help="counts of the live publication: triples, graphs, classes")
    common(p)
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("evidence", help="print every position of some words in a report's source text")
    common(p)
    p.add_argument("words", help="the exact words to look for")
    p.add_argument("--report", help="report id (default: every report)")
    p.set_defaults(handler=cmd_evidence)

    p = sub.add_parser("generate", help="write realistic synthetic reports (for benchmarks) in the source format of data/reports/")
    p.add_argument("--out", type=Path, required=True, help="folder to write reports/<report-id>/{article.txt,facts.yaml} into")
    p.add_argument("--triples", type=int, required=True, help="about how many triples the built reports should hold")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same files (default 0)")
    p.set_defaults(handler=cmd_generate)

    p = sub.add_parser("serve", help="serve the live publication over HTTP (SPARQL endpoint, pages, downloads)")
    p.add_argument("--output", type=Path, help="publication folder (default: ./publication, or KG_OUTPUT)")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default 8080, or PORT)")
    p.add_argument("--workers", type=int, help="query worker processes of each HTTP process")
    p.add_argument("--http-processes", type=int, help="HTTP server processes")
    p.add_argument("--store", metavar="URL", help="answer from this remote SPARQL store (or KG_STORE_URL; default: the embedded store)")
    p.add_argument("--store-kind", help="oxigraph, fuseki, virtuoso, graphdb or neptune (or KG_STORE_KIND; default oxigraph)")
    p.add_argument("--store-query-url", metavar="URL", help="the store's query endpoint, if not where --store-kind puts it")
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("publish", help="load the live publication into a remote SPARQL store (credentials: KG_STORE_USER, KG_STORE_PASSWORD)")
    p.add_argument("--output", type=Path, help="publication folder (default: ./publication, or KG_OUTPUT)")
    p.add_argument("--to", metavar="URL", help="the store (or KG_STORE_URL)")
    p.add_argument("--store-kind", help="oxigraph, fuseki, virtuoso, graphdb or neptune (or KG_STORE_KIND; default oxigraph)")
    p.add_argument("--store-query-url", metavar="URL", help="the store's query endpoint, if not where --store-kind puts it")
    p.add_argument("--store-update-url", metavar="URL", help="the store's SPARQL Update endpoint, if not where --store-kind puts it")
    p.add_argument("--store-gsp-url", metavar="URL", help="the store's Graph Store Protocol endpoint, if not where --store-kind puts it")
    p.add_argument("--timeout", type=float, default=600.0, help="longest wait for each request to the store, in seconds (default 600)")
    p.set_defaults(handler=cmd_publish)
    return parser
