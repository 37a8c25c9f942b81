"""SIGTERM to the real server (`kg serve`, 2 HTTP processes) over the real build: running queries finish.

granian's master SIGTERMs each HTTP process and SIGKILLs any still running after `workers_kill_timeout`
(kg.web.server); each closes its listener and idle connections, lets hyper finish the requests it is
answering, then exits, stopping its query workers (README "Shutdown"). Four servers are stopped, each
while a request is in flight: a query of a few seconds (answered in full, new connections refused,
exit 0 right after the answer); the same with SIGTERM to every process of the server, as a signal to
its process group sends (the query workers ignore it); a query past its time limit (503 at the limit,
then exit); an answer the client never reads (cut off at the kill timeout, exit 0). After each, no
query worker of the server still runs (a worker whose HTTP process was killed ends as its pipe
closes, and may stay a zombie until init reaps it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.web.server import granian_options
from kg.web.settings import ServerConfig
from tests.hardening.conftest import SLOW, Reply, Server, children_of, record
from tests.processes import stop_process

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.embedded_store]

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?d ?e ?f }"
FEW_SECONDS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # 25 million pairs of triples: seconds
BIG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000"  # about 10 MB of JSON, answered in about a second
MARGIN_S = 3.0  # the master's own stopping after the kill timeout (measured: 0.2 s)
WORKER = "kg.stores.embedded.worker"


def kill_timeout(settings: dict) -> int:
    """granian's workers_kill_timeout for a server with these settings."""
    return granian_options(ServerConfig(**settings))["workers_kill_timeout"]


def expected_count(server: Server) -> str:
    """The count FEW_SECONDS answers over the server's publication: the square of its triples."""
    return str(int(server.query(COUNT).json()["results"]["bindings"][0]["n"]["value"]) ** 2)


def live_workers(http_pids: set[int]) -> set[int]:
    """Query workers of these HTTP processes that still run (not zombies), wherever they were reparented."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
            argv = (stat.parent / "cmdline").read_bytes().decode().split("\0")
        except (OSError, IndexError, UnicodeDecodeError):
            continue
        parent = argv[argv.index("--parent") + 1] if "--parent" in argv else ""
        if state != "Z" and WORKER in argv and parent.isdigit() and int(parent) in http_pids:
            found.add(int(stat.parent.name))
    return found


def connect_outcome(port: int) -> str:
    """A new connection's fate right now: 'refused', 'closed' (accepted, then closed unanswered) or the status line."""
    with socket.socket() as sock:
        sock.settimeout(5)
        try:
            sock.connect(("127.0.0.1", port))
            sock.sendall(b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            head = sock.recv(64)
        except ConnectionRefusedError:
            return "refused"
        except OSError:
            return "closed"
        return head.split(b"\r\n", 1)[0].decode("latin-1") if head else "closed"


@dataclass
class Stopped:
    """What one server did once it got SIGTERM; times are seconds after the signal."""

    kill_timeout_s: int
    exit_code: int | None = None
    exited_s: float | None = None
    answered_s: float | None = None
    reply: Reply | None = None
    http_pids: set[int] = field(default_factory=set)
    workers_before: int = 0
    extra: dict = field(default_factory=dict)


def stop_during(server: Server, stopped: Stopped, request, while_stopping=lambda _at: None, group=False) -> None:
    """Run `request()` in a thread, SIGTERM the server 1 s later (with `group`, every process of it, as a signal to
    its process group would), call `while_stopping(signalled_at)`, wait for the exit."""
    stopped.workers_before = len(server.wait_for_workers(4))  # both HTTP processes have started theirs
    stopped.http_pids = server.http_processes()
    replies: list = []
    thread = threading.Thread(target=lambda: replies.append((request(), time.monotonic())), daemon=True)
    thread.start()
    time.sleep(1.0)  # the request has reached a request thread (and the query a worker)
    signalled = time.monotonic()
    for pid in [server.process.pid, *(children_of(server.process.pid) if group else ())]:
        os.kill(pid, signal.SIGTERM)
    while_stopping(signalled)
    try:
        stopped.exit_code = server.process.wait(timeout=stopped.kill_timeout_s + 30)
    finally:
        stopped.exited_s = time.monotonic() - signalled
        stop_process(server.process)
    thread.join(30)
    if replies:
        stopped.reply, answered = replies[0]
        stopped.answered_s = answered - signalled


@pytest.fixture(scope="module")
def start(publication_dir, tmp_path_factory):
    """start(**settings) -> a running Server over the real build; each is stopped after the module, come what may."""
    servers: list[Server] = []

    def started(**settings) -> Server:
        servers.append(Server(publication_dir, tmp_path_factory.mktemp("server-log"), **settings))
        return servers[-1]

    yield started
    for server in servers:
        server.stop()


def assert_no_worker_left(stopped: Stopped) -> None:
    assert stopped.workers_before >= 4  # two per HTTP process: there were workers to stop
    deadline = time.monotonic() + 2  # an orphaned worker sees its pipe close at once, its watcher within 0.5 s
    while (left := live_workers(stopped.http_pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"query workers still running after the server exited: {sorted(left)}"


# -- a query of a few seconds ---------------------------------------------------------------------
DRAIN = {"query_timeout_s": 30, "queue_timeout_s": 2}


@pytest.fixture(scope="module")
def drained(start):
    server = start(**DRAIN)
    stopped = Stopped(kill_timeout(DRAIN), extra={"expected": expected_count(server)})
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=10)  # a keep-alive connection, answered once
    idle.sendall(b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert idle.recv(4096).startswith(b"HTTP/1.1 200")

    def while_stopping(signalled: float) -> None:
        idle.settimeout(10)
        try:
            stopped.extra["idle_end"] = idle.recv(4096)
        except OSError as error:
            stopped.extra["idle_end"] = type(error).__name__
        stopped.extra["idle_closed_s"] = time.monotonic() - signalled
        probes = []
        while time.monotonic() - signalled < 5:
            probes.append((time.monotonic() - signalled, connect_outcome(server.port)))
            if probes[-1][1] == "refused":
                break
            time.sleep(0.05)
        stopped.extra["probes"] = probes

    try:
        stop_during(server, stopped, lambda: server.query(FEW_SECONDS, timeout=120), while_stopping)
    finally:
        idle.close()
    record(
        "graceful-shutdown-drain",
        {
            "kill_timeout_s": stopped.kill_timeout_s,
            "answered_s": stopped.answered_s,
            "exited_s": stopped.exited_s,
            "probes": stopped.extra["probes"],
            "idle_closed_s": stopped.extra["idle_closed_s"],
        },
    )
    return stopped


def test_a_query_running_at_sigterm_is_answered_in_full(drained):
    assert drained.reply is not None and drained.reply.status == 200, drained.reply and drained.reply.text()
    assert drained.answered_s > 0  # sent 1 s before the signal, it was still running then
    assert drained.reply.json()["results"]["bindings"][0]["n"]["value"] == drained.extra["expected"]


def test_new_connections_are_refused_soon_after_sigterm(drained):
    refused_at, outcome = (probes := drained.extra["probes"])[-1]
    assert outcome == "refused", probes
    assert refused_at < 2 and refused_at < drained.answered_s, probes  # while the running query still runs


def test_an_idle_keep_alive_connection_is_closed_at_sigterm(drained):
    assert drained.extra["idle_end"] in (b"", "ConnectionResetError")
    assert drained.extra["idle_closed_s"] < 2 and drained.extra["idle_closed_s"] < drained.answered_s


def test_the_server_exits_0_once_the_running_query_is_answered(drained):
    assert drained.exit_code == 0
    assert drained.exited_s < drained.answered_s + MARGIN_S  # right after the answer, not at the kill timeout
    assert drained.exited_s < drained.kill_timeout_s


def test_no_query_worker_outlives_a_drained_server(drained):
    assert_no_worker_left(drained)


# -- the same, with SIGTERM to every process of the server: the query workers ignore it --------------------
@pytest.fixture(scope="module")
def group_drained(start):
    server = start(**DRAIN)
    stopped = Stopped(kill_timeout(DRAIN), extra={"expected": expected_count(server)})
    stop_during(server, stopped, lambda: server.query(FEW_SECONDS, timeout=120), group=True)
    return stopped


def test_a_query_running_when_its_worker_gets_sigterm_too_is_answered(group_drained):  # kill -TERM -PGID
    assert group_drained.reply is not None and group_drained.reply.status == 200, group_drained.reply.text()
    assert group_drained.answered_s > 0
    assert group_drained.reply.json()["results"]["bindings"][0]["n"]["value"] == group_drained.extra["expected"]


def test_the_server_exits_0_with_no_worker_left_after_a_group_sigterm(group_drained):
    assert group_drained.exit_code == 0 and group_drained.exited_s < group_drained.kill_timeout_s
    assert_no_worker_left(group_drained)


# -- a query past its time limit --------------------------------------------------------------------
OVER = {"query_timeout_s": 3, "queue_timeout_s": 1}


@pytest.fixture(scope="module")
def over_limit(start):
    server = start(**OVER)
    stopped = Stopped(kill_timeout(OVER))
    stop_during(server, stopped, lambda: server.query(SLOW, timeout=60))
    return stopped


def test_a_query_past_its_time_limit_while_stopping_gets_503_at_the_limit(over_limit):
    assert over_limit.reply is not None and over_limit.reply.status == 503
    assert "time limit" in over_limit.reply.json()["message"]
    assert 0 < over_limit.answered_s < OVER["query_timeout_s"]  # sent 1 s before the signal: at the limit, + <1 s


def test_the_server_exits_0_once_the_query_past_its_limit_is_stopped(over_limit):
    assert over_limit.exit_code == 0
    assert over_limit.exited_s < over_limit.answered_s + MARGIN_S < over_limit.kill_timeout_s


def test_no_query_worker_outlives_a_server_stopped_during_a_time_out(over_limit):
    assert_no_worker_left(over_limit)  # the replacement started after the time out, too


# -- an answer the client never reads -----------------------------------------------------------------
STUCK = {"query_timeout_s": 4, "queue_timeout_s": 1, "max_rows": 20000}


@pytest.fixture(scope="module")
def cut_off(start):
    server = start(**STUCK)
    full = server.query(BIG)
    assert full.status == 200 and len(full.body) > 5_000_000, full.text()[:300]
    stopped = Stopped(kill_timeout(STUCK), extra={"full_bytes": len(full.body)})
    reader = socket.socket()
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window, never read: the answer stalls
    reader.settimeout(30)
    reader.connect(("127.0.0.1", server.port))
    reader.sendall(
        f"GET /sparql?{urllib.parse.urlencode({'query': BIG})} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Accept: application/sparql-results+json\r\n\r\n".encode()
    )
    head = reader.recv(64)  # the answer has begun: the query is done, its bytes wait for the client

    def read_rest(received: int = len(head)) -> int:
        with contextlib.suppress(OSError):
            while chunk := reader.recv(1 << 20):
                received += len(chunk)
        return received

    try:
        stop_during(server, stopped, lambda: head)
        stopped.extra["head"], stopped.extra["received"] = head, read_rest()
        stopped.extra["log"] = server.log.read_text(errors="replace")
    finally:
        reader.close()
    record(
        "graceful-shutdown-cut-off",
        {"kill_timeout_s": stopped.kill_timeout_s, "exited_s": stopped.exited_s, **{k: stopped.extra[k] for k in ("received", "full_bytes")}},
    )
    return stopped


def test_an_answer_still_sending_at_the_kill_timeout_is_cut_off(cut_off):
    assert cut_off.extra["head"].startswith(b"HTTP/1.1 200")
    assert cut_off.extra["received"] < cut_off.extra["full_bytes"]


def test_the_server_exits_0_within_the_kill_timeout_when_an_answer_is_cut_off(cut_off):
    assert cut_off.exit_code == 0  # granian's master exits 0 after killing an HTTP process itself
    assert "refused to gracefully stop" in cut_off.extra["log"]  # granian's warning as it kills it
    assert cut_off.kill_timeout_s - 0.5 < cut_off.exited_s < cut_off.kill_timeout_s + MARGIN_S


def test_no_query_worker_outlives_a_killed_http_process(cut_off):
    assert_no_worker_left(cut_off)
