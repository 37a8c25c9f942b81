"""The fast lane in the real server (`kg serve`): the same answers with it on and off, and lookups that cost no budget."""

from __future__ import annotations

from tests.conftest import BASE

PROVINCE = f"<{BASE}id/place/binh-phuoc>"
LOOKUPS = [
    f"SELECT ?p ?o WHERE {{ {PROVINCE} ?p ?o }}",
    f"SELECT ?s ?l WHERE {{ ?s ?p {PROVINCE} . {PROVINCE} <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
    f"ASK {{ {PROVINCE} a ?t }}",
]
ACCEPTS = ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]
COMPARED = ("content-type", "etag", "x-kg-truncated", "x-kg-row-limit", "cache-control", "vary", "access-control-allow-origin")


def test_a_lookup_gets_the_same_answer_with_the_lane_on_and_off(serve, publication_dir):
    on, off = serve(publication_dir), serve(publication_dir, fast_lane=0)
    for query in LOOKUPS:
        for accept in ACCEPTS:
            lane, pool = on.query(query, accept=accept), off.query(query, accept=accept)
            assert (lane.status, lane.body) == (pool.status, pool.body) == (200, pool.body), (query, accept)
            assert {h: lane.headers.get(h) for h in COMPARED} == {h: pool.headers.get(h) for h in COMPARED}


def test_lookups_in_the_lane_are_not_charged_to_the_client_s_budget(serve, publication_dir):
    """A budget of one millisecond: the pool turns the client away after its first query, the lane never does."""
    on = serve(publication_dir, client_budget_s=0.001, result_cache_bytes=0)
    off = serve(publication_dir, client_budget_s=0.001, result_cache_bytes=0, fast_lane=0)
    lane = [on.query(LOOKUPS[i % 2]).status for i in range(20)]
    pool = [off.query(LOOKUPS[i % 2]).status for i in range(20)]
    assert lane == [200] * 20
    assert 429 in pool


def test_a_query_outside_the_grammar_still_goes_to_the_pool_and_its_budget(serve, publication_dir):
    # A client of its own (behind one trusted proxy): the server's warm-up query, charged to 127.0.0.1, may
    # alone take more than the 1 ms budget on a loaded machine, and this client's first query must be free to run.
    on = serve(publication_dir, client_budget_s=0.001, result_cache_bytes=0, trusted_proxies=1)
    client = {"X-Forwarded-For": "192.0.2.9"}
    statuses = [on.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", headers=client).status for _ in range(10)]
    assert statuses[0] == 200 and 429 in statuses
