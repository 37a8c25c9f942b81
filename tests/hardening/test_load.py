"""A load test with wrk (Debian's package) against the real server, bounded in time, loopback only.

Four wrk processes run at once for DURATION_S seconds, each one kind of traffic from its own pool of
client addresses (X-Forwarded-For; the server runs with trusted_proxies=1, as behind one proxy):
cheap SPARQL queries, page views, downloads, and a single connection sending hostile queries (a
cartesian product running into the time limit, a memory bomb, SERVICE, deep nesting, an update).
The server runs with the default limits otherwise (2 workers, 10 s, queue of 8, 16 threads); the
hostile connection's two slow queries may each take the whole 10 s, hence 30 s of load.
Expected: no failed cheap query, page view or download; no 5xx but the hostile queries' 503s; the
server's pids unchanged. The figures go to test-artifacts/hardening/load.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import BASE
from tests.hardening.conftest import record

DURATION_S = 30
HERE = Path(__file__).resolve().parent
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def sparql_get(query: str, fmt: str = "json") -> str:
    return "GET\t/sparql?" + urllib.parse.urlencode({"query": query, "format": fmt})


def sparql_post(query: str) -> str:
    return f"POST\t/sparql\t{query}\tapplication/sparql-query"


CHEAP = [
    sparql_get(f"SELECT ?l WHERE {{ <{BASE}id/place/binh-phuoc> <{RDFS}label> ?l }}"),
    sparql_get("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }"),
    sparql_get("ASK { ?s ?p ?o }"),
    sparql_get(f"SELECT ?s ?l WHERE {{ ?s <{RDFS}label> ?l }} LIMIT 20", "csv"),
    sparql_get(f"CONSTRUCT WHERE {{ <{BASE}id/place/binh-phuoc> ?p ?o }}", "ttl"),
    sparql_post("SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY DESC(?n) LIMIT 10"),
]
PAGES = [
    "GET\t/",
    "GET\t/id/place/binh-phuoc",
    "GET\t/id/place/vietnam?lang=en",
    "GET\t/downloads",
    "GET\t/search?q=binh+phuoc",
    "GET\t/id/place/binh-phuoc.ttl",
    "GET\t/.well-known/void",
    "GET\t/health",
]
DOWNLOADS = ["GET\t/download/kg.nt", "GET\t/download/kg.ttl", "GET\t/download/void.ttl", "GET\t/download/kg.jsonld", "GET\t/download/kg.nq.gz"]
HOSTILE = [  # sent in turn: the quick refusals, then the memory bomb, then the product that runs into the time limit
    sparql_post("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"),
    sparql_post("SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 5000 + "true) }"),
    sparql_post("SELECT * WHERE " + "{ " * 3000 + "} " * 3000),
    sparql_post("DELETE WHERE { ?s ?p ?o }"),
    sparql_post("SELECT * WHERE { ?a ?p ?o . ?b ?q ?r } ORDER BY ?r ?o LIMIT 1"),
    sparql_post("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
]
KINDS = {  # kind: (requests, connections, client addresses)
    "cheap query": (CHEAP, 3, "192.0.2."),
    "page view": (PAGES, 3, "198.51.100."),
    "download": (DOWNLOADS, 2, "203.0.113."),
    "hostile query": (HOSTILE, 1, "10.66.0."),
}

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.load]


@pytest.fixture
def wrk():
    path = shutil.which("wrk")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("wrk is not installed (apt-get install wrk; .ci/run does it)")
        pytest.skip("wrk is not installed (apt-get install wrk)")
    return path


def test_a_mixed_load_with_hostile_queries_fails_no_ordinary_request(wrk, serve, publication_dir, tmp_path):
    server = serve(publication_dir, trusted_proxies=1)
    before = server.pids()
    processes = {}
    for kind, (requests, connections, clients) in KINDS.items():
        listing = tmp_path / f"{kind.replace(' ', '-')}.tsv"
        listing.write_text("\n".join(requests) + "\n", encoding="utf-8")
        env = {
            **os.environ,
            "KG_WRK_REQUESTS": str(listing),
            "KG_WRK_CLIENTS": clients,
            "KG_WRK_ORDER": "cycle" if kind == "hostile query" else "random",
        }
        processes[kind] = subprocess.Popen(
            [wrk, "-t1", f"-c{connections}", f"-d{DURATION_S}s", "--timeout", "15s", "-s", str(HERE / "wrk" / "mix.lua"), server.url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    results = {}
    for kind, process in processes.items():
        out, _ = process.communicate(timeout=DURATION_S + 60)
        line = next((row for row in out.splitlines() if row.startswith("KG-RESULT ")), None)
        assert process.returncode == 0 and line, out
        results[kind] = json.loads(line[len("KG-RESULT ") :])
    figures = {
        kind: {
            "requests": r["requests"],
            "failed": sum(n for s, n in r["statuses"].items() if not s.startswith("2")) + sum(r["errors"].values()) - r["errors"]["status"],
            "statuses": r["statuses"],
            "error_samples": r["samples"],
            "socket_errors": {k: v for k, v in r["errors"].items() if k != "status"},
            "requests_per_s": round(r["requests"] / r["seconds"], 1),
            "p50_ms": r["latency_us"]["p50"] / 1000,
            "p90_ms": r["latency_us"]["p90"] / 1000,
            "p99_ms": r["latency_us"]["p99"] / 1000,
            "max_ms": r["latency_us"]["max"] / 1000,
        }
        for kind, r in results.items()
    }
    record(
        "load",
        {
            "duration_s": DURATION_S,
            "tool": "wrk 4.1.0",
            "settings": "defaults + trusted_proxies=1",
            "connections": {k: v[1] for k, v in KINDS.items()},
            "kinds": figures,
        },
    )
    for kind in ("cheap query", "page view", "download"):
        assert figures[kind]["requests"] > 50, figures[kind]
        assert figures[kind]["failed"] == 0, (kind, figures[kind])
    hostile = results["hostile query"]["statuses"]
    assert set(hostile) == {"400", "503"} and results["hostile query"]["requests"] >= len(HOSTILE) - 1, hostile
    assert sum(results["hostile query"]["errors"].values()) - results["hostile query"]["errors"]["status"] == 0
    assert server.pids() == before and server.alive()
