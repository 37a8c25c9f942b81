"""The source document's page: the stored text with every annotated span highlighted and linked."""

from __future__ import annotations

import pytest

from tests.web.html_text import Page

DOCUMENT = "/id/document/binh-phuoc-2012-ict"


@pytest.fixture
def html(page) -> str:
    response = page(DOCUMENT, lang="en")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def source_text(html: str) -> str:
    """The inner HTML of the source text block."""
    return html.split('<div class="source-text"', 1)[1].split(">", 1)[1].split("</div>", 1)[0]


def test_the_document_page_shows_the_stored_text(html, version_dir):
    stored = (version_dir / "sources" / "binh-phuoc-2012-ict.txt").read_text(encoding="utf-8")
    assert Page(source_text(html)).text == " ".join(stored.split())


def test_each_annotated_span_is_highlighted_with_an_anchor(html):
    text = source_text(html)
    assert '<mark id="ann-computers-total-1"' in text
    mark = text.split('<mark id="ann-computers-total-1"', 1)[1].split("</mark>", 1)[0]
    assert "3.339 máy tính" in mark


def test_a_span_links_to_the_fact_drawn_from_it(html):
    mark = source_text(html).split('<mark id="ann-computers-total-1"', 1)[1].split("</mark>", 1)[0]
    assert 'href="/id/observation/binh-phuoc-2012-ict/computers-total"' in mark


def test_every_annotation_of_the_document_has_an_anchor(html, client, base):
    import pyoxigraph as ox

    triples = {q.triple for q in ox.parse(client.get(DOCUMENT + ".nt").data, format=ox.RdfFormat.N_TRIPLES)}
    targets = {t.subject.value for t in triples if t.predicate.value == "http://www.w3.org/ns/oa#hasSource"}
    annotations = {t.split("#")[0].rsplit("/", 1)[1] for t in targets}
    ids = Page(html).ids
    assert annotations and {f"ann-{a}" for a in annotations} <= ids


def test_overlapping_spans_are_both_highlighted(html):
    text = source_text(html)  # "Thứ trưởng Bộ Thông tin và Truyền thông" holds "Bộ Thông tin và Truyền thông"
    assert 'id="ann-mic-deputy-minister-1"' in text and 'id="ann-mic-1"' in text
    inner = text.split('id="ann-mic-1"', 1)[1].split("</mark>", 1)[0]
    # the deputy minister's and the ministry's spans, and a curator's reading that quotes the ministry's name
    assert ("depth-2" in inner or "depth-3" in inner) and "Bộ Thông tin và Truyền thông" in inner


def test_the_facts_drawn_from_the_text_are_listed_with_links_to_their_spans(html):
    facts = html.split('<ol class="facts">', 1)[1].split("</ol>", 1)[0]
    assert 'href="#ann-computers-total-1"' in facts
    assert 'href="/id/observation/binh-phuoc-2012-ict/computers-total"' in facts
