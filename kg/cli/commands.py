"""The `kg` subcommands, one function each: read the arguments, call the library, print, return the exit code."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from pathlib import Path

from kg.cli.outcome import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed
from kg.cli.outcome import fail as _fail


def _build_config(args):
    """The build's settings: --base, else KG_BASE, else the base dataset.yaml declares, else the default."""
    import os

    from kg.config import BuildConfig
    from kg.publication.dataset import declared_base

    config = BuildConfig.from_env(output_dir=args.output, data_dir=args.data, base=args.base)
    declared = None if args.base or os.environ.get("KG_BASE") else declared_base(config.data_dir)
    return config.with_values({"base": declared}) if declared else config


def cmd_build(args) -> int:
    from kg.build.facts import FactsError
    from kg.build.graph import BuildError
    from kg.build.pipeline import NotConforming, build
    from kg.build.progress import Progress
    from kg.build.validate import ValidatorError, print_violations
    from kg.build.version import is_current
    from kg.publication.dataset import DatasetError
    from kg.publication.readback import StoreDiffers
    from kg.publication.writer import BuildLocked

    config = dataclasses.replace(_build_config(args), reuse_reports=not args.no_cache)
    if args.if_needed and is_current(config):
        print(f"publication is up to date: {config.output_dir / 'current'}")
        return EXIT_OK
    try:
        outcome = build(config, log=lambda m: print(m, file=sys.stderr), progress=Progress(sys.stderr))
    except DatasetError as exc:
        return _fail(f"{exc}\nnothing was published.")
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
    except StoreDiffers as exc:
        return _fail(f"{exc}\nnothing was published.")
    except BuildLocked as exc:
        return _fail(str(exc))
    reused = f" ({outcome.reports_reused} unchanged report(s) reused)" if outcome.reports_reused else ""
    served = f" (the endpoint serves {outcome.served.triples} in {len(outcome.served.graphs)}, with the description)" if outcome.served else ""
    print(
        f"published version {outcome.version}: {outcome.triples} triples of data in {len(outcome.graphs)} graphs{served}, "
        f"in {outcome.seconds:.2f} s{reused} -> {outcome.path}"
    )
    return EXIT_OK


def cmd_validate(args) -> int:
    from kg.build.facts import FactsError
    from kg.build.graph import BuildError
    from kg.build.pipeline import check
    from kg.build.validate import ValidatorError, print_violations
    from kg.publication.dataset import DatasetError

    try:
        checked = check(_build_config(args))
    except (DatasetError, FactsError, BuildError, ValidatorError) as exc:
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
    from kg.publication.layout import NoPublication, current_dir, read_manifest

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
        print(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2))
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
    line = lambda cells: "  ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    print(line(columns))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def cmd_stats(args) -> int:
    store, manifest = _open_store(args)
    print(f"version   {manifest.version}")
    print(f"base      {manifest.base}")
    served = manifest.endpoint
    print(f"triples   {served.triples} served by the endpoint; {manifest.triples} of data, as in the dumps")
    for graph, count in sorted(served.graphs.items()):
        print(f"graph     {graph}  {count}" + ("" if graph in manifest.graphs else "  (the dataset description, void.ttl)"))
    query = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c"
    for row in store.query(query, use_default_graph_as_union=True):
        print(f"class     {row['c'].value}  {row['n'].value}")
    return EXIT_OK


def cmd_evidence(args) -> int:
    from kg.build.facts import discover_reports
    from kg.build.quotes import find_quote

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
                print(
                    f"{folder.name}\t{path.name}\tat: {at}\t…{text[max(0, at - 20) : at]}[{args.words}]{text[at + len(args.words) : at + len(args.words) + 20]}…"
                )
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
        config = ServerConfig.from_env(
            output_dir=args.output,
            host=args.host,
            port=args.port,
            workers=args.workers,
            http_processes=args.http_processes,
            store_url=args.store,
            store_kind=args.store_kind,
            store_query_url=args.store_query_url,
        )
    except ValueError as exc:
        raise CommandFailed(str(exc), EXIT_USAGE) from None
    return run(config) or EXIT_OK


def cmd_publish(args) -> int:
    from kg.publication.layout import NoPublication, current_dir
    from kg.stores.remote.client import Credentials, HttpClient
    from kg.stores.remote.endpoints import StoreEndpoints
    from kg.stores.remote.loader import Loader, LoadFailed
    from kg.web.settings import ServerConfig

    try:
        config = ServerConfig.from_env(
            output_dir=args.output,
            store_url=args.to,
            store_kind=args.store_kind,
            store_query_url=args.store_query_url,
            store_update_url=args.store_update_url,
            store_gsp_url=args.store_gsp_url,
        )
    except ValueError as exc:
        raise CommandFailed(str(exc), EXIT_USAGE) from None
    if not config.store_url:
        raise CommandFailed("no store to publish to: give --to URL (or set KG_STORE_URL)", EXIT_USAGE)
    endpoints = StoreEndpoints.from_settings(
        config.store_url, config.store_kind, config.store_query_url, config.store_update_url, config.store_gsp_url
    )
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
    print(
        f"loaded version {report.version}{before} into {config.store_url}: {sum(report.graphs.values())} triples "
        f"in {len(report.graphs)} graphs, in {report.seconds:.2f} s"
    )
    return EXIT_OK
