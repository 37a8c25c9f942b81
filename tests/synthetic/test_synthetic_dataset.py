"""`kg generate` describes the data folder it writes: a dataset.yaml that fits the schema and covers its reports."""

from __future__ import annotations

import yaml

from kg.publication.dataset import check_periods, load_dataset
from kg.synthetic import generate


def periods(out) -> list[str]:
    return [str(yaml.safe_load(p.read_text(encoding="utf-8"))["report"]["period"]) for p in sorted(out.glob("reports/*/facts.yaml"))]


def test_a_generated_data_folder_has_a_dataset_yaml_covering_every_report(tmp_path):
    generate(tmp_path, 110_000, seed=2)  # more reports than the 63 provinces of one year
    described = load_dataset(tmp_path)
    found = periods(tmp_path)
    assert len({p[:4] for p in found}) > 1
    check_periods(described, tmp_path, found)
    assert described.start.isoformat() == min(found) + "-01" and described.end.isoformat() == max(found) + "-31"


def test_the_same_seed_writes_the_same_dataset_yaml(tmp_path):
    generate(tmp_path / "a", 5000, seed=4)
    generate(tmp_path / "b", 5000, seed=4)
    assert (tmp_path / "a" / "dataset.yaml").read_bytes() == (tmp_path / "b" / "dataset.yaml").read_bytes()
