"""HTTP caching and CORS for every response, as app-wide hooks.

Everything we serve is a function of the publication version, the URL and the request headers
the response varies on; so a successful GET gets ``Cache-Control: public, max-age=<setting>`` and
an ETag derived from exactly those, and a matching If-None-Match / If-Modified-Since gets 304.
Views that know better (downloads: the file's SHA-256; /health: no-store) set their own headers,
which the hook leaves alone. `not_modified` lets a costly view (a SPARQL query) answer 304 before
doing the work.

CORS: data is meant to be used from other sites, so /sparql, /download/*, /downloads,
/.well-known/void, /openapi.json, /health and every RDF or SPARQL-results response carry
``Access-Control-Allow-Origin: *``; an OPTIONS preflight is answered on any route.
"""

from __future__ import annotations

import hashlib

from flask import Flask, Response, current_app, request

from kg.publication.layout import NoPublication
from kg.web.formats import DATA_MEDIA_TYPES

CORS_PATHS = ("/sparql", "/download/", "/downloads", "/.well-known/void", "/openapi.json", "/health", "/readyz", "/livez")
EXPOSED_HEADERS = "ETag, Link, Retry-After, Content-Disposition, X-KG-Truncated, X-KG-Row-Limit, X-KG-Cache"


def representation_etag(version: str, *parts: str) -> str:
    """An ETag value (unquoted) for one representation of one version: a hash of both."""
    digest = hashlib.sha256("\x1f".join((version, *parts)).encode("utf-8")).hexdigest()
    return f"{version[:12]}-{digest[:20]}"


CONDITIONAL_HEADERS = frozenset(
    {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE"}
)
ALWAYS_VARYING = ("Accept", "Accept-Language")  # hashed even when a view forgets to say Vary


def request_etag(version: str, content_type: str, vary: list[str]) -> str:
    """The ETag of what this request gets: version, URL, content type and the headers it varies on."""
    names = sorted({name.title() for name in (*vary, *ALWAYS_VARYING)})
    varying = [f"{name}={request.headers.get(name, '')}" for name in names]
    return representation_etag(version, request.method if request.method != "HEAD" else "GET", request.full_path, content_type, *varying)


def not_modified(etag: str) -> Response | None:
    """A 304 when the client already holds this representation (If-None-Match), else None."""
    if request.method in ("GET", "HEAD") and etag in request.if_none_match:
        response = Response(status=304)
        response.set_etag(etag)
        response.cache_control.public = True
        response.cache_control.max_age = current_app.config["KG"].cache_max_age_s
        return response
    return None


def publication_cache(response: Response, etag: str | None = None) -> Response:
    """Mark a response as cacheable for max-age, with the given (or derived) ETag; 304 if it matches."""
    config = current_app.config["KG"]
    response.headers["Cache-Control"] = f"public, max-age={config.cache_max_age_s}"
    if etag is None and not response.get_etag()[0]:
        try:
            version = current_app.extensions["kg.publication"].current().id
        except NoPublication:
            return response
        etag = request_etag(version, response.content_type or "", list(response.vary))
    if etag is not None:
        response.set_etag(etag)
    if not CONDITIONAL_HEADERS.intersection(request.environ):
        return response  # nothing to compare with: werkzeug's conditional machinery would change nothing
    return response.make_conditional(request)


def _cache_hook(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if "Cache-Control" in response.headers or response.direct_passthrough:
        return response
    return publication_cache(response)


def _cors_hook(response: Response) -> Response:
    shareable = request.path.startswith(CORS_PATHS) or response.mimetype in DATA_MEDIA_TYPES
    preflight = request.method == "OPTIONS"
    if shareable or preflight:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if preflight and "Access-Control-Request-Method" in request.headers:
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        asked = request.headers.get("Access-Control-Request-Headers")
        response.headers["Access-Control-Allow-Headers"] = asked or "Accept, Accept-Language, Content-Type, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def register(app: Flask) -> None:
    """Install the caching and CORS hooks on an app."""
    app.after_request(_cache_hook)
    app.after_request(_cors_hook)
