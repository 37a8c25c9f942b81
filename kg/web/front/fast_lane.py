"""The fast lane: GET lookups a syntax check proves bounded, answered in the HTTP process without Flask.

A request takes the lane only when everything about it is plain: `GET /sparql?query=...` and no
other parameter, no body, no conditional or range header, at most one Accept header that picks a
SPARQL results format (not HTML), a query within `max_query_bytes` that kg.stores.bounded_lookup
admits, and a live publication on the embedded store. Its answer is the Flask view's, byte for byte
and header for header (kg.web.views.sparql builds both from the same helpers; a test compares
them). Anything else, and any error on the way, returns None: the request goes to Flask and the
query pool as before, which word every refusal (so `format=` and `output=`, and an Accept naming no
results format, such as N3's, are Flask's to answer; an Accept naming both is read by the view's
tables, kg.web.formats, here as there). Lookups are not charged to the client's budget nor
counted in client_concurrency: their cost is bounded, as a resource page's is. Answers go to and come
from the view's result cache (kg.web.result_cache), so `X-KG-Cache` says the same on both paths, and
each answer counts as a query in kg.web.metrics, as the view's do (one it declines is counted by the view).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from kg.publication.layout import NoPublication
from kg.stores import lookups
from kg.stores.bounded_lookup import BoundedLookup, admit, answer
from kg.web.caching import EXPOSED_HEADERS
from kg.web.formats import GRAPH_FORMATS, HTML, RESULTS_FORMATS, Format, pick_format
from kg.web.metrics import count_query
from kg.web.security import security_headers
from kg.web.views.sparql import SparqlRequest, answer_etag, cache_key, keep_answer, result_headers

PATH = "/sparql"
PREFIX = b"query="
DECLINING_HEADERS = frozenset(
    {b"if-none-match", b"if-modified-since", b"if-match", b"if-unmodified-since", b"range", b"if-range", b"content-length", b"transfer-encoding"}
)


@dataclass(frozen=True)
class LanePlan:
    """A request the lane will answer: the admitted lookup, the format it is answered in, and the Accept it came with."""

    lookup: BoundedLookup
    format: Format
    graph_format: Format | None  # what a graph answer would be in: part of the result cache's key, as in the view
    accept: str | None

    @property
    def inline(self) -> bool:
        """Cheap enough to answer in the event loop itself (one index range); else on a request thread."""
        return self.lookup.single_scan


class FastLane:
    """Admits and answers the lane's requests for one Flask app (its settings, publication and store)."""

    def __init__(self, app):
        self.config = app.config["KG"]
        self.publication = app.extensions["kg.publication"]
        self.cache = app.extensions["kg.result_cache"]  # shared with the view: an answer kept by either serves both
        self.keep = self.cache.keeps_answers_of(app.extensions["kg.store"])
        self.cache_control = f"public, max-age={self.config.cache_max_age_s}".encode("latin-1")

    def admit(self, scope: dict) -> LanePlan | None:
        """The plan for an ASGI HTTP request, or None when it is not the lane's (see the module's docstring)."""
        raw = scope.get("query_string", b"")
        if scope["method"] != "GET" or scope["path"] != PATH or scope.get("root_path") or not raw.startswith(PREFIX) or b"&" in raw:
            return None
        accept = None
        for name, value in scope.get("headers", ()):
            if name in DECLINING_HEADERS:
                return None
            if name == b"accept":
                if accept is not None:
                    return None  # several Accept headers: werkzeug joins them, so let Flask read them
                accept = value.decode("latin-1")
        try:
            text = unquote_to_bytes(raw[len(PREFIX) :].replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return None  # werkzeug replaces what does not decode; the pool's answer is the one to give
        if len(text.encode("utf-8")) > self.config.max_query_bytes:
            return None
        try:
            fmt = pick_format(RESULTS_FORMATS, accept, None, html=True)
            graph_fmt = pick_format(GRAPH_FORMATS, accept, None, html=True)
        except Exception:  # noqa: BLE001 - whatever the negotiation says, Flask says it better
            return None
        if fmt is None or fmt is HTML:
            return None
        lookup = admit(text, self.config.max_rows)
        return None if lookup is None else LanePlan(lookup, fmt, graph_fmt, accept)

    def answer(self, plan: LanePlan) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        """(status, headers, body) for an admitted request, as the Flask view gives them; None to hand it to Flask."""
        config = self.config
        sreq = SparqlRequest(plan.lookup.text)
        try:
            version = self.publication.current()
            key = cache_key(version.id, sreq, plan.format, plan.graph_format, config)
            result = self.cache.get(key) if self.keep else None
            if result is None:
                store = lookups.for_store(version.store_path, version.manifest.base).store
                result = answer(store, plan.lookup, plan.format.media_type, config.max_rows, version.manifest.base)
                if result.truncated and config.row_limit_mode == "refuse":
                    return None
                if self.keep:
                    keep_answer(self.cache, key, sreq.query, result)
        except NoPublication:
            return None
        except Exception:  # noqa: BLE001 - e.g. a query the engine refuses: the pool's run words the error
            return None
        etag = answer_etag(version.id, sreq, plan.accept)
        headers = [(b"content-type", plan.format.content_type.encode("latin-1")), (b"content-length", str(len(result.body)).encode("latin-1"))]
        headers += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in result_headers(result, config.max_rows)]
        headers += [
            (b"vary", b"Accept"),
            (b"cache-control", self.cache_control),
            (b"etag", f'"{etag}"'.encode("latin-1")),
            (b"access-control-allow-origin", b"*"),
            (b"access-control-expose-headers", EXPOSED_HEADERS.encode("latin-1")),
        ]
        headers += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in security_headers(plan.format.content_type)]
        count_query(plan.format.media_type)
        return 200, headers, result.body
