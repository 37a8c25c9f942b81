"""The server's Prometheus metrics, each defined once here, summed over every HTTP process (served at /metrics).

`kg serve` gives its HTTP processes one PROMETHEUS_MULTIPROC_DIR, a fresh folder it makes before
granian forks them and removes when it stops (kg.web.server). prometheus_client then keeps each
process's values in a memory-mapped file of that folder, and /metrics, whichever process answers,
adds up the files of all of them (its MultiProcessCollector): a total is the same whoever is asked.
Without the folder (tests, an app made by hand) a process reports its own values. Only counters and
histograms are kept: the file of a process that exits stays, so no total ever goes back, and there
is no live gauge to mark dead (multiprocess.mark_process_dead removes only those).

- `kg_queries_total{outcome, format}`: SPARQL queries answered, by outcome (outcome_of) and by the
  format of the answer (its short name: `json`, `csv`, `turtle`, ...; `html` for the query page;
  `none` when it failed); the fast lane's lookups are counted here too.
- `kg_http_request_duration_seconds{kind}`: time from a request's arrival in the bridge to its last
  byte sent, by kind of route (route_kind; `lookup`: answered by the fast lane).
- `kg_http_responses_total{kind, code}`: responses by kind of route and status code.
- `kg_query_worker_restarts_total`: query workers replaced (after a timeout, a crash, the memory
  limit, a client gone mid-query, a failed start or a worker found dead).
- `kg_result_cache_lookups_total{result}`: `hit` or `miss` in the result cache (SPARQL answers and pages).
- `kg_admission_refusals_total{reason}`: 429s of the per-client admission, `budget` or `concurrency`.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from kg.errors import KgError
from kg.stores.base import PoolBusy, QueryTimeout
from kg.stores.embedded.failures import WorkerCrashed, WorkerOutOfMemory
from kg.web.formats import GRAPH_FORMATS, RESULTS_FORMATS

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4  # text/plain; version=0.0.4; charset=utf-8
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
KINDS = ("sparql", "lookup", "page", "download", "service", "static")
SERVICE_PATHS = frozenset({"/livez", "/health", "/readyz", "/metrics", "/openapi.json"})
# Seconds: a fast-lane lookup takes tens of microseconds, a page milliseconds, a query up to its time limit.
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REGISTRY = CollectorRegistry()  # this process's own values, shown when there is no multiprocess folder
QUERIES = Counter("kg_queries", "SPARQL queries answered, by outcome and by the format of the answer.", ("outcome", "format"), registry=REGISTRY)
REQUEST_SECONDS = Histogram(
    "kg_http_request_duration_seconds", "Time to answer an HTTP request, by kind of route.", ("kind",), buckets=LATENCY_BUCKETS, registry=REGISTRY
)
RESPONSES = Counter("kg_http_responses", "HTTP responses, by kind of route and status code.", ("kind", "code"), registry=REGISTRY)
WORKER_RESTARTS = Counter("kg_query_worker_restarts", "Query worker processes replaced.", registry=REGISTRY)
CACHE_LOOKUPS = Counter("kg_result_cache_lookups", "Lookups in the result cache, hit or miss.", ("result",), registry=REGISTRY)
ADMISSION_REFUSALS = Counter("kg_admission_refusals", "Queries refused with 429 by the per-client admission.", ("reason",), registry=REGISTRY)

_FORMAT_NAMES = {f.media_type: f.name for f in RESULTS_FORMATS + GRAPH_FORMATS}
_LATENCY = {kind: REQUEST_SECONDS.labels(kind) for kind in KINDS}  # children bound once: the fast lane is the hot path
_RESPONSES: dict[tuple[str, int], object] = {}
_ANSWERED: dict[str, object] = {}  # media type -> the child of QUERIES counting its successful queries
CACHE_HIT, CACHE_MISS = CACHE_LOOKUPS.labels("hit"), CACHE_LOOKUPS.labels("miss")


def outcome_of(error: BaseException) -> str:
    """The outcome label of a query that failed with `error`.

    `timeout` (the time limit), `too_complex` (its worker crashed or hit the memory limit), `busy`
    (no worker came free), `throttled` (429), `cancelled` (the client left), `refused` (any other
    4xx: a syntax error, SERVICE, an update, too long, too deep, no acceptable format) or `error`.
    """
    if isinstance(error, QueryTimeout):
        return "timeout"
    if isinstance(error, (WorkerCrashed, WorkerOutOfMemory)):
        return "too_complex"
    if isinstance(error, PoolBusy):
        return "busy"
    status = error.status if isinstance(error, KgError) else 500
    return {429: "throttled", 499: "cancelled"}.get(status, "refused" if 400 <= status < 500 else "error")


def count_query(media_type: str) -> None:
    """One query answered, in `media_type` (or `html`, for the query page)."""
    answered = _ANSWERED.get(media_type)
    if answered is None:
        answered = _ANSWERED[media_type] = QUERIES.labels("ok", _FORMAT_NAMES.get(media_type, media_type))
    answered.inc()


def count_failed_query(error: BaseException) -> None:
    """One query that failed with `error`."""
    QUERIES.labels(outcome_of(error), "none").inc()


def count_worker_restart() -> None:
    """One query worker replaced (kg.stores.embedded.pool calls this through QueryRunner.on_restart)."""
    WORKER_RESTARTS.inc()


def route_kind(path: str) -> str:
    """The kind of route a request path is (the fast lane's lookups, `lookup`, are told apart by the bridge)."""
    if path == "/sparql":
        return "sparql"
    if path.startswith("/download/"):
        return "download"
    if path in SERVICE_PATHS:
        return "service"
    return "static" if path.startswith("/static/") else "page"


def observe_request(kind: str, status: int, seconds: float) -> None:
    """One request of `kind` answered with `status` in `seconds`."""
    _LATENCY[kind].observe(seconds)
    responses = _RESPONSES.get((kind, status))
    if responses is None:
        responses = _RESPONSES[(kind, status)] = RESPONSES.labels(kind, str(status))
    responses.inc()


def exposition() -> bytes:
    """Every metric in Prometheus's text format 0.0.4: all HTTP processes' under `kg serve`, else this process's."""
    folder = os.environ.get(MULTIPROCESS_DIR)
    if not folder:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=folder)
    return generate_latest(registry)
