"""/metrics of the real server (`kg serve`, 2 HTTP processes): totals exactly what was sent, whichever process answered.

Requests of four kinds are sent at once from several threads on fresh connections, so both HTTP
processes answer some; every read of /metrics afterwards must show the same totals, the sum of the
two processes' own files (read here one process at a time, from the server's metrics folder, which
the test puts under its own TMPDIR). The access log of the same server must be one JSON object per request.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest, multiprocess
from prometheus_client.parser import text_string_to_metric_families

from tests.hardening.conftest import Server
from tests.web.publication_fixture import BASE

pytestmark = [pytest.mark.e2e, pytest.mark.embedded_store]

ROUNDS = 12
LOOKUP = f"SELECT ?p ?o WHERE {{ <{BASE}id/place/binh-phuoc> ?p ?o }}"  # in the fast lane's grammar
BAD = "SELEC * WHERE { ?s ?p ?o }"
PAGE = "/id/place/binh-phuoc"
COUNTED = {  # (sample, labels) -> how many of the requests sent each adds
    ("kg_queries_total", (("format", "json"), ("outcome", "ok"))): 2 * ROUNDS,  # the pool's and the lane's
    ("kg_queries_total", (("format", "none"), ("outcome", "refused"))): ROUNDS,
    ("kg_http_request_duration_seconds_count", (("kind", "sparql"),)): 2 * ROUNDS,
    ("kg_http_request_duration_seconds_count", (("kind", "lookup"),)): ROUNDS,
    ("kg_http_request_duration_seconds_count", (("kind", "page"),)): ROUNDS,
    ("kg_http_responses_total", (("code", "400"), ("kind", "sparql"))): ROUNDS,
    ("kg_http_responses_total", (("code", "200"), ("kind", "page"))): ROUNDS,
}


def values(text: str) -> dict:
    """(name, sorted labels) -> value, for the samples COUNTED looks at."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            if key in COUNTED:
                found[key] = sample.value
    return {key: found.get(key, 0.0) for key in COUNTED}


@pytest.fixture(scope="module")
def server(sample_output, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("server-tmp")
    server = Server(sample_output, tmp_path_factory.mktemp("server-log"), env={"TMPDIR": str(tmp)}, http_processes=2)
    yield server, tmp
    server.stop()


def scrape(server: Server) -> dict:
    reply = server.request("GET", "/metrics")
    assert reply.status == 200 and reply.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    return values(reply.text())


def per_process(folder: Path, pid: int, scratch: Path) -> dict:
    """The values one HTTP process wrote: its own files alone, collected as /metrics collects them all."""
    scratch.mkdir()
    for file in folder.glob(f"*_{pid}.db"):
        shutil.copy(file, scratch / file.name)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(scratch))
    return values(generate_latest(registry).decode("utf-8"))


def send_mixed_requests(server: Server) -> list[int]:
    def one(i: int) -> int:
        kind = i % 4
        if kind == 0:
            return server.query(f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {i + 1}").status  # outside the lane: the pool
        if kind == 1:
            return server.query(BAD).status
        if kind == 2:
            return server.query(LOOKUP, headers={"X-Request-ID": f"lookup-{i}"}).status
        return server.request("GET", PAGE, headers={"Accept": "text/html"}).status

    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(one, range(4 * ROUNDS)))


def test_every_read_of_metrics_sums_exactly_what_was_sent_whichever_process_answered(server, tmp_path):
    server, tmp = server
    before = scrape(server)
    statuses = send_mixed_requests(server)
    assert sorted(statuses) == sorted([200, 400, 200, 200] * ROUNDS)
    reads = [scrape(server) for _ in range(8)]
    sent = {key: before[key] + added for key, added in COUNTED.items()}
    assert all(read == sent for read in reads), reads
    [folder] = tmp.glob("kg-metrics-*")
    processes = sorted(server.http_processes())
    assert len(processes) == 2
    own = [per_process(folder, pid, tmp_path / str(pid)) for pid in processes]
    assert {key: sum(one[key] for one in own) for key in COUNTED} == sent
    answered = [one[("kg_http_request_duration_seconds_count", (("kind", "sparql"),))] for one in own]
    assert all(count > 0 for count in answered), f"one process answered every query: {answered}"


def test_each_request_is_one_json_line_of_the_access_log(server):
    server, _tmp = server
    assert server.query(LOOKUP, headers={"X-Request-ID": "the-one"}).status == 200
    path = "/sparql?" + urllib.parse.urlencode({"query": LOOKUP})
    lines = [json.loads(line) for line in server.log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    [mine] = [line for line in lines if line["request_id"] == "the-one"]
    assert set(mine) == {"time", "client", "method", "path", "status", "bytes", "duration_ms", "kind", "request_id"}
    assert (mine["client"], mine["method"], mine["path"], mine["status"], mine["kind"]) == ("127.0.0.1", "GET", "/sparql", 200, "lookup")
    assert mine["bytes"] > 0 and mine["duration_ms"] >= 0
    assert not any(path.split("?")[1] in json.dumps(line) for line in lines)  # no query string, ever


def test_the_metrics_folder_is_removed_when_the_server_stops(sample_output, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("server-tmp")
    server = Server(sample_output, tmp_path_factory.mktemp("server-log"), env={"TMPDIR": str(tmp)}, http_processes=1)
    try:
        assert len(list(tmp.glob("kg-metrics-*"))) == 1
    finally:
        server.stop()
    assert list(tmp.glob("kg-metrics-*")) == []
