"""A naive Flask + gunicorn + pyoxigraph SPARQL app: the benchmark's reference floor, not a server to ship.

It answers GET /sparql?query=… by running the query in the request's own thread on the publication's
store, opened read-only once per process (lazily, so after gunicorn's fork), and writes the results
with pyoxigraph's serializer in the format the Accept header asks (SPARQL results JSON, XML, CSV or
TSV; JSON by default). No guard, no limits, no timeout, no isolation: what the bare stack costs, next
to ours. The store is the folder named by KG_BENCH_STORE. Usage (what bench/run.py starts):

    KG_BENCH_STORE=publication/current/store gunicorn -w 2 -k gthread --threads 12 -b 127.0.0.1:8090 \\
        --access-logfile - bench.naive_app:app
"""

from __future__ import annotations

import os
import threading

import pyoxigraph
from flask import Flask, Response, request

STORE_ENV = "KG_BENCH_STORE"
RESULT_FORMATS = {  # Accept media type -> pyoxigraph's format; the first is the default
    "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
    "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
    "text/csv": pyoxigraph.QueryResultsFormat.CSV,
    "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
}

app = Flask(__name__)
_store: pyoxigraph.Store | None = None
_store_lock = threading.Lock()


def store() -> pyoxigraph.Store:
    """The process's store, opened read-only on first use (in the gunicorn worker, never in the master)."""
    global _store
    with _store_lock:
        if _store is None:
            _store = pyoxigraph.Store.read_only(os.environ[STORE_ENV])
        return _store


def results_format() -> pyoxigraph.QueryResultsFormat:
    """The SPARQL results format the Accept header prefers, JSON when it names none of them."""
    chosen = request.accept_mimetypes.best_match(list(RESULT_FORMATS))
    return RESULT_FORMATS[chosen or next(iter(RESULT_FORMATS))]


def plain(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


@app.get("/sparql")
def sparql() -> Response:
    """Run the query as it comes and send the whole answer."""
    query = request.args.get("query")
    if not query:
        return plain("missing query parameter", 400)
    try:
        answer = store().query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return plain(f"query syntax error: {exc}", 400)
    if isinstance(answer, pyoxigraph.QueryTriples):  # CONSTRUCT, DESCRIBE: not a results table
        return Response(answer.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES), mimetype="application/n-triples")
    fmt = results_format()
    return Response(answer.serialize(format=fmt), content_type=fmt.media_type)
