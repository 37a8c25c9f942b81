"""/search: names found whatever the case and diacritics, as a page and as JSON."""

from __future__ import annotations

import pytest

from tests.web.html_text import Page

PROVINCE = "/id/place/binh-phuoc"


def paths(client, q, **params):
    response = client.get("/search", query_string={"q": q, **params}, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    return [r["path"] for r in response.get_json()["results"]]


@pytest.mark.parametrize("query", ["binh phuoc", "BÌNH PHƯỚC", "Bình Phước", "tinh binh phuoc", "  binh   PHUOC "])
def test_the_province_is_found_with_or_without_diacritics(client, query):
    assert PROVINCE in paths(client, query)


def test_an_exact_name_ranks_first(client):
    assert paths(client, "tỉnh bình phước")[0] == PROVINCE


def test_json_results_carry_both_labels_and_types(client):
    response = client.get("/search?q=binh+phuoc&format=json")
    result = next(r for r in response.get_json()["results"] if r["path"] == PROVINCE)
    assert result["label"] == {"vi": "tỉnh Bình Phước", "en": "Bình Phước Province"}
    assert "https://schema.org/AdministrativeArea" in result["types"]


def test_the_search_page_lists_results_as_links_by_label(page):
    links = Page(page("/search?q=BINH+PHUOC").get_data(as_text=True)).links
    assert (PROVINCE, "tỉnh Bình Phước") in links


def test_the_search_page_in_english(page):
    links = Page(page("/search?q=binh+phuoc", lang="en").get_data(as_text=True)).links
    assert (PROVINCE, "Bình Phước Province") in links


def test_results_are_limited(client):
    assert len(paths(client, "a", limit=2)) == 2


def test_a_bad_limit_is_400(client):
    assert client.get("/search?q=a&limit=100000").status_code == 400


def test_nothing_found_says_so(page):
    assert "Nothing found." in page("/search?q=zzzzqqq", lang="en").get_data(as_text=True)


def test_the_query_is_escaped_on_the_page(page):
    html = page("/search?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_a_type_that_is_no_iri_finds_nothing(client):
    response = client.get("/search?type=not%20an%20iri&format=json")
    assert response.status_code == 200 and response.get_json()["results"] == []
