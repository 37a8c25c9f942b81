"""The build reads dataset.yaml from the data folder: what it says is published, and a bad one publishes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

from kg.build.pipeline import build
from kg.build.version import compute_version
from kg.config import BuildConfig
from kg.iris import Minter
from kg.publication.dataset import DatasetError
from kg.publication.layout import current_dir
from kg.web import create_app

from ..conftest import BASE
from ..shapes.test_real_build import snapshot

TITLE = "Provincial IT reports, as the team now calls them"


def edit(data, change) -> None:
    path = data / "dataset.yaml"
    described = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(described)
    path.write_text(yaml.safe_dump(described, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def retitled(tmp_path_factory):
    """The project's data with a new English title in dataset.yaml, built once."""
    root = tmp_path_factory.mktemp("retitled")
    shutil.copytree(BuildConfig().data_dir, root / "data")
    edit(root / "data", lambda d: d["title"].update(en=TITLE))
    config = BuildConfig(base=BASE, data_dir=root / "data", output_dir=root / "publication")
    return config, build(config)


def test_a_changed_title_in_dataset_yaml_is_the_title_of_the_published_description(retitled):
    _config, outcome = retitled
    void = Graph().parse(outcome.path / "void.ttl", format="turtle")
    assert Literal(TITLE, lang="en") in set(void.objects(Minter(BASE).thing("dataset", "ict-reports"), DCTERMS.title))


def test_a_changed_title_in_dataset_yaml_is_on_the_home_page(retitled):
    config, _outcome = retitled
    html = create_app({"output_dir": config.output_dir}).test_client().get("/?lang=en").get_data(as_text=True)
    assert f"<h1>{TITLE}" in html and f"{TITLE} [Data set]" in html  # the heading, and the citation


def test_dataset_yaml_is_an_input_of_the_version(retitled, tmp_path):
    config, outcome = retitled
    shutil.copytree(config.data_dir, tmp_path / "data")
    copy = BuildConfig(base=BASE, data_dir=tmp_path / "data")
    assert compute_version(copy) == outcome.version
    edit(copy.data_dir, lambda d: d.update(modified="2026-12-05"))
    assert compute_version(copy) != outcome.version


@pytest.mark.parametrize(
    ("change", "field"),
    [(lambda d: d.update(colour="blue"), "colour: unknown field"), (lambda d: d["title"].pop("en"), "title.en: missing (required)")],
    ids=["unknown-field", "missing-english-title"],
)
def test_a_bad_dataset_yaml_fails_the_build_naming_the_field_and_publishes_nothing(retitled, tmp_path, change, field):
    config, outcome = retitled
    data = tmp_path / "data"
    shutil.copytree(config.data_dir, data)
    edit(data, change)
    before = snapshot(config.output_dir)
    with pytest.raises(DatasetError) as raised:
        build(BuildConfig(base=BASE, data_dir=data, output_dir=config.output_dir))
    assert any(p.startswith(field) for p in raised.value.problems)
    assert current_dir(config.output_dir) == outcome.path.resolve()
    assert snapshot(config.output_dir) == before


def test_kg_build_says_which_field_of_dataset_yaml_is_wrong_and_exits_1(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BuildConfig().data_dir, data)
    edit(data, lambda d: d["publisher"].pop("contact"))
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--data", str(data), "--output", str(tmp_path / "out"), "--base", BASE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "dataset.yaml: publisher.contact: missing (required)" in done.stderr and "nothing was published" in done.stderr
    assert not (tmp_path / "out" / "current").exists()
