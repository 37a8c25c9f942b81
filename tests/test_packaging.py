"""The package as others install it: one version, `python -m kg`, typed, licensed, and its data files declared."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_in_kg_init_and_read_by_the_build_backend():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kg.__version__"}


def test_the_installed_distribution_has_the_package_version():
    assert metadata.version("kg") == kg.__version__


def test_python_dash_m_kg_runs_the_command_line():
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: kg") and "build" in result.stdout and "serve" in result.stdout


def test_the_package_is_marked_typed_and_ships_the_marker():
    assert (ROOT / "kg" / "py.typed").is_file()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["kg"]


def test_the_licence_file_is_the_licence_pyproject_names_and_says_it_covers_the_code_not_the_data():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "MIT" and text.startswith("MIT License")
    assert "does not cover the data" in text


def test_the_changelog_has_an_entry_for_the_package_version_or_unreleased_work():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in text or f"## [{kg.__version__}]" in text
    assert f"## [{kg.__version__}]" in text


def test_dependencies_whose_internals_we_rely_on_have_an_upper_bound():
    groups = [PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"].values()]
    pinned = {"granian", "pyoxigraph", "oxigraph", "flask", "rdflib", "gunicorn", "prometheus_client"}
    for requirement in (r for group in groups for r in group):
        name = requirement.split(">")[0].split("<")[0].split("=")[0].strip().lower()
        if name in pinned:
            assert "<" in requirement, f"{requirement}: no upper bound"
