"""/sitemap.xml lists every page the dataset mints (absolute, on the requested host, with lastmod), /robots.txt names it,
and each resource page links its canonical URL and every RDF form it is offered in."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from kg.publication.layout import read_manifest
from kg.web.present import sitemap
from kg.web.views.resources import OFFERED

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "https://data.example.net/"


def locs(body: bytes, tag: str = "url") -> list[str]:
    root = ET.fromstring(body)
    return [e.findtext("sm:loc", namespaces=NS) for e in root.findall(f"sm:{tag}", NS)]


@pytest.fixture
def sitemap_body(client) -> bytes:
    response = client.get("/sitemap.xml", base_url=HOST)
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    return response.data


def test_the_sitemap_lists_the_main_pages_and_the_dataset_on_the_requested_host(sitemap_body, base):
    urls = locs(sitemap_body)
    assert urls[0] == HOST
    assert {HOST + "sparql", HOST + "downloads", HOST + "id/dataset/ict-reports", HOST + "def/kg"} <= set(urls)
    assert all(u.startswith(HOST) for u in urls)


def test_the_sitemap_lists_every_named_graph_and_every_minted_subject_without_fragments(sitemap_body, published_union, base, version_dir):
    urls = set(locs(sitemap_body))
    minted = {str(s) for s in published_union.subjects() if str(s).startswith(base) and "#" not in str(s)}
    graphs = set(read_manifest(version_dir).graphs)
    expected = {HOST + iri[len(base) :] for iri in minted | graphs}
    assert expected - urls == set()
    assert not [u for u in urls if "#" in u]


def test_every_url_of_the_sitemap_answers_with_a_page(client, sitemap_body):
    paths = [u[len(HOST) - 1 :] for u in locs(sitemap_body)]
    failing = [p for p in paths if client.get(p, headers={"Accept": "text/html"}).status_code != 200]
    assert failing == []


def test_every_url_has_the_dataset_s_modified_date_as_lastmod(sitemap_body, version_dir):
    void = (version_dir / "void.ttl").read_text(encoding="utf-8")
    modified = re.search(r'dcterms:modified "(\d{4}-\d{2}-\d{2})"', void).group(1)
    root = ET.fromstring(sitemap_body)
    assert {e.findtext("sm:lastmod", namespaces=NS) for e in root.findall("sm:url", NS)} == {modified}


def test_past_the_limit_the_sitemap_is_an_index_of_numbered_parts_that_hold_every_url(client, sitemap_body, monkeypatch):
    every = locs(sitemap_body)
    monkeypatch.setattr(sitemap, "MAX_URLS", 100)
    index = client.get("/sitemap.xml", base_url=HOST).data
    parts = locs(index, "sitemap")
    assert parts == [f"{HOST}sitemap-{n}.xml" for n in range(1, -(-len(every) // 100) + 1)]
    gathered = []
    for part in parts:
        chunk = locs(client.get(part[len(HOST) - 1 :], base_url=HOST).data)
        assert 0 < len(chunk) <= 100
        gathered += chunk
    assert gathered == every


@pytest.mark.parametrize("path", ["/sitemap-0.xml", "/sitemap-2.xml"])
def test_a_part_that_does_not_exist_is_a_404_naming_the_parts(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "/sitemap-1.xml" in response.get_data(as_text=True)


def test_robots_txt_names_the_sitemap_on_the_requested_host(client):
    response = client.get("/robots.txt", base_url=HOST)
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert f"Sitemap: {HOST}sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /sparql?" in lines


def test_behind_a_trusted_proxy_the_urls_use_the_forwarded_scheme(make_app):
    app = make_app(trusted_proxies=1)
    body = app.test_client().get("/robots.txt", headers={"X-Forwarded-Proto": "https"}, base_url="http://127.0.0.1/").get_data(as_text=True)
    assert "Sitemap: https://127.0.0.1/sitemap.xml" in body


def test_a_resource_page_links_its_canonical_url_and_each_rdf_form(page):
    html = page("/id/place/binh-phuoc").get_data(as_text=True)
    head = html.split("</head>", 1)[0]
    assert '<link rel="canonical" href="/id/place/binh-phuoc">' in head
    for fmt in OFFERED[1:]:
        assert f'<link rel="alternate" type="{fmt.media_type}" href="/id/place/binh-phuoc{fmt.suffix}">' in head
    assert '<link rel="alternate" hreflang="en" href="/id/place/binh-phuoc?lang=en">' in head


def test_every_rdf_form_a_page_links_answers_in_its_media_type(client, page):
    head = page("/def/kg").get_data(as_text=True).split("</head>", 1)[0]
    forms = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)">', head)
    assert len(forms) == len(OFFERED) - 1
    for media_type, href in forms:
        assert client.get(href).mimetype == media_type
