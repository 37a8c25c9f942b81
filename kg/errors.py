"""Errors with an HTTP status and a message that says what was wrong; the web layer answers them.

Plain Python (no web framework): the stores raise them, and kg.web.errors turns them into
responses for people and programs.
"""

from __future__ import annotations


class KgError(Exception):
    """A client-visible error: status, a short title, and a message that says what was wrong."""

    status = 500
    title = "Internal error"

    def __init__(self, message: str, *, status: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.headers = headers or {}


class BadRequest(KgError):
    status, title = 400, "Bad request"


class NotFound(KgError):
    status, title = 404, "Not found"


class NotAcceptable(KgError):
    status, title = 406, "Not acceptable"


class RequestTimeout(KgError):
    status, title = 408, "Request timeout"


class PayloadTooLarge(KgError):
    status, title = 413, "Payload too large"


class UnsupportedMediaType(KgError):
    status, title = 415, "Unsupported media type"


class TooManyRequests(KgError):
    status, title = 429, "Too many requests"


class ServiceUnavailable(KgError):
    status, title = 503, "Service unavailable"
