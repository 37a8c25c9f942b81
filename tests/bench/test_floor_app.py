"""wsgi-floor (bench/floor_app.py), issue 12's bare-WSGI floor: its answers on the session's built store (in
process, and served by granian as the bench starts it), and how the bench fronts it (as `kg serve` is)."""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request

import pyoxigraph
import pytest
from werkzeug.test import Client

from bench import floor_app, run, workload
from bench.processes import Server, free_port
from kg.web.settings import ServerConfig


@pytest.fixture(scope="module")
def subject(store) -> str:
    """An IRI subject of the built store with several triples (over all its graphs)."""
    rows = store.query(
        "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1", use_default_graph_as_union=True
    )
    return next(iter(rows))["s"].value


def expected_rows(store, query: str) -> list[tuple[str, str]]:
    return sorted((row["p"].value, row["o"].value) for row in store.query(query, use_default_graph_as_union=True))


def rows_of(body: bytes) -> list[tuple[str, str]]:
    return sorted((b["p"]["value"], b["o"]["value"]) for b in json.loads(body)["results"]["bindings"])


@pytest.fixture
def client(built, monkeypatch):
    """The floor app over the session's built store, opened afresh as a worker of the bench opens it."""
    monkeypatch.setenv(floor_app.STORE_ENV, str(built.path / "store"))
    monkeypatch.setattr(floor_app, "_store", None)
    yield Client(floor_app.app)
    monkeypatch.setattr(floor_app, "_store", None)


def get(client, query: str | None, accept: str = "application/sparql-results+json"):
    path = "/sparql" + (f"?query={urllib.parse.quote(query, safe='')}" if query is not None else "")
    return client.get(path, headers={"Accept": accept})


def test_a_lookup_is_answered_over_the_union_of_the_graphs_as_pyoxigraph_answers_it(client, store, subject):
    query = workload.lookup_query(subject)
    reply = get(client, query)
    assert reply.status_code == 200 and reply.mimetype == "application/sparql-results+json"
    assert int(reply.headers["Content-Length"]) == len(reply.data)
    rows = rows_of(reply.data)
    assert len(rows) > 1 and rows == expected_rows(store, query)
    graphs = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{subject}> ?p ?o }} }}")
    assert len(list(graphs)) >= 1  # its triples are in named graphs: only the union default graph finds them


def test_the_body_is_pyoxigraphs_own_json_serialization(client, store, subject):
    query = workload.lookup_query(subject)
    native = store.query(query, use_default_graph_as_union=True).serialize(format=pyoxigraph.QueryResultsFormat.JSON)
    assert get(client, query).data == native


@pytest.mark.parametrize("accept", ["text/csv", "text/html", "application/sparql-results+xml", "*/*"])
def test_accept_is_ignored_json_always(client, subject, accept):
    reply = get(client, workload.lookup_query(subject), accept)
    assert reply.status_code == 200 and reply.mimetype == "application/sparql-results+json"


def test_ask_the_benchs_readiness_probe_is_answered(client):
    reply = get(client, "ASK { ?s ?p ?o }")
    assert reply.status_code == 200 and json.loads(reply.data)["boolean"] is True


def test_the_store_is_opened_on_the_first_request_then_kept(client):
    assert floor_app._store is None  # not at import: granian's parent never opens it
    get(client, "ASK { ?s ?p ?o }")
    opened = floor_app._store
    assert opened is not None
    get(client, "ASK { ?s ?p ?o }")
    assert floor_app._store is opened


@pytest.mark.parametrize("query,status,message", [(None, 400, "missing query"), ("", 400, "missing query"), ("SELEC ?s WHERE", 400, "syntax error")])
def test_a_missing_or_broken_query_is_a_plain_400(client, query, status, message):
    reply = get(client, query)
    assert reply.status_code == status and reply.mimetype == "text/plain"
    assert message in reply.get_data(as_text=True)


def test_other_paths_are_404(client):
    assert client.get("/").status_code == 404 and client.get("/query?query=ASK%7B%7D").status_code == 404


def test_the_bench_fronts_it_with_granian_shaped_as_kg_serve(tmp_path):
    shipped = ServerConfig()
    spec = run.server_spec(workload.FLOOR, tmp_path, 8123, 10_000)
    command = spec["command"]
    assert command[0].endswith("granian") and command[-1] == "bench.floor_app:app"
    assert command[command.index("--interface") + 1] == "wsgi"
    assert command[command.index("--workers") + 1] == str(shipped.http_processes) == "2"
    assert command[command.index("--blocking-threads") + 1] == str(shipped.threads)
    assert command[command.index("--backpressure") + 1] == str(shipped.max_connections)
    assert command[command.index("--http") + 1] == "1" and "--access-log" in command
    assert command[command.index("--port") + 1] == "8123"
    assert spec["env"][floor_app.STORE_ENV] == str(tmp_path / "current" / "store")
    assert not {k for k in spec["env"] if k.startswith("KG_")} - {floor_app.STORE_ENV}
    assert spec["ready"].startswith("/sparql?query=")


def test_it_is_one_of_the_default_servers_and_asked_every_sparql_kind(tmp_path):
    assert workload.FLOOR in run.parse_args(["--workdir", str(tmp_path)]).servers
    sample = workload.DataSample(base="http://x/", resources=("http://x/id/a",), pages=("/id/a",), words=("word",))
    for kind in workload.SPARQL_KINDS:  # the same requests as kg's, on the same path
        assert workload.requests_for(kind, workload.FLOOR, sample, 5) == workload.requests_for(kind, "kg", sample, 5)
    assert workload.requests_for("html", workload.FLOOR, sample) is None
    assert workload.requests_for("dump", workload.FLOOR, sample) is None


def test_served_by_granian_as_the_bench_starts_it_it_answers_a_lookup(publication_dir, store, subject, tmp_path):
    port = free_port()
    spec = run.server_spec(workload.FLOOR, publication_dir, port, 3_000)
    with Server(
        workload.FLOOR, spec["command"], port, spec["ready"], tmp_path / "floor.log", env=spec["env"], start_timeout=spec["timeout"]
    ) as server:
        query = workload.lookup_query(subject)
        request = urllib.request.Request(server.url + workload.query_path(workload.FLOOR, query), headers={"Accept": "text/html"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 200
            assert reply.headers["Content-Type"] == "application/sparql-results+json"
            assert rows_of(reply.read()) == expected_rows(store, query)
        assert len(_children(server.process.pid)) >= 2  # granian's two HTTP processes (at least)
    assert server.process.poll() is not None


def _children(pid: int) -> list[int]:
    from bench.processes import process_tree

    return [p for p in process_tree(pid) if p != pid and os.path.exists(f"/proc/{p}")]
