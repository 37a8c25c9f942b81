"""The sitemap (sitemaps.org protocol 0.9) of a version: every page the dataset mints, and robots.txt naming it.

The pages are the site's main pages and every IRI under the base that dereferences to a page of its
own (under /id/, /def/ or /graph/, without a fragment: `…#target` is a part of its page). They are
read from the version's N-Triples dump (subjects and IRI objects, found by regular expressions in
blocks of lines), its named graphs and its description (void.ttl), so no store
is asked. A sitemap holds at most 50,000 URLs (the protocol's limit): a version that mints more
gets a sitemap index (/sitemap.xml) of numbered sitemaps (/sitemap-<n>.xml). Every URL is absolute
on the host the request came to, and `lastmod` is the dataset's declared `modified` date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote
from xml.sax.saxutils import escape

MAX_URLS = 50_000  # per sitemap (sitemaps.org)
PAGE_PREFIXES = ("id/", "def/", "graph/")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_SAFE = "/:@!$&'()*+,;=-._~%"  # RFC 3986 characters a path may keep; everything else is percent-encoded


def page_paths(base: str, ntriples: Iterable[bytes], iris: Iterable[str] = ()) -> list[str]:
    """The paths ('/id/...') of the IRIs under `base` that have a page, sorted, once each.

    `ntriples` is N-Triples as pyoxigraph writes it, in blocks of whole lines (or one line each):
    a line's subject opens it, its IRI object closes it (` <iri> .`), so two regular expressions
    find them without splitting a million lines in Python. `iris` are other IRIs (graph names...).
    """
    head = re.escape(base.encode())
    subject = re.compile(rb"^<(" + head + rb"(?:id|def|graph)/[^>#\s]*)>", re.M)
    obj = re.compile(rb" <(" + head + rb"(?:id|def|graph)/[^>#\s]*)> \.\r?$", re.M)
    found: set[bytes] = set()
    for block in ntriples:
        found.update(subject.findall(block))
        found.update(obj.findall(block))
    paths = {"/" + iri.decode("utf-8")[len(base) :] for iri in found}
    paths.update("/" + i[len(base) :] for i in iris if i.startswith(base) and _is_page(i[len(base) :]))
    return sorted(p for p in paths if _is_page(p[1:]))


def _is_page(rest: str) -> bool:
    return rest.startswith(PAGE_PREFIXES) and "#" not in rest and rest not in PAGE_PREFIXES


def blocks(handle, size: int = 1 << 23) -> Iterator[bytes]:
    """A binary file in blocks of whole lines of about `size` bytes."""
    while lines := handle.readlines(size):
        yield b"".join(lines)


def page_count(total: int, per_page: int = MAX_URLS) -> int:
    """How many sitemaps `total` URLs need (at least one)."""
    return max(1, -(-total // per_page))


def url(site_url: str, path: str) -> str:
    """An absolute URL on the site for a path, percent-encoded where an IRI may hold what a URL may not."""
    return site_url.rstrip("/") + quote(path, safe=_SAFE)


def urlset(site_url: str, paths: list[str], lastmod: str) -> bytes:
    """A <urlset> of the given paths."""
    mod = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    lines = [f"<url><loc>{escape(url(site_url, p))}</loc>{mod}</url>" for p in paths]
    return _document("urlset", lines)


def index(site_url: str, pages: int, lastmod: str) -> bytes:
    """A <sitemapindex> of the numbered sitemaps /sitemap-1.xml ... /sitemap-<pages>.xml."""
    mod = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    lines = [f"<sitemap><loc>{escape(url(site_url, f'/sitemap-{n}.xml'))}</loc>{mod}</sitemap>" for n in range(1, pages + 1)]
    return _document("sitemapindex", lines)


def _document(root: str, lines: list[str]) -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{SITEMAP_NS}">\n'
    return (head + "\n".join(lines) + f"\n</{root}>\n").encode("utf-8")


def robots(site_url: str, disallowed: Iterable[str] = ()) -> str:
    """robots.txt: every page may be crawled but the given prefixes (query answers), and where the sitemap is."""
    lines = [
        "# kg: every page of the dataset is listed in the sitemap / mọi trang của bộ dữ liệu có trong sơ đồ trang",
        "User-agent: *",
        *(f"Disallow: {p}" for p in disallowed),
        "Allow: /",
        "",
        f"Sitemap: {url(site_url, '/sitemap.xml')}",
    ]
    return "\n".join(lines) + "\n"
