"""The ASGI bridge (kg.web.front.bridge), without a server: bodies read first, refusals, environ, streaming."""

from __future__ import annotations

import asyncio

from kg.web.front.bridge import CLIENT_SOCKET, REFUSAL, WsgiBridge, wsgi_environ


def scope(method="GET", path="/x", query=b"", headers=(), client=("192.0.2.7", 5000)):
    return {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query,
        "headers": list(headers),
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 8080),
        "client": client,
    }


def receiver(*messages, then_wait=False):
    queue = list(messages)

    async def receive():
        if queue:
            return queue.pop(0)
        if then_wait:
            await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    return receive


def serve(bridge, the_scope, receive):
    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(bridge(the_scope, receive, send))
    return sent


def echo_app(seen):
    def app(environ, start_response):
        seen.append(environ)
        refusal = environ.get(REFUSAL)
        body = environ["wsgi.input"].read()
        status = f"{refusal.status} Refused" if refusal else "200 OK"
        start_response(status, [("Content-Type", "text/plain")])
        return [refusal.message.encode() if refusal else body]

    return app


def test_a_body_is_read_whole_before_the_app_runs():
    seen = []
    bridge = WsgiBridge(echo_app(seen), threads=2, read_timeout_s=5, max_body_bytes=100)
    sent = serve(
        bridge,
        scope("POST", headers=[(b"content-length", b"6")]),
        receiver({"type": "http.request", "body": b"ASK", "more_body": True}, {"type": "http.request", "body": b" {}", "more_body": False}),
    )
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"ASK {}"
    assert seen[0]["CONTENT_LENGTH"] == "6"


def test_a_body_that_does_not_arrive_in_time_is_refused_408_and_the_connection_closed():
    bridge = WsgiBridge(echo_app([]), threads=1, read_timeout_s=0.2, max_body_bytes=100)
    sent = serve(
        bridge,
        scope("POST", headers=[(b"content-length", b"50")]),
        receiver({"type": "http.request", "body": b"SEL", "more_body": True}, then_wait=True),
    )
    assert sent[0]["status"] == 408 and (b"connection", b"close") in sent[0]["headers"]
    assert b"within 0.2 s (setting read_timeout_s)" in sent[1]["body"]


def test_a_declared_body_over_the_limit_is_413_without_reading_it():
    def receive():
        raise AssertionError("the body was read")

    bridge = WsgiBridge(echo_app([]), threads=1, read_timeout_s=5, max_body_bytes=10)
    sent = serve(bridge, scope("POST", headers=[(b"content-length", b"11")]), receive)
    assert sent[0]["status"] == 413 and b"larger than 10 bytes (setting max_request_bytes)" in sent[1]["body"]


def test_a_chunked_body_growing_past_the_limit_is_413():
    bridge = WsgiBridge(echo_app([]), threads=1, read_timeout_s=5, max_body_bytes=4)
    sent = serve(
        bridge,
        scope("POST", headers=[(b"transfer-encoding", b"chunked")]),
        receiver({"type": "http.request", "body": b"abc", "more_body": True}, {"type": "http.request", "body": b"de", "more_body": True}),
    )
    assert sent[0]["status"] == 413


def test_a_body_the_parser_gave_up_on_is_400_not_500():
    bridge = WsgiBridge(echo_app([]), threads=1, read_timeout_s=5, max_body_bytes=100)
    sent = serve(bridge, scope("POST", headers=[(b"transfer-encoding", b"chunked")]), receiver())
    assert sent[0]["status"] == 400 and b"chunked encoding is malformed" in sent[1]["body"]


def test_a_content_length_that_is_not_a_number_is_400():
    bridge = WsgiBridge(echo_app([]), threads=1, read_timeout_s=5, max_body_bytes=100)
    sent = serve(bridge, scope("POST", headers=[(b"content-length", b"12abc")]), receiver())
    assert sent[0]["status"] == 400 and b"whole number" in sent[1]["body"]


def test_the_environ_carries_path_query_client_and_headers_as_pep_3333_says():
    environ = wsgi_environ(
        scope(path="/id/bình", query=b"a=1", headers=[(b"accept", b"text/html"), (b"accept", b"*/*"), (b"cookie", b"a=1"), (b"cookie", b"b=2")]), b""
    )
    assert environ["PATH_INFO"] == "/id/bình".encode().decode("latin-1")
    assert (environ["QUERY_STRING"], environ["REMOTE_ADDR"]) == ("a=1", "192.0.2.7")
    assert environ["HTTP_ACCEPT"] == "text/html,*/*" and environ["HTTP_COOKIE"] == "a=1; b=2"
    assert "CONTENT_LENGTH" not in environ


def test_only_the_query_endpoint_gets_a_socket_closed_when_the_client_disconnects():
    seen = []
    bridge = WsgiBridge(echo_app(seen), threads=1, read_timeout_s=5, max_body_bytes=100)
    serve(bridge, scope(path="/sparql"), receiver())
    serve(bridge, scope(path="/id/x"), receiver())
    assert CLIENT_SOCKET in seen[0] and CLIENT_SOCKET not in seen[1]


def test_a_long_answer_is_streamed_in_blocks_and_closed():
    closed = []

    class Blocks(list):
        def close(self):
            closed.append(True)

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return Blocks([b"x" * (1 << 18), b"y" * 10, b"z"])

    sent = serve(WsgiBridge(app, threads=1, read_timeout_s=5, max_body_bytes=100), scope(), receiver())
    body = b"".join(m.get("body", b"") for m in sent[1:])
    assert body == b"x" * (1 << 18) + b"y" * 10 + b"z" and sent[1]["more_body"] is True
    assert sent[-1].get("more_body", False) is False and closed == [True]


def test_after_each_request_the_observer_learns_the_status_the_bytes_sent_and_the_time_taken():
    observed = []
    bridge = WsgiBridge(
        echo_app([]),
        threads=1,
        read_timeout_s=5,
        max_body_bytes=100,
        observe=lambda the_scope, exchange, seconds: observed.append((the_scope["path"], exchange, seconds)),
    )
    serve(
        bridge,
        scope("POST", path="/sparql", headers=[(b"content-length", b"6")]),
        receiver({"type": "http.request", "body": b"ASK {}", "more_body": False}),
    )
    serve(bridge, scope("POST", headers=[(b"content-length", b"500")]), receiver())  # refused: 413, still observed
    [(path, exchange, seconds), (_, refused, _)] = observed
    assert (path, exchange.status, exchange.size, exchange.lane) == ("/sparql", 200, 6, False)
    assert 0 < seconds < 5
    assert refused.status == 413 and refused.size > 0


class AnsweringLane:
    """A fast lane that answers every GET itself."""

    inline = True  # the plan, too: answered in the event loop

    def admit(self, the_scope):
        return self if the_scope["method"] == "GET" else None

    def answer(self, plan):
        return 200, [(b"content-type", b"text/csv")], b"a,b\r\n"


def test_an_answer_of_the_fast_lane_is_observed_as_the_lane_s():
    observed = []
    bridge = WsgiBridge(
        echo_app([]),
        threads=1,
        read_timeout_s=5,
        max_body_bytes=100,
        lane=AnsweringLane(),
        observe=lambda the_scope, exchange, seconds: observed.append(exchange),
    )
    sent = serve(bridge, scope(path="/sparql"), receiver())
    assert sent[1]["body"] == b"a,b\r\n"
    assert (observed[0].status, observed[0].size, observed[0].lane) == (200, 5, True)
