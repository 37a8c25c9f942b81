"""Fixtures of the hardening tests: real `kg serve` processes with chosen settings, a connection counter.

`serve(output, env=None, **settings)` starts the real server (granian, query workers) over a publication on a
free loopback port, with settings given by name (passed as their environment variables), and stops
it (by its pid) after the test. `listener` is a TCP server on 127.0.0.1 that counts connections.
Figures the tests measure go to test-artifacts/hardening/ (`record`).
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from kg.web.settings import ServerConfig
from tests.conftest import free_port
from tests.loopback import counting_listener
from tests.processes import stop_process
from tests.web.conftest import make_app, sample_output, sample_store  # noqa: F401 - the small publication, and apps over it

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "hardening"
JSON = "application/sparql-results+json"
CHEAP = "ASK { ?s ?p ?o }"  # cheap, and outside the fast lane's grammar (kg.stores.bounded_lookup): a query worker answers it
ENV_NAMES = {f.name: f.metadata["env"] for f in fields(ServerConfig) if f.metadata.get("env")}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


def children_of(pid: int) -> dict[int, str]:
    """Every process below `pid` and its command line (Linux /proc)."""
    found: dict[int, str] = {}
    frontier = {pid}
    while frontier:
        parent = frontier.pop()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if ppid != parent:
                    continue
                command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, IndexError, ValueError):
                continue
            found[int(stat.parent.name)] = command
            frontier.add(int(stat.parent.name))
    return found


class Server:
    """One running `kg serve` process."""

    def __init__(self, output: Path, log_dir: Path, env: dict | None = None, **settings):
        """A server with `settings`; these tests play many clients from one address, so the cap on one client's
        queries at once (client_concurrency) is off unless a test sets it."""
        settings.setdefault("client_concurrency", 0)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("KG_")}, **(env or {})}
        env.update({ENV_NAMES[name]: str(value) for name, value in settings.items()})
        env.pop("PORT", None)
        self.log = log_dir / f"server-{self.port}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--output", str(output)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_ready()

    def wait_ready(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                if self.request("GET", "/health", timeout=2).status == 200 and len(self.query_workers()) >= 1:
                    # and let every query worker say hello, so tests start from a warm pool
                    if self.request("GET", "/sparql?" + urllib.parse.urlencode({"query": CHEAP}), timeout=30).status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start:\n{self.log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)

    # -- processes ---------------------------------------------------------------------------------
    def http_processes(self) -> set[int]:
        """The HTTP process(es) answering requests (children of the master, not query workers)."""
        return {pid for pid, cmd in children_of(self.process.pid).items() if "kg.stores.embedded.worker" not in cmd and "kg.cli" in cmd}

    def query_workers(self) -> set[int]:
        return {pid for pid, cmd in children_of(self.process.pid).items() if "kg.stores.embedded.worker" in cmd}

    def pids(self) -> tuple[int, frozenset[int]]:
        """The master's pid and its HTTP processes': what must not change when a query crashes a worker."""
        return self.process.pid, frozenset(self.http_processes())

    def wait_for_workers(self, count: int, timeout_s: float = 30) -> set[int]:
        deadline = time.monotonic() + timeout_s
        while len(workers := self.query_workers()) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return workers

    # -- HTTP ----------------------------------------------------------------------------------------
    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 60) -> Reply:
        """One request on a fresh connection; the path is sent exactly as given."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data, time.monotonic() - started)
        finally:
            connection.close()

    def query(self, query: str, method: str = "GET", accept: str = JSON, headers: dict | None = None, timeout: float = 60) -> Reply:
        headers = {"Accept": accept, **(headers or {})}
        if method == "GET":
            return self.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers=headers, timeout=timeout)
        headers["Content-Type"] = "application/sparql-query"
        return self.request("POST", "/sparql", query.encode("utf-8"), headers, timeout)

    def alive(self) -> bool:
        return self.process.poll() is None and self.query(CHEAP, timeout=30).status == 200

    def stop(self) -> None:
        stop_process(self.process)


def _started_servers(tmp_path_factory):
    """start(output, env=None, **settings) -> a running Server; every one is stopped when the generator ends."""
    servers: list[Server] = []

    def start(output: Path, env: dict | None = None, **settings) -> Server:
        server = Server(output, tmp_path_factory.mktemp("server-log"), env, **settings)
        servers.append(server)
        return server

    try:
        yield start
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def serve(tmp_path_factory):
    """serve(output, **settings) -> a running Server; every one is stopped after the test."""
    yield from _started_servers(tmp_path_factory)


@pytest.fixture(scope="module")
def serve_module(tmp_path_factory):
    """Like `serve`, for servers shared by the tests of a module."""
    yield from _started_servers(tmp_path_factory)


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 counting the connections it gets: (port, list of connections)."""
    with counting_listener() as found:
        yield found


def record(name: str, data) -> Path:
    """Write measured figures to test-artifacts/hardening/<name>.json (and return the path)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # minutes over bulk_output


@pytest.fixture(scope="session")
def bulk_output(tmp_path_factory):
    """A small publication plus 3,000 generated triples: SLOW runs for minutes over it."""
    from tests.web.publication_fixture import write_publication

    out = tmp_path_factory.mktemp("bulk-publication")
    write_publication(out, extra_triples=3000)
    return out
