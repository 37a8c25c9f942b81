"""The bare-WSGI floor (issue 12): what a lookup costs on kg's HTTP front with nothing of kg around the query.

A plain WSGI callable, served by granian exactly as `kg serve` is fronted (the same number of HTTP processes,
Python threads per process and backpressure, HTTP/1.1, access log on): GET /sparql?query=… runs the query in
the request's thread on the publication's store — pyoxigraph's Store.read_only on the built store folder,
opened once per process on first use (after granian starts its workers), the default graph as the union of
the named graphs — and writes the results with pyoxigraph's native SPARQL results JSON serializer. Accept is
ignored; SELECT and ASK only. No checks at all: no size or row limit, no timeout, no budget, no isolation, no
cache, no Flask. The bench compares kg's lookups to it (kg ≥ 0.8x the floor): the part of kg's cost that is
kg's own, not the front's or the store's. Not a server to ship. The store is the folder named by
KG_BENCH_STORE. Usage (what bench/run.py starts):

    KG_BENCH_STORE=publication/current/store granian --interface wsgi --workers 2 --blocking-threads 12 \\
        --http 1 --no-ws --host 127.0.0.1 --port 8091 --access-log bench.floor_app:app
"""

from __future__ import annotations

import os
import threading
from urllib.parse import parse_qs

import pyoxigraph

STORE_ENV = "KG_BENCH_STORE"
JSON = pyoxigraph.QueryResultsFormat.JSON
JSON_HEADERS = [("Content-Type", JSON.media_type)]

_store: pyoxigraph.Store | None = None
_store_lock = threading.Lock()


def store() -> pyoxigraph.Store:
    """The process's store, opened read-only on first use (in a granian worker, never in the parent)."""
    global _store
    opened = _store
    if opened is None:
        with _store_lock:
            if _store is None:
                _store = pyoxigraph.Store.read_only(os.environ[STORE_ENV])
            opened = _store
    return opened


def _plain(start_response, status: str, message: str) -> list[bytes]:
    body = (message + "\n").encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def app(environ, start_response) -> list[bytes]:
    """GET /sparql?query=…: the query's results as SPARQL results JSON, whatever the Accept header says."""
    if environ.get("PATH_INFO") != "/sparql":
        return _plain(start_response, "404 Not Found", "not found")
    query = parse_qs(environ.get("QUERY_STRING", "")).get("query")
    if not query:
        return _plain(start_response, "400 Bad Request", "missing query parameter")
    try:
        answer = store().query(query[0], use_default_graph_as_union=True)
    except SyntaxError as exc:
        return _plain(start_response, "400 Bad Request", f"query syntax error: {exc}")
    body = answer.serialize(format=JSON)
    start_response("200 OK", JSON_HEADERS + [("Content-Length", str(len(body)))])
    return [body]
