"""A recording stand-in for a triple store on loopback, for the failures a real one will not produce on demand.

`FakeStore(upstream=None, fail_put=None, auth=None, hang=False)` listens on a free loopback port
and records every request (method, path, body, Authorization header). With `upstream` (a real store's
URL) it forwards each request there; `fail_put=n` answers the n-th PUT with 500 instead;
`rewrite_put=f` forwards `f(body)` in place of each PUT body (a store that rewrites what it loads);
`auth="basic"` answers 401 with a Basic challenge until the right credentials come; `hang=True`
accepts connections and never answers.
"""

from __future__ import annotations

import base64
import http.client
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    body: bytes
    authorization: str | None


class FakeStore:
    def __init__(
        self, upstream: str | None = None, fail_put: int | None = None, auth: tuple[str, str] | None = None, hang: bool = False, rewrite_put=None
    ):
        self.upstream, self.fail_put, self.auth, self.hang = upstream, fail_put, auth, hang
        self.rewrite_put = rewrite_put
        self.requests: list[Recorded] = []
        self._release = threading.Event()
        store = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    data = b""
                    while True:
                        size = int(self.rfile.readline().strip(), 16)
                        chunk = self.rfile.read(size + 2)[:size]
                        if size == 0:
                            return data
                        data += chunk
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _handle(self):
                body = self._body()
                if store.hang:
                    store._release.wait(60)
                    return
                store.requests.append(Recorded(self.command, self.path, body, self.headers.get("Authorization")))
                if store.auth and self.headers.get("Authorization") != _basic(*store.auth):
                    return self._answer(401, b"who are you?", {"WWW-Authenticate": 'Basic realm="store"'})
                puts = sum(1 for r in store.requests if r.method == "PUT")
                if self.command == "PUT" and puts == store.fail_put:
                    return self._answer(500, b"disk full (simulated)")
                if store.upstream is None:
                    return self._answer(404, b"no upstream")
                if self.command == "PUT" and store.rewrite_put is not None:
                    body = store.rewrite_put(body)
                self._forward(body)

            def _forward(self, body: bytes):
                up = urlsplit(store.upstream)
                conn = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("transfer-encoding", "host", "authorization")}
                headers["Content-Length"] = str(len(body))
                conn.request(self.command, self.path, body=body, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                self._answer(answer.status, data, {"Content-Type": answer.headers.get("Content-Type", "text/plain")})
                conn.close()

            def _answer(self, status: int, data: bytes, headers: dict | None = None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._release.set()
        self.server.shutdown()
        self.server.server_close()


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
