"""/downloads gives each file's rights as void.ttl states them: a source text is its publisher's, every other file CC BY 4.0.

The article a report is drawn from carries no licence and kg can grant none (issue 13 §3.4), so the
row of sources/<report>.txt shows the publisher's rights, quoted for reference, with a link to the
document's rights statement, and no CC BY; the dumps, which carry the source texts too, are CC BY 4.0
with the source texts excluded.
"""

from __future__ import annotations

import re

import pytest

from kg.publication.layout import read_manifest
from tests.web.html_text import Page

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_RIGHTS = {
    "vi": "Quyền của đơn vị đăng bài, trích để tham khảo; không theo CC BY 4.0",
    "en": "The publisher's, quoted for reference; not under CC BY 4.0",
}
EXCLUDED = {"vi": "trừ các văn bản nguồn", "en": "the source texts excluded"}


@pytest.fixture(scope="module")
def manifest(version_dir):
    return read_manifest(version_dir)


@pytest.fixture(scope="module")
def sources(manifest) -> list[str]:
    found = [f.path for f in manifest.files if f.role == "source"]
    assert found, "the publication holds no source text"
    return found


def rows(page, lang: str) -> dict[str, Page]:
    """file name -> its row of the downloads table, as a browser asks for it in `lang`."""
    response = page("/downloads", lang=lang)
    assert response.status_code == 200 and response.mimetype == "text/html"
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for html in re.findall(r"<tr>.*?</tr>", body, re.DOTALL):
        row = Page(html)
        found[row.links[0][1]] = row
    return found


def document_of(source: str) -> str:
    return "/id/document/" + source.removeprefix("sources/").removesuffix(".txt")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_row_of_a_source_text_shows_its_publisher_s_rights_and_links_its_rights_statement(page, sources, lang):
    table = rows(page, lang)
    for source in sources:
        assert (f"{document_of(source)}#rights", SOURCE_RIGHTS[lang]) in table[source].links


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_row_of_a_source_text_claims_no_cc_by_licence(page, sources, lang):
    table = rows(page, lang)
    for source in sources:
        assert [href for href, _text in table[source].links if "creativecommons.org" in href] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_other_file_is_shown_under_cc_by_4_0(page, manifest, lang):
    table = rows(page, lang)
    others = [f.path for f in manifest.files if f.role != "source"]
    assert "void.ttl" in others and "kg.nq.gz" in others
    assert {name: (CC_BY, "CC BY 4.0") in table[name].links for name in others} == {name: True for name in others}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_dump_says_the_source_texts_are_excluded_and_links_the_dataset_rights_statement(page, manifest, lang):
    table = rows(page, lang)
    dumps = [f.path for f in manifest.files if f.role == "dump"]
    assert "kg.nq" in dumps and "kg.ttl.gz" in dumps
    for name in dumps:
        assert ("/id/dataset/ict-reports#rights", EXCLUDED[lang]) in table[name].links, name


def test_only_the_dumps_say_the_source_texts_are_excluded(page, manifest):
    table = rows(page, "en")
    saying = sorted(name for name, row in table.items() if EXCLUDED["en"] in row.text)
    assert saying == sorted(f.path for f in manifest.files if f.role == "dump")


def test_the_source_text_s_rights_link_leads_to_the_statement_on_the_document_page(page, sources):
    for source in sources:
        response = page(document_of(source), lang="en")
        assert response.status_code == 200
        document = Page(response.get_data(as_text=True))
        assert "rights" in document.ids
        assert "quoted for reference, not under CC BY 4.0" in document.text


def test_the_dataset_rights_link_leads_to_the_dataset_statement(page):
    response = page("/id/dataset/ict-reports", lang="en")
    assert response.status_code == 200
    dataset = Page(response.get_data(as_text=True))
    assert "rights" in dataset.ids
    assert "the source texts excluded" in dataset.text
