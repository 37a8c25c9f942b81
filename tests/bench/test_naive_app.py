"""flask-naive (bench/naive_app.py), the benchmark's reference floor: its answers on a tiny store, and how the
bench serves it (our shipped process and thread counts)."""

from __future__ import annotations

import csv
import gc
import io
import json
import urllib.parse

import pyoxigraph
import pytest

from bench import naive_app, run, workload
from kg.web.settings import ServerConfig

EX = "http://example.org/"
LOOKUP = workload.lookup_query(f"{EX}id/a")


@pytest.fixture
def client(tmp_path, monkeypatch):
    """The naive app's test client over a store of two quads in two named graphs, opened as the bench does."""
    path = tmp_path / "store"
    store = pyoxigraph.Store(str(path))
    a, label = pyoxigraph.NamedNode(f"{EX}id/a"), pyoxigraph.NamedNode(workload.RDFS_LABEL)
    store.add(pyoxigraph.Quad(a, label, pyoxigraph.Literal("Alpha"), pyoxigraph.NamedNode(f"{EX}graph/1")))
    store.add(pyoxigraph.Quad(a, pyoxigraph.NamedNode(f"{EX}p"), pyoxigraph.Literal("1"), pyoxigraph.NamedNode(f"{EX}graph/2")))
    store.flush()
    del store
    gc.collect()  # closes the store: read_only opens it afresh
    monkeypatch.setenv(naive_app.STORE_ENV, str(path))
    monkeypatch.setattr(naive_app, "_store", None)
    yield naive_app.app.test_client()
    monkeypatch.setattr(naive_app, "_store", None)
    gc.collect()


def get(client, query: str | None, accept: str | None = "application/sparql-results+json"):
    path = "/sparql" + (f"?query={urllib.parse.quote(query, safe='')}" if query is not None else "")
    return client.get(path, headers={"Accept": accept} if accept else {})


def test_a_lookup_is_answered_over_the_union_of_the_graphs(client):
    reply = get(client, LOOKUP)
    assert reply.status_code == 200 and reply.mimetype == "application/sparql-results+json"
    rows = json.loads(reply.data)["results"]["bindings"]
    assert sorted(r["o"]["value"] for r in rows) == ["1", "Alpha"]


def test_the_store_is_opened_on_the_first_request_then_kept(client):
    assert naive_app._store is None  # not at import: gunicorn's master never opens it
    get(client, "ASK { ?s ?p ?o }")
    opened = naive_app._store
    assert opened is not None
    get(client, LOOKUP)
    assert naive_app._store is opened


@pytest.mark.parametrize(
    "accept,mimetype",
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        ("text/html", "application/sparql-results+json"),
        (None, "application/sparql-results+json"),
    ],
)
def test_the_results_format_follows_accept_json_by_default(client, accept, mimetype):
    reply = get(client, LOOKUP, accept)
    assert reply.status_code == 200 and reply.mimetype == mimetype


def test_csv_holds_the_rows(client):
    rows = list(csv.reader(io.StringIO(get(client, LOOKUP, "text/csv").get_data(as_text=True))))
    assert rows[0] == ["p", "o"] and sorted(r[1] for r in rows[1:]) == ["1", "Alpha"]


@pytest.mark.parametrize("query,message", [(None, "missing query"), ("", "missing query"), ("SELEC ?s WHERE", "syntax error")])
def test_a_missing_or_broken_query_is_a_plain_400(client, query, message):
    reply = get(client, query)
    assert reply.status_code == 400 and reply.mimetype == "text/plain"
    assert message in reply.get_data(as_text=True)


def test_the_bench_serves_it_with_gunicorn_shaped_as_ours_ships(tmp_path):
    shipped = ServerConfig()
    spec = run.server_spec("flask-naive", tmp_path, 8123, 10_000)
    command = spec["command"]
    assert command[0].endswith("gunicorn") and command[-1] == "bench.naive_app:app"
    assert command[command.index("-w") + 1] == str(shipped.http_processes)
    assert command[command.index("--threads") + 1] == str(shipped.threads)
    assert command[command.index("-k") + 1] == "gthread"
    assert command[command.index("-b") + 1] == "127.0.0.1:8123"
    assert command[command.index("--access-logfile") + 1] == "-"
    assert spec["env"][naive_app.STORE_ENV] == str(tmp_path / "current" / "store")
    assert spec["ready"].startswith("/sparql?query=")


def test_it_is_one_of_the_default_servers_and_can_be_chosen_alone(tmp_path):
    assert "flask-naive" in run.parse_args(["--workdir", str(tmp_path)]).servers
    assert run.parse_args(["--servers", "kg,flask-naive", "--workdir", str(tmp_path)]).servers == ["kg", "flask-naive"]
