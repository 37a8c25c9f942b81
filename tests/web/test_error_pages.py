"""HTML error pages in the page's language (?lang=, then Accept-Language, then Vietnamese); machine bodies unchanged."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import BROWSER
from tests.web.html_text import Page

MISSING = "/id/nothing/here"
SAID = "this publication has no resource http://data.example.org/id/nothing/here"


def html_lang(body: str) -> str:
    return re.search(r'<html lang="([^"]+)">', body).group(1)


def get(client, path, **headers):
    return client.get(path, headers={"Accept": BROWSER, **headers})


def test_a_404_page_is_in_vietnamese_by_default_keeping_the_specific_message(sample_client):
    response = get(sample_client, MISSING)
    body = response.get_data(as_text=True)
    page = Page(body)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert html_lang(body) == "vi" and response.headers["Content-Language"] == "vi"
    assert "<title>404 Không tìm thấy · kg</title>" in body and "<h1>404 Không tìm thấy</h1>" in body
    assert "Không có trang hay tài nguyên nào ở địa chỉ này." in page.text
    assert f'<span lang="en">{SAID}</span>' in body  # the English message, marked as English
    assert ("?lang=en", "English") in page.links  # the same path, in English


def test_a_404_page_is_in_english_for_a_client_asking_for_english(sample_client):
    response = get(sample_client, MISSING, **{"Accept-Language": "en-GB,en;q=0.9"})
    body = response.get_data(as_text=True)
    page = Page(body)
    assert response.status_code == 404 and html_lang(body) == "en" and response.headers["Content-Language"] == "en"
    assert "<h1>404 Not found</h1>" in body and "There is no page or resource at this address." in page.text
    assert SAID in page.text and "Không" not in page.text.replace("Tiếng Việt", "")
    assert ("?lang=vi", "Tiếng Việt") in page.links


def test_the_lang_parameter_beats_accept_language_and_the_switch_keeps_the_other_parameters(sample_client):
    response = get(sample_client, "/search?q=x&limit=0&lang=en", **{"Accept-Language": "vi"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and html_lang(body) == "en" and "<h1>400 Bad request</h1>" in body
    assert ("?q=x&limit=0&lang=vi", "Tiếng Việt") in Page(body).links


def test_a_400_page_translates_its_title_and_explanation_and_keeps_the_message(sample_client):
    response = get(sample_client, "/search?q=x&limit=0")
    body = response.get_data(as_text=True)
    text = Page(body).text
    assert response.status_code == 400 and html_lang(body) == "vi" and "<h1>400 Yêu cầu không hợp lệ</h1>" in body
    assert "một tham số bị thiếu hoặc bị sai" in text
    assert "Chi tiết (tiếng Anh): limit must be a whole number from 1 to" in text


def test_a_werkzeug_error_shows_our_explanation_instead_of_its_english_description(sample_client):
    response = get(sample_client, "/no/such/route/", **{"Accept-Language": "vi"})
    text = Page(response.get_data(as_text=True)).text
    assert response.status_code == 404 and "Không tìm thấy" in text
    assert "The requested URL was not found" not in text


def test_a_405_page_is_translated_and_keeps_the_allow_header(sample_client):
    response = sample_client.delete("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert "<h1>405 Phương thức không được phép</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("accept", ["application/json", "text/plain"])
def test_machine_error_bodies_do_not_change_with_the_language(sample_client, accept):
    vi = sample_client.get(MISSING, headers={"Accept": accept, "Accept-Language": "vi"})
    en = sample_client.get(MISSING + "?lang=en", headers={"Accept": accept, "Accept-Language": "en"})
    assert vi.status_code == en.status_code == 404 and vi.mimetype == en.mimetype == accept
    assert vi.get_data() == en.get_data() and SAID in vi.get_data(as_text=True)
    assert "Not found" in vi.get_data(as_text=True) and "Content-Language" not in vi.headers


def test_an_error_varies_on_accept_and_accept_language(sample_client):
    vary = [name.strip() for name in get(sample_client, MISSING).headers["Vary"].split(",")]
    assert "Accept" in vary and "Accept-Language" in vary


def test_the_language_switch_of_an_error_page_never_links_to_another_host(sample_client):
    response = sample_client.get("/x", headers={"Accept": BROWSER}, environ_overrides={"PATH_INFO": "//evil.example/x"})
    assert response.status_code == 404
    assert not any("evil.example" in href for href, _ in Page(response.get_data(as_text=True)).links)
