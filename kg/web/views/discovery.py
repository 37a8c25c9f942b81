"""What search engines and data portals read: /sitemap.xml (and its numbered parts), /robots.txt, and the home page's JSON-LD.

The sitemap's paths are gathered once per version (kg.web.present.sitemap: from the N-Triples dump,
the named graphs and the description, never from the store) and each answer is kept for its
version, host and part; a version never changes. URLs are on the host the request came to (behind
a trusted proxy, the scheme it forwarded: ProxyFix, installed by create_app). The JSON-LD of the
home page (kg.web.present.schema_org) is the template global `dataset_jsonld(lang)`.
"""

from __future__ import annotations

import functools
import threading

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from markupsafe import Markup

from kg.errors import NotFound
from kg.publication.live import Version
from kg.web import app_state
from kg.web.app_state import current_version
from kg.web.present import schema_org, sitemap
from kg.web.views import about

bp = Blueprint("discovery", __name__)

#: The site's own pages, listed when the app serves them (the resource pages come from the data).
MAIN_PAGES = ("/", "/sparql", "/search", "/downloads", "/figures", "/shapes", "/validation")
#: Query answers: an endless space of URLs, each run on demand; crawlers read the sitemap instead.
DISALLOWED = ("/sparql?", "/search?")
XML = "application/xml; charset=utf-8"
MODIFIED = "http://purl.org/dc/terms/modified"


_KEEP = 4  # versions whose paths are kept (the live one, and those still being served)
_paths: dict[tuple[str, str], tuple[str, ...]] = {}
_paths_lock = threading.Lock()


def resource_paths(version: Version) -> tuple[str, ...]:
    """Every resource page of a version, computed once per version (under a lock: once, not once per waiting request)."""
    key = (str(version.path), version.id)
    with _paths_lock:
        if key not in _paths:
            _paths[key] = _read_paths(version)
            for old in list(_paths)[:-_KEEP]:
                del _paths[old]
        return _paths[key]


def _read_paths(version: Version) -> tuple[str, ...]:
    manifest = version.manifest
    dump = next((f for f in manifest.files if f.format == "ntriples" and f.encoding is None and f.role == "dump"), None)
    iris = [*manifest.endpoint.graphs, manifest.dataset]
    for quad in about.description_of(version).store.quads_for_pattern(None, None, None, None):
        iris += [term.value for term in (quad.subject, quad.object) if isinstance(term, ox.NamedNode)]
    if dump is None:
        return tuple(sitemap.page_paths(manifest.base, (), iris))
    with open(version.path / dump.path, "rb") as lines:
        return tuple(sitemap.page_paths(manifest.base, sitemap.blocks(lines), iris))


def main_pages() -> tuple[str, ...]:
    """The main pages this app serves."""
    served = {rule.rule for rule in current_app.url_map.iter_rules()}
    return tuple(p for p in MAIN_PAGES if p in served)


@functools.lru_cache(maxsize=8)  # a part of 50,000 URLs is about 5 MB: a few are kept, the others made again (0.1-0.5 s)
def _answer(key: tuple[str, str], site: str, part: int, per_page: int, main: tuple[str, ...], lastmod: str) -> bytes:
    """One sitemap document (0: /sitemap.xml, n: /sitemap-n.xml), kept per version, host and part."""
    paths = main + _paths[key]
    pages = sitemap.page_count(len(paths), per_page)
    if part == 0 and pages > 1:
        return sitemap.index(site, pages, lastmod)
    start = (max(part, 1) - 1) * per_page
    return sitemap.urlset(site, list(paths[start : start + per_page]), lastmod)


def _sitemap(part: int) -> Response:
    version = current_version()
    main, per_page = main_pages(), sitemap.MAX_URLS
    pages = sitemap.page_count(len(main) + len(resource_paths(version)), per_page)
    if part > pages:
        raise NotFound(f"the sitemap has {pages} part{'s' if pages > 1 else ''}: /sitemap-1.xml to /sitemap-{pages}.xml")
    lastmod = about.text(about.description_of(version), version.manifest.dataset, MODIFIED, "en")
    body = _answer((str(version.path), version.id), request.url_root, part, per_page, main, lastmod)
    return Response(body, content_type=XML)


@bp.get("/sitemap.xml")
def sitemap_xml() -> Response:
    """The sitemap: every page, or, past 50,000 URLs, the index of the numbered sitemaps."""
    return _sitemap(0)


@bp.get("/sitemap-<int:number>.xml")
def sitemap_part(number: int) -> Response:
    """One numbered sitemap of at most 50,000 URLs (404 past the last)."""
    if number < 1:
        raise NotFound("the sitemap's parts are numbered from 1: /sitemap-1.xml")
    return _sitemap(number)


@bp.get("/robots.txt")
def robots_txt() -> Response:
    """robots.txt: crawl every page but the query answers, and read the sitemap."""
    return Response(sitemap.robots(request.url_root, DISALLOWED), content_type="text/plain; charset=utf-8")


@bp.app_template_global("dataset_jsonld")
def dataset_jsonld(lang: str) -> Markup:
    """The schema.org Dataset of the live version as the text of a <script type="application/ld+json"> element."""
    version = current_version()
    description = about.description_of(version)
    places = [o.value for o in description.objects(version.manifest.dataset, "http://purl.org/dc/terms/spatial")]
    labels = app_state.lookups_of(version).labels(places, lang)
    names = {iri: label.text for iri, label in labels.items() if label is not None}
    doc = schema_org.dataset(description, version.manifest, request.url_root, names)
    return Markup(schema_org.script_text(doc))  # noqa: S704 - every <, > and & is escaped by script_text
