"""The home page, and the shapes and validation report pages (and their RDF)."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from tests.web.conftest import BROWSER
from tests.web.html_text import Page


def test_the_home_page_says_what_the_dataset_is_in_both_languages(page):
    html = page("/").get_data(as_text=True)
    assert "<h1>Báo cáo ứng dụng công nghệ thông tin của các tỉnh" in html
    assert 'lang="en">Provincial reports on IT application' in html


def test_the_home_page_switches_to_english(page):
    html = page("/", lang="en").get_data(as_text=True)
    assert "<h1>Provincial reports on IT application" in html and "What the data holds" in html


def test_the_home_page_counts_resources_by_class_with_labels(page):
    rows = page("/", lang="en").get_data(as_text=True).split('<table class="counts">', 1)[1].split("</table>", 1)[0]
    links = Page(rows).links
    observation = [text for href, text in links if "cube%23Observation" in href]
    assert observation == ["observation"]


def test_a_class_count_links_to_the_list_of_its_instances(client, page):
    links = Page(page("/", lang="en").get_data(as_text=True)).links
    href = next(h for h, _ in links if "cube%23Observation" in h)
    listed = client.get(href, headers={"Accept": "application/json"}).get_json()
    paths = {r["path"] for r in listed["results"]}
    assert "/id/observation/binh-phuoc-2012-ict/computers-total" in paths


def test_the_home_page_offers_each_competency_question_as_a_one_click_query(page, version_dir):
    questions = json.loads((version_dir / "queries.json").read_text(encoding="utf-8"))
    links = Page(page("/", lang="en").get_data(as_text=True)).links
    queries = {text: parse_qs(urlsplit(href).query)["query"][0] for href, text in links if href.startswith("/sparql?")}
    assert queries == {q["title"]["en"]: q["query"] for q in questions}


def test_the_questions_are_titled_in_the_page_language(page, version_dir):
    question = json.loads((version_dir / "queries.json").read_text(encoding="utf-8"))[0]
    assert question["title"]["vi"] in Page(page("/").get_data(as_text=True)).text


def test_the_home_page_links_to_every_way_in(page):
    hrefs = {h for h, _ in Page(page("/").get_data(as_text=True)).links}
    assert {"/sparql", "/downloads", "/def/kg", "/shapes", "/validation", "/.well-known/void"} <= hrefs


def test_the_shapes_page_shows_each_shape_with_target_properties_and_messages(page):
    html = page("/shapes", lang="en").get_data(as_text=True)
    assert "SHACL shapes" in html and "sh:targetClass" in html and "sh:minCount" in html
    assert 'href="https://schema.org/NewsArticle"' in html
    assert "<td><div>" in html  # the message column of the property shapes


def test_the_shapes_as_turtle_for_programs(client, version_dir):
    response = client.get("/shapes", headers={"Accept": "*/*"})
    assert response.mimetype == "text/turtle"
    assert response.data == (version_dir / "shapes.ttl").read_bytes()


def test_the_shapes_in_another_rdf_format_by_accept(client):
    response = client.get("/shapes", headers={"Accept": "application/n-triples"})
    assert response.mimetype == "application/n-triples"
    assert list(ox.parse(response.data, format=ox.RdfFormat.N_TRIPLES))


def test_the_validation_page_says_whether_the_data_conforms(page):
    assert "The data conforms to every shape." in page("/validation", lang="en").get_data(as_text=True)
    assert "Dữ liệu thỏa mãn mọi ràng buộc." in page("/validation").get_data(as_text=True)


def test_the_validation_report_as_turtle_for_programs(client, version_dir):
    response = client.get("/validation", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    assert response.data == (version_dir / "validation-report.ttl").read_bytes()


def test_the_shapes_and_report_pages_vary_on_accept(client):
    for path in ("/shapes", "/validation"):
        assert "Accept" in client.get(path, headers={"Accept": BROWSER}).headers["Vary"]


def test_a_class_list_shows_all_its_instances(client, page):
    html = page("/").get_data(as_text=True)
    row = re.search(r'href="([^"]*core%23Concept&amp;[^"]*)">[^<]*</a>.*?<td class="num">(\d+)<', html)
    href, count = unescape(row.group(1)), int(row.group(2))
    assert count > 20  # more than a search shows by default
    assert len(client.get(href, headers={"Accept": "application/json"}).get_json()["results"]) == count
