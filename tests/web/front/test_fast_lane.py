"""The fast lane (kg.web.front.fast_lane): the Flask view's answer, byte for byte, or no answer at all.

Every comparison runs the same request through Flask (the test client: the pool's path) and through
the lane, on the real build, and compares status, every header in order, and the body; the apps
compared keep no answers (result_cache_bytes=0), but one test shows that the two paths share the cache.
"""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest

from kg.web.front.bridge import WsgiBridge
from kg.web.front.fast_lane import FastLane
from tests.conftest import BASE

RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PROVINCE = f"<{BASE}id/place/binh-phuoc>"
LOOKUPS = [
    f"SELECT ?p ?o WHERE {{ {PROVINCE} ?p ?o }}",
    f"SELECT ?l WHERE {{ {PROVINCE} {RDFS_LABEL} ?l }}",
    f"SELECT * WHERE {{ ?s a <{BASE}def/kg/Province> }}",
    f"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l {{ {PROVINCE} rdfs:label ?l ; a ?t }} LIMIT 3",
    f"SELECT ?s ?l WHERE {{ ?s ?p {PROVINCE} . {PROVINCE} {RDFS_LABEL} ?l }} LIMIT 5 OFFSET 1",
    f'ASK {{ {PROVINCE} {RDFS_LABEL} "Bình Phước"@vi }}',
    f'ASK {{ {PROVINCE} {RDFS_LABEL} "no such name" }}',
    "SELECT ?o WHERE { <id/place/binh-phuoc> ?p ?o }",  # relative: resolved against the publication's base
    "SELECT * {}",
]
ACCEPTS = [
    None,
    "*/*",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json;q=0.5, text/csv",
]


@pytest.fixture(scope="module")
def lane_app(publication_dir):
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir, "result_cache_bytes": 0})
    yield app
    app.extensions["kg.store"].close()


def request_scope(query_string: bytes, headers=(), method="GET", path="/sparql") -> dict:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query_string,
        "headers": [(n.lower().encode(), v.encode()) for n, v in headers],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 8080),
        "client": ("192.0.2.7", 5000),
        "root_path": "",
    }


def through_flask(app, query_string: bytes, headers=()):
    reply = app.test_client().get("/sparql?" + query_string.decode("latin-1"), headers=list(headers))
    return reply.status_code, [(n.lower().encode(), v.encode("latin-1")) for n, v in reply.headers], reply.data


def through_lane(app, query_string: bytes, headers=()):
    lane = FastLane(app)
    plan = lane.admit(request_scope(query_string, headers))
    return None if plan is None else lane.answer(plan)


@pytest.mark.parametrize("query", LOOKUPS)
@pytest.mark.parametrize("accept", ACCEPTS)
def test_the_lane_answers_exactly_as_the_pool_does(lane_app, query, accept):
    query_string = b"query=" + quote(query).encode()
    headers = [("Accept", accept)] if accept else []
    lane = through_lane(lane_app, query_string, headers)
    assert lane is not None
    assert lane == through_flask(lane_app, query_string, headers)


def test_a_query_string_encoded_with_plus_signs_is_read_as_flask_reads_it(lane_app):
    query_string = b"query=" + quote(LOOKUPS[1]).replace("%20", "+").encode()
    assert through_lane(lane_app, query_string) == through_flask(lane_app, query_string)


def test_an_answer_kept_by_either_path_is_served_by_the_other_as_a_cache_hit(publication_dir):
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir})
    try:
        kept_by_lane, kept_by_flask = (b"query=" + quote(q).encode() for q in LOOKUPS[1:3])
        first = through_lane(app, kept_by_lane)
        assert (b"x-kg-cache", b"miss") in first[1]
        assert (b"x-kg-cache", b"hit") in through_flask(app, kept_by_lane)[1]
        assert (b"x-kg-cache", b"miss") in through_flask(app, kept_by_flask)[1]
        again = through_lane(app, kept_by_flask)
        assert (b"x-kg-cache", b"hit") in again[1] and again == through_flask(app, kept_by_flask)
    finally:
        app.extensions["kg.store"].close()


def test_a_cut_answer_carries_the_row_limit_marks_as_the_pool_s_does(publication_dir):
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir, "max_rows": 2, "result_cache_bytes": 0})
    try:
        query_string = b"query=" + quote(LOOKUPS[0]).encode()
        lane = through_lane(app, query_string)
        assert (b"x-kg-truncated", b"true") in lane[1] and b'"kg:truncated": true' in lane[2]
        assert lane == through_flask(app, query_string)
    finally:
        app.extensions["kg.store"].close()


def test_a_cut_answer_under_refuse_mode_is_left_to_the_pool(publication_dir):
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir, "max_rows": 2, "row_limit_mode": "refuse"})
    try:
        assert through_lane(app, b"query=" + quote(LOOKUPS[0]).encode()) is None
    finally:
        app.extensions["kg.store"].close()


LOOKUP = b"query=" + quote(LOOKUPS[0]).encode()


@pytest.mark.parametrize(
    "scope, why",
    [
        (request_scope(LOOKUP, method="POST"), "a POST"),
        (request_scope(LOOKUP, method="HEAD"), "a HEAD"),
        (request_scope(LOOKUP, path="/sparql/"), "another path"),
        (request_scope(LOOKUP + b"&format=json"), "another parameter"),
        (request_scope(b"format=json&" + LOOKUP), "the query not first"),
        (request_scope(LOOKUP, [("If-None-Match", '"x"')]), "a conditional request"),
        (request_scope(LOOKUP, [("Range", "bytes=0-1")]), "a range"),
        (request_scope(LOOKUP, [("Content-Length", "0")]), "a body"),
        (request_scope(LOOKUP, [("Accept", "text/csv"), ("Accept", "text/tab-separated-values")]), "two Accept headers"),
        (request_scope(LOOKUP, [("Accept", "text/html")]), "a browser"),
        (request_scope(LOOKUP, [("Accept", "text/turtle")]), "no results format"),
        (request_scope(b"query=%FF" + LOOKUP[6:]), "a query that is not UTF-8"),
        (request_scope(b"query=" + quote("SELECT * WHERE { ?s ?p ?o }").encode()), "an unbounded query"),
        (request_scope(b"query=" + quote(LOOKUPS[0] + " " * 20_000).encode()), "a query past max_query_bytes"),
        (request_scope(b"query=" + quote("SELECT ?o WHERE { ex:s ?p ?o }").encode()), "an undeclared prefix"),
        ({**request_scope(LOOKUP), "root_path": "/kg"}, "a mounted app"),
    ],
)
def test_anything_but_a_plain_get_of_a_bounded_lookup_is_left_to_flask(lane_app, scope, why):
    assert FastLane(lane_app).admit(scope) is None, why


def test_without_a_publication_the_lane_leaves_the_request_to_flask(tmp_path):
    from kg.web import create_app

    app = create_app({"output_dir": tmp_path})
    try:
        lane = FastLane(app)
        plan = lane.admit(request_scope(LOOKUP))
        assert plan is not None and lane.answer(plan) is None
        assert app.test_client().get("/sparql?" + LOOKUP.decode()).status_code == 503
    finally:
        app.extensions["kg.store"].close()


def test_a_lookup_the_engine_refuses_is_left_to_the_pool_which_words_the_error(lane_app):
    query_string = b"query=" + quote(f"SELECT ?o WHERE {{ {PROVINCE} ?p ?o }} LIMIT 99999999999999999").encode()
    lane = FastLane(lane_app)
    plan = lane.admit(request_scope(query_string))
    if plan is not None:
        answer = lane.answer(plan)
        assert answer is None or answer == through_flask(lane_app, query_string)


# -- in the bridge ----------------------------------------------------------------------------------------


def failing_app(environ, start_response):
    raise AssertionError("the lane's request reached the WSGI app")


def serve(bridge, scope):
    sent, messages = [], [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if messages:
            return messages.pop()
        await asyncio.sleep(3600)  # the client stays: the bridge cancels this wait when the answer is sent

    async def send(message):
        sent.append(message)

    asyncio.run(bridge(scope, receive, send))
    return sent


@pytest.mark.parametrize("query", [LOOKUPS[0], LOOKUPS[4]], ids=["one index range", "several"])
def test_the_bridge_answers_an_admitted_lookup_without_the_wsgi_app(lane_app, query):
    bridge = WsgiBridge(failing_app, threads=1, read_timeout_s=5, max_body_bytes=100, lane=FastLane(lane_app))
    query_string = b"query=" + quote(query).encode()
    sent = serve(bridge, request_scope(query_string))
    status, headers, body = through_flask(lane_app, query_string)
    assert sent == [{"type": "http.response.start", "status": status, "headers": headers}, {"type": "http.response.body", "body": body}]


def test_the_bridge_gives_flask_what_the_lane_declines(lane_app):
    bridge = WsgiBridge(lane_app.wsgi_app, threads=1, read_timeout_s=5, max_body_bytes=100, lane=FastLane(lane_app))
    query_string = b"query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").encode()
    sent = serve(bridge, request_scope(query_string))
    assert sent[0]["status"] == 200
    assert (b"x-kg-cache", b"miss") in sent[0]["headers"] and b'"n"' in sent[1]["body"]


# -- output= and N3: the same answer on both paths ---------------------------------------------------------


def through_bridge(app, query_string: bytes, headers=()):
    """The answer the HTTP front gives (the lane if it takes the request, else Flask), as (status, headers, body)."""
    bridge = WsgiBridge(app.wsgi_app, threads=1, read_timeout_s=5, max_body_bytes=100, lane=FastLane(app))
    start, body = serve(bridge, request_scope(query_string, headers))
    return start["status"], start["headers"], body["body"]


N3_ACCEPT = "application/sparql-results+json, text/n3;q=0.9"  # a lookup the lane takes; its graph format is N3's Turtle
ALIASED = [
    (LOOKUP + b"&output=json", (), 200, "output= names a results format"),
    (LOOKUP + b"&format=csv&output=text/csv", (), 200, "format= and output= agree"),
    (b"output=xml&" + LOOKUP, (), 200, "output= before the query"),
    (LOOKUP + b"&format=json&output=csv", (), 400, "format= and output= disagree"),
    (LOOKUP + b"&output=xlsx", (), 400, "an unknown output="),
    (LOOKUP + b"&output=n3", (), 406, "N3 for a SELECT"),
    (LOOKUP, [("Accept", "text/n3")], 406, "an N3 Accept for a SELECT"),
    (b"output=csv", (), 400, "no query, a results format"),
    # the Service Description names the endpoint's URL: the same Host on both paths
    (b"", [("Accept", "text/n3"), ("Host", "127.0.0.1:8080")], 200, "no query, an N3 Accept"),
]


@pytest.mark.parametrize("query_string, headers, status, why", ALIASED, ids=[why for *_, why in ALIASED])
def test_output_and_n3_requests_go_to_flask_and_get_its_answer(lane_app, query_string, headers, status, why):
    assert FastLane(lane_app).admit(request_scope(query_string, headers)) is None
    answer = through_bridge(lane_app, query_string, headers)
    assert answer[0] == status and answer == through_flask(lane_app, query_string, headers)


def test_a_lookup_accepting_results_and_n3_is_answered_by_the_lane_as_flask_answers_it(lane_app):
    headers = [("Accept", N3_ACCEPT)]
    lane = through_lane(lane_app, LOOKUP, headers)
    assert lane is not None and lane[0] == 200
    assert lane == through_flask(lane_app, LOOKUP, headers) == through_bridge(lane_app, LOOKUP, headers)
