"""Dereferencing: every IRI the graph mints (/id/..., /def/..., /graph/...) answers with its description.

The description is served directly with 200 (no 303 to a separate document): HTML to browsers,
Turtle, N-Triples, JSON-LD or RDF/XML to programs by Accept (Turtle for */*) or by a suffix
(`/id/place/binh-phuoc.ttl`). `Content-Location` names the representation sent, `Link` the others,
and `Vary: Accept, Accept-Language` tells caches the bare URL has several. An IRI the graph does
not know is a 404 (an HTML page for people, text or JSON for programs).

The RDF is the triples about the IRI, its fragment IRIs' (…#target) and the triples pointing at
it, so a program following links from any IRI reaches the whole graph; an ontology, a code list
or a named graph also carries its members. On the embedded store, a page or RDF body once made is
kept for its version (kg.web.result_cache, `X-KG-Cache: hit`): a version never changes.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, redirect, render_template, request

from kg.errors import NotFound
from kg.namespaces import prefixes
from kg.stores.lookups import GraphData
from kg.web import app_state
from kg.web.app_state import current_version, store_of
from kg.web.formats import GRAPH_FORMATS, HTML, Format, find_format, negotiate_graph_format, serialize_triples
from kg.web.negotiation import negotiate_language
from kg.web.params import whole_number
from kg.web.present import members
from kg.web.present.i18n import tr
from kg.web.present.resource import resource_context
from kg.web.result_cache import ResultCache

bp = Blueprint("resources", __name__)
bp.add_app_template_global(tr, "tr")

#: The forms every resource is offered in (Link headers name them); Accept may pick any GRAPH_FORMATS entry.
OFFERED: tuple[Format, ...] = (HTML, *(find_format(GRAPH_FORMATS, n) for n in ("ttl", "nt", "jsonld", "rdf")))
SUFFIXES = {f.suffix: f for f in (HTML, *GRAPH_FORMATS)}
VARY = "Accept, Accept-Language"
SHAPES_PATH = "/def/shapes/"
SHAPE_NAME = re.compile(r"[^\x00-\x20\x7f-\x9f#?/]+")  # a fragment: no controls, spaces or delimiters


def split_suffix(path: str) -> tuple[str, Format | None]:
    """('/id/place/x', Turtle) for '/id/place/x.ttl'; (path, None) without a known suffix."""
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix and f".{suffix}" in SUFFIXES:
        return stem, SUFFIXES[f".{suffix}"]
    return path, None


def page_number() -> int:
    """The `page` parameter (1 when absent); 400 unless a whole number of at least 1."""
    return whole_number("page", request.args.get("page", "1"), 1)


def alternates(path: str, chosen: Format) -> str:
    """The Link header naming every other representation of the resource."""
    return ", ".join(f'<{path}{f.suffix}>; rel="alternate"; type="{f.media_type}"' for f in OFFERED if f != chosen)


def rdf_body(data: GraphData, iri: str, fmt: Format) -> bytes:
    """The RDF of a resource: its description with every inverse link, plus its members if it has any."""
    triples = data.describe(iri, all_inverse=True).triples()
    kind = members.kind_of(data, iri)
    if kind:
        seen = set(triples)
        triples += [t for t in members.member_triples(data, iri, kind) if t not in seen]
    return serialize_triples(triples, fmt, prefixes(data.base))


def html_body(data: GraphData, version, iri: str, path: str, lang: str) -> str:
    config = current_app.config["KG"]
    page = page_number()
    context = resource_context(data, version.path, iri, lang, page, config.page_size, config.max_rows)
    pages = context["description"].pages
    if page > pages:
        raise NotFound(f"page {page} does not exist: {iri} has {pages} page{'s' if pages > 1 else ''} of links to it")
    forms = [(f.name, f"{path}{f.suffix}", f.media_type) for f in OFFERED if f != HTML]
    return render_template("resource.html", path=path, forms=forms, **context)


@bp.get("/id/<path:rest>")
@bp.get("/def/<path:rest>")
@bp.get("/graph/<path:rest>")
def resource(rest: str) -> Response:
    """Any minted IRI: negotiate the form, then answer with the description of the IRI."""
    version = current_version()
    data = app_state.lookups_of(version)
    path, fmt = split_suffix(request.path)
    iri = version.manifest.base + path.lstrip("/")  # the manifest's base: IRIs dereference on any host
    if not data.exists(iri):
        if path.startswith(SHAPES_PATH):
            # Shapes are documented on /shapes (one anchor each), not loaded into the data.
            name = path[len(SHAPES_PATH) :]
            if not SHAPE_NAME.fullmatch(name):
                raise NotFound(f"this publication has no shape {name!r}")
            return redirect(f"/shapes#{name}", code=303)
        raise NotFound(f"this publication has no resource {iri}")
    if fmt is None:
        fmt = negotiate_graph_format(request.headers.get("Accept"), request.args.get("format"), html=True)
    cache: ResultCache = current_app.extensions["kg.result_cache"]
    keep = cache.keeps_answers_of(store_of(current_app))
    if fmt == HTML:
        lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
        key = ("page", version.id, path, lang, page_number())
        body = cache.get(key) if keep else None
        hit = body is not None
        if not hit:
            body = html_body(data, version, iri, path, lang).encode("utf-8")
        response = Response(body, mimetype="text/html")
        response.headers["Content-Language"] = lang
    else:
        key = ("rdf", version.id, path, fmt.name)
        body = cache.get(key) if keep else None
        hit = body is not None
        if not hit:
            body = rdf_body(data, iri, fmt)
        response = Response(body, content_type=fmt.content_type)
    if keep and not hit:
        cache.put(key, body, len(body))
    response.headers["X-KG-Cache"] = "hit" if hit else "miss"
    response.headers["Content-Location"] = f"{path}{fmt.suffix}"
    response.headers["Link"] = alternates(path, fmt)
    response.headers["Vary"] = VARY
    return response
