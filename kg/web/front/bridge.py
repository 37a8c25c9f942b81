"""An ASGI application that runs a WSGI app (Flask) for granian, so no slow client holds a thread.

granian reads headers in Rust, under its header timeout. The body is read here, in the event loop,
under `read_timeout_s` in all (past it: 408, and the connection is closed) and at most
`max_body_bytes` (past it: 413, unread). Only then does the request take one of `threads` Python
threads, to run the WSGI app; its answer is streamed back in blocks. A request to the query
endpoint gets one end of a socket pair as `kg.client_socket` in its environ, and the bridge closes
the other end when the client disconnects (ASGI's `http.disconnect`): the query pool watches that
socket and stops the query at once (kg.stores.embedded.pool), as it would the client's own socket.
Once a request is answered, `observe(scope, exchange, seconds)` (if given) learns what was sent
(an Exchange) and how long it took, for the metrics and the access log (kg.web.server).
"""

from __future__ import annotations

import asyncio
import io
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor

CLIENT_SOCKET = "kg.client_socket"  # the environ key the query view hands to the query pool
REFUSAL = "kg.front.refusal"  # the environ key of a Refusal: the app answers it in the client's format
FILE_BLOCK = 1 << 20  # bytes read per step when streaming a file
FIRST_BYTES = 1 << 18  # an answer up to this size is sent as one block; longer ones are streamed


class FileWrapper:
    """wsgi.file_wrapper: a file sent in large blocks (werkzeug's default is 8 KiB)."""

    def __init__(self, file, block_size: int = FILE_BLOCK):
        self.file, self.block_size = file, max(block_size, FILE_BLOCK)

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        data = self.file.read(self.block_size)
        if not data:
            raise StopIteration
        return data

    def close(self) -> None:
        self.file.close()


def wsgi_environ(scope: dict, body: bytes) -> dict:
    """The WSGI environ (PEP 3333) of an ASGI HTTP scope whose body has been read in full."""
    server = scope.get("server") or ("127.0.0.1", 80)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode("utf-8").decode("latin-1"),
        "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": client[0],
        "REMOTE_PORT": str(client[1]),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.input_terminated": True,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.file_wrapper": FileWrapper,
    }
    for raw_name, raw_value in scope.get("headers", ()):
        name, value = raw_name.decode("latin-1").upper().replace("-", "_"), raw_value.decode("latin-1")
        if name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = name
        else:
            key = "HTTP_" + name
        if key in environ:
            environ[key] += ("; " if key == "HTTP_COOKIE" else ",") + value
        else:
            environ[key] = value
    if body or "CONTENT_LENGTH" in environ or "HTTP_TRANSFER_ENCODING" in environ:
        environ["CONTENT_LENGTH"] = str(len(body))  # a chunked body is whole now: werkzeug reads exactly this
    return environ


class Refusal(Exception):
    """A request the bridge will not hand over as it is (400, 408, 413): the app words the answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Exchange:
    """What was sent for one request: the status (0 until the answer starts), the body's bytes, whether the lane answered."""

    __slots__ = ("forward", "lane", "size", "status")

    def __init__(self, send):
        self.forward, self.status, self.size, self.lane = send, 0, 0, False

    async def send(self, message: dict) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        else:
            self.size += len(message.get("body", b""))
        await self.forward(message)


class WsgiBridge:
    """The ASGI callable granian serves: `wsgi_app` on `threads` threads, bodies read first."""

    def __init__(
        self,
        wsgi_app,
        *,
        threads: int,
        read_timeout_s: float,
        max_body_bytes: int,
        watched_paths: tuple[str, ...] = ("/sparql",),
        lane=None,
        observe=None,
    ):
        """`lane`: a kg.web.front.fast_lane.FastLane, which answers bounded lookups without Flask, or None;
        `observe(scope, exchange, seconds)`: called after each request (kg.web.server.request_observer), or None."""
        self.app, self.read_timeout_s, self.max_body_bytes = wsgi_app, read_timeout_s, max_body_bytes
        self.watched_paths, self.lane, self.observe = watched_paths, lane, observe
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-request")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        if self.observe is None:
            await self._serve(scope, receive, send)
            return
        exchange, started = Exchange(send), time.perf_counter()
        try:
            exchange.lane = await self._serve(scope, receive, exchange.send)
        finally:
            self.observe(scope, exchange, time.perf_counter() - started)

    async def _serve(self, scope, receive, send) -> bool:
        """Answer one HTTP request; True when the fast lane answered it."""
        try:
            body = await self._read_body(scope, receive)
        except Refusal as refusal:
            environ = wsgi_environ(scope, b"")
            environ[REFUSAL] = refusal
            await self._run(environ, send)
            return False
        if self.lane is not None and not body and await self._answer_in_lane(scope, send):
            return True
        environ = wsgi_environ(scope, body)
        if scope["path"] in self.watched_paths:
            await self._run_watched(environ, receive, send)
        else:
            await self._run(environ, send)
        return False

    async def _answer_in_lane(self, scope, send) -> bool:
        """Answer a request the fast lane admits: in the event loop if it is one index range, else on a
        request thread. False when the lane declines it, before or while answering: Flask answers then."""
        plan = self.lane.admit(scope)
        if plan is None:
            return False
        if plan.inline:
            answer = self.lane.answer(plan)
        else:
            answer = await asyncio.get_running_loop().run_in_executor(self.executor, self.lane.answer, plan)
        if answer is None:
            return False
        await _send_whole(send, *answer)
        return True

    async def _read_body(self, scope, receive) -> bytes:
        """The whole body, or Refusal: too large (413, unread), too slow (408), cut short or malformed (400)."""
        headers = dict(scope.get("headers", ()))
        length, chunked = headers.get(b"content-length"), b"transfer-encoding" in headers
        if length is None and not chunked:
            return b""
        too_large = Refusal(413, f"The request body is larger than {self.max_body_bytes} bytes (setting max_request_bytes).")
        if length is not None and len(length) > 18:
            raise too_large  # (and int() would refuse a few thousand digits)
        if length is not None and not length.isdigit():
            raise Refusal(400, "Content-Length is not a whole number of bytes.")
        if length is not None and int(length) > self.max_body_bytes:
            raise too_large
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.read_timeout_s
        parts, size = [], 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise Refusal(408, f"The request body did not arrive within {self.read_timeout_s:g} s (setting read_timeout_s).") from None
            if message["type"] == "http.disconnect":  # the client left, or hyper gave up on a malformed body
                raise Refusal(400, "The request body could not be read: it ended early or its chunked encoding is malformed.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise too_large
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)

    async def _run_watched(self, environ: dict, receive, send) -> None:
        """Run the app with a socket the query pool watches, closed when the client disconnects."""
        ours, theirs = socket.socketpair()
        environ[CLIENT_SOCKET] = theirs
        watcher = asyncio.ensure_future(_close_on_disconnect(receive, ours))
        try:
            await self._run(environ, send)
        finally:
            watcher.cancel()
            ours.close()
            theirs.close()

    async def _run(self, environ: dict, send) -> None:
        loop = asyncio.get_running_loop()
        status, headers, first, rest = await loop.run_in_executor(self.executor, _start, self.app, environ)
        if REFUSAL in environ:
            headers.append((b"connection", b"close"))  # the rest of the body, if any, is never read
        try:
            await send({"type": "http.response.start", "status": status, "headers": headers})
            if rest is None:
                await send({"type": "http.response.body", "body": first})
                return
            await send({"type": "http.response.body", "body": first, "more_body": True})
            while True:
                block = await loop.run_in_executor(self.executor, next, rest, None)
                if block is None:
                    break
                if block:
                    await send({"type": "http.response.body", "body": block, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            if rest is not None and hasattr(rest, "close"):
                await loop.run_in_executor(self.executor, rest.close)


def _start(app, environ: dict):
    """In a request thread: run the app up to its first block. (status, headers, first block, the rest or None)."""
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers
        return lambda data: None  # the legacy write() callable; our app never uses it

    result = app(environ, start_response)
    blocks, size, iterator = [], 0, iter(result)
    for block in iterator:  # most answers are one block: send them whole, with no second trip to a thread
        blocks.append(block)
        size += len(block)
        if size >= FIRST_BYTES:
            rest = _Rest(iterator, result)
            break
    else:
        rest = None
        if hasattr(result, "close"):
            result.close()
    first = b"".join(blocks)
    status = int(started["status"].split(" ", 1)[0])
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in started["headers"]]
    return status, headers, first, rest


class _Rest:
    """The blocks after the first, and the WSGI result's close()."""

    def __init__(self, iterator, result):
        self.iterator, self.result = iterator, result

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        return next(self.iterator)

    def close(self) -> None:
        if hasattr(self.result, "close"):
            self.result.close()


async def _send_whole(send, status: int, headers: list, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _close_on_disconnect(receive, ours: socket.socket) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            ours.close()  # the pool sees end-of-stream on the other end
            return
