"""The citation writers on a citation made here: BibTeX escaping and keys, CSL-JSON, RIS and the reference in both languages."""

from __future__ import annotations

import datetime as dt
import json

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from kg.web.present.citation import Citation, DatasetPart, Source, citation_key, pinned_link
from kg.web.present.citation_formats import bibliography, bibtex, csl_json, latex_escape, ris

BASE = "https://data.example.org/"
DATASET = DatasetPart(BASE + "id/dataset/reports", "Reports & figures: 100% open_data #1", "Nhóm R&D {kg}", "abc123", "2026-12-04")
ARTICLE = Source(BASE + "id/document/a", "Ứng dụng CNTT tại Bình Phước", "IT application in Bình Phước", "HANICA", "2013-01-22", ("mic.gov.vn",))


def citation(iri=BASE + "id/observation/r/x", lang="en", title="Computers {total}: 3,339 ~ ^ \\", sources=(ARTICLE,), more=0) -> Citation:
    return Citation(
        iri=iri,
        link=pinned_link(iri, DATASET.version),
        title=title,
        lang=lang,
        dataset=DATASET,
        sources=sources,
        more_sources=more,
        accessed=dt.date(2026, 12, 5),
        key=citation_key(iri, BASE, DATASET.version),
    )


def parse_bibtex(text: str, decode: bool = False):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    assert len(library.entries) == 1
    return library.entries[0]


def test_bibtex_special_characters_decode_back_to_the_text():
    entry = parse_bibtex(bibtex(citation(iri=DATASET.iri, title=DATASET.title)), decode=True)
    assert entry.fields_dict["title"].value == "Reports & figures: 100% open_data #1"


def test_bibtex_keeps_an_unbalanced_brace_from_breaking_the_entry():
    entry = parse_bibtex(bibtex(citation(title="a { b")))
    assert entry.fields_dict["title"].value == latex_escape("a { b") == r"a \textbraceleft{} b"
    assert entry.fields_dict["url"].value == BASE + "id/observation/r/x?version=abc123"  # the fields after it are read


def test_bibtex_escapes_every_latex_special_character():
    assert latex_escape("\\{}&%$#_~^") == r"\textbackslash{}\textbraceleft{}\textbraceright{}\&\%\$\#\_\textasciitilde{}\textasciicircum{}"


def test_bibtex_keeps_vietnamese_as_utf8():
    entry = parse_bibtex(bibtex(citation(lang="vi", title="tỉnh Bình Phước")))
    assert entry.fields_dict["title"].value == "tỉnh Bình Phước"
    assert "Ứng dụng CNTT tại Bình Phước" in entry.fields_dict["note"].value


def test_bibtex_braces_the_organisation_as_one_author():
    entry = parse_bibtex(bibtex(citation()))
    assert entry.fields_dict["author"].value == "{Nhóm R\\&D \\textbraceleft{}kg\\textbraceright{}}"


def test_citation_keys_are_stable_and_name_the_path_and_version():
    assert citation_key(BASE + "id/observation/r/x", BASE, "abc123") == "id:observation:r:x:abc123"
    assert parse_bibtex(bibtex(citation())).key == "id:observation:r:x:abc123"
    assert citation_key(BASE + "def/kg/Weird Term(1)", BASE, "v") == "def:kg:Weird_Term_1_:v"


def test_csl_json_has_the_dataset_and_the_source():
    item = json.loads(csl_json(citation()))
    assert item["type"] == "dataset" and item["title"] == "Computers {total}: 3,339 ~ ^ \\"
    assert item["author"] == [{"literal": "Nhóm R&D {kg}"}] and item["publisher"] == "Nhóm R&D {kg}"
    assert item["issued"] == {"date-parts": [[2026, 12, 4]]} and item["accessed"] == {"date-parts": [[2026, 12, 5]]}
    assert item["container-title"] == DATASET.title and item["version"] == "abc123"
    assert item["original-publisher"] == "HANICA" and item["original-date"] == {"date-parts": [[2013, 1, 22]]}


def test_csl_json_of_the_dataset_has_no_container():
    item = json.loads(csl_json(citation(iri=DATASET.iri, title=DATASET.title, sources=())))
    assert "container-title" not in item and "note" not in item and item["URL"] == DATASET.iri + "?version=abc123"


def test_ris_reads_back_with_its_tags():
    text = ris(citation())
    record = rispy.loads(text)[0]
    assert record["type_of_reference"] == "DATA" and record["title"] == "Computers {total}: 3,339 ~ ^ \\"
    assert record["publisher"] == "Nhóm R&D {kg}" and record["year"] == "2026"
    assert record["urls"] == [BASE + "id/observation/r/x?version=abc123"]
    assert text.splitlines()[0] == "TY  - DATA" and text.splitlines()[-1] == "ER  - "


def test_ris_puts_a_multiline_value_on_one_line():
    text = ris(citation(title="two\nlines"))
    assert "TI  - two lines" in text.splitlines()


def test_english_reference_follows_apa_for_a_data_set():
    text = bibliography(citation())
    assert text.startswith(
        "Nhóm R&D {kg}. (2026). Computers {total}: 3,339 ~ ^ \\. In Reports & figures: 100% open_data #1 (Version abc123) [Data set]."
    )
    assert "Retrieved December 5, 2026, from https://data.example.org/id/observation/r/x?version=abc123." in text
    assert "Source: HANICA (2013, January 22). Ứng dụng CNTT tại Bình Phước [IT application in Bình Phước], after mic.gov.vn." in text


def test_vietnamese_reference_uses_vietnamese_words_and_dates():
    text = bibliography(citation(lang="vi"))
    assert "(Phiên bản abc123) [Bộ dữ liệu]" in text and "Truy cập ngày 05/12/2026, từ " in text
    assert "Nguồn: HANICA (22/01/2013). Ứng dụng CNTT tại Bình Phước [IT application in Bình Phước], theo mic.gov.vn." in text


def test_reference_counts_the_sources_left_out():
    assert "; and 4 other sources." in bibliography(citation(more=4))
    assert "; và 4 nguồn khác." in bibliography(citation(lang="vi", more=4))


def test_reference_of_the_dataset_names_no_container():
    text = bibliography(citation(iri=DATASET.iri, title=DATASET.title, sources=()))
    assert text == (
        "Nhóm R&D {kg}. (2026). Reports & figures: 100% open_data #1 (Version abc123) [Data set]. "
        "Retrieved December 5, 2026, from https://data.example.org/id/dataset/reports?version=abc123\n"
    )
