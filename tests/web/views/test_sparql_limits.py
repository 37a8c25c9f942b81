"""/sparql limits: rows (cut and marked), time (503 naming the limit), and failed workers (503, then fine)."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from kg.stores.embedded.pool import runner_for
from tests.web.conftest import SAMPLE_MAX_ROWS
from tests.web.publication_fixture import write_publication

ALL = "SELECT * WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def bulk_output(tmp_path_factory):
    """A publication of a few thousand generated triples."""
    out = tmp_path_factory.mktemp("bulk-publication")
    write_publication(out, extra_triples=3000)
    return out


def test_a_cut_result_says_so_in_headers(sample_client):
    response = sample_client.get("/sparql", query_string={"query": ALL}, headers=JSON)
    assert response.headers["X-KG-Truncated"] == "true"
    assert response.headers["X-KG-Row-Limit"] == str(SAMPLE_MAX_ROWS)


def test_a_cut_json_result_carries_the_kg_truncated_marker(sample_client):
    data = sample_client.get("/sparql", query_string={"query": ALL}, headers=JSON).get_json(force=True)
    assert len(data["results"]["bindings"]) == SAMPLE_MAX_ROWS
    assert data["kg:truncated"] is True and data["kg:rowLimit"] == SAMPLE_MAX_ROWS


def test_a_cut_csv_result_has_exactly_max_rows_rows(sample_client):
    response = sample_client.get("/sparql", query_string={"query": ALL, "format": "csv"})
    assert len(response.get_data(as_text=True).splitlines()) == SAMPLE_MAX_ROWS + 1  # + the header line
    assert response.headers["X-KG-Truncated"] == "true"


def test_a_cut_graph_result_says_so(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert response.headers["X-KG-Truncated"] == "true" and len(response.data.splitlines()) == SAMPLE_MAX_ROWS


def test_a_complete_result_is_not_marked(sample_client):
    response = sample_client.get("/sparql", query_string={"query": ALL + " LIMIT 3"}, headers=JSON)
    assert response.headers["X-KG-Truncated"] == "false" and "kg:truncated" not in response.get_json(force=True)


def wait_until_every_worker_is_busy(app, timeout_s: float = 30.0) -> None:
    """Until no query worker of the app's embedded store is idle (a query holds each)."""
    runner = app.extensions["kg.query_runner"]
    deadline = time.monotonic() + timeout_s
    while any(w is not None for w in list(runner._slots.queue)):
        assert time.monotonic() < deadline, "the slow query never took the worker"
        time.sleep(0.01)


def test_a_query_past_the_time_limit_is_503_naming_it_and_the_next_query_answers(make_app, bulk_output):
    client = make_app(bulk_output, query_timeout_s=1.0, workers=1).test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200  # the pool is up
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": SLOW}, headers=JSON)
    elapsed = time.monotonic() - started
    assert response.status_code == 503 and "time limit of 1 s" in response.get_json()["message"]
    assert elapsed < 10 * 1.0  # stopped at its deadline: alone, SLOW runs for minutes
    assert client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers=JSON).status_code == 200


def test_when_every_worker_is_busy_the_answer_is_503_with_retry_after(make_app, bulk_output):
    app = make_app(bulk_output, query_timeout_s=2.0, queue_timeout_s=0.2, workers=1)
    client = app.test_client()
    client.get("/sparql", query_string={"query": "ASK {}"})
    slow = threading.Thread(target=lambda: app.test_client().get("/sparql", query_string={"query": SLOW}))
    slow.start()
    wait_until_every_worker_is_busy(app)
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers=JSON)
    slow.join()
    assert response.status_code == 503 and response.headers["Retry-After"] == "2"


@pytest.mark.embedded_store
def test_a_crashed_worker_is_a_clean_503_and_the_server_goes_on(make_app, bulk_output):
    app = make_app(bulk_output, query_timeout_s=30.0, workers=1)
    client = app.test_client()
    client.get("/sparql", query_string={"query": "ASK {}"})
    [worker] = [w for w in list(runner_for(app)._slots.queue) if w is not None]
    threading.Timer(0.5, os.kill, (worker.process.pid, signal.SIGSEGV)).start()
    response = client.get("/sparql", query_string={"query": SLOW}, headers=JSON)
    assert response.status_code == 503 and "worker stopped" in response.get_json()["message"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_the_query_page_shows_the_time_limit_error_in_place(make_app, bulk_output):
    client = make_app(bulk_output, query_timeout_s=0.5, workers=1).test_client()
    response = client.get("/sparql", query_string={"query": SLOW}, headers={"Accept": "text/html"})
    assert response.status_code == 503 and "time limit of 0.5 s" in response.get_data(as_text=True)
