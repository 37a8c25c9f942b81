"""/sparql never reaches another server (SERVICE) and never changes the data (updates)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.loopback import counting_listener
from tests.web.sparql_cases import SERVICE_QUERIES, UPDATES

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that counts the connections it gets."""
    with counting_listener() as found:
        yield found


def aimed_at(query: str, port: int) -> str:
    return query.replace("127.0.0.1:9", f"127.0.0.1:{port}")


def triple_count(client) -> str:
    response = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": "application/json"})
    return response.get_json(force=True)["results"]["bindings"][0]["n"]["value"]


@pytest.mark.parametrize("query", SERVICE_QUERIES.values(), ids=SERVICE_QUERIES.keys())
def test_service_is_refused_and_nothing_is_contacted(sample_client, listener, query):
    port, connections = listener
    response = sample_client.get("/sparql", query_string={"query": aimed_at(query, port)}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and "SERVICE" in response.get_json()["message"]
    assert connections == []


def test_service_by_post_is_refused_and_nothing_is_contacted(sample_client, listener):
    port, connections = listener
    query = aimed_at(SERVICE_QUERIES["silent"], port)
    response = sample_client.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert response.status_code == 400 and connections == []


def test_the_word_service_in_a_string_still_runs(sample_client):
    query = "SELECT ?x WHERE { BIND('SERVICE <http://127.0.0.1:9/> { }' AS ?x) }"
    response = sample_client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/json"})
    assert response.status_code == 200


@pytest.mark.parametrize("query", UPDATES.values(), ids=UPDATES.keys())
def test_an_update_sent_as_a_query_is_refused_and_changes_nothing(sample_client, query):
    before = triple_count(sample_client)
    response = sample_client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and "read-only" in response.get_json()["message"]
    assert triple_count(sample_client) == before


def test_an_update_parameter_is_refused_as_read_only(sample_client):
    before = triple_count(sample_client)
    response = sample_client.post("/sparql", data={"update": UPDATES["insert data"]}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and "read-only" in response.get_json()["message"]
    assert triple_count(sample_client) == before


def test_an_update_parameter_beside_a_query_is_refused(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "ASK {}", "update": "CLEAR ALL"})
    assert response.status_code == 400


def test_a_sparql_update_body_is_refused_as_read_only(sample_client):
    before = triple_count(sample_client)
    response = sample_client.post(
        "/sparql", data=UPDATES["clear"].encode(), content_type="application/sparql-update", headers={"Accept": "application/json"}
    )
    assert response.status_code == 400 and "read-only" in response.get_json()["message"]
    assert triple_count(sample_client) == before


def test_the_store_files_are_not_touched_by_refused_updates(sample_client, sample_output):
    store = (sample_output / "current" / "store").resolve()
    before = {p.name: p.stat().st_mtime_ns for p in store.iterdir()}
    for query in UPDATES.values():
        sample_client.post("/sparql", data={"query": query})
    assert {p.name: p.stat().st_mtime_ns for p in store.iterdir()} == before


def service_call(port: int, isolate: bool) -> int:
    """Run a SERVICE query with pyoxigraph directly (no guard) in a fresh process; its exit status."""
    script = (
        "import pyoxigraph, sys\n"
        "from kg.stores.embedded.worker import isolate_network\n"
        f"if {isolate} and not isolate_network(): sys.exit(3)\n"
        f"try: list(pyoxigraph.Store().query('SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}'))\n"
        "except Exception: pass\n"
    )
    return subprocess.run([sys.executable, "-c", script], timeout=60).returncode


def test_a_worker_process_cannot_reach_the_network_even_past_the_guard(listener):
    """Defence in depth: pyoxigraph does call SERVICE endpoints, but not from the worker's own network namespace."""
    port, connections = listener
    assert service_call(port, isolate=False) == 0
    time.sleep(0.3)
    reached = len(connections)
    assert reached >= 1  # without the namespace, the call goes out
    status = service_call(port, isolate=True)
    if status == 3:
        pytest.skip("this kernel does not let the worker make a network namespace")
    time.sleep(0.3)
    assert status == 0 and len(connections) == reached
