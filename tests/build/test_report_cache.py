"""A rebuild reuses the reports that did not change and publishes the same bytes as a build from scratch."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from kg.build.pipeline import NotConforming, build, report_cache
from kg.build.report_cache import CACHE_DIR
from kg.config import BuildConfig
from tests.conftest import BASE
from tests.shapes.test_real_build import set_a_percentage

from .test_build import snapshot
from .test_many_reports import mixed_data

REPORTS = 3


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return mixed_data(tmp_path_factory.mktemp("cached") / "data")


@pytest.fixture(scope="module")
def from_scratch(data, tmp_path_factory) -> dict[str, bytes]:
    """The publication of `data` built with no cache to read."""
    out = tmp_path_factory.mktemp("scratch") / "out"
    outcome = build(BuildConfig(base=BASE, data_dir=data, output_dir=out, workers=2, reuse_reports=False))
    assert outcome.reports_reused == 0
    return snapshot(outcome.path)


@pytest.fixture
def config(data, tmp_path) -> BuildConfig:
    """A copy of `data` and an output folder already built from it once."""
    copied = tmp_path / "data"
    shutil.copytree(data, copied)
    config = BuildConfig(base=BASE, data_dir=copied, output_dir=tmp_path / "out", workers=2)
    assert build(config).reports_reused == 0
    return config


def entries(config: BuildConfig) -> list[Path]:
    return sorted((config.output_dir / CACHE_DIR).glob("*.json"))


def change_report(config: BuildConfig, index: int = 0) -> Path:
    """Append a YAML comment to one report's facts: the same graph, a different input."""
    folder = sorted(config.reports_dir.iterdir())[index]
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# checked again\n", encoding="utf-8")
    return folder


def test_a_rebuild_of_unchanged_inputs_reuses_every_report_and_publishes_the_same_bytes(config, from_scratch):
    outcome = build(config)
    assert outcome.reports_reused == REPORTS
    assert snapshot(outcome.path) == from_scratch


def test_a_changed_report_is_built_again_and_the_others_are_reused(config):
    change_report(config)
    assert build(config).reports_reused == REPORTS - 1
    assert len(entries(config)) == REPORTS  # the changed report's old entry is gone, its new one kept


def test_a_change_to_the_shapes_builds_every_report_again(config, tmp_path):
    shapes = tmp_path / "shapes"
    shutil.copytree(config.shapes_dir, shapes)
    (shapes / "kg-shapes.ttl").write_text((shapes / "kg-shapes.ttl").read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert build(replace(config, shapes_dir=shapes)).reports_reused == 0


def test_a_change_of_base_iri_builds_every_report_again(config):
    assert build(replace(config, base="http://example.org/kg/")).reports_reused == 0


def test_an_entry_that_does_not_read_back_whole_is_built_again(config, from_scratch):
    damaged = entries(config)[0]
    entry = json.loads(damaged.read_text(encoding="utf-8"))
    entry["nquads"] = entry["nquads"].replace("> .\n", "> .\n\n", 1)  # still JSON, no longer what was kept
    damaged.write_text(json.dumps(entry), encoding="utf-8")
    (entries(config)[1]).write_text('{"format": 1, "id": ', encoding="utf-8")  # cut short
    outcome = build(config)
    assert outcome.reports_reused == REPORTS - 2
    assert snapshot(outcome.path) == from_scratch


def test_the_entry_of_a_report_no_longer_there_is_removed(config):
    shutil.rmtree(sorted(config.reports_dir.iterdir())[0])
    outcome = build(config)
    assert outcome.reports_reused == REPORTS - 1
    assert len(entries(config)) == REPORTS - 1


def test_without_reuse_every_report_is_built_again_and_kept_for_the_next_build(config):
    before = {p.name: p.stat().st_mtime_ns for p in entries(config)}
    assert build(replace(config, reuse_reports=False)).reports_reused == 0
    after = {p.name: p.stat().st_mtime_ns for p in entries(config)}
    assert after.keys() == before.keys()
    assert all(after[name] > before[name] for name in before)  # written again


def test_a_refused_build_keeps_the_reports_that_conformed_and_the_fixed_rebuild_redoes_one(config):
    fine = change_report(config, 1)
    set_a_percentage(config.data_dir, 150)
    with pytest.raises(NotConforming):
        build(config)
    assert report_cache(config).get(report_cache(config).key(fine)) is not None  # kept though nothing was published
    set_a_percentage(config.data_dir, 15)
    assert build(config).reports_reused == REPORTS - 1  # the fixed report was built again; the changed one was kept


def test_a_report_that_does_not_conform_is_not_kept(config):
    cache = report_cache(config)
    kept = cache.get(cache.key(sorted(config.reports_dir.iterdir())[0]))
    assert kept is not None and kept.conforms
    cache.put("refused", replace(kept, conforms=False, report_ntriples=b"_:r <http://www.w3.org/ns/shacl#conforms> false .\n"))
    assert cache.get("refused") is None
    assert not (config.output_dir / CACHE_DIR / "refused.json").exists()
