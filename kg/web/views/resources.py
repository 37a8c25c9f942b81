"""Dereferencing: every IRI the graph mints (/id/..., /def/..., /graph/...) answers with its description.

The description is served directly with 200 (no 303 to a separate document): HTML to browsers,
Turtle, N-Triples, JSON-LD or RDF/XML to programs by Accept (Turtle for */*) or by a suffix
(`/id/place/binh-phuoc.ttl`). `Content-Location` names the representation sent, `Link` the others,
and `Vary: Accept, Accept-Language` tells caches the bare URL has several. An IRI the graph does
not know is a 404 (an HTML page for people, text or JSON for programs).

Every such IRI (the dataset's, /id/dataset/..., too) also answers as a citation, as DOI resolvers do:
`Accept: application/x-bibtex`, `application/vnd.citationstyles.csl+json`,
`application/x-research-info-systems` or `text/x-bibliography` (or `format=bibtex|csl|ris|bibliography`),
written by kg.web.present.citation_formats in the page's language, accessed on the request's date.
`?version=<id>` pins a link to a version: the live one answers, any other is a 404 naming the live one.

The RDF is the triples about the IRI, its fragment IRIs' (…#target) and the triples pointing at
it, so a program following links from any IRI reaches the whole graph; an ontology, a code list
or a named graph also carries its members. On the embedded store, a page or RDF body once made is
kept for its version (kg.web.result_cache, `X-KG-Cache: hit`): a version never changes.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, Response, current_app, redirect, render_template, request

from kg.errors import NotFound
from kg.namespaces import prefixes
from kg.stores.lookups import GraphData
from kg.web import app_state
from kg.web.app_state import current_version, store_of
from kg.web.formats import CITATION_FORMATS, GRAPH_FORMATS, HTML, Format, find_format, negotiate_described_format, serialize_triples
from kg.web.negotiation import negotiate_language
from kg.web.params import whole_number
from kg.web.present import members
from kg.web.present.citation import cite
from kg.web.present.citation_formats import WRITERS
from kg.web.present.cite_block import cite_block
from kg.web.present.i18n import tr
from kg.web.present.resource import resource_context
from kg.web.result_cache import ResultCache
from kg.web.views import about

bp = Blueprint("resources", __name__)
bp.add_app_template_global(tr, "tr")
bp.add_app_template_global(cite_block, "cite_block")

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
    cite_this = cite_block(iri, version.manifest.base, version.id, lang)
    return render_template("resource.html", path=path, forms=forms, cite=cite_this, **context)


def citation_response(data: GraphData, version, iri: str, path: str, fmt: Format) -> Response:
    """The citation of `iri` in a citation format, in the page's language, accessed today (UTC)."""
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    accessed = dt.datetime.now(dt.UTC).date()
    citation = cite(data, about.description_of(version), iri, version.manifest.dataset, lang, accessed)
    response = Response(WRITERS[fmt.name](citation), content_type=fmt.content_type)
    response.headers["Content-Language"] = lang
    response.headers["Content-Location"] = f"{path}?format={fmt.names[0]}"
    response.headers["Link"] = alternates(path, fmt)
    response.headers["Vary"] = VARY
    response.set_etag(f"{version.id}-{fmt.name}-{lang}-{accessed.isoformat()}")  # the access date is part of the body
    return response


def check_version(version) -> None:
    """`?version=` pins a link to a version: only the live one is served; another is a 404 naming it."""
    asked = request.args.get("version")
    if asked is not None and asked != version.id:
        raise NotFound(f"version {asked!r} is not the one served here; the live version is {version.id!r} (drop ?version= for it)")


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
    check_version(version)
    if fmt is None:
        fmt = negotiate_described_format(request.headers.get("Accept"), request.args.get("format"))
    if fmt in CITATION_FORMATS:
        return citation_response(data, version, iri, path, fmt)
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
