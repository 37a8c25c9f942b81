"""The facts-file schema (kg/build/facts.schema.json): every object closed, every problem named with its place."""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path

import jsonschema
import pytest
import yaml

from kg.build.facts import REQUIRED
from kg.build.facts_schema import check_schema, schema
from kg.iris import SLUG_PATTERN

FACTS = Path(__file__).resolve().parents[2] / "data" / "reports" / "binh-phuoc-2012-ict" / "facts.yaml"


@pytest.fixture(scope="module")
def real() -> dict:
    return yaml.safe_load(FACTS.read_text(encoding="utf-8"))


@pytest.fixture
def facts(real) -> dict:
    return copy.deepcopy(real)


def entry(facts: dict, section: str, ident: str) -> dict:
    return next(e for e in facts[section] if e["id"] == ident)


def objects(node, where="#"):
    """Every subschema that describes an object, with where it stands."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, value in node.items():
            yield from objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from objects(value, f"{where}/{n}")


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema" and schema()["$id"].endswith("/schemas/facts.schema.json")


def test_every_object_of_the_schema_is_closed():
    assert [where for where, node in objects(schema()) if node.get("additionalProperties") is not False] == []


def test_ids_follow_the_slug_pattern_of_kg_iris():
    assert schema()["$defs"]["id"]["pattern"] == SLUG_PATTERN.pattern.replace("(?:", "(")


def test_the_real_facts_file_passes(real):
    assert check_schema(real) == []


def test_a_synthetic_report_passes():
    from kg.synthetic import slots
    from kg.synthetic.report import make_report

    province, year = slots(1)[0]
    _, _, facts = make_report(province, year, random.Random(0))
    assert check_schema(facts) == []


def test_every_section_of_the_build_is_in_the_schema_with_its_required_fields():
    defs = schema()["$defs"]
    missing = {s: sorted(set(fields) - set(defs[s]["required"])) for s, fields in REQUIRED.items() if s in defs}
    assert sorted(set(REQUIRED) - set(schema()["properties"])) == [] and {s: m for s, m in missing.items() if m} == {}


def test_a_misspelt_optional_field_names_the_field_its_place_and_the_fields_allowed_there(facts):
    dic = entry(facts, "organisations", "binh-phuoc-dic")
    dic["alt_lable"] = dic.pop("alt_label")
    assert check_schema(facts) == [
        "organisations `binh-phuoc-dic`: unknown field `alt_lable`, did you mean `alt_label`? (allowed here: alt_label, contact, "
        "event, evidence, id, jurisdiction, kind, label, linked_to, located_in, note, part_of, readings)"
    ]


def test_a_misspelt_required_field_is_reported_once_not_also_as_missing(facts):
    mic = entry(facts, "organisations", "mic")
    mic["lable"] = mic.pop("label")
    [problem] = check_schema(facts)
    assert problem.startswith("organisations `mic`: unknown field `lable`, did you mean `label`?")


def test_an_unknown_section_is_named_with_the_sections_allowed(facts):
    facts["remarks"] = []
    [problem] = check_schema(facts)
    assert problem.startswith("unknown section `remarks` (allowed here: assessments, checks, difficulties, documents, events, figures,")


def test_an_unknown_field_of_an_evidence_item_names_the_entry_and_the_item(facts):
    entry(facts, "figures", "computers-district")["evidence"][0]["page"] = 2
    assert check_schema(facts) == ["figures `computers-district`: `evidence` item 1: unknown field `page` (allowed here: at, quote)"]


def test_an_unknown_field_inside_a_reading_names_its_path(facts):
    entry(facts, "organisations", "binh-phuoc-dic")["readings"]["part_of"]["evidence"][0]["where"] = 1
    assert check_schema(facts) == [
        "organisations `binh-phuoc-dic`: `readings.part_of.evidence` item 1: unknown field `where` (allowed here: at, quote)"
    ]


def test_a_wrong_type_says_what_the_field_must_be_and_what_it_is(facts):
    entry(facts, "figures", "computers-total")["value"] = "3.339"
    assert check_schema(facts) == ["figures `computers-total`: `value` must be a number, written without thousands separators, not text '3.339'"]


def test_a_negative_position_is_refused(facts):
    entry(facts, "people", "nguyen-minh-hong")["evidence"][0]["at"] = -1
    assert check_schema(facts) == [
        "people `nguyen-minh-hong`: `evidence` item 1: `at` must be a position: a whole number, 0 or more, not the number -1"
    ]


def test_an_entry_whose_id_is_no_text_is_placed_by_its_number(facts):
    facts["people"][0]["id"] = 7
    assert check_schema(facts) == ['people, entry 1: `id` must be an id: lower-case ASCII words joined by "-", not the number 7']


def test_an_unknown_field_of_an_assessment_is_refused(facts):
    facts["assessments"] = [
        {
            "id": "highly-rated",
            "text": {"vi": "được đánh giá cao", "en": "highly rated"},
            "about": ["binh-phuoc"],
            "verdict": {"vi": "cao", "en": "high"},
            "evidence": [{"quote": "được đánh giá cao", "at": 31}],
        }
    ]
    [problem] = check_schema(facts)
    assert problem.startswith("assessments `highly-rated`: unknown field `verdict` (allowed here: about, according_to, alt_label, aspect,")


def test_an_assessment_needs_what_it_is_about(facts):
    facts["assessments"] = [
        {"id": "highly-rated", "text": {"vi": "được đánh giá cao", "en": "highly rated"}, "evidence": [{"quote": "được đánh giá cao", "at": 31}]}
    ]
    assert check_schema(facts) == ["assessments `highly-rated`: `about` is missing"]


def test_a_finding_may_be_credited_to_no_document(facts):
    entry(facts, "figures", "computers-total")["according_to"] = None
    assert check_schema(facts) == []


def test_dates_are_checked_as_an_editor_sees_them(facts):
    facts["report"]["published"] = dt.date(2013, 1, 22)  # YAML loads an unquoted date as a date
    entry(facts, "posts", "delegation-head")["held_during"] = dt.date(2012, 12, 5)
    assert check_schema(facts) == []
    facts["report"]["published"] = "22/01/2013"
    assert check_schema(facts) == ["report: `published` '22/01/2013': a date of publication is written YYYY-MM-DD (e.g. 2013-01-22)"]


def test_a_required_field_cannot_be_a_reading(facts):
    entry(facts, "organisations", "mic")["readings"] = {"kind": {"reason": {"vi": "x", "en": "x"}, "evidence": [{"quote": "x", "at": 0}]}}
    assert check_schema(facts) == [
        "organisations `mic`: `readings.kind`: `kind` cannot be a reading (a required field makes the "
        "entry: if it is not the report's, the entry is not)"
    ]


def test_only_unknown_leaves_the_other_problems_to_the_build(facts):
    entry(facts, "figures", "computers-total")["value"] = "3.339"
    entry(facts, "figures", "computers-total")["valeu"] = 3339
    [problem] = check_schema(facts, only_unknown=True)
    assert problem.startswith("figures `computers-total`: unknown field `valeu`")


def test_the_build_refuses_a_facts_file_with_a_misspelt_field_naming_it_and_its_place(tmp_path, real):
    from kg.build.facts import FactsError, load_report

    folder = tmp_path / "binh-phuoc-2012-ict"
    folder.mkdir()
    (folder / "article.txt").write_text((FACTS.parent / "article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    facts = copy.deepcopy(real)
    organisation = entry(facts, "organisations", "binh-phuoc-dic")
    organisation["alt_lable"] = organisation.pop("alt_label")
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(FactsError) as raised:
        load_report(folder)
    assert raised.value.problems == [next(p for p in raised.value.problems if "alt_lable" in p)]
    assert "organisations `binh-phuoc-dic`: unknown field `alt_lable`" in raised.value.problems[0]
    assert "alt_label" in raised.value.problems[0]
