"""A remote store that is down, hangs, or comes back: clear 503s, /health says so, nothing hangs."""

from __future__ import annotations

import threading
import time

import pytest

from kg.web import create_app
from kg.web.app_state import store_of
from tests.store_servers import free_port, publish, start_oxigraph
from tests.stores.fake_store import FakeStore
from tests.web.publication_fixture import write_publication

pytestmark = pytest.mark.remote_store

JSON = {"Accept": "application/sparql-results+json"}
COUNT = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}


@pytest.fixture
def sample(tmp_path):
    out = tmp_path / "publication"
    write_publication(out, extra_triples=3000)
    return out


def app_over(output, url, **settings):
    app = create_app({"output_dir": output, "store_url": url, **settings})
    app.config["TESTING"] = True
    return app


def test_a_store_that_is_down_is_a_503_everywhere_and_health_says_so(sample):
    app = app_over(sample, f"http://127.0.0.1:{free_port()}")  # nothing listens there
    client = app.test_client()
    started = time.monotonic()
    health = client.get("/health")
    assert health.status_code == 503
    assert health.json["status"] == "unavailable" and health.json["store"].startswith("unreachable: The triple store cannot be reached")
    query = client.get("/sparql", query_string=COUNT, headers=JSON)
    assert query.status_code == 503 and "cannot be reached" in query.get_data(as_text=True)
    page = client.get("/id/place/binh-phuoc", headers={"Accept": "text/html"})
    assert page.status_code == 503 and "cannot be reached" in page.get_data(as_text=True)
    assert client.get("/download/kg.nt").status_code == 200  # the files still come from the folder
    assert time.monotonic() - started < 5


def test_a_store_that_never_answers_is_a_503_at_the_deadline(sample):
    with FakeStore(hang=True) as fake:
        app = app_over(sample, fake.url, query_timeout_s=1.5)
        client = app.test_client()
        started = time.monotonic()
        response = client.get("/sparql", query_string=COUNT, headers=JSON)
        took = time.monotonic() - started
        assert response.status_code == 503 and took < 1.5 + 1
        started = time.monotonic()
        health = client.get("/health")
        assert health.status_code == 503 and "did not answer" in health.json["store"]
        assert time.monotonic() - started < 5


def test_the_server_recovers_when_the_store_comes_back(sample, tmp_path):
    port = free_port()
    store = start_oxigraph(tmp_path / "oxigraph", port=port)
    try:
        publish(sample, store)
        client = app_over(sample, store.url, store_refresh_s=0.0).test_client()
        assert client.get("/sparql", query_string=COUNT, headers=JSON).status_code == 200
        store.stop()
        assert client.get("/sparql", query_string=COUNT, headers=JSON).status_code == 503
        assert client.get("/health").status_code == 503
        store = start_oxigraph(tmp_path / "oxigraph", port=port)
        answer = client.get("/sparql", query_string=COUNT, headers=JSON)
        assert answer.status_code == 200 and answer.json["results"]["bindings"][0]["n"]["value"] == "3016"
        assert client.get("/health").json["store"] == "reachable"
    finally:
        store.stop()


def test_queries_past_the_places_and_the_queue_get_503_with_retry_after_at_once(sample, tmp_path):
    store = start_oxigraph(tmp_path / "oxigraph", timeout_s=4)
    try:
        publish(sample, store)
        app = app_over(sample, store.url, workers=1, queue_size=0, query_timeout_s=3)
        slow = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
        app.test_client().get("/sparql", query_string=COUNT, headers=JSON)  # read the marker first
        results = {}
        first = threading.Thread(target=lambda: results.update(slow=app.test_client().get("/sparql", query_string=slow, headers=JSON)))
        first.start()
        time.sleep(0.5)
        started = time.monotonic()
        busy = app.test_client().get("/sparql", query_string=COUNT, headers=JSON)
        queue_timeout_s = app.config["KG"].queue_timeout_s
        assert busy.status_code == 503 and busy.headers["Retry-After"]
        assert time.monotonic() - started < queue_timeout_s / 2  # at once (no queue), not after waiting for a place
        first.join()
        assert results["slow"].status_code == 503 and "time limit of 3 s" in results["slow"].get_data(as_text=True)
        assert app.test_client().get("/sparql", query_string=COUNT, headers=JSON).status_code == 200
        store_of(app).close()
    finally:
        store.stop()


def test_a_client_past_its_budget_gets_429_from_a_remote_store_too(sample, tmp_path):
    store = start_oxigraph(tmp_path / "oxigraph")
    try:
        publish(sample, store)
        client = app_over(sample, store.url, client_budget_s=0.001, client_window_s=60).test_client()
        assert client.get("/sparql", query_string=COUNT, headers=JSON).status_code == 200
        refused = client.get("/sparql", query_string=COUNT, headers=JSON)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    finally:
        store.stop()
