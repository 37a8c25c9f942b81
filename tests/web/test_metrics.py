"""The metrics (kg.web.metrics): what each counts, how a failed query is classed, and the text served at /metrics.

These run in one process, without PROMETHEUS_MULTIPROC_DIR: the values are the process's own, and
shared by every test of the session, so each test compares a value before and after what it does.
Summing over several HTTP processes is tested against the real server (tests/web/test_metrics_server.py).
"""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kg.errors import BadRequest, NotAcceptable, PayloadTooLarge, TooManyRequests
from kg.stores.base import PoolBusy, QueryTimeout
from kg.stores.embedded.failures import ClientDisconnected, WorkerCrashed, WorkerOutOfMemory
from kg.web import metrics
from kg.web.admission import ClientBudget, ClientConcurrency
from kg.web.charge_table import ChargeTable
from kg.web.result_cache import ResultCache
from kg.web.running_table import RunningTable

JSON = {"Accept": "application/sparql-results+json"}


def sample(name: str, **labels) -> float:
    """The value of one sample of /metrics' text (0 when it is not there)."""
    for family in text_string_to_metric_families(metrics.exposition().decode("utf-8")):
        for found in family.samples:
            if found.name == name and found.labels == labels:
                return found.value
    return 0.0


def test_a_worker_restart_is_exposed_as_a_counter_in_the_text_format():
    before = sample("kg_query_worker_restarts_total")
    metrics.count_worker_restart()
    text = metrics.exposition().decode("utf-8")
    assert "# TYPE kg_query_worker_restarts_total counter" in text
    assert "# HELP kg_query_worker_restarts_total Query worker processes replaced." in text
    assert sample("kg_query_worker_restarts_total") == before + 1


def test_the_metrics_are_served_as_prometheus_text_0_0_4_never_cached(sample_client):
    response = sample_client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert b"# TYPE kg_queries_total counter" in response.data


@pytest.mark.parametrize(
    "error, outcome",
    [
        (QueryTimeout("late"), "timeout"),
        (WorkerCrashed("crashed"), "too_complex"),
        (WorkerOutOfMemory("memory"), "too_complex"),
        (PoolBusy("busy"), "busy"),
        (TooManyRequests("budget"), "throttled"),
        (ClientDisconnected("gone"), "cancelled"),
        (BadRequest("syntax"), "refused"),
        (PayloadTooLarge("long"), "refused"),
        (NotAcceptable("no format"), "refused"),
        (ValueError("a bug"), "error"),
    ],
)
def test_a_failed_query_is_classed_by_what_stopped_it(error, outcome):
    assert metrics.outcome_of(error) == outcome


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/sparql", "sparql"),
        ("/download/kg.ttl", "download"),
        ("/downloads", "page"),
        ("/id/place/x", "page"),
        ("/", "page"),
        ("/metrics", "service"),
        ("/health", "service"),
        ("/static/style.css", "static"),
    ],
)
def test_each_path_has_a_kind_of_route(path, kind):
    assert metrics.route_kind(path) == kind


def test_queries_are_counted_by_outcome_and_by_the_format_of_the_answer(sample_client):
    ok, refused = sample("kg_queries_total", outcome="ok", format="csv"), sample("kg_queries_total", outcome="refused", format="none")
    assert sample_client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"}).status_code == 200
    assert sample_client.get("/sparql", query_string={"query": "SELEC * {}"}, headers=JSON).status_code == 400
    assert sample("kg_queries_total", outcome="ok", format="csv") == ok + 1
    assert sample("kg_queries_total", outcome="refused", format="none") == refused + 1


def test_the_query_page_counts_its_query_as_html(sample_client):
    before = sample("kg_queries_total", outcome="ok", format="html")
    page = sample_client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert sample("kg_queries_total", outcome="ok", format="html") == before + 1


def test_each_lookup_in_the_result_cache_is_a_hit_or_a_miss():
    cache = ResultCache(1 << 10, max_entry_bytes=1 << 10)
    hits, misses = sample("kg_result_cache_lookups_total", result="hit"), sample("kg_result_cache_lookups_total", result="miss")
    assert cache.get(("q",)) is None
    cache.put(("q",), "answer", 6)
    assert cache.get(("q",)) == "answer"
    assert sample("kg_result_cache_lookups_total", result="hit") == hits + 1
    assert sample("kg_result_cache_lookups_total", result="miss") == misses + 1


def test_a_client_over_its_budget_is_counted_as_a_budget_refusal():
    budget = ClientBudget(1.0, 60.0, table=ChargeTable(slots=16))
    budget.charge("192.0.2.1", 2.0)
    before = sample("kg_admission_refusals_total", reason="budget")
    with pytest.raises(TooManyRequests):
        budget.check("192.0.2.1")
    assert sample("kg_admission_refusals_total", reason="budget") == before + 1


def test_one_query_too_many_at_once_is_counted_as_a_concurrency_refusal():
    concurrency = ClientConcurrency(1, table=RunningTable(rows=8))
    before = sample("kg_admission_refusals_total", reason="concurrency")
    with concurrency.hold("192.0.2.1"), pytest.raises(TooManyRequests), concurrency.hold("192.0.2.1"):
        pass
    assert sample("kg_admission_refusals_total", reason="concurrency") == before + 1


def test_a_request_s_latency_goes_to_its_kind_s_histogram_and_its_status_is_counted():
    count, slow = (
        sample("kg_http_request_duration_seconds_count", kind="download"),
        sample("kg_http_request_duration_seconds_bucket", kind="download", le="0.0005"),
    )
    responses = sample("kg_http_responses_total", kind="download", code="304")
    metrics.observe_request("download", 304, 0.003)
    assert sample("kg_http_request_duration_seconds_count", kind="download") == count + 1
    assert sample("kg_http_request_duration_seconds_bucket", kind="download", le="0.0005") == slow  # 3 ms: not under 0.5 ms
    assert sample("kg_http_request_duration_seconds_bucket", kind="download", le="0.005") >= count + 1
    assert sample("kg_http_responses_total", kind="download", code="304") == responses + 1
