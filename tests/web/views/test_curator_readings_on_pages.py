"""The curator's readings on the pages: each value that is a reading is marked, in the page's language,
and links to its statement, whose own page says what it reads and why (issue 13 §3.1)."""

from __future__ import annotations

import html as html_lib
import re

import pyoxigraph as ox

from kg.stores.lookups import for_store
from kg.web.present.readings import readings_about
from tests.web.html_text import Page

DIC = "/id/organisation/binh-phuoc-dic"
COMMITTEE = "/id/organisation/binh-phuoc-peoples-committee"
GUIDANCE = "/id/recommendation/binh-phuoc-2012-ict/it-application-guidance"
NETWORK = "/id/system/binh-phuoc-2012-ict/specialised-data-network"
PART_OF = "/id/reading/binh-phuoc-2012-ict/binh-phuoc-dic-part-of-1"
LINKED_TO = "/id/reading/binh-phuoc-2012-ict/binh-phuoc-dic-linked-to-1"
ORG = "http://www.w3.org/ns/org#"
SUB_ORGANIZATION_OF, LINKED, LABEL = ORG + "subOrganizationOf", ORG + "linkedTo", "http://www.w3.org/2000/01/rdf-schema#label"
JURISDICTION = "http://data.europa.eu/m8g/spatial"
RESPONDS_TO = "/def/kg/respondsTo"
MARK = {"vi": "Cách hiểu của người biên tập", "en": "Curator's reading"}


def html_of(response) -> str:
    assert response.status_code == 200, response.data[:500]
    return html_lib.unescape(response.get_data(as_text=True))


def row(html: str, predicate: str) -> str:
    """The <tr> of a property table whose predicate links to `predicate`."""
    found = re.search(r'<tr><th scope="row"><a [^>]*href="' + re.escape(predicate) + r'".*?</tr>', html, re.S)
    assert found, predicate
    return found.group(0)


def marks(fragment: str) -> list[tuple[str, str]]:
    """(href, text) of the reading marks in a piece of a page."""
    return re.findall(r'<a class="reading" href="([^"]+)"[^>]*>([^<]+)</a>', fragment)


def test_a_part_of_that_is_a_reading_is_marked_in_vietnamese_and_links_to_its_statement(page):
    assert marks(row(html_of(page(DIC)), SUB_ORGANIZATION_OF)) == [(PART_OF, MARK["vi"])]


def test_the_mark_is_in_english_on_the_english_page(page):
    assert marks(row(html_of(page(DIC, lang="en")), SUB_ORGANIZATION_OF)) == [(PART_OF, MARK["en"])]


def test_accept_language_chooses_the_language_of_the_mark(page):
    html = html_of(page(DIC, **{"Accept-Language": "en-GB,en;q=0.9"}))
    assert marks(row(html, LINKED)) == [(LINKED_TO, MARK["en"])]


def test_a_linked_to_that_is_a_reading_is_marked(page):
    assert marks(row(html_of(page(DIC)), LINKED)) == [(LINKED_TO, MARK["vi"])]


def test_the_mark_carries_the_reason_in_the_page_language(page):
    vi = row(html_of(page(DIC)), SUB_ORGANIZATION_OF)
    en = row(html_of(page(DIC, lang="en")), SUB_ORGANIZATION_OF)
    assert 'title="Lý do: Bài viết không nói Sở Thông tin và Truyền thông trực thuộc' in vi
    assert 'title="Reason: The article does not say that the Department' in en


def test_values_the_report_states_are_not_marked(page):
    html = html_of(page(DIC))
    assert marks(row(html, LABEL)) == [] and marks(row(html, JURISDICTION)) == []


def test_each_responds_to_of_a_recommendation_is_marked_with_its_own_statement(page):
    found = marks(row(html_of(page(GUIDANCE, lang="en")), RESPONDS_TO))
    assert [href for href, _ in found] == [f"/id/reading/binh-phuoc-2012-ict/it-application-guidance-responds-to-{n}" for n in (1, 2)]


def test_a_literal_value_that_is_a_reading_is_marked(page):
    found = marks(row(html_of(page(NETWORK)), "http://www.w3.org/2004/02/skos/core#altLabel"))
    assert len(found) == 2


def test_a_link_pointing_here_that_is_a_reading_is_marked(page):
    inverse = html_of(page(COMMITTEE, lang="en")).split('class="inverse"', 1)[1]
    dic_rows = [r for r in inverse.split("<tr>") if f'href="{DIC}"' in r]
    assert dic_rows and marks(dic_rows[0]) == [(PART_OF, MARK["en"])]


def test_the_statement_page_says_what_it_reads_and_why(page):
    html = html_of(page(LINKED_TO, lang="en"))
    section = html.split('<section class="reading-statement"', 1)[1].split("</section>", 1)[0]
    assert "Curator's reading" in section
    assert f'href="{DIC}"' in section and f'href="{LINKED}"' in section and 'href="/id/organisation/mic"' in section
    assert "does not say how they stand to each other" in section


def test_the_statement_page_shows_the_quotes_the_reading_reads_from(page):
    text = Page(html_of(page(LINKED_TO))).text
    assert "Sở Thông tin và Truyền thông Bình Phước" in text and "Bộ Thông tin và Truyền thông" in text


def test_a_page_without_readings_has_no_mark_and_no_reading_section(page):
    html = html_of(page("/id/place/binh-phuoc"))
    assert marks(html) == [] and "reading-statement" not in html


def test_the_readings_about_an_iri_are_found_without_a_server(version_dir, base):
    data = for_store(version_dir / "store", base)
    found = readings_about(data, base + DIC[1:], "en", lambda iri: "/" + iri[len(base) :])
    triple = ox.Triple(ox.NamedNode(base + DIC[1:]), ox.NamedNode(LINKED), ox.NamedNode(base + "id/organisation/mic"))
    (reading,) = found[triple]
    assert reading.href == LINKED_TO and reading.lang == "en" and reading.reason.startswith("The article names")
