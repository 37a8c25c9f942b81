"""Security headers on every response: a strict policy for pages (no script, no inline style), none at all for data."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from kg.web.security import DATA_POLICY, PAGE_POLICY
from tests.web.conftest import BROWSER

PAGES = ["/", "/sparql", "/search?q=a", "/downloads", "/shapes", "/validation", "/id/place/binh-phuoc", "/no/such/page"]
DATA = [
    ("/sparql?query=" + quote("ASK { ?s ?p ?o }"), "application/sparql-results+json"),
    ("/id/place/binh-phuoc", "text/turtle"),
    ("/.well-known/void", "application/ld+json"),
    ("/health", "application/json"),
    ("/download/kg.nt", "*/*"),
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_gets_the_page_policy_nosniff_and_a_referrer_policy(client, path):
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.content_type.startswith("text/html")
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path, accept", DATA)
def test_data_gets_the_policy_that_allows_nothing_and_nosniff(client, path, accept):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == DATA_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_page_policy_allows_no_script_no_inline_style_and_no_framing():
    directives = dict(d.strip().split(" ", 1) for d in PAGE_POLICY.split(";"))
    assert directives["default-src"] == "'none'" and "script-src" not in directives
    assert directives["style-src"] == "'self'" and "unsafe-inline" not in PAGE_POLICY
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_nothing_the_policy_forbids(client, path):
    html = client.get(path, headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<script" not in html and "<style" not in html
    assert re.search(r"\sstyle\s*=", html) is None and re.search(r"\son[a-z]+\s*=", html) is None
    for url in re.findall(r'(?:href|src)="(https?://[^"]+)"[^>]*rel="stylesheet"', html):
        pytest.fail(f"{path} loads a stylesheet from another host: {url}")


def test_errors_carry_the_headers_too(client):
    response = client.get("/sparql", query_string={"query": "SELEC nothing"}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert response.headers["Content-Security-Policy"] == DATA_POLICY and response.headers["X-Content-Type-Options"] == "nosniff"
