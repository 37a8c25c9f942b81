"""Publishing loses nothing, seen from the server: while builds switch the live version back and forth,
readers get only complete old or new versions (never a 404, a 5xx or a mixed file), with no restart;
and a build killed with SIGKILL leaves what the server sends byte-identical."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.config import BuildConfig
from kg.publication.layout import read_manifest
from kg.publication.writer import switch_current
from tests.conftest import BASE
from tests.hardening.conftest import record

FACTS = Path("reports") / "binh-phuoc-2012-ict" / "facts.yaml"
LABELS = ("Vietnam", "Viet Nam")  # the English label of id/place/vietnam in version A and in version B
SWAPS = 4
LABEL_QUERY = "SELECT ?l WHERE { <%sid/place/vietnam> <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'en') }" % BASE

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """An output folder with versions A and B built, B live; and how to rebuild either."""
    root = tmp_path_factory.mktemp("swaps")
    data = root / "data"
    shutil.copytree(BuildConfig().data_dir, data)
    text_a = (data / FACTS).read_text(encoding="utf-8")
    text_b = text_a.replace('en: "Vietnam"}', 'en: "Viet Nam"}', 1)
    assert text_a != text_b
    config = BuildConfig(base=BASE, output_dir=root / "out", data_dir=data)

    def rebuild(which: str):
        (data / FACTS).write_text(text_a if which == "A" else text_b, encoding="utf-8")
        return build(config)

    versions = {"A": rebuild("A"), "B": rebuild("B")}
    manifests = {name: read_manifest(outcome.path) for name, outcome in versions.items()}
    assert manifests["A"].file("kg.nt").sha256 != manifests["B"].file("kg.nt").sha256
    return config, rebuild, manifests


def test_readers_see_only_complete_versions_while_builds_swap_them(serve, two_versions):
    config, rebuild, manifests = two_versions
    server = serve(config.output_dir, workers=2, client_budget_s=0)
    dump_sha = {manifests[v].file("kg.nt").sha256: v for v in "AB"}
    gz_sha = {manifests[v].file("kg.nt.gz").sha256: v for v in "AB"}
    stop, problems, seen = threading.Event(), [], {"dump": [], "dump.gz": [], "page": [], "rdf": [], "sparql": []}
    swaps: list[float] = []

    def swapper():
        try:
            for i in range(SWAPS):
                started = time.monotonic()
                rebuild("AB"[i % 2])
                swaps.append(time.monotonic() - started)
        finally:
            stop.set()

    def check(kind: str, reply, version: str | None):
        if reply.status != 200 or version is None:
            problems.append((kind, reply.status, reply.text()[:200]))
        else:
            seen[kind].append(version)

    def label_version(text: str) -> str | None:
        found = [v for v, label in zip("AB", LABELS, strict=True) if label == text]
        return found[0] if found else None

    def reader():
        while not stop.is_set():
            reply = server.request("GET", "/download/kg.nt")
            check("dump", reply, dump_sha.get(hashlib.sha256(reply.body).hexdigest()))
            reply = server.request("GET", "/download/kg.nt.gz")
            check("dump.gz", reply, gz_sha.get(hashlib.sha256(reply.body).hexdigest()))
            reply = server.request("GET", "/id/place/vietnam?lang=en", headers={"Accept": "text/html"})
            h1 = re.search(r"<h1>(.*?) <span", reply.text())
            complete = reply.text().rstrip().endswith("</html>")
            check("page", reply, label_version(h1.group(1)) if h1 and complete else None)
            reply = server.request("GET", "/id/place/vietnam.nt")
            labels = re.findall(r'rdf-schema#label> "([^"]*)"@en', reply.text())
            check("rdf", reply, label_version(labels[0]) if len(labels) == 1 else None)
            reply = server.query(LABEL_QUERY)
            bindings = reply.json()["results"]["bindings"] if reply.status == 200 else []
            check("sparql", reply, label_version(bindings[0]["l"]["value"]) if len(bindings) == 1 else None)

    readers = [threading.Thread(target=reader) for _ in range(2)]
    swapping = threading.Thread(target=swapper)
    for thread in readers + [swapping]:
        thread.start()
    swapping.join(300)
    stop.set()
    for thread in readers:
        thread.join(60)
    figures = {kind: {"requests": len(v), "A": v.count("A"), "B": v.count("B")} for kind, v in seen.items()}
    record("version-swaps", {"swaps": len(swaps), "build_seconds": [round(s, 2) for s in swaps], "problems": problems, "answers": figures})
    assert problems == []
    assert len(swaps) == SWAPS
    for kind, versions in seen.items():
        assert "A" in versions and "B" in versions, f"{kind}: the readers never saw both versions ({figures[kind]})"


def _wait_until(done, timeout_s: float = 120.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"the build never reached {what} within {timeout_s} s")
        time.sleep(0.002)


def _said(process: subprocess.Popen, words: str):
    """A condition: the build has written a line containing `words` to stderr (each call reads one more line)."""

    def seen() -> bool:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            raise AssertionError(f"the build ended (exit {process.returncode}) without saying {words!r}")
        return words in line

    return seen


# Where each build is killed, told by what the build itself shows (never by a delay): two stages
# before the switch, one after it.
KILL_POINTS = {
    "checked": lambda process, versions, output, live: _said(process, "graph conforms to the shapes"),
    "writing-dumps": lambda process, versions, output, live: lambda: any(versions.glob(".tmp-*/kg.nt*")),
    "switched": lambda process, versions, output, live: lambda: (output / "current").resolve() != live,
}


def test_a_build_killed_with_sigkill_changes_nothing_the_server_sends(serve, two_versions):
    config, rebuild, manifests = two_versions
    output, versions = Path(config.output_dir), Path(config.output_dir) / "versions"
    server = serve(output, workers=1, client_budget_s=0)
    paths = ["/download/kg.nt", "/download/kg.ttl", "/download/void.ttl", "/id/place/vietnam.nt", "/downloads"]
    (config.data_dir / FACTS).write_text(
        (config.data_dir / FACTS).read_text(encoding="utf-8").replace('en: "Vietnam"}', 'en: "Viet Nam"}', 1), encoding="utf-8"
    )  # the killed builds would make B
    outcomes = []
    for point, condition in KILL_POINTS.items():
        switch_current(output, versions / manifests["A"].version)
        live = (output / "current").resolve()
        shutil.rmtree(versions / manifests["B"].version, ignore_errors=True)  # so the build writes B anew
        before = {p: server.request("GET", p, headers={"Accept": "application/json"}).body for p in paths}
        files_before = {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()}
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "build", "--output", str(output), "--data", str(config.data_dir), "--base", BASE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        try:
            _wait_until(condition(process, versions, output, live), what=point)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
            process.stderr.close()
        after = {p: server.request("GET", p, headers={"Accept": "application/json"}).body for p in paths}
        switched = (output / "current").resolve() != live
        leftovers = [p.name for p in versions.glob(".tmp-*")]
        outcomes.append({"point": point, "killed_after_s": round(time.monotonic() - started, 2), "switched": switched, "leftovers": leftovers})
        assert switched is (point == "switched"), outcomes
        if not switched:  # killed before the switch: nothing changed, byte for byte
            assert after == before
        else:  # killed after the switch: B is live and complete
            assert hashlib.sha256(after["/download/kg.nt"]).hexdigest() == manifests["B"].file("kg.nt").sha256
        assert {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()} == files_before
        assert server.query(LABEL_QUERY).status == 200
        json.loads(after["/downloads"])
    assert [o["switched"] for o in outcomes].count(False) == 2 and outcomes[-1]["switched"]  # both branches ran
    record("killed-builds", outcomes)
    rebuild("B")  # the next build cleans up what the killed ones left
    assert not list(versions.glob(".tmp-*")) and not list(output.glob(".tmp-*"))
