"""The folders shipped with the package: found in the repository (editable install) and declared as package data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.config import BuildConfig
from kg.resources import RESOURCES, resource_dir
from kg.web.settings import ServerConfig

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", RESOURCES)
def test_in_the_repository_each_folder_is_the_top_level_one(name):
    assert resource_dir(name) == (ROOT / name).resolve()
    assert any(resource_dir(name).iterdir())


def test_an_unknown_folder_is_refused():
    with pytest.raises(ValueError, match="no such resource folder"):
        resource_dir("data")


@pytest.mark.parametrize("name", RESOURCES)
def test_every_file_of_each_folder_is_declared_package_data(name):
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["kg.resources"]
    package = ROOT / "kg" / "resources"
    files = [p for p in (package / name).rglob("*") if p.is_file()]
    assert files and all(any(p.relative_to(package).match(pattern) for pattern in patterns) for p in files)


def test_the_build_reads_the_shipped_folders_and_the_working_directorys_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = BuildConfig()
    assert (config.ontology_dir, config.shapes_dir, config.queries_dir) == tuple(resource_dir(n) for n in RESOURCES)
    assert config.data_dir.resolve() == tmp_path / "data"
    assert config.output_dir.resolve() == tmp_path / "publication"
    assert ServerConfig().output_dir.resolve() == tmp_path / "publication"
