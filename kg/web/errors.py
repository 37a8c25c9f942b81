"""Errors answered as HTML to people and as JSON or plain text to programs (the errors: kg.errors).

An error body says what was wrong with the request, never how the server failed: no stack trace,
no file path, no exception text of an unexpected error (those go to the log). A publication that
cannot be read is a 503 naming the part (relative to the output folder) and the OS reason; its
absolute path goes to the log.

The HTML page is in the page's language (`?lang=`, then Accept-Language, then Vietnamese, as every
page): its title and explanation translated (kg.web.present.error_page), the specific message kept,
and a link to the other language. The JSON and plain-text bodies are the same in every language.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from kg.errors import KgError, PayloadTooLarge, ServiceUnavailable
from kg.publication.layout import NoPublication, UnreadablePublication
from kg.web.negotiation import best_match, negotiate_language, prefers_html
from kg.web.present.error_page import error_words

_JSON_TYPES = ["application/json", "application/sparql-results+json", "application/ld+json"]


def _error_page(status: int, title: str, message: str | None) -> Response:
    """The HTML page of an error in the page's language (`message`: None when the explanation says it all)."""
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    params = {k: v for k, v in request.args.items() if k != "lang"}
    # the switch is a query-only link (same path): a path such as //host/x would be another site's URL
    body = render_template("error.html", status=status, message=message, lang=lang, path="", params=params, words=error_words(status, title, lang))
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Content-Language"] = lang
    return response


def error_response(
    status: int, title: str, message: str, headers: dict[str, str] | None = None, fields: dict | None = None, *, detail: bool = True
) -> Response:
    """The same error for everyone: an HTML page, JSON, or plain text, by what the client accepts
    (`fields`: more members of the JSON body; `detail=False`: the message is generic, the page's
    translated explanation replaces it)."""
    accept = request.headers.get("Accept")
    if prefers_html(accept):
        response = _error_page(status, title, message if detail else None)
    elif best_match(accept, ["text/plain", *_JSON_TYPES]) in _JSON_TYPES:  # JSON for any client of a JSON format
        response = jsonify({"status": status, "error": title, "message": message, **(fields or {})})
        response.status_code = status
    else:
        response = Response(f"{status} {title}: {message}\n", status=status, mimetype="text/plain")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


def register_error_handlers(app: Flask) -> None:
    """One handler for our errors, one for werkzeug's, one for everything else (no trace leaks out)."""

    @app.errorhandler(KgError)
    def _kg_error(exc: KgError):
        return error_response(exc.status, exc.title, exc.message, exc.headers)

    @app.errorhandler(UnreadablePublication)
    def _unreadable(exc: UnreadablePublication):
        app.logger.error("the publication cannot be read: %s %s: %s", exc.part, exc.path, exc.reason)  # the log has the path
        return error_response(exc.status, exc.title, exc.message, exc.headers, {"unreadable": exc.fields()})

    @app.errorhandler(NoPublication)
    def _no_publication(exc: NoPublication):
        app.logger.warning("no publication: %s", exc)  # the reason names folders: for the log, not the client
        return error_response(503, ServiceUnavailable.title, "There is no publication to serve yet: run `kg build` first.", {"Retry-After": "30"})

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(exc: RequestEntityTooLarge):
        limit = app.config.get("MAX_CONTENT_LENGTH")
        size = request.content_length
        said = f"The request body is {size} bytes" if size else "The request body is too large"
        return error_response(413, PayloadTooLarge.title, f"{said}; the limit is {limit} bytes (setting max_request_bytes).")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
        generic = not exc.description or exc.description == type(exc).description  # werkzeug's own words
        return error_response(exc.code or 500, exc.name, exc.description or exc.name, headers, detail=not generic)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, "Internal error", "The server failed to answer this request; it has been logged.", detail=False)
