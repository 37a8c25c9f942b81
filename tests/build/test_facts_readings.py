"""The checks of `readings`: each field an entry marks as the curator's reading is there, is one that
can be a reading, and gives its reason in both languages and the quotes it reads from."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from kg.build.facts import FactsError, load_report, readings_of

TEXT = "Sở Thông tin và Truyền thông tỉnh Bình Phước báo cáo.\nTheo mic.gov.vn\n"
REASON = {"vi": "Bài không nói Sở trực thuộc Ủy ban.", "en": "The article does not say the Department is under the Committee."}
READING = {"reason": REASON, "evidence": [{"quote": "Sở Thông tin và Truyền thông", "at": 0}]}
GOOD = {
    "report": {
        "id": "demo-report",
        "text": "article.txt",
        "title": {"vi": "Tiêu đề", "en": "Title"},
        "published": dt.date(2013, 1, 22),
        "language": "vi",
        "publisher": "province",
        "area": "province",
        "period": "2012-12",
        "evidence": [{"quote": "Theo mic.gov.vn", "at": 54}],
    },
    "places": [
        {
            "id": "province",
            "kind": "province",
            "label": {"vi": "tỉnh Bình Phước", "en": "Bình Phước Province"},
            "evidence": [{"quote": "tỉnh Bình Phước", "at": 29}],
        }
    ],
    "organisations": [
        {
            "id": "committee",
            "kind": "peoples-committee",
            "label": {"vi": "Ủy ban", "en": "Committee"},
            "evidence": [{"quote": "tỉnh Bình Phước", "at": 29}],
        },
        {
            "id": "dept",
            "kind": "department",
            "label": {"vi": "Sở", "en": "Department"},
            "part_of": "committee",
            "readings": {"part_of": READING},
            "evidence": [{"quote": "Sở Thông tin và Truyền thông tỉnh Bình Phước", "at": 0}],
        },
    ],
}
WHERE = "organisations `dept`"


def folder_with(tmp_path, facts: dict):
    folder = tmp_path / "demo-report"
    folder.mkdir(exist_ok=True)
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def with_readings(readings) -> dict:
    facts = copy.deepcopy(GOOD)
    facts["organisations"][1]["readings"] = readings
    return facts


def problems(tmp_path, facts: dict) -> list[str]:
    with pytest.raises(FactsError) as caught:
        load_report(folder_with(tmp_path, facts))
    return caught.value.problems


def test_a_reading_with_its_reason_in_both_languages_and_quotes_at_their_positions_loads(tmp_path):
    report = load_report(folder_with(tmp_path, GOOD))
    _section, dept = report.by_id()["dept"]
    assert readings_of(dept) == {"part_of": READING}


def test_an_entry_without_readings_has_none(tmp_path):
    report = load_report(folder_with(tmp_path, GOOD))
    assert readings_of(report.by_id()["committee"][1]) == {}


@pytest.mark.parametrize("field", ["kind", "label"])
def test_a_reading_on_a_required_field_is_refused_naming_the_entry_and_the_field(tmp_path, field):
    assert problems(tmp_path, with_readings({field: READING})) == [
        f"{WHERE}: `readings.{field}`: `{field}` cannot be a reading (a required field makes the entry: if it is not the report's, the entry is not)"
    ]


@pytest.mark.parametrize("field", ["id", "evidence"])
def test_the_id_and_the_evidence_cannot_be_readings(tmp_path, field):
    [problem] = problems(tmp_path, with_readings({field: READING}))
    assert problem.startswith(f"{WHERE}: `readings.{field}`: `{field}` cannot be a reading")


def test_a_reading_on_a_field_the_entry_does_not_have_is_refused(tmp_path):
    assert problems(tmp_path, with_readings({"linked_to": READING})) == [
        f"{WHERE}: `readings.linked_to`: the entry has no `linked_to` to be a reading"
    ]


def test_a_reading_without_a_reason_is_refused(tmp_path):
    assert problems(tmp_path, with_readings({"part_of": {"evidence": READING["evidence"]}})) == [
        f"{WHERE}: `readings.part_of`: no `reason` (say, in both languages, why this is the curator's reading and not what the report says)"
    ]


@pytest.mark.parametrize("missing", ["vi", "en"])
def test_a_reason_in_only_one_language_is_refused(tmp_path, missing):
    reason = {lang: text for lang, text in REASON.items() if lang != missing}
    assert problems(tmp_path, with_readings({"part_of": {**READING, "reason": reason}})) == [
        f"{WHERE}: `readings.part_of`: `reason` has no {missing} text"
    ]


def test_a_reason_given_as_one_string_is_refused(tmp_path):
    assert problems(tmp_path, with_readings({"part_of": {**READING, "reason": "no language"}})) == [
        f"{WHERE}: `readings.part_of`: `reason` must give both languages, as {{vi: ..., en: ...}}"
    ]


def test_a_readings_quote_not_at_its_position_names_the_reading_and_where_the_words_are(tmp_path):
    evidence = [{"quote": "Sở Thông tin và Truyền thông", "at": 3}]
    assert problems(tmp_path, with_readings({"part_of": {**READING, "evidence": evidence}})) == [
        f"{WHERE}: `readings.part_of`: quote 'Sở Thông tin và Truyền thông' is not at position 3 (it stands at 0)"
    ]


def test_a_reading_without_quotes_is_refused(tmp_path):
    assert problems(tmp_path, with_readings({"part_of": {"reason": REASON}})) == [
        f"{WHERE}: `readings.part_of`: no `evidence` (every fact needs a quote from the source)"
    ]


def test_a_reading_that_is_not_a_mapping_is_refused(tmp_path):
    assert problems(tmp_path, with_readings({"part_of": "because"})) == [
        f"{WHERE}: `readings.part_of`: must be {{reason: {{vi, en}}, evidence: [{{quote, at}}]}}"
    ]


@pytest.mark.parametrize("readings", [["part_of"], "part_of", {}], ids=["list", "string", "empty"])
def test_readings_that_are_not_a_mapping_of_fields_are_refused(tmp_path, readings):
    assert problems(tmp_path, with_readings(readings)) == [
        f"{WHERE}: `readings` must map each field that is the curator's reading to {{reason, evidence}}"
    ]


def test_every_bad_reading_of_an_entry_is_reported_at_once(tmp_path):
    found = problems(tmp_path, with_readings({"kind": READING, "linked_to": READING, "part_of": {"evidence": READING["evidence"]}}))
    assert [p.split(":")[1].strip() for p in found] == ["`readings.kind`", "`readings.linked_to`", "`readings.part_of`"]


def test_readings_on_the_report_itself_are_refused_rather_than_ignored(tmp_path):
    facts = copy.deepcopy(GOOD)
    facts["report"]["readings"] = {"publisher": READING}
    assert problems(tmp_path, facts) == [
        "report: `readings` is for the entries of the sections; the report's own fields describe the document and cannot be the curator's reading"
    ]
