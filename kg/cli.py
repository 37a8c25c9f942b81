"""The `kg` command: build, validate, query, stats, evidence, serve, publish. Exit codes: 0 ok, 1 data problem, 2 usage."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class CommandFailed(Exception):
    """A subcommand cannot go on; `main` prints the message and exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_DATA):
        super().__init__(message)
        self.code = code


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
        return _fail(str(exc), exc.code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Publish curated report facts as a validated linked-data graph.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--output", type=Path, help="publication folder (default: ./publication, or KG_OUTPUT)")
        p.add_argument("--data", type=Path, help="folder holding reports/ (default: ./data, or KG_DATA)")
        p.add_argument("--base", help="base IRI everything is minted under (default: http://127.0.0.1:8080/, or KG_BASE)")

    p = sub.add_parser("build", help="build, validate and publish the knowledge graph")
    common(p)
    p.add_argument("--if-needed", action="store_true", help="do nothing when the live publication is already built from these inputs")
    p.add_argument("--no-cache", action="store_true",
                   help="rebuild and revalidate every report, even those unchanged since the last build in this output folder")
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

    p = sub.add_parser("publish", help="load the live publication into a remote SPARQL store (credentials: "
                       "KG_STORE_USER, KG_STORE_PASSWORD)")
    p.add_argument("--output", type=Path, help="publication folder (default: ./publication, or KG_OUTPUT)")
    p.add_argument("--to", metavar="URL", help="the store (or KG_STORE_URL)")
    p.add_argument("--store-kind", help="oxigraph, fuseki, virtuoso, graphdb or neptune (or KG_STORE_KIND; default oxigraph)")
    p.add_argument("--store-query-url", metavar="URL", help="the store's query endpoint, if not where --store-kind puts it")
    p.add_argument("--store-update-url", metavar="URL", help="the store's SPARQL Update endpoint, if not where --store-kind puts it")
    p.add_argument("--store-gsp-url", metavar="URL", help="the store's Graph Store Protocol endpoint, if not where --store-kind puts it")
    p.add_argument("--timeout", type=float, default=600.0, help="longest wait for each request to the store, in seconds (default 600)")
    p.set_defaults(handler=cmd_publish)
    return parser


def _build_config(args):
    from kg.config import BuildConfig

    return BuildConfig.from_env(output_dir=args.output, data_dir=args.data, base=args.base)


def _fail(message: str, code: int = EXIT_DATA) -> int:
    print(f"kg: {message}", file=sys.stderr)
    return code


def cmd_build(args) -> int:
    from kg.build import NotConforming, build, is_current, print_violations
    from kg.progress import Progress
    from kg.facts import FactsError
    from kg.graph import BuildError
    from kg.publish import BuildLocked
    from kg.validate import ValidatorError

    config = dataclasses.replace(_build_config(args), reuse_reports=not args.no_cache)
    if args.if_needed and is_current(config):
        print(f"publication is up to date: {config.output_dir / 'current'}")
        return EXIT_OK
    try:
        outcome = build(config, log=lambda m: print(m, file=sys.stderr), progress=Progress(sys.stderr))
    except FactsError as exc:
        return _fail(str(exc))
    except BuildError as exc:
        return _fail(f"cannot build the graph: {exc}")
    except NotConforming as exc:
        print(f"kg: {exc}; nothing was published.", file=sys.stderr)
        print_violations(exc.result)
        print(f"kg: validation report: {exc.report_path}", file=sys.stderr)
        return EXIT_DATA
    except ValidatorError as exc:
        return _fail(f"{exc}; nothing was published.")
    except BuildLocked as exc:
        return _fail(str(exc))
    reused = f" ({outcome.reports_reused} unchanged report(s) reused)" if outcome.reports_reused else ""
    print(f"published version {outcome.version}: {outcome.triples} triples, {len(outcome.graphs)} graphs, "
          f"in {outcome.seconds:.2f} s{reused} -> {outcome.path}")
    return EXIT_OK


def cmd_validate(args) -> int:
    from kg.build import check, print_violations
    from kg.facts import FactsError
    from kg.graph import BuildError
    from kg.validate import ValidatorError

    try:
        checked = check(_build_config(args))
    except (FactsError, BuildError, ValidatorError) as exc:
        return _fail(str(exc))
    if checked.result.conforms:
        print(f"conforms: {checked.triples} triples checked against the shapes")
        return EXIT_OK
    print(f"does not conform: {len(checked.result.violations)} violation(s)", file=sys.stderr)
    print_violations(checked.result)
    return EXIT_DATA


def _open_store(args):
    import pyoxigraph

    from kg.config import BuildConfig
    from kg.publication import NoPublication, current_dir, read_manifest

    config = BuildConfig.from_env(output_dir=args.output)
    try:
        folder = current_dir(config.output_dir)
    except NoPublication as exc:
        raise CommandFailed(str(exc)) from None
    return pyoxigraph.Store.read_only(str(folder / "store")), read_manifest(folder)


def cmd_query(args) -> int:
    import pyoxigraph

    text = args.query
    if text == "-":
        text = sys.stdin.read()
    elif text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    store, manifest = _open_store(args)
    try:
        results = store.query(text, base_iri=manifest.base, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return _fail(f"bad query: {exc}", EXIT_USAGE)
    if isinstance(results, bool):
        print(json.dumps({"boolean": results}) if args.format == "json" else str(results).lower())
        return EXIT_OK
    if isinstance(results, pyoxigraph.QueryTriples):
        sys.stdout.write(results.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES).decode("utf-8"))
        return EXIT_OK
    columns = [v.value for v in results.variables]
    rows = [[_term_text(solution[c]) for c in columns] for solution in results]
    if args.format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        _print_table(columns, rows)
    return EXIT_OK


def _term_text(term) -> str:
    return "" if term is None else term.value


def _print_table(columns: list[str], rows: list[list[str]]) -> None:
    widths = [min(60, max([len(c)] + [len(r[i]) for r in rows])) for i, c in enumerate(columns)]
    line = lambda cells: "  ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    print(line(columns))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def cmd_stats(args) -> int:
    store, manifest = _open_store(args)
    print(f"version   {manifest.version}")
    print(f"base      {manifest.base}")
    print(f"triples   {manifest.triples}")
    for graph, count in sorted(manifest.graphs.items()):
        print(f"graph     {graph}  {count}")
    query = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c"
    for row in store.query(query, use_default_graph_as_union=True):
        print(f"class     {row['c'].value}  {row['n'].value}")
    return EXIT_OK


def cmd_evidence(args) -> int:
    from kg.facts import discover_reports, find_quote

    config = _build_config(args)
    found = False
    for folder in discover_reports(config.reports_dir):
        if args.report and folder.name != args.report:
            continue
        text_files = [p for p in folder.glob("*.txt")]
        for path in text_files:
            text = path.read_text(encoding="utf-8")
            for at in find_quote(text, args.words):
                found = True
                print(f"{folder.name}\t{path.name}\tat: {at}\t…{text[max(0, at - 20):at]}[{args.words}]{text[at + len(args.words):at + len(args.words) + 20]}…")
    return EXIT_OK if found else _fail(f"not found: {args.words!r}")


def cmd_generate(args) -> int:
    from kg.synthetic import generate

    if args.triples <= 0:
        raise CommandFailed("--triples must be a positive number", EXIT_USAGE)
    try:
        generated = generate(args.out, args.triples, args.seed)
    except ValueError as exc:
        raise CommandFailed(str(exc), EXIT_USAGE) from None
    print(f"wrote {len(generated.reports)} reports (about {generated.expected_triples} triples) under {args.out / 'reports'}")
    return EXIT_OK


def cmd_serve(args) -> int:
    from kg.web.server import run
    from kg.web.settings import ServerConfig

    try:
        config = ServerConfig.from_env(output_dir=args.output, host=args.host, port=args.port, workers=args.workers, http_processes=args.http_processes,
                                       store_url=args.store, store_kind=args.store_kind, store_query_url=args.store_query_url)
    except ValueError as exc:
        raise CommandFailed(str(exc), EXIT_USAGE) from None
    return run(config) or EXIT_OK


def cmd_publish(args) -> int:
    from kg.publication import NoPublication, current_dir
    from kg.stores.endpoints import StoreEndpoints
    from kg.stores.http_client import Credentials, HttpClient
    from kg.stores.loader import LoadFailed, Loader
    from kg.web.settings import ServerConfig

    try:
        config = ServerConfig.from_env(output_dir=args.output, store_url=args.to, store_kind=args.store_kind,
                                       store_query_url=args.store_query_url, store_update_url=args.store_update_url,
                                       store_gsp_url=args.store_gsp_url)
    except ValueError as exc:
        raise CommandFailed(str(exc), EXIT_USAGE) from None
    if not config.store_url:
        raise CommandFailed("no store to publish to: give --to URL (or set KG_STORE_URL)", EXIT_USAGE)
    endpoints = StoreEndpoints.from_settings(config.store_url, config.store_kind, config.store_query_url,
                                             config.store_update_url, config.store_gsp_url)
    try:
        folder = current_dir(config.output_dir)
    except NoPublication as exc:
        raise CommandFailed(str(exc)) from None
    client = HttpClient(Credentials.from_env())
    try:
        report = Loader(endpoints, client, timeout_s=args.timeout, log=lambda m: print(f"kg: {m}", file=sys.stderr)).load(folder)
    except LoadFailed as exc:
        raise CommandFailed(f"publishing to {config.store_url} failed: {exc}") from None
    finally:
        client.close()
    before = f" (was {report.previous})" if report.previous else ""
    print(f"loaded version {report.version}{before} into {config.store_url}: {sum(report.graphs.values())} triples "
          f"in {len(report.graphs)} graphs, in {report.seconds:.2f} s")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
