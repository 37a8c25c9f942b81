"""The synthetic report generator: files in the source format that the real pipeline loads and validates."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from kg.build.facts import discover_reports, load_report
from kg.cli import EXIT_OK, main
from kg.synthetic import generate, report_count, slots
from kg.synthetic.places import all_provinces


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, 8000, seed=3)
    return out


def test_there_are_the_63_provinces_of_2012_with_nfc_names():
    provinces = all_provinces()
    assert len(provinces) == 63 and len({p.slug for p in provinces}) == 63
    assert all(unicodedata.normalize("NFC", p.name) == p.name for p in provinces)
    assert {"binh-phuoc", "ha-noi", "ho-chi-minh", "thua-thien-hue"} <= {p.slug for p in provinces}


def test_each_generated_report_loads_with_every_quote_at_its_position(generated):
    folders = discover_reports(generated / "reports")
    assert len(folders) == report_count(8000) == 4
    for folder in folders:
        report = load_report(folder)  # raises FactsError if a quote is not where it says
        quotes = [e for _, entry in report.entries() for e in entry.get("evidence") or []]
        assert len(quotes) > 40
        assert all(report.text[e["at"] : e["at"] + len(e["quote"])] == e["quote"] for e in quotes)


def test_each_report_has_every_indicator_of_the_real_report(generated):
    real = {f["indicator"] for f in yaml.safe_load(Path("data/reports/binh-phuoc-2012-ict/facts.yaml").read_text())["figures"]}
    for folder in discover_reports(generated / "reports"):
        facts = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))
        assert {f["indicator"] for f in facts["figures"]} == real
        assert facts["difficulties"] and facts["recommendations"] and facts["posts"] and facts["systems"]


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path, generated):
    generate(tmp_path / "again", 8000, seed=3)
    generate(tmp_path / "other", 8000, seed=4)
    assert files(tmp_path / "again") == files(generated)
    assert files(tmp_path / "other") != files(generated)


def test_the_real_reports_province_and_year_is_never_generated():
    assert ("binh-phuoc", 2012) not in {(p.slug, year) for p, year in slots(63 * 3)}


def test_more_reports_than_realistic_province_years_are_refused():
    with pytest.raises(ValueError, match="province-years"):
        slots(63 * 40)


def test_kg_generate_writes_reports_in_the_source_format(tmp_path, capsys):
    assert main(["generate", "--out", str(tmp_path), "--triples", "3000", "--seed", "0"]) == EXIT_OK
    assert "wrote 1 reports" in capsys.readouterr().out
    [folder] = discover_reports(tmp_path / "reports")
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "facts.yaml"]


def test_the_built_reports_hold_about_the_triples_asked_for(generated):
    from kg.build.pipeline import check
    from kg.config import BuildConfig

    checked = check(BuildConfig(data_dir=generated))
    assert checked.result.conforms
    assert 0.8 * 8000 <= checked.triples <= 1.2 * 8000
