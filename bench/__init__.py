"""The benchmark of issues 5 and 12: our server, `oxigraph serve-read-only`, rdflib-endpoint, a naive Flask app
and a bare-WSGI floor side by side.

One run generates data at each scale (`kg generate`), builds it (`kg build`, timed, peak memory, store
size), then serves it with each server in turn — never two at once — and loads each with wrk on
loopback for a bounded time, one kind of request at a time. It prints a table (requests/s, p50,
p99, non-2xx, ratios against oxigraph, rdflib-endpoint and the floor), checks the issues' targets, and writes
the table as JSON and Markdown to test-artifacts/bench/.

Modules: `workload` (the requests: pure), `results` (wrk's figures, ratios, targets, tables: pure),
`processes` (starting, watching and stopping processes), `run` (the run), `rdflib_endpoint_app`
(rdflib-endpoint serving the dump at /sparql), `naive_app` (flask-naive: bare Flask + gunicorn +
pyoxigraph, the reference floor), `floor_app` (wsgi-floor: a bare WSGI callable on granian, kg's HTTP front, over
pyoxigraph: issue 12's floor). `python -m bench --help`.
"""
