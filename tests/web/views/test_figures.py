"""/figures over the real build: the browser page in both languages, its JSON and CSV forms, and its 400s."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import urllib.parse

import pytest

from kg.publication.figures_table import parse_figures_csv, read_figures_csv, write_figures_csv
from kg.publication.layout import read_manifest
from kg.web.views.figures import SHOWN
from tests.web.html_text import Page

TWO_FACETS = "/figures?indicator=computers&period=2012-12"


@pytest.fixture(scope="module")
def rows(version_dir):
    return read_figures_csv(version_dir / "figures.csv")


def computers_2012(rows):
    return [r for r in rows if r.indicator == "computers" and r.period == "2012-12"]


def test_the_page_lists_every_figure_with_facets_in_vietnamese(page, rows):
    response = page("/figures")
    assert response.status_code == 200 and response.headers["Content-Language"] == "vi"
    html = response.get_data(as_text=True)
    assert "<h1>Số liệu</h1>" in html and f"{len(rows)} số liệu" in html
    for name in ("Chỉ tiêu", "Địa bàn", "Kỳ", "Cấp", "Báo cáo"):
        assert f"<h2>{name}</h2>" in html
    assert html.count('<td class="value">') == min(len(rows), 50)


def test_the_page_speaks_english_by_lang_or_accept_language(page):
    for response in (page("/figures", lang="en"), page("/figures", **{"Accept-Language": "en-GB"})):
        text = Page(response.get_data(as_text=True)).text
        assert response.headers["Content-Language"] == "en"
        assert "Indicator" in text and "Computers used for work" in text


def test_two_facets_give_their_rows_and_a_bar_chart(page, rows):
    html = page(TWO_FACETS).get_data(as_text=True)
    expected = computers_2012(rows)
    assert html.count('<td class="value">') == len(expected)
    assert 'data-kind="bars"' in html and "<svg" in html
    assert all(r.observation.split("/")[-1] in html for r in expected)
    assert 'aria-current="true" class="selected">Số máy tính phục vụ công tác</a>' in html


def test_a_row_has_its_value_and_unit_the_quote_marked_the_warning_and_its_links(page, client, rows):
    flagged = next(r for r in rows if r.quality_flag)
    html = page(f"/figures?indicator={flagged.indicator}&level={flagged.level}&area={flagged.area}", lang="en").get_data(as_text=True)
    assert f"<mark>{flagged.quote}</mark>" in html
    assert "Data-quality warning" in html and flagged.quality_note_en.split(":")[0] in html
    links = dict((text, href) for href, text in Page(html).links)
    assert client.get(links["figure"], headers={"Accept": "text/html"}).status_code == 200
    assert client.get(links["source document"], headers={"Accept": "text/html"}).status_code == 200
    assert f"{flagged.value:,f}".rstrip("0").rstrip(".") in html


def test_facet_links_are_plain_urls_that_select_and_remove(page):
    links = [href for href, _ in Page(page("/figures?indicator=computers").get_data(as_text=True)).links]
    assert "/figures?indicator=computers&period=2012-12" in [urllib.parse.unquote(h) for h in links]
    assert "/figures" in links  # the selected indicator links to the view without it


def test_no_chart_without_an_indicator_and_the_page_says_why(page):
    html = page("/figures", lang="en").get_data(as_text=True)
    assert "<svg" not in html and "choose one indicator" in html


def test_the_json_form_is_the_same_view_by_accept_or_suffix(client, rows):
    by_accept = client.get(TWO_FACETS, headers={"Accept": "application/json"})
    by_suffix = client.get(TWO_FACETS.replace("/figures", "/figures.json"))
    assert by_accept.status_code == by_suffix.status_code == 200
    body = by_suffix.get_json()
    assert by_accept.get_json() == body
    assert body["total"] == len(computers_2012(rows)) and body["chart"]["kind"] == "bars"
    assert {r["observation"] for r in body["rows"]} == {r.observation for r in computers_2012(rows)}
    assert all(isinstance(r["value"], int | float) for r in body["rows"])
    assert body["selection"] == {"indicator": "computers", "period": "2012-12"}


def test_the_csv_without_parameters_is_the_published_file_with_its_etag(client, version_dir):
    response = client.get("/figures.csv")
    published = (version_dir / "figures.csv").read_bytes()
    assert response.status_code == 200 and response.data == published
    entry = read_manifest(version_dir).file("figures.csv")
    assert response.get_etag()[0] == entry.sha256 == hashlib.sha256(published).hexdigest()
    assert client.get("/figures.csv", headers={"If-None-Match": f'"{entry.sha256}"'}).status_code == 304


def test_the_csv_with_parameters_is_every_row_of_the_view(client, rows):
    response = client.get(TWO_FACETS.replace("/figures", "/figures.csv") + "&sort=value&size=1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    got = parse_figures_csv(response.data)
    assert sorted(r.observation for r in got) == sorted(r.observation for r in computers_2012(rows))
    assert [r.value for r in got] == sorted((r.value for r in got), reverse=True)


def test_the_csvw_metadata_is_the_published_file(client, version_dir):
    response = client.get("/figures.csv-metadata.json")
    assert response.status_code == 200 and response.data == (version_dir / "figures.csv-metadata.json").read_bytes()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/figures.json?colour=red", "unknown parameter 'colour'"),
        ("/figures.json?area=atlantis", "there is no area 'atlantis'"),
        ("/figures.csv?indicator=cars", "there is no indicator 'cars'"),
        ("/figures.json?size=100000", "size must be a whole number from 1 to 500"),
        ("/figures.json?sort=colour", "sort must be value or area"),
        ("/figures?format=xml", "format must be html or json"),
    ],
)
def test_bad_parameters_are_400s_that_say_which(client, path, message):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert message in response.get_json()["message"]


def test_a_bad_parameter_on_the_page_is_an_html_400_in_the_pages_language(page):
    response = page("/figures?level=planet", lang="en")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "there is no level &#39;planet&#39;" in response.get_data(as_text=True)


def test_every_page_links_to_the_figures(page):
    assert ("/figures", "Số liệu") in Page(page("/").get_data(as_text=True)).links


def test_a_switch_to_another_version_is_picked_up_on_the_next_request(version_dir, tmp_path, make_app):
    """The index is kept per version: after `current` moves to a version with fewer figures, /figures says so."""
    output = tmp_path / "out"
    (output / "versions").mkdir(parents=True)
    first, second = output / "versions" / "first", output / "versions" / "second"
    shutil.copytree(version_dir, first)
    shutil.copytree(version_dir, second)
    table = second / "figures.csv"
    table.write_bytes(write_figures_csv(read_figures_csv(table)[:3]))
    (output / "current").symlink_to("versions/first")
    client = make_app(output).test_client()
    assert client.get("/figures.json").get_json()["total"] == len(read_figures_csv(first / "figures.csv"))
    (output / "current").unlink()
    (output / "current").symlink_to("versions/second")
    assert client.get("/figures.json").get_json()["total"] == 3


def test_a_facet_of_many_values_folds_the_rest_into_a_details_element(version_dir, tmp_path, make_app):
    output = tmp_path / "out"
    shutil.copytree(version_dir, output / "versions" / "many")
    (output / "current").symlink_to("versions/many")
    table = output / "versions" / "many" / "figures.csv"
    one = read_figures_csv(table)[0]
    rows = [
        dataclasses.replace(one, observation=f"{one.observation}-{n}", area=f"{one.area}-{n}", area_label_vi=f"Nơi {n:02}") for n in range(SHOWN + 5)
    ]
    table.write_bytes(write_figures_csv(rows))
    html = make_app(output).test_client().get("/figures", headers={"Accept": "text/html"}).get_data(as_text=True)
    areas = html[html.index('data-facet="area"') : html.index('data-facet="period"')]
    listed, folded = areas.split("<details>")
    assert listed.count("<li>") == SHOWN and folded.count("<li>") == 5 and "(5)" in folded
