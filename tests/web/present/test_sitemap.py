"""The sitemap's pure parts: which IRIs have a page, how URLs are written, how the protocol's limit splits them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kg.web.present import sitemap

BASE = "http://kg.example/"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LINES = [
    b"<http://kg.example/id/obs/r/1> <http://kg.example/def/kg/value> <http://kg.example/id/obs/r/1#target> .",
    b'<http://kg.example/id/obs/r/1> <http://www.w3.org/2000/01/rdf-schema#label> "a <b> & c"@en .',
    b"<http://kg.example/id/obs/r/1> <http://www.w3.org/ns/dcat#downloadURL> <http://kg.example/download/kg.ttl> .",
    b"_:b1 <http://purl.org/dc/terms/spatial> <http://kg.example/id/place/binh-phuoc> .",
    b"<http://other.example/id/x> <http://purl.org/dc/terms/subject> <http://kg.example/def/scheme/code> .",
    b"",
]


def test_pages_are_subjects_and_objects_under_the_base_in_id_def_and_graph_without_fragments():
    paths = sitemap.page_paths(BASE, LINES, ["http://kg.example/graph/r", "http://other.example/graph/x"])
    assert paths == ["/def/scheme/code", "/graph/r", "/id/obs/r/1", "/id/place/binh-phuoc"]


def test_a_download_or_a_foreign_iri_is_no_page_of_the_dataset():
    paths = sitemap.page_paths(BASE, LINES)
    assert "/download/kg.ttl" not in paths and not [p for p in paths if "other.example" in p]


def test_urls_are_percent_encoded_and_xml_escaped():
    body = sitemap.urlset("https://h.example/", ["/id/place/bình-phước", "/id/x&y"], "2026-12-04")
    root = ET.fromstring(body)
    assert [e.findtext("sm:loc", namespaces=NS) for e in root.findall("sm:url", NS)] == [
        "https://h.example/id/place/b%C3%ACnh-ph%C6%B0%E1%BB%9Bc",
        "https://h.example/id/x&y",
    ]
    assert b"&amp;" in body


def test_the_index_names_one_sitemap_per_part_with_lastmod():
    root = ET.fromstring(sitemap.index("https://h.example/", 3, "2026-12-04"))
    assert [e.findtext("sm:loc", namespaces=NS) for e in root.findall("sm:sitemap", NS)] == [f"https://h.example/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert {e.findtext("sm:lastmod", namespaces=NS) for e in root.findall("sm:sitemap", NS)} == {"2026-12-04"}


def test_a_part_holds_at_most_the_protocol_s_fifty_thousand_urls():
    assert sitemap.MAX_URLS == 50_000
    assert [sitemap.page_count(n) for n in (0, 1, 50_000, 50_001, 1_000_000)] == [1, 1, 1, 2, 20]
