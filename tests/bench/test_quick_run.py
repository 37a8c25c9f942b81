"""The benchmark end to end, small: the real report, one second per case, every server it can start.

Runs `python -m bench` on the project's data (about 3,000 triples) with our server, oxigraph (the test
extra installs it), flask-naive and wsgi-floor, plus rdflib-endpoint where the bench extra is installed; checks that every case got
answers, all 2xx, that our server answered none of its SPARQL requests from its cache (the warm-up sends other
requests than the measured run), and that the tables were written. Then interrupts a run while a server is up and
checks that no process of it is left. Needs wrk (Debian): fails under CI=true when it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.load]


def need(program: str) -> str:
    path = shutil.which(program) or (str(Path(sys.executable).parent / program) if (Path(sys.executable).parent / program).exists() else None)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{program} is not installed (wrk: apt-get install wrk; oxigraph: pip install -e '.[test]')")
        pytest.skip(f"{program} is not installed")
    return path


def servers() -> str:
    try:
        import rdflib_endpoint  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return "kg,oxigraph,flask-naive,wsgi-floor"
    return "kg,oxigraph,rdflib-endpoint,flask-naive,wsgi-floor"


def bench_command(tmp_path: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bench",
        "--data",
        str(ROOT / "data"),
        "--duration",
        "1",
        "--warmup",
        "0",
        "--servers",
        servers(),
        "--out",
        str(tmp_path / "out"),
        "--workdir",
        str(tmp_path / "work"),
        *args,
    ]


def processes_mentioning(text: str, but: int | None = None) -> list[str]:
    """Processes whose command line holds `text` (the servers name their work folder), but pid `but`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in command and int(cmdline.parent.name) not in (os.getpid(), but):
            found.append(f"{cmdline.parent.name}: {command}")
    return found


def test_a_quick_run_measures_every_server_and_writes_the_tables(tmp_path):
    need("wrk"), need("oxigraph")
    done = subprocess.run(
        bench_command(tmp_path, "--kinds", "lookup,html,dump", "--warmup", "1"), cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((tmp_path / "out" / "bench-quick.json").read_text(encoding="utf-8"))
    (scale,) = report["scales"]
    assert scale["triples"] > 1000 and scale["build_s"] > 0 and scale["store_bytes"] > 0 and not scale["error"]
    expected = {("lookup", s) for s in servers().split(",")} | {("html", "kg"), ("dump", "kg"), ("dump", "oxigraph")}
    cases = {(c["kind"], c["server"]): c for c in scale["cases"]}
    assert set(cases) == expected
    for key, c in cases.items():
        assert not c["error"] and c["requests"] > 0, (key, c)
        assert c["non_2xx"] == 0 and set(c["statuses"]) == {"200"}, (key, c["statuses"], c["samples"])
        assert c["peak_rss"] > 0 and c["probe"]["status"] == 200
    hits = {key: c["cache_hits"] for key, c in cases.items()}
    assert hits[("lookup", "kg")] == 0, hits  # distinct queries, the warm-up's other ones: none from kg's cache
    assert all(n == 0 for (_, server), n in hits.items() if server != "kg"), hits  # no X-KG-Cache header
    assert {c["probe"]["rows"] for (kind, _), c in cases.items() if kind == "lookup"} != {0}
    assert len({c["probe"]["rows"] for (kind, _), c in cases.items() if kind == "lookup"}) == 1  # same answer
    assert set(scale["server_peak_rss"]) == set(servers().split(","))
    assert report["real_report_build_s"] == scale["build_s"]  # --data data: its build is the real report's
    names = {t["name"] for t in report["targets"]}
    assert "lookups ≥ 0.5x oxigraph" in names and "build of the real report < 3 s" in names
    assert "lookup" in done.stdout and "targets (issue 5):" in done.stdout and "cache hits" in done.stdout
    assert "targets (issue 12):" in done.stdout and "lookups ≥ 0.8x wsgi-floor" in names
    assert (tmp_path / "out" / "bench-quick.md").read_text(encoding="utf-8").startswith("# Benchmark")
    assert processes_mentioning(str(tmp_path / "work")) == []


def test_an_interrupted_run_leaves_no_server_behind(tmp_path):
    need("wrk"), need("oxigraph")
    process = subprocess.Popen(
        bench_command(tmp_path, "--kinds", "lookup", "--servers", "oxigraph"), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 120
        for line in process.stdout:  # the bench logs each case as it starts it
            if "oxigraph lookup" in line or time.monotonic() > deadline:
                break
        assert processes_mentioning(str(tmp_path / "work"), but=process.pid), "no server was running"
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    finally:  # SIGTERM first: the bench stops its servers on the way out; SIGKILL would leave them running
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
    assert process.returncode == 130
    assert processes_mentioning(str(tmp_path / "work")) == []
