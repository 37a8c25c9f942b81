"""The facts file is checked before any RDF is made, and every problem names its entry."""

from __future__ import annotations

import textwrap
import unicodedata

import pytest

from kg.build.facts import FactsError, find_quote, load_report

TEXT = "Tỉnh Bình Phước có 3.339 máy tính.\nTheo mic.gov.vn\n"

HEADER = """\
report:
  id: demo-report
  text: article.txt
  title: {vi: "Tiêu đề", en: "Title"}
  published: 2013-01-22
  language: vi
  publisher: province
  area: province
  period: 2012-12
  evidence:
    - {quote: "Theo mic.gov.vn", at: 35}
places:
  - id: province
    kind: province
    label: {vi: "tỉnh Bình Phước", en: "Bình Phước Province"}
    evidence:
      - {quote: "Bình Phước", at: 5}
"""


def write_report(tmp_path, body: str = "", text: str = TEXT):
    folder = tmp_path / "demo-report"
    folder.mkdir()
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "facts.yaml").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return folder


def problems_of(folder) -> list[str]:
    with pytest.raises(FactsError) as caught:
        load_report(folder)
    return caught.value.problems


def test_a_well_formed_report_loads_with_its_text_and_entries(tmp_path):
    report = load_report(write_report(tmp_path))
    assert report.id == "demo-report"
    assert report.text == TEXT
    assert [e["id"] for e in report.sections["places"]] == ["province"]


def computers_figure(at: int) -> str:
    """The facts of one figure whose evidence quotes "3.339 máy tính" at `at` (it stands at 19)."""
    return f"""\
    figures:
      - id: computers-total
        indicator: computers
        value: 3339
        unit: computer
        level: all
        area: province
        period: 2012-12
        evidence:
          - {{quote: "3.339 máy tính", at: {at}}}
    """


def test_a_quote_not_at_its_position_names_the_fact_and_where_it_really_is(tmp_path):
    folder = write_report(tmp_path, computers_figure(3))
    [problem] = problems_of(folder)
    assert "figures `computers-total`" in problem
    assert "'3.339 máy tính' is not at position 3" in problem
    assert "it stands at 19" in problem


def test_a_negative_position_is_refused_naming_the_fact_and_where_the_words_are(tmp_path):
    at_from_the_end = 19 - len(TEXT)  # text[at:at + len(quote)] is the quote when read from the end
    assert TEXT[at_from_the_end : at_from_the_end + len("3.339 máy tính")] == "3.339 máy tính"
    folder = write_report(tmp_path, computers_figure(at_from_the_end))
    [problem] = problems_of(folder)
    assert "figures `computers-total`" in problem
    assert f"`at` {at_from_the_end}, which is no position in the text" in problem
    assert "it stands at 19" in problem


def test_a_quote_that_is_nowhere_in_the_text_says_so(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    people:
      - id: someone
        name: "Nguyễn Văn A"
        evidence:
          - {quote: "Nguyễn Văn A", at: 0}
    """,
    )
    [problem] = problems_of(folder)
    assert "people `someone`" in problem and "not in the text at all" in problem


def test_a_fact_without_evidence_is_refused(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    people:
      - id: someone
        name: "Nguyễn Văn A"
    """,
    )
    assert problems_of(folder) == ["people `someone`: no `evidence` (every fact needs a quote from the source)"]


def test_a_label_missing_its_english_text_is_refused(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    organisations:
      - id: dept
        kind: department
        label: {vi: "Sở"}
        evidence:
          - {quote: "Bình Phước", at: 5}
    """,
    )
    assert problems_of(folder) == ["organisations `dept`: `label` has no en text"]


def test_a_reference_to_an_unknown_id_is_refused(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    organisations:
      - id: dept
        kind: department
        label: {vi: "Sở", en: "Department"}
        part_of: ministry-that-does-not-exist
        evidence:
          - {quote: "Bình Phước", at: 5}
    """,
    )
    [problem] = problems_of(folder)
    assert "`part_of` refers to 'ministry-that-does-not-exist'" in problem


def test_a_duplicate_id_is_refused(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    organisations:
      - id: province
        kind: department
        label: {vi: "Sở", en: "Department"}
        evidence:
          - {quote: "Bình Phước", at: 5}
    """,
    )
    assert problems_of(folder) == ["organisations `province`: id already used in places"]


def test_a_figure_written_with_a_thousands_separator_is_refused(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    figures:
      - id: computers-total
        indicator: computers
        value: "3.339"
        unit: computer
        level: all
        area: province
        period: 2012-12
        evidence:
          - {quote: "3.339 máy tính", at: 19}
    """,
    )
    assert problems_of(folder) == ["figures `computers-total`: `value` must be a number, written without thousands separators"]


def test_a_source_text_that_is_not_nfc_is_refused(tmp_path):
    folder = write_report(tmp_path, text=unicodedata.normalize("NFD", TEXT))
    assert any("not NFC-normalised" in p for p in problems_of(folder))


def test_every_problem_is_reported_at_once(tmp_path):
    folder = write_report(
        tmp_path,
        """\
    people:
      - id: a
        name: "A"
      - id: b
        name: "B"
    """,
    )
    assert len(problems_of(folder)) == 2


def test_find_quote_gives_every_position_of_nfd_or_nfc_words():
    text = "Bình Phước, Bình Phước"
    assert find_quote(text, unicodedata.normalize("NFD", "Bình Phước")) == [0, 12]


def test_the_projects_report_loads_without_problems():
    from kg.build.facts import discover_reports
    from kg.config import BuildConfig

    folders = discover_reports(BuildConfig().reports_dir)
    assert [f.name for f in folders] == ["binh-phuoc-2012-ict"]
    report = load_report(folders[0])
    assert report.text.startswith("Ứng dụng CNTT tại Bình Phước được đánh giá cao")


def test_find_quote_gives_overlapping_positions_too():
    assert find_quote("Mã số 1111", "11") == [6, 7, 8]
