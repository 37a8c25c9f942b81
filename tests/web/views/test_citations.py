"""Citations by content negotiation on the real publication: the dataset IRI and every minted IRI, as DOI resolvers answer."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path

import bibtexparser
import citeproc
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from kg.publication.dataset import load_dataset
from kg.publication.layout import read_manifest
from tests.web.conftest import BROWSER

OBSERVATION = "/id/observation/binh-phuoc-2012-ict/computers-total"
PLACE = "/id/place/binh-phuoc"
BIBTEX, CSL, RIS, REFERENCE = (
    "application/x-bibtex",
    "application/vnd.citationstyles.csl+json",
    "application/x-research-info-systems",
    "text/x-bibliography",
)
CSL_SCHEMA = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
#: The article the Bình Phước report comes from, as the project's facts state it.
ARTICLE_TITLE, ARTICLE_DATE = "Ứng dụng CNTT tại Bình Phước được đánh giá cao", "2013-01-22"


@pytest.fixture(scope="module")
def manifest(version_dir):
    return read_manifest(version_dir)


@pytest.fixture(scope="module")
def described():
    return load_dataset(Path(__file__).parents[3] / "data")


def dataset_path(manifest) -> str:
    return "/" + manifest.dataset.removeprefix(manifest.base)


def cite(client, path, accept, lang="en"):
    response = client.get(path, headers={"Accept": accept, "Accept-Language": lang})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def bibtex_entry(text):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and len(library.entries) == 1
    return library.entries[0]


def csl_names(file: str) -> set[str]:
    """The quoted names of one of CSL's RELAX NG schema files (its variables, its item types)."""
    return set(re.findall(r'"([A-Za-z][A-Za-z-]*)"', (CSL_SCHEMA / file).read_text(encoding="utf-8")))


@pytest.mark.parametrize("accept", [BIBTEX, CSL, RIS, REFERENCE])
@pytest.mark.parametrize("which", ["dataset", "observation", "place"])
def test_every_citation_type_answers_with_its_content_type_and_vary(client, manifest, accept, which):
    path = {"dataset": dataset_path(manifest), "observation": OBSERVATION, "place": PLACE}[which]
    response = cite(client, path, accept)
    assert response.mimetype == accept
    assert "Accept" in response.headers["Vary"] and "Accept-Language" in response.headers["Vary"]
    if accept != CSL:
        assert response.mimetype_params.get("charset") == "utf-8"


def test_the_dataset_bibtex_names_title_publisher_version_year_url_and_access_date(client, manifest, described):
    entry = bibtex_entry(cite(client, dataset_path(manifest), BIBTEX).get_data(as_text=True))
    fields = {k: f.value for k, f in entry.fields_dict.items()}
    assert entry.entry_type == "misc"
    assert fields["title"] == described.title["en"].replace("&", r"\&")
    assert fields["publisher"] == described.publisher.name["en"] and fields["author"] == "{" + described.publisher.name["en"] + "}"
    assert fields["version"] == manifest.version and fields["year"] == str(described.modified.year)
    assert fields["url"] == f"{manifest.dataset}?version={manifest.version}"
    assert fields["urldate"] in {dt.datetime.now(dt.UTC).date().isoformat(), (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()}


def test_a_figure_bibtex_names_its_source_article(client, manifest):
    entry = bibtex_entry(cite(client, OBSERVATION, BIBTEX).get_data(as_text=True))
    note = entry.fields_dict["note"].value
    assert ARTICLE_TITLE in note and "(2013, January 22)" in note and "after mic.gov.vn" in note
    assert entry.fields_dict["url"].value == f"{manifest.base}{OBSERVATION.lstrip('/')}?version={manifest.version}"


def test_citation_keys_are_stable_across_requests_and_languages(client, manifest):
    keys = {bibtex_entry(cite(client, OBSERVATION, BIBTEX, lang).get_data(as_text=True)).key for lang in ("vi", "en", "vi")}
    assert keys == {f"id:observation:binh-phuoc-2012-ict:computers-total:{manifest.version}"}


def test_the_csl_json_uses_only_csl_variables_and_types(client):
    item = cite(client, OBSERVATION, CSL).get_json()
    assert set(item) - {"id", "type"} <= csl_names("csl-variables.rnc")
    assert item["type"] in csl_names("csl-types.rnc")
    assert {"title", "author", "publisher", "issued", "URL", "version", "accessed", "container-title"} <= set(item)
    assert item["issued"]["date-parts"][0][0] >= 2000 and item["original-date"] == {"date-parts": [[2013, 1, 22]]}
    assert item["original-title"] == ARTICLE_TITLE


def test_a_csl_processor_formats_the_csl_json(client):
    item = cite(client, OBSERVATION, CSL).get_json()
    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = str(bibliography.bibliography()[0])
    assert item["title"] in text and item["URL"] in text and "Accessed" in text


def test_the_ris_has_the_tag_lines(client, manifest):
    text = cite(client, PLACE, RIS).get_data(as_text=True)
    tags = [line[:6] for line in text.splitlines()]
    for tag in ("TY  - ", "TI  - ", "PB  - ", "PY  - ", "UR  - ", "ER  - "):
        assert tag in tags
    assert tags[0] == "TY  - " and tags[-1] == "ER  - "
    record = rispy.loads(text)[0]
    assert record["type_of_reference"] == "DATA" and record["urls"] == [f"{manifest.base}{PLACE.lstrip('/')}?version={manifest.version}"]


def test_the_reference_is_in_english_or_vietnamese_as_pages_choose(client, described):
    english = cite(client, OBSERVATION, REFERENCE, "en").get_data(as_text=True)
    vietnamese = client.get(OBSERVATION + "?lang=vi", headers={"Accept": REFERENCE, "Accept-Language": "en"})
    assert vietnamese.headers["Content-Language"] == "vi"
    vi_text = vietnamese.get_data(as_text=True)
    assert english.startswith(f"{described.publisher.name['en']}. ({described.modified.year}). ") and "[Data set]" in english
    assert f"In {described.title['en']} (Version " in english and "Retrieved " in english
    assert vi_text.startswith(f"{described.publisher.name['vi']}. ({described.modified.year}). ") and "[Bộ dữ liệu]" in vi_text
    assert "Truy cập ngày " in vi_text and "Nguồn: " in vi_text and "(22/01/2013)" in vi_text and "theo mic.gov.vn" in vi_text


def test_format_parameter_offers_the_citations(client):
    for name, media_type in (("bibtex", BIBTEX), ("csl", CSL), ("ris", RIS), ("bibliography", REFERENCE)):
        response = client.get(f"{PLACE}?format={name}")
        assert response.status_code == 200 and response.mimetype == media_type
        assert response.headers["Content-Location"] == f"{PLACE}?format={name}"


def test_an_unacceptable_type_is_406_listing_the_citations_too(client):
    response = client.get(PLACE, headers={"Accept": "application/pdf"})
    assert response.status_code == 406
    message = response.get_data(as_text=True)
    assert all(t in message for t in (BIBTEX, CSL, RIS, REFERENCE, "text/turtle", "text/html"))


def test_an_unknown_format_names_the_citation_formats(client):
    response = client.get(f"{PLACE}?format=docx")
    assert response.status_code == 400 and "bibtex" in response.get_data(as_text=True)


def test_rdf_and_html_negotiation_are_unchanged(client):
    assert client.get(PLACE, headers={"Accept": "*/*"}).mimetype == "text/turtle"
    assert client.get(PLACE, headers={"Accept": "text/*"}).mimetype == "text/turtle"
    assert client.get(PLACE, headers={"Accept": BROWSER}).mimetype == "text/html"
    assert client.get(PLACE, headers={"Accept": f"{BIBTEX};q=0.5, text/turtle"}).mimetype == "text/turtle"
    assert client.get(PLACE, headers={"Accept": f"text/turtle;q=0.5, {BIBTEX}"}).mimetype == BIBTEX


def test_the_live_version_answers_a_pinned_link_and_another_is_404(client, manifest):
    assert client.get(f"{PLACE}?version={manifest.version}", headers={"Accept": BIBTEX}).status_code == 200
    response = client.get(f"{PLACE}?version=0000000000000000", headers={"Accept": "text/turtle"})
    assert response.status_code == 404 and manifest.version in response.get_data(as_text=True)


@pytest.mark.parametrize("lang, heading", [("vi", "Trích dẫn"), ("en", "Cite this")])
@pytest.mark.parametrize("which", ["home", "resource"])
def test_pages_have_a_cite_this_block_whose_links_answer(client, page, manifest, lang, heading, which):
    path = "/" if which == "home" else OBSERVATION
    iri = manifest.dataset if which == "home" else manifest.base + OBSERVATION.lstrip("/")
    html = page(path, lang).get_data(as_text=True)
    block = html[html.index('<section class="cite"') :]
    block = block[: block.index("</section>")]
    assert f">{heading}</h2>" in block and f"<code>{iri}?version={manifest.version}</code>" in block
    assert f'href="/{iri.removeprefix(manifest.base)}?version={manifest.version}" rel="bookmark"' in block
    links = re.findall(r'<a href="([^"]+)" type="([^"]+)" rel="alternate">', block)
    assert {t for _, t in links} == {BIBTEX, CSL, RIS, REFERENCE}
    for href, media_type in links:
        response = client.get(html_lib.unescape(href))
        assert response.status_code == 200 and response.mimetype == media_type and response.headers["Content-Language"] == lang
