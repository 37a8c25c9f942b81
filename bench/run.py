"""One benchmark run: generate, build, serve each server in turn, load it with wrk, print and write the tables.

python -m bench                 quick mode: 10k triples, 5 s per case
python -m bench --mode full     10k, 100k and 1M triples, 15 s per case
python -m bench --data data     the real report (or any data folder) instead of generated data
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import results, workload
from bench.processes import BenchError, MemorySampler, Server, free_port, run_measured, run_wrk, tail
from bench.results import Case, Scale

ROOT = Path(__file__).resolve().parents[1]
LUA = Path(__file__).resolve().parent / "wrk.lua"
BIN = Path(sys.executable).parent
MODES = {  # scales (triples asked of kg generate), seconds per case, wrk timeout, requests per list
    "quick": {"scales": [10_000], "duration": 5, "timeout": 10, "length": 80_000},
    "full": {"scales": [10_000, 100_000, 1_000_000], "duration": 15, "timeout": 30, "length": 250_000},
}
NOTES = [
    "Servers run one at a time on 127.0.0.1, each loaded by wrk on the same 2 cores; figures of one run compare.",
    "2xx/s: successful answers per second (the ratios compare these); non-2xx: other answers (a 429 or 503 is a "
    "refusal); sock err: wrk's connect/read/write errors and timeouts.",
    "Every SPARQL request of a case is a different query (different IRI or word; later rounds another LIMIT), "
    "GET with Accept: application/sparql-results+json; the default graph is the union on every server "
    "(oxigraph: --union-default-graph).",
    "cache hits: kg's answers from its cache (X-KG-Cache: hit; the other servers have none). Every SPARQL request "
    "of a case is a different query and the warm-up sends other ones (it walks the list backwards), so kg's cache "
    "answers none of them: 0 expected. Pages may repeat when a case outruns the page list: then hits are counted here.",
    "kg is `kg serve` with its shipped settings but two, restarted for each kind: all of wrk's connections are one "
    "client (127.0.0.1), and the per-client budget (60 s of query time per 60 s: fairness among many clients) would "
    "refuse it 15 s into a case, holding 4 query workers; so the budget is raised to 1,000,000 s (KG_CLIENT_BUDGET; "
    "the accounting still runs, it never refuses), and the cap of 2 queries at once per client is lifted "
    "(KG_CLIENT_CONCURRENCY=0).",
    "figures: our figures browser (/figures) with an indicator and a period selected, in three orders, over one "
    "connection like html-1c; the index behind it is built once per version in each HTTP process, on its first request.",
    "The 1M HTML target is checked on html-1c. dump: oxigraph has no dump file and serializes its whole store on "
    "GET /store, other work than sending a file: that ratio only compares the two routes.",
    "A server that answered nothing within a case shows 0.0 and no latency; ratios against it are lower bounds (>Nx), as if it had answered once.",
    "flask-naive: a naive Flask + gunicorn + pyoxigraph app (bench/naive_app.py) with our process/thread counts, "
    "querying in its request threads without guard, limits or isolation: a reference floor for kg, not a server to ship.",
    "wsgi-floor: the bare-WSGI floor of issue 12 (bench/floor_app.py): a plain WSGI callable on kg's HTTP front "
    "(granian, kg's shipped HTTP processes, threads and backpressure) running each query in its request thread on "
    "pyoxigraph (Store.read_only on the built store, union default graph, pyoxigraph's JSON serializer), no checks "
    "at all; the issue-12 target kg ≥ 0.8x it on lookups is what kg's own work may cost.",
    "peak RSS: the server's processes together (parent and every child), sampled every 0.25 s; forked workers "
    "share pages, so the sum overstates what they use together.",
]


@dataclass
class Options:
    mode: str
    scales: list[int]
    data: Path | None
    duration: int  # wrk takes whole seconds
    warmup: int
    timeout: int
    length: int
    connections: int
    threads: int
    servers: list[str]
    kinds: list[str]
    out: Path
    workdir: Path
    keep: bool
    seed: int
    build_timeout: int = 1800
    render: Path | None = None
    tools: dict = field(default_factory=dict)


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark our server against oxigraph serve-read-only, rdflib-endpoint, a naive Flask app and a bare-WSGI floor (issues 5, 12).",
    )
    parser.add_argument(
        "--mode", choices=sorted(MODES), default="quick", help="quick: 10k, 5 s per case; full: 10k, 100k, 1M, 15 s per case (default: quick)"
    )
    parser.add_argument("--scales", help="triples to generate, comma-separated (e.g. 10000,100000); overrides the mode's")
    parser.add_argument("--data", type=Path, help="benchmark this data folder (holding reports/) instead of generating")
    parser.add_argument("--duration", type=int, help="seconds of load per case, whole (quick 5, full 15)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up load before each case, whole; 0: none (default 1)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--servers", default=",".join(workload.SERVERS), help=f"which servers, comma-separated (default: all: {','.join(workload.SERVERS)})"
    )
    parser.add_argument("--kinds", default=",".join(workload.KIND_NAMES), help="which kinds of request (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "bench", help="where the tables go")
    parser.add_argument("--workdir", type=Path, help="where data and publications go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (data, publications, logs)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--render",
        type=Path,
        metavar="JSON",
        help="run nothing: check and print again the report an earlier run wrote (bench-<mode>.json), into --out",
    )
    parser.add_argument(
        "--build-timeout",
        type=int,
        default=1800,
        help="seconds a build may take before it is stopped and the scale reported as failed (default 1800)",
    )
    args = parser.parse_args(argv)
    mode = MODES[args.mode]
    if (args.duration is not None and args.duration < 1) or args.warmup < 0:
        parser.error("--duration takes whole seconds, at least 1; --warmup at least 0")
    servers = [s for s in args.servers.split(",") if s]
    kinds = [k for k in args.kinds.split(",") if k]
    for name, chosen, known in (("server", servers, workload.SERVERS), ("kind", kinds, workload.KIND_NAMES)):
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            parser.error(f"unknown {name}: {', '.join(unknown)} (known: {', '.join(known)})")
    try:
        scales = [int(s.replace("_", "")) for s in args.scales.split(",")] if args.scales else mode["scales"]
    except ValueError:
        parser.error(f"--scales takes numbers of triples, e.g. 10000,100000: {args.scales!r}")
    workdir = args.workdir or (Path(tempfile.gettempdir()) if args.render else Path(tempfile.mkdtemp(prefix="kg-bench-")))
    return Options(
        mode=args.mode,
        scales=scales,
        data=args.data,
        duration=args.duration or mode["duration"],
        warmup=args.warmup,
        timeout=mode["timeout"],
        length=mode["length"],
        connections=args.connections,
        threads=args.threads,
        servers=servers,
        kinds=kinds,
        out=args.out,
        workdir=workdir,
        keep=args.keep or args.workdir is not None,
        seed=args.seed,
        build_timeout=args.build_timeout,
        render=args.render,
    )


def find_tools(options: Options) -> dict:
    """Every program the run needs, or a BenchError saying how to get the missing ones."""
    missing = []
    tools = {"kg": str(BIN / "kg"), "python": sys.executable}
    if not Path(tools["kg"]).exists():
        missing.append(f"kg is not installed in {BIN} (make venv)")
    wrk = shutil.which("wrk")
    if wrk is None:
        missing.append("wrk is not installed (Debian: apt-get install wrk)")
    tools["wrk"] = wrk
    if "oxigraph" in options.servers:
        oxigraph = BIN / "oxigraph"
        tools["oxigraph"] = str(oxigraph if oxigraph.exists() else shutil.which("oxigraph") or "")
        if not tools["oxigraph"]:
            missing.append(
                "oxigraph (the CLI server, PyPI package `oxigraph`) is not installed: make bench installs "
                "the bench extra, or .venv/bin/pip install -e '.[bench]'"
            )
    if "flask-naive" in options.servers and not (BIN / "gunicorn").exists():
        missing.append(f"gunicorn is not installed in {BIN} (make venv)")
    if workload.FLOOR in options.servers and not (BIN / "granian").exists():
        missing.append(f"granian is not installed in {BIN} (make venv)")
    if "rdflib-endpoint" in options.servers:
        for module, package in (("rdflib_endpoint", "rdflib-endpoint"), ("uvicorn", "uvicorn")):
            try:
                __import__(module)
            except ImportError:
                missing.append(f"{package} is not installed: make bench installs the bench extra, or .venv/bin/pip install -e '.[bench]'")
    if missing:
        raise BenchError("cannot run the benchmark:\n  " + "\n  ".join(missing))
    if options.data is None:
        probe = subprocess.run([tools["kg"], "generate", "--help"], capture_output=True, text=True)
        if probe.returncode != 0:
            raise BenchError(
                "`kg generate` is not available in this tree (yet); benchmark existing data instead, "
                "e.g. `python -m bench --data data` (the real report)"
            )
    return tools


KG_BENCH_BUDGET_S = "1000000"  # kg's per-client budget in the benchmark: counted, never reached (see NOTES)


def clean_env(**extra) -> dict:
    """The environment without KG_* and PORT: our commands run with their shipped defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_") and k != "PORT"}
    env.update(extra)
    return env


def disk_usage(path: Path) -> int:
    """Bytes on disk under a folder (like du)."""
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*")) + path.lstat().st_blocks * 512


def read_sample(publication: Path, manifest: dict, options: Options) -> workload.DataSample:
    """Resources, pages and words drawn from the built store (opened read-only, closed before any server runs),
    and views of the figures browser from the published figures.csv."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(publication / "store"))
    try:
        subjects = [row["s"].value for row in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }", use_default_graph_as_union=True)]
        labels = [row["l"].value for row in store.query(f"SELECT ?l WHERE {{ ?s <{workload.RDFS_LABEL}> ?l }}", use_default_graph_as_union=True)]
    finally:
        del store
        gc.collect()
    sample = workload.sample_from(manifest["base"], subjects, labels, seed=options.seed)
    gzip_dumps = [f["path"] for f in manifest.get("files", []) if f.get("role") == "dump" and f.get("encoding") == "gzip"]
    table = publication / "figures.csv"
    pairs = workload.figure_pairs(table.read_text(encoding="utf-8")) if table.is_file() else []
    views = workload.figure_views(pairs, seed=options.seed)
    return dataclasses.replace(sample, dump=workload.choose_dump(gzip_dumps), figures=views)


def server_spec(name: str, output: Path, port: int, scale_triples: int) -> dict:
    """How to start one server over the output folder of a build (the live version: output/current)."""
    publication = output / "current"
    ready = workload.query_path(name, "ASK { ?s ?p ?o }")
    if name == "kg":
        return {
            "command": [str(BIN / "kg"), "serve", "--output", str(output), "--host", "127.0.0.1", "--port", str(port)],
            "env": clean_env(KG_CLIENT_BUDGET=KG_BENCH_BUDGET_S, KG_CLIENT_CONCURRENCY="0"),
            "ready": ready,
            "timeout": 120,
        }
    if name == "oxigraph":
        return {
            "command": [
                str(BIN / "oxigraph"),
                "serve-read-only",
                "--location",
                str(publication / "store"),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            "env": None,
            "ready": ready,
            "timeout": 120,
        }
    if name == "flask-naive":
        return naive_spec(publication, port, ready)
    if name == workload.FLOOR:
        return floor_spec(publication, port, ready)
    files = [str(publication / "kg.nq"), str(publication / "void.ttl")]  # the store's content: graphs + description
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return {
        "command": [sys.executable, "-m", "bench.rdflib_endpoint_app", "--port", str(port), *files],
        "env": env,
        "ready": ready,
        "timeout": 120 + scale_triples / 1000,
    }  # rdflib parses the dump: ~1 s per 1,000 triples at worst


def naive_spec(publication: Path, port: int, ready: str) -> dict:
    """gunicorn serving bench/naive_app.py over the version's store, shaped as our server ships (kg.web.settings)."""
    from kg.web.settings import ServerConfig

    shipped = ServerConfig()
    command = [
        str(BIN / "gunicorn"),
        "-w",
        str(shipped.http_processes),
        "-k",
        "gthread",
        "--threads",
        str(shipped.threads),
        "-b",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "-",
    ]
    if gunicorn_has_setting("control_socket_disable"):  # as ours: no ~/.gunicorn socket shared between servers
        command.append("--no-control-socket")
    env = clean_env(KG_BENCH_STORE=str(publication / "store"), PYTHONPATH=str(ROOT))
    return {"command": command + ["bench.naive_app:app"], "env": env, "ready": ready, "timeout": 120}


def floor_spec(publication: Path, port: int, ready: str) -> dict:
    """granian serving bench/floor_app.py (WSGI) over the version's store, fronted as `kg serve` is
    (kg.web.server.granian_options of the shipped ServerConfig: processes, threads, backpressure, HTTP/1.1)."""
    from kg.web.settings import ServerConfig

    shipped = ServerConfig()
    command = [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "--workers",
        str(shipped.http_processes),
        "--blocking-threads",
        str(shipped.threads),
        "--backpressure",
        str(shipped.max_connections),
        "--http",
        "1",
        "--no-ws",
        "--access-log",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "bench.floor_app:app",
    ]
    env = clean_env(KG_BENCH_STORE=str(publication / "store"), PYTHONPATH=str(ROOT))
    return {"command": command, "env": env, "ready": ready, "timeout": 120}


def gunicorn_has_setting(name: str) -> bool:
    """Whether the installed gunicorn knows a setting (the control socket is newer than gunicorn 23)."""
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == name for setting in KNOWN_SETTINGS)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_case(options: Options, server: Server, scale: Scale, kind: workload.Kind, requests: Path, logs: Path) -> Case:
    connections = kind.connections or options.connections
    method, path, accept = probe_request(requests)
    probe = probe_answer(server.url + path, accept, timeout=options.timeout)
    wrk_args = dict(connections=connections, threads=options.threads, timeout=options.timeout, log=logs / "wrk.log")
    if options.warmup > 0:  # backwards: other requests than the measured run's (bench/wrk.lua)
        run_wrk(options.tools["wrk"], server.url, LUA, requests, duration=options.warmup, backward=True, **wrk_args)
    with MemorySampler(server.process.pid) as sampler:
        output = run_wrk(options.tools["wrk"], server.url, LUA, requests, duration=options.duration, **wrk_args)
    case = Case.from_wrk(scale.name, kind.name, server.name, results.parse_wrk(output), connections=connections)
    case.peak_rss, case.probe = sampler.peak, probe
    return case


def probe_request(requests: Path) -> tuple[str, str, str]:
    """Method, path and Accept of the request probed before the load: the list's last, which the warm-up sends
    first and the measured run (walking from the start) reaches last, so that a cache does not answer the latter."""
    lines = requests.read_text(encoding="utf-8").splitlines()
    method, path, accept = lines[-1].split("\t")
    return method, path, accept


def probe_answer(url: str, accept: str, timeout: float) -> dict:
    """One request, to check what a server answers before loading it."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return results.describe_answer(reply.status, reply.headers.get("Content-Type", ""), reply.read())
    except urllib.error.HTTPError as exc:
        return results.describe_answer(exc.code, exc.headers.get("Content-Type", ""), exc.read())
    except OSError as exc:
        return {"status": None, "error": str(exc)}


def bench_server(options: Options, scale: Scale, name: str, output: Path, lists: dict, logs: Path) -> None:
    """Serve the publication with one server and run every kind it has; ours is restarted for each kind."""
    kinds = [k for k in workload.KINDS if (k.name, name) in lists]
    groups = [[k] for k in kinds] if name == "kg" else [kinds] if kinds else []
    for group in groups:
        done: list[str] = []
        try:
            port = free_port()
            spec = server_spec(name, output, port, scale.triples)
            log(f"{scale.name}: starting {name} on port {port}")
            with Server(name, spec["command"], port, spec["ready"], logs / f"{name}.log", env=spec["env"], start_timeout=spec["timeout"]) as server:
                scale.server_start_s[name] = max(scale.server_start_s.get(name, 0.0), server.ready_after or 0.0)
                for kind in group:
                    log(f"{scale.name}: {name} {kind.name} ({options.duration:g} s)")
                    try:
                        case = run_case(options, server, scale, kind, lists[(kind.name, name)], logs)
                    except (BenchError, ValueError) as exc:
                        case = Case(scale.name, kind.name, name, error=str(exc).splitlines()[0])
                    scale.cases.append(case)
                    done.append(kind.name)
                    if not server.alive():
                        raise BenchError(f"{name} died during {kind.name}")
                peak = server.peak_rss
            scale.server_peak_rss[name] = max(scale.server_peak_rss.get(name, 0), peak)
        except BenchError as exc:
            log(f"{scale.name}: {name}: {exc}")
            for kind in group:
                if kind.name not in done:
                    scale.cases.append(Case(scale.name, kind.name, name, error=str(exc).splitlines()[0]))


def bench_scale(options: Options, target: int | None, data: Path | None, work: Path) -> Scale:
    """Generate (unless given data), build and measure, then benchmark every server at one scale; what failed is
    the scale's error, beside the figures measured before it."""
    scale = Scale(name=results.scale_name(target) if target else "data", target_triples=target)
    try:
        _bench_scale(options, scale, data, work)
    except BenchError as exc:
        log(f"{scale.name}: {exc}")
        scale.error = str(exc).splitlines()[0]
    return scale


def _bench_scale(options: Options, scale: Scale, data: Path | None, work: Path) -> None:
    name, target, logs = scale.name, scale.target_triples, work / "logs"
    if data is None:
        data = work / "data"
        log(f"{name}: kg generate --triples {target}")
        gen = run_measured(
            [options.tools["kg"], "generate", "--out", str(data), "--triples", str(target), "--seed", str(options.seed)],
            logs / "generate.log",
            env=clean_env(),
        )
        if gen["returncode"] != 0:
            raise BenchError(f"kg generate failed ({gen['returncode']}); {logs / 'generate.log'}")
        scale.generate_s = gen["seconds"]
    output = work / "publication"
    log(f"{name}: kg build --data {data}")
    built = run_measured(
        [options.tools["kg"], "build", "--no-cache", "--data", str(data), "--output", str(output)],
        logs / "build.log",
        env=clean_env(),
        timeout=options.build_timeout,
    )
    scale.build_s = built["seconds"]
    scale.build_peak_rss = max(built["peak_tree_rss"], built["max_process_rss"])
    if built["returncode"] != 0:
        raise BenchError(
            f"kg build failed ({built['returncode']}) after {built['seconds']:.0f} s; {logs / 'build.log'}:\n" + tail(logs / "build.log")
        )
    publication = (output / "current").resolve()
    manifest = json.loads((publication / "manifest.json").read_text(encoding="utf-8"))
    scale.triples = int(manifest["triples"])
    if target is None:
        scale.name = results.scale_name(scale.triples)
    scale.store_bytes = disk_usage(publication / "store")
    log(f"{scale.name}: {scale.triples:,} triples built in {scale.build_s:.1f} s")
    if target is not None:  # generated data, ours to change
        scale.rebuild_one_s = rebuild_after_one_change(options, data, output, logs)

    sample = read_sample(publication, manifest, options)
    lists = {}
    for kind in options.kinds:
        for server in options.servers:
            lines = workload.requests_for(kind, server, sample, options.length)
            if lines:
                path = work / "requests" / f"{kind}.{server}.tsv"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                lists[(kind, server)] = path
    for server in workload.SERVERS:
        if server in options.servers:
            bench_server(options, scale, server, output, lists, logs)
    return scale


def rebuild_after_one_change(options: Options, data: Path, output: Path, logs: Path) -> float | None:
    """Wall time of `kg build` again after one report's facts changed: the others are reused (kg.build.report_cache)."""
    facts = sorted((data / "reports").glob("*/facts.yaml"))[0]
    with facts.open("a", encoding="utf-8") as handle:
        handle.write("\n# benchmark: one report changed\n")  # a different input, the same graph
    built = run_measured(
        [options.tools["kg"], "build", "--data", str(data), "--output", str(output)],
        logs / "rebuild.log",
        env=clean_env(),
        timeout=options.build_timeout,
    )
    if built["returncode"] != 0:
        raise BenchError(f"kg build (one report changed) failed ({built['returncode']}); {logs / 'rebuild.log'}:\n" + tail(logs / "rebuild.log"))
    return built["seconds"]


def build_real_report(options: Options) -> float | None:
    """Wall time of `kg build` of the project's own data (the real report) into a fresh folder."""
    output = options.workdir / "real-report"
    log("real report: kg build")
    built = run_measured([options.tools["kg"], "build", "--output", str(output)], options.workdir / "real-report.log", env=clean_env())
    if built["returncode"] != 0:
        log(f"real report: kg build failed ({built['returncode']}); {options.workdir / 'real-report.log'}")
        return None
    return built["seconds"]


def versions(options: Options) -> dict:
    found = {"python": sys.version.split()[0]}
    for package in ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "flask", "gunicorn", "granian"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            pass
    wrk = subprocess.run([options.tools["wrk"], "-v"], capture_output=True, text=True)
    found["wrk"] = (wrk.stdout + wrk.stderr).split("[")[0].replace("wrk", "").strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    found["commit"] = commit.stdout.strip() or "unknown"
    return found


def write_report(out: Path, meta: dict, scales: list[Scale]) -> None:
    """Check the targets, print the tables and write them as text, Markdown and JSON (out/bench-<mode>.*)."""
    found = meta["versions"]
    started = datetime.fromisoformat(meta["started"])
    header = [
        f"kg benchmark, {meta['mode']} mode ({meta['command']}), {started:%Y-%m-%d %H:%M} UTC, commit {found['commit']}",
        f"{meta.get('cpus', '?')} CPUs; wrk {found.get('wrk', '?')} -t{meta['threads']} -c{meta['connections']}, "
        f"{meta['duration_s']:g} s per case after {meta['warmup_s']:g} s of warm-up, timeout {meta.get('timeout_s', '?')} s",
        "versions: " + ", ".join(f"{k} {v}" for k, v in found.items() if k != "commit"),
        "build of the real report (kg build, facts -> validated publication): " + results.fmt_s(meta["real_report_build_s"]),
    ]
    targets = results.check_targets(scales, meta["real_report_build_s"])
    kinds = meta.get("kinds", workload.KIND_NAMES)
    notes = [f"{k.name}: {k.title}" for k in workload.KINDS if k.name in kinds] + NOTES + [n for s in scales for n in results.probe_mismatches(s)]
    text = results.render_text(header, scales, targets, notes)
    print(text)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"bench-{meta['mode']}"
    stem.with_suffix(".json").write_text(
        json.dumps(results.report_json(meta, scales, targets, notes), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    stem.with_suffix(".md").write_text(results.render_markdown(header, scales, targets, notes), encoding="utf-8")
    stem.with_suffix(".txt").write_text(text, encoding="utf-8")
    print(f"written: {stem}.txt, .md, .json", file=sys.stderr)


def render(path: Path, out: Path) -> int:
    """Check and print again a report written by an earlier run (after a change to the targets or the tables)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    meta = {k: v for k, v in report.items() if k not in ("scales", "targets", "notes")}
    write_report(out, meta, results.load_scales(report))
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM as Ctrl-C: the `with` blocks stop every server on the way out


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.render:
        return render(options.render, options.out)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        options.tools = find_tools(options)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    started = datetime.now(UTC)
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    scales: list[Scale] = []
    try:
        real_data = options.data is not None and options.data.resolve() == ROOT / "data"
        real_build_s = None if real_data else build_real_report(options)  # else it is the scale's build
        targets_to_run = [None] if options.data else options.scales
        for target in targets_to_run:
            name = results.scale_name(target) if target else "data"
            work = options.workdir / name
            scales.append(bench_scale(options, target, options.data.resolve() if options.data else None, work))
            if real_data:
                real_build_s = scales[-1].build_s
            if not options.keep:
                shutil.rmtree(work, ignore_errors=True)
    except KeyboardInterrupt:
        print("bench: interrupted; every server was stopped", file=sys.stderr)
        return 130
    finally:
        if not options.keep:
            shutil.rmtree(options.workdir, ignore_errors=True)
    found = versions(options)
    meta = {
        "mode": options.mode,
        "command": command.strip(),
        "started": started.isoformat(),
        "versions": found,
        "cpus": os.cpu_count(),
        "duration_s": options.duration,
        "warmup_s": options.warmup,
        "timeout_s": options.timeout,
        "connections": options.connections,
        "threads": options.threads,
        "kinds": options.kinds,
        "real_report_build_s": real_build_s,
    }
    write_report(options.out, meta, scales)
    failed = [s.name for s in scales if s.error] + [f"{c.scale} {c.kind} {c.server}" for s in scales for c in s.cases if not c.ok]
    if failed:
        print(f"bench: not measured: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
