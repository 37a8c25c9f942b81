"""Security headers on every response: a strict policy for pages (no script, no inline style), none at all for data.

The query page alone runs script (its editor), from this host only, and lets the editor's own
<style> elements in by the response's nonce: script_page_policy.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from kg.web.security import DATA_POLICY, PAGE_POLICY, script_page_policy
from tests.web.conftest import BROWSER

PAGES = ["/", "/search?q=a", "/downloads", "/shapes", "/validation", "/id/place/binh-phuoc", "/no/such/page"]
DATA_BLOCK = re.compile(r'<script type="application/(?:ld\+)?json">[^<]*</script>')
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


def test_the_home_page_has_a_data_block_and_nothing_else_in_script(client):
    html = client.get("/", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert len(DATA_BLOCK.findall(html)) == 1 and html.count("<script") == 1


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_nothing_the_policy_forbids(client, path):
    html = client.get(path, headers={"Accept": BROWSER}).get_data(as_text=True)
    # a data block (the home page's schema.org JSON-LD) is never run, so the policy does not apply to it
    html = DATA_BLOCK.sub("", html)
    assert "<script" not in html and "<style" not in html
    assert re.search(r"\sstyle\s*=", html) is None and re.search(r"\son[a-z]+\s*=", html) is None
    for url in re.findall(r'(?:href|src)="(https?://[^"]+)"[^>]*rel="stylesheet"', html):
        pytest.fail(f"{path} loads a stylesheet from another host: {url}")


def test_errors_carry_the_headers_too(client):
    response = client.get("/sparql", query_string={"query": "SELEC nothing"}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert response.headers["Content-Security-Policy"] == DATA_POLICY and response.headers["X-Content-Type-Options"] == "nosniff"


def directives_of(policy: str) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in policy.split(";"))


@pytest.mark.parametrize("path", ["/sparql", "/sparql?query=" + quote("ASK { ?s ?p ?o }")])
def test_the_query_page_gets_the_policy_that_allows_script_from_this_host(client, path):
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.content_type.startswith("text/html")
    nonce = re.search(r"'nonce-([\w-]+)'", response.headers["Content-Security-Policy"]).group(1)
    assert response.headers["Content-Security-Policy"] == script_page_policy(nonce)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_script_policy_is_the_page_policy_plus_scripts_of_this_host_and_nonced_styles():
    page, script = directives_of(PAGE_POLICY), directives_of(script_page_policy("abc-123_x"))
    assert script.pop("script-src") == "'self'" and script.pop("style-src") == "'self' 'nonce-abc-123_x'"
    page.pop("style-src")
    assert script == page
    assert "unsafe-inline" not in script_page_policy("n") and "unsafe-eval" not in script_page_policy("n")


def test_a_nonce_that_could_change_the_policy_is_refused():
    with pytest.raises(ValueError, match="nonce"):
        script_page_policy("x'; script-src *")


def test_the_query_page_needs_nothing_its_policy_forbids(client):
    html = client.get("/sparql", headers={"Accept": BROWSER}).get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        source = re.search(r'src="([^"]+)"', attributes)
        if source:
            assert source.group(1).startswith("/static/") and not body.strip()
        else:  # a data block, which no browser runs
            assert 'type="application/json"' in attributes
    assert "<style" not in html and re.search(r"\sstyle\s*=", html) is None and re.search(r"\son[a-z]+\s*=", html) is None
