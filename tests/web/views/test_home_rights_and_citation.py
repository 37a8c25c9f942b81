"""The home page and the JSON downloads listing give the rights (the data's licence, the sources' rights), the
publisher and the citation, as the published description (void.ttl, from dataset.yaml) states them."""

from __future__ import annotations

import pytest

from kg.publication.layout import read_manifest
from tests.web.html_text import Page

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SOURCES = {
    "vi": "Văn bản nguồn thuộc quyền của đơn vị đăng bài, được trích để tham khảo; không theo CC BY 4.0.",
    "en": "The source texts are their publishers', quoted for reference; not under CC BY 4.0.",
}


def rights_section(page, lang: str) -> Page:
    html = page("/", lang=lang).get_data(as_text=True)
    return Page(html.split('<section aria-labelledby="h-rights"', 1)[1].split("</section>", 1)[0])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_home_page_links_the_data_s_licence_and_says_the_sources_rights(page, lang):
    section = rights_section(page, lang)
    assert (CC_BY, "CC BY 4.0") in section.links
    assert SOURCES[lang] in section.text


def test_the_home_page_names_the_publishing_organisation_and_its_contact(page):
    section = rights_section(page, "en")
    assert "kg project (open-data team)" in section.text
    assert ("mailto:kg-maintainers@example.org", "kg-maintainers@example.org") in section.links


def test_the_home_page_gives_the_citation_of_this_version_and_leaves_bibtex_to_the_cite_block(page, version_dir):
    version = read_manifest(version_dir).version
    section = rights_section(page, "en")
    assert f"Provincial reports on IT application: linked data [Data set], version {version}." in section.text
    assert "@misc{" not in section.text


def test_the_json_downloads_listing_gives_the_dataset_s_licence_and_rights(client):
    listing = client.get("/downloads", headers={"Accept": "application/json"}).get_json()
    assert listing["licence"] == CC_BY
    assert listing["rights"]["statement"] == listing["dataset"] + "#rights"
    assert listing["rights"]["sources"] == SOURCES["vi"]  # no Accept-Language: Vietnamese


def test_the_json_downloads_listing_gives_each_file_its_licence_and_rights_statement(client):
    files = {f["name"]: f for f in client.get("/downloads", headers={"Accept": "application/json"}).get_json()["files"]}
    source = next(name for name in files if name.startswith("sources/"))
    assert files[source]["licence"] is None and files[source]["rights"].endswith("#rights")
    assert files["kg.nq"]["licence"] == CC_BY and files["kg.nq"]["rights"].endswith("/id/dataset/ict-reports#rights")
    assert files["ontology.ttl"]["licence"] == CC_BY and files["ontology.ttl"]["rights"] is None
