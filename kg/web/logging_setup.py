"""The logs of `kg serve`: one handler for every logger's messages, and an access log of one JSON object a line.

`configure(config)` runs once in `kg serve`'s first process, before granian forks the HTTP processes,
which inherit it: the root logger gets one handler on stderr (time in UTC, level, logger, pid,
message) at `log_level` (KG_LOG_LEVEL), so the app's errors, the remote store's (kg.stores.remote)
and granian's own lines all come out alike: granian, which configures its loggers in every process,
is given GRANIAN_LOGGING, which sends them to the root handler.

The access log is written by the HTTP front (kg.web.front.bridge calls AccessLog.write once per
request, the fast lane's included) to the `kg.access` logger, on stdout, when `access_log` is
`json` (KG_ACCESS_LOG; `off`: none). granian's own access log is off: it knows only the peer
address, not the client the admission counts behind `trusted_proxies`, nor the bytes sent.
A line holds: time (UTC, when the answer was sent), client, method, path (never the query
string: queries may be long and are the client's business), status (0: none was sent, the
connection broke first), bytes (of the body), duration_ms, kind (kg.web.metrics.route_kind) and
request_id (the X-Request-ID header, as a proxy sets it, or null).
"""

from __future__ import annotations

import json
import logging
import sys
import time

ACCESS_LOGGER = "kg.access"
MESSAGE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
# granian.log.configure_logging's dictConfig overlay (it replaces granian's "loggers"): no handlers of their own
GRANIAN_LOGGING = {"loggers": {name: {"handlers": [], "propagate": True} for name in ("_granian", "granian.access")}}
REQUEST_ID = b"x-request-id"
FORWARDED_FOR = b"x-forwarded-for"
MAX_REQUEST_ID = 200  # characters of X-Request-ID kept: a header is the client's to fill
# A JSON string literal, quotes and escapes included, in ASCII (json's own C function): a path that is not valid
# UTF-8 (a lone surrogate) is still written, as \udcxx, and no byte of a line can break a log reader's decoding.
_text = json.encoder.encode_basestring_ascii


class UtcFormatter(logging.Formatter):
    """Times in UTC, ISO 8601 with milliseconds (2026-12-04T19:31:09.123Z)."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):  # logging.Formatter names it so
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + f".{int(record.msecs):03d}Z"


def configure(config) -> None:
    """Configure logging for the server (`config`: a ServerConfig): the root handler and the access log."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(UtcFormatter(MESSAGE_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(config.log_level.upper())
    access = logging.getLogger(ACCESS_LOGGER)
    access.propagate = False
    access.handlers[:] = []
    if config.access_log == "json":
        lines = logging.StreamHandler(sys.stdout)
        lines.setFormatter(logging.Formatter("%(message)s"))
        access.addHandler(lines)
        access.setLevel(logging.INFO)


def client_address(scope: dict, forwarded: bytes | None, trusted_proxies: int) -> str:
    """The client as the admission sees it (werkzeug's ProxyFix, kg.web.admission): the peer address, or behind
    `trusted_proxies` proxies the n-th address from the right of X-Forwarded-For (`forwarded`) when there are n."""
    peer = (scope.get("client") or ("",))[0]
    if not (trusted_proxies and forwarded):
        return peer
    from werkzeug.http import parse_list_header

    values = parse_list_header(forwarded.decode("latin-1"))
    return values[-trusted_proxies] if len(values) >= trusted_proxies else peer


class AccessLog:
    """Writes the access-log line of each request (see the module's docstring) to the `kg.access` logger."""

    def __init__(self, trusted_proxies: int = 0, logger: logging.Logger | None = None):
        self.trusted_proxies = trusted_proxies
        self.logger = logger or logging.getLogger(ACCESS_LOGGER)
        self._second, self._stamp = -1, ""  # the time to the second, formatted once a second

    def _time(self, now: float) -> str:
        if int(now) != self._second:
            self._second, self._stamp = int(now), time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now))
        return f"{self._stamp}.{int(now * 1000) % 1000:03d}Z"

    def line(self, scope: dict, status: int, size: int, seconds: float, kind: str, now: float | None = None) -> str:
        """The JSON object of one request, as one line."""
        request_id = forwarded = None
        for name, value in scope.get("headers", ()):
            if name == REQUEST_ID:
                request_id = value.decode("latin-1")[:MAX_REQUEST_ID]
            elif name == FORWARDED_FOR:
                forwarded = value if forwarded is None else forwarded + b"," + value  # as werkzeug joins them
        # written out field by field (every string through json's encoder): a dict through json.dumps costs twice as much
        return (
            f'{{"time":"{self._time(time.time() if now is None else now)}",'
            f'"client":{_text(client_address(scope, forwarded, self.trusted_proxies))},'
            f'"method":{_text(scope.get("method", ""))},"path":{_text(scope.get("path", ""))},"status":{int(status)},'
            f'"bytes":{int(size)},"duration_ms":{round(seconds * 1000, 3)!r},"kind":{_text(kind)},'
            f'"request_id":{"null" if request_id is None else _text(request_id)}}}'
        )

    def write(self, scope: dict, status: int, size: int, seconds: float, kind: str) -> None:
        """Log the line of one request (nothing when the access log is off). The record is made directly: the
        caller's file and line, which logger.info would look up in the stack, mean nothing here."""
        logger = self.logger
        if logger.isEnabledFor(logging.INFO):
            logger.handle(logger.makeRecord(logger.name, logging.INFO, "", 0, self.line(scope, status, size, seconds, kind), None, None))
