"""The resource page: labels, languages, the figure sentence, evidence, quality notes, charts, paging."""

from __future__ import annotations

import re

import pytest

from tests.web.html_text import Page

PLACE = "/id/place/binh-phuoc"
TOTAL = "/id/observation/binh-phuoc-2012-ict/computers-total"
INDICATOR = "/def/indicator/computers"


def read(response) -> Page:
    assert response.status_code == 200, response.data[:500]
    return Page(response.get_data(as_text=True))


def test_the_page_is_titled_with_the_label_in_vietnamese_by_default(page):
    html = page(PLACE).get_data(as_text=True)
    assert re.search(r"<h1>tỉnh Bình Phước", html)
    assert '<html lang="vi">' in html


def test_the_page_shows_the_english_label_beside_the_vietnamese(page):
    assert '<span class="other-lang" lang="en">Bình Phước Province</span>' in page(PLACE).get_data(as_text=True)


def test_lang_parameter_switches_the_page_to_english(page):
    html = page(PLACE, lang="en").get_data(as_text=True)
    assert re.search(r"<h1>Bình Phước Province", html) and '<html lang="en">' in html
    assert "What points here" in html


def test_accept_language_chooses_the_language_without_a_parameter(page):
    response = page(PLACE, **{"Accept-Language": "en-GB,en;q=0.9"})
    assert response.headers["Content-Language"] == "en"


def test_the_language_switch_links_to_the_other_language(page):
    links = read(page(PLACE)).links
    assert (f"{PLACE}?lang=en", "English") in links


def test_properties_and_links_are_shown_by_label_not_raw_iri(page):
    links = read(page(PLACE, lang="en")).links
    assert links and not [text for _, text in links if text.startswith(("http://", "https://"))]
    texts = {text for _, text in links}
    assert {"label", "close match", "contained in"} <= texts  # rdfs:label, skos:closeMatch..., named by labels.ttl


def test_types_are_shown_by_label_and_linked(page):
    html = page(PLACE, lang="en").get_data(as_text=True)
    types = html[html.index('class="types"') :].split("</p>", 1)[0]
    assert 'href="https://schema.org/AdministrativeArea"' in types and "schema:AdministrativeArea" not in types


def test_minted_links_are_local_paths(page, base):
    links = read(page(PLACE)).links
    assert not [href for href, _ in links if href.startswith(base)]
    assert any(href.startswith("/id/") for href, _ in links)


def test_external_iris_are_external_links_with_a_short_form(page):
    links = read(page(PLACE)).links
    wikidata = [text for href, text in links if href == "http://www.wikidata.org/entity/Q36672"]
    assert wikidata and wikidata[0] == "www.wikidata.org/entity/Q36672"


def test_literals_carry_their_language_tag_discreetly(page):
    assert '<small class="lang">@en</small>' in page(PLACE).get_data(as_text=True)


def test_the_observation_reads_as_a_sentence_in_vietnamese(page):
    sentence = page(TOTAL).get_data(as_text=True).split('<p class="sentence">', 1)[1].split("</p>", 1)[0]
    assert "3.339" in sentence and "tỉnh Bình Phước" in sentence and "tháng 12/2012" in sentence
    assert "máy tính" in sentence and "mọi cấp" in sentence


def test_the_observation_reads_as_a_sentence_in_english(page):
    sentence = page(TOTAL, lang="en").get_data(as_text=True).split('<p class="sentence">', 1)[1].split("</p>", 1)[0]
    assert "3,339" in sentence and "Bình Phước Province" in sentence and "December 2012" in sentence
    assert "all levels" in sentence


def test_the_evidence_highlights_the_quote_in_its_sentence(page):
    html = page(TOTAL).get_data(as_text=True)
    evidence = html.split('<section class="evidence"', 1)[1].split("</section>", 1)[0]
    quote = evidence.split("<mark>", 1)[1].split("</mark>", 1)[0]
    assert quote.startswith("3.339 máy tính")
    assert "đã có <mark>3.339" in evidence and "cấp huyện 909 máy tính." in evidence  # the sentence around it


def test_the_evidence_links_to_the_span_in_the_source_document(page):
    links = read(page(TOTAL)).links
    assert any(href == "/id/document/binh-phuoc-2012-ict#ann-computers-total-1" for href, _ in links)


def test_the_computers_total_carries_a_quality_warning(page):
    html = page(TOTAL, lang="en").get_data(as_text=True)
    warning = html.split('class="quality-warning"', 1)[1].split("</div>", 1)[0]
    assert "2,429 + 909 = 3,338" in warning and "3,339" in warning


def test_the_parts_of_a_sum_that_does_not_add_up_are_flagged_too(page):
    assert "quality-warning" in page("/id/observation/binh-phuoc-2012-ict/computers-province").get_data(as_text=True)


def test_a_resource_without_quality_notes_shows_no_warning(page):
    assert "quality-warning" not in page(PLACE).get_data(as_text=True)


def test_the_indicator_page_draws_its_figures_as_an_svg_chart(page):
    html = page(INDICATOR, lang="en").get_data(as_text=True)
    svg = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('class="chart-bar"') >= 3
    assert "3,339" in svg and "2,429" in svg and "909" in svg
    assert f'href="{TOTAL}"' in svg


def test_the_figures_dataset_page_has_a_chart(page):
    assert '<svg class="chart"' in page("/id/figures/binh-phuoc-2012-ict").get_data(as_text=True)


def test_the_pages_need_no_script(page):
    for path in (PLACE, TOTAL, INDICATOR):
        assert "<script" not in page(path).get_data(as_text=True)


def test_inverse_links_are_listed(page):
    html = page(PLACE, lang="en").get_data(as_text=True)
    assert 'id="h-inverse"' in html


def test_inverse_links_are_paged_when_many(app):
    app.config["KG"] = app.config["KG"].with_values({"page_size": 2})
    client = app.test_client()
    first = client.get("/id/document/binh-phuoc-2012-ict", headers={"Accept": "text/html"}).get_data(as_text=True)
    second = client.get("/id/document/binh-phuoc-2012-ict?page=2", headers={"Accept": "text/html"}).get_data(as_text=True)
    inverse = [h.split('id="h-inverse"', 1)[1] for h in (first, second)]
    assert 'rel="next"' in inverse[0] and 'rel="prev"' in inverse[1]
    assert inverse[0].split("<tbody>")[1].count("<tr>") == 2


def test_fragment_iris_have_their_own_section_with_an_anchor(page):
    annotation = "/id/annotation/binh-phuoc-2012-ict/computers-total-1"
    ids = read(page(annotation)).ids
    assert {"target", "quote", "position"} <= ids


@pytest.mark.parametrize("lang, heading", [("vi", "Các lớp và thuộc tính"), ("en", "Classes and properties")])
def test_the_ontology_page_lists_its_classes_and_properties(page, lang, heading):
    html = page("/def/kg", lang=lang).get_data(as_text=True)
    assert heading in html and 'href="/def/kg/Difficulty"' in html and 'href="/def/kg/indicator"' in html


def test_a_code_list_page_lists_its_concepts(page):
    html = page("/def/indicator", lang="en").get_data(as_text=True)
    assert "Concepts" in html and 'href="/def/indicator/computers"' in html


def test_ui_strings_follow_the_language(page):
    assert "Thuộc tính" in page(PLACE).get_data(as_text=True)
    assert "Properties" in page(PLACE, lang="en").get_data(as_text=True)
