"""Shared fixtures: one real build of the project's data per test session, and apps over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.build.pipeline import BuildOutcome, build
from kg.config import BuildConfig
from tests.processes import stop_process

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
def published_quads(built):
    """The real build's named graphs, read back once from its N-Quads dump (shared: tests only read it)."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(built.path / "kg.nq", format="nquads")
    return dataset


@pytest.fixture(scope="session")
def published_union(published_quads):
    """Every triple of the real build's named graphs, in one graph (shared: tests only read it)."""
    from kg.publication.dumps import union_graph

    return union_graph(published_quads, BASE)


@pytest.fixture(scope="session")
def store(built):
    """The built query store, opened read-only."""
    import pyoxigraph

    return pyoxigraph.Store.read_only(str(built.path / "store"))


#: The store the web tests' apps answer from: embedded (default), or a real remote store started by
#: the tests (`KG_TEST_STORE=oxigraph` or `virtuoso` runs tests/web on it).
TEST_STORE = os.environ.get("KG_TEST_STORE", "embedded")
STORE_MODES = ("embedded", "oxigraph", "virtuoso")


def pytest_collection_modifyitems(config, items):
    """Tests of the embedded store's own machinery are skipped when the apps answer from a remote store."""
    if TEST_STORE == "embedded":
        return
    skip = pytest.mark.skip(reason=f"tests the embedded store; KG_TEST_STORE={TEST_STORE}")
    for item in items:
        if item.get_closest_marker("embedded_store"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory):
    """`oxigraph serve` on a free loopback port for the session (stopped at the end)."""
    from tests.store_servers import start_oxigraph

    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory):
    """Virtuoso open source on free loopback ports for the session (skipped where missing, failed under CI)."""
    from tests.store_servers import start_virtuoso, virtuoso_or_skip

    virtuoso_or_skip()
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def store_settings(request, tmp_path_factory):
    """store_settings(mode, output): app settings serving `output` from `mode`'s store, published there first.

    Publications share base IRIs, so each output folder gets an `oxigraph serve` of its own; the one
    Virtuoso of the session is loaded again whenever another output folder is asked for.
    """
    from kg.publication.layout import NoPublication, current_dir
    from tests.store_servers import publish, start_oxigraph

    servers: dict[str, object] = {}
    loaded: dict[str, tuple] = {}  # server URL -> (output, version) it holds

    def settings(mode: str, output: Path) -> dict:
        if mode not in STORE_MODES:
            raise ValueError(f"KG_TEST_STORE: {mode!r} is not one of {', '.join(STORE_MODES)}")
        if mode == "embedded":
            return {}
        if mode == "oxigraph":
            server = servers.get(str(output))
            if server is None:
                server = servers[str(output)] = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
        else:
            server = request.getfixturevalue(f"{mode}_store")
        try:
            held = (str(output), current_dir(output))
        except NoPublication:  # nothing to load: the app will say so itself
            return {"store_url": server.url, "store_kind": server.kind}
        if loaded.get(server.url) != held:
            publish(output, server)
            loaded[server.url] = held
        return {"store_url": server.url, "store_kind": server.kind}

    yield settings
    for server in servers.values():
        server.stop()


@pytest.fixture
def app(publication_dir, store_settings):
    """A fresh app over the session's publication (from the store KG_TEST_STORE names)."""
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir, **store_settings(TEST_STORE, publication_dir)})
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
        [sys.executable, "-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--output", str(publication_dir)],
        stdout=log,
        stderr=subprocess.STDOUT,
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
                raise RuntimeError(f"the server did not start on {url}:\n{output[-3000:]}") from None
            time.sleep(0.2)
    yield url
    stop_process(process, grace_s=20)
    log.close()
