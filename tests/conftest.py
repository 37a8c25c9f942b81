"""Shared fixtures: one real build of the project's data per test session, and apps over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildOutcome, build
from kg.config import BuildConfig

BASE = "http://127.0.0.1:8080/"


@pytest.fixture(scope="session")
def build_config(tmp_path_factory) -> BuildConfig:
    """The project's own inputs, published into a folder of the test session."""
    return BuildConfig(base=BASE, output_dir=tmp_path_factory.mktemp("publication"))


@pytest.fixture(scope="session")
def built(build_config) -> BuildOutcome:
    """The real build of the project's data (facts, ontology, shapes, queries), done once."""
    return build(build_config)


@pytest.fixture(scope="session")
def publication_dir(built, build_config) -> Path:
    """The output folder holding `current` -> the built version."""
    return build_config.output_dir


@pytest.fixture(scope="session")
def store(built):
    """The built query store, opened read-only."""
    import pyoxigraph

    return pyoxigraph.Store.read_only(str(built.path / "store"))


@pytest.fixture
def app(publication_dir):
    """A fresh app over the session's publication."""
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir})
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(publication_dir, tmp_path_factory):
    """The real server process (`kg serve`) on a free loopback port; stopped at the end of the session."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--output", str(publication_dir)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.close()
                output = log_path.read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(f"the server did not start on {url}:\n{output[-3000:]}")
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()
