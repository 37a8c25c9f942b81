"""Real triple stores started by the tests, on a free loopback port, in a folder of their own.

- `oxigraph serve` (the PyPI package `oxigraph`, in the `test` extra): always available;
- Virtuoso open source (Debian's `virtuoso-opensource`, `.ci/run` installs it), started with its own
  ini file; where it is missing the tests that need it are skipped, except under CI=true, where they
  fail (as the browser and load tests do).

Each server is stopped (SIGTERM, then SIGKILL) by its fixture at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.processes import stop_process

VIRTUOSO = "virtuoso-t"
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh database's administrator


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StoreServer:
    """A running store: its kind, base URL, process and the credentials its writes need."""

    kind: str
    url: str
    process: subprocess.Popen
    log: Path
    user: str | None = None
    password: str | None = None

    @property
    def env(self) -> dict[str, str]:
        """The environment `kg publish` reads the credentials from."""
        return {"KG_STORE_USER": self.user, "KG_STORE_PASSWORD": self.password} if self.user else {}

    def stop(self) -> None:
        stop_process(self.process)


def _wait_until_answers(server: StoreServer, probe: str, seconds: float) -> StoreServer:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return server
        except (OSError, urllib.error.HTTPError):
            pass
        if server.process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"the {server.kind} store did not start:\n{server.log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)


def oxigraph_binary() -> str:
    found = Path(sys.executable).with_name("oxigraph")
    return str(found) if found.exists() else (shutil.which("oxigraph") or "oxigraph")


def start_oxigraph(folder: Path, port: int | None = None, timeout_s: float | None = None) -> StoreServer:
    """`oxigraph serve` over `folder` on a loopback port, once it answers queries."""
    port = port or free_port()
    log = folder.parent / f"{folder.name}.log"
    command = [oxigraph_binary(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    if timeout_s:
        command += ["--timeout-s", f"{timeout_s:g}"]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = StoreServer("oxigraph", f"http://127.0.0.1:{port}", process, log)
    return _wait_until_answers(server, f"{server.url}/query?query={quote('ASK {}')}", 60)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def start_virtuoso(folder: Path) -> StoreServer:
    """Virtuoso open source with its own ini and database in `folder`, on loopback ports."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port), encoding="utf-8")
    log = folder / "console.log"
    with open(log, "ab") as out:
        process = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"], cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    server = StoreServer("virtuoso", f"http://127.0.0.1:{http_port}", process, log, VIRTUOSO_USER, VIRTUOSO_PASSWORD)
    return _wait_until_answers(server, f"{server.url}/sparql?query={quote('ASK {}')}", 180)


def virtuoso_or_skip() -> None:
    """Skip when Virtuoso is not installed; under CI=true that is a failure (.ci/run installs it)."""
    if shutil.which(VIRTUOSO) is None:
        message = f"{VIRTUOSO} not found: install Debian's virtuoso-opensource"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must run the Virtuoso tests)")
        pytest.skip(message)


def publish(output: Path, server: StoreServer) -> None:
    """`kg publish --to` the live version of `output` into a running store (through the real CLI)."""
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "publish", "--output", str(output), "--to", server.url, "--store-kind", server.kind],
        env={**os.environ, **server.env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"kg publish failed ({result.returncode}):\n{result.stderr}")
