"""The benchmark's wrk script (bench/wrk.lua) against a tiny caching server: the warm-up walks other requests
than the measured run, and answers from a cache (X-KG-Cache: hit) are counted. Needs wrk (Debian): fails under
CI=true when it is missing.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import results
from bench.processes import run_wrk
from tests.bench.test_quick_run import need

pytestmark = [pytest.mark.load]
LUA = Path(__file__).resolve().parents[2] / "bench" / "wrk.lua"
LENGTH = 50_000  # more than a Python server answers in two seconds (~6,000 a second here): no walk wraps


class CachingServer(ThreadingHTTPServer):
    """Answers every GET with 200 and `header: hit` when a server sharing `seen` answered its path before (as our
    cache would), else `header: miss`; records the paths it was sent and how many hits it answered."""

    daemon_threads = True

    def __init__(self, seen: set, lock: threading.Lock, header: str = "X-KG-Cache"):
        super().__init__(("127.0.0.1", 0), CachingHandler)
        self.seen, self.lock, self.header = seen, lock, header
        self.paths: list[str] = []
        self.hits = 0

    def __enter__(self) -> CachingServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class CachingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as wrk expects
    disable_nagle_algorithm = True  # headers and body are two writes: else each answer waits for a delayed ACK

    def do_GET(self):
        server = self.server
        with server.lock:
            hit = self.path in server.seen
            server.seen.add(self.path)
            server.paths.append(self.path)
            server.hits += hit
        self.send_response(200)
        self.send_header(server.header, "hit" if hit else "miss")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def request_list(tmp_path) -> Path:
    path = tmp_path / "requests.tsv"
    path.write_text("".join(f"GET\t/r/{i}\ttext/plain\n" for i in range(LENGTH)), encoding="utf-8")
    return path


def load(server: CachingServer, requests: Path, tmp_path: Path, backward: bool = False) -> results.Case:
    """One second of wrk with bench/wrk.lua, 2 threads over 4 connections, as a Case."""
    output = run_wrk(
        need("wrk"), server.url, LUA, requests, duration=1, connections=4, threads=2, timeout=5, log=tmp_path / "wrk.log", backward=backward
    )
    return results.Case.from_wrk("test", "lookup", "kg", results.parse_wrk(output))


def positions(paths: list[str]) -> set[int]:
    """The places in the list of the requests sent (/r/<place>)."""
    return {int(path.rsplit("/", 1)[1]) for path in paths}


def test_the_warm_up_sends_none_of_the_requests_the_measured_run_sends(request_list, tmp_path):
    seen, lock = set(), threading.Lock()
    with CachingServer(seen, lock) as warm_up, CachingServer(seen, lock) as measured:
        warm = load(warm_up, request_list, tmp_path, backward=True)
        run = load(measured, request_list, tmp_path)
    assert warm.requests > 100 and run.requests > 100
    assert len(warm_up.paths) + len(measured.paths) < LENGTH  # else the walks would meet: the test says nothing
    assert set(warm_up.paths).isdisjoint(measured.paths)
    half = LENGTH // 2  # the second thread's offset
    sent, warmed = positions(measured.paths), positions(warm_up.paths)
    # wrk calls request() once on its first thread to check the script: that thread's first request is never sent
    assert min(sent) in (0, 1) and min(p for p in sent if p >= half) == half  # forwards from each offset
    assert max(warmed) in (LENGTH - 1, LENGTH - 2) and max(p for p in warmed if p < half) == half - 1  # backwards
    assert run.cache_hits == 0 and measured.hits == 0


def test_answers_from_the_cache_are_counted_whatever_the_case_of_the_header(request_list, tmp_path):
    seen, lock = set(), threading.Lock()
    with CachingServer(seen, lock) as first, CachingServer(seen, lock, header="x-kg-cache") as again:
        assert load(first, request_list, tmp_path).cache_hits == 0
        repeated = load(again, request_list, tmp_path)  # from the same offsets: its first requests were answered
    assert again.hits > 0 and 0 < repeated.cache_hits <= again.hits
    assert again.hits - repeated.cache_hits <= 4  # at most one answer per connection in flight when wrk stopped
