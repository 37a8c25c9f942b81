"""dataset.yaml (kg.publication.dataset): the project's own file fits the schema, and each mistake is named by its field."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from kg.config import BuildConfig
from kg.publication.dataset import DatasetError, check_periods, declared_base, load_dataset, schema
from kg.synthetic.dataset import dataset_yaml

PROJECT_DATA = BuildConfig().data_dir


def write(folder: Path, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dataset.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def project_yaml() -> dict:
    return yaml.safe_load((PROJECT_DATA / "dataset.yaml").read_text(encoding="utf-8"))


def problems(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as raised:
        load_dataset(folder)
    assert raised.value.source == folder / "dataset.yaml"
    assert str(folder / "dataset.yaml") in str(raised.value)
    return raised.value.problems


def test_the_project_s_dataset_yaml_keeps_today_s_title_licence_and_names_the_team_as_publisher():
    description = load_dataset(PROJECT_DATA)
    assert description.title["en"] == "Provincial reports on IT application: linked data"
    assert description.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert description.publisher.id == "kg" and description.publisher.name["en"] == "kg project (open-data team)"
    assert description.publisher.contact.email.endswith("@example.org")  # a placeholder, visibly so
    assert description.issued <= description.modified


def test_the_schema_file_is_package_data_of_kg_publication():
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"*" = ["*.schema.json"]' in pyproject  # package data of every package, kg.publication's included
    assert schema()["required"][0] == "title"


def test_a_missing_english_title_is_named_by_its_field(tmp_path):
    data = project_yaml()
    del data["title"]["en"]
    assert problems(write(tmp_path, data)) == ["title.en: missing (required)"]


def test_an_unknown_field_is_named_with_the_fields_known_there(tmp_path):
    data = project_yaml()
    data["publisher"]["phone"] = "0123"
    [problem] = problems(write(tmp_path, data))
    assert problem.startswith("publisher.phone: unknown field (known here: contact, homepage, id, name)")


def test_every_problem_is_listed_at_once(tmp_path):
    data = project_yaml()
    del data["description"]
    data["themes"][0]["iri"] = "not an IRI"
    data["colour"] = "blue"
    found = problems(write(tmp_path, data))
    assert "description: missing (required)" in found
    assert any(p.startswith("colour: unknown field") for p in found)
    assert any(p.startswith("themes.0.iri: ") for p in found)


def test_a_missing_file_is_an_error_that_lists_the_fields(tmp_path):
    [problem] = problems(tmp_path)
    assert problem.startswith("file not found") and "title, description, publisher, licence" in problem


def test_a_date_that_does_not_exist_is_named(tmp_path):
    data = project_yaml()
    data["issued"] = "2026-02-30"
    assert problems(write(tmp_path, data)) == ["issued: '2026-02-30' is not a date (YYYY-MM-DD)"]


def test_a_last_change_before_the_first_publication_is_refused(tmp_path):
    data = project_yaml()
    data["issued"], data["modified"] = dt.date(2026, 12, 4), dt.date(2026, 11, 1)
    assert problems(write(tmp_path, data)) == ["modified: 2026-11-01 is before issued (2026-12-04)"]


def test_a_report_period_outside_the_temporal_coverage_names_the_field(tmp_path):
    description = load_dataset(PROJECT_DATA)
    check_periods(description, tmp_path, ["2012-12"])
    with pytest.raises(DatasetError) as raised:
        check_periods(description, tmp_path, ["2012-12", "2013-01"])
    assert raised.value.problems == ["temporal: the reports' period(s) 2013-01 lie outside 2012-12-01 to 2012-12-31"]


def test_the_base_is_read_from_dataset_yaml_only_when_declared(tmp_path):
    data = project_yaml()
    assert declared_base(write(tmp_path / "without", data)) is None
    data["base"] = "https://data.example.vn/kg/"
    assert declared_base(write(tmp_path / "with", data)) == "https://data.example.vn/kg/"
    assert load_dataset(tmp_path / "with").base == "https://data.example.vn/kg/"


def test_the_dataset_yaml_of_generated_data_fits_the_schema_and_covers_its_years(tmp_path):
    description = load_dataset(write(tmp_path, dataset_yaml([2011, 2012], seed=3)))
    assert (description.start, description.end) == (dt.date(2011, 12, 1), dt.date(2012, 12, 31))
    assert "seed 3" in description.title["en"]


def test_the_project_s_data_folder_can_be_copied_with_its_description(tmp_path):
    shutil.copytree(PROJECT_DATA, tmp_path / "data")
    assert load_dataset(tmp_path / "data") == load_dataset(PROJECT_DATA)
