"""The version id counts the code that makes a publication, and only that code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.build.version import PUBLICATION_CODE, code_files
from kg.config import BuildConfig
from tests.conftest import BASE

REAL = BuildConfig()


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the kg package in a folder of its own (its parent goes first on the import path)."""
    shutil.copytree(Path(kg.__file__).parent, tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def version_of(root: Path) -> str:
    """compute_version over the real inputs, by the kg package under `root`."""
    dirs = {name: str(getattr(REAL, name).resolve()) for name in ("data_dir", "ontology_dir", "shapes_dir", "queries_dir")}
    code = (
        "import json, sys\nfrom pathlib import Path\nfrom kg.config import BuildConfig\nfrom kg.build.version import compute_version\n"
        f"dirs = json.loads({json.dumps(json.dumps(dirs))})\n"
        f"print(compute_version(BuildConfig(base={BASE!r}, **{{k: Path(v) for k, v in dirs.items()}})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_code_counted_is_the_listed_packages_and_modules():
    package = Path(kg.__file__).parent
    counted = {str(p.relative_to(package)) for p in code_files()}
    assert {"build/pipeline.py", "publication/writer.py", "iris.py", "namespaces.py", "config.py"} <= counted
    assert all(p.split("/")[0] in PUBLICATION_CODE or p in PUBLICATION_CODE for p in counted)
    assert not any(p.startswith(("cli/", "web/", "stores/", "synthetic/")) for p in counted)


def test_a_new_help_text_of_the_cli_is_not_a_new_version(package_copy):
    before = version_of(package_copy)
    cli = package_copy / "kg/cli/__init__.py"
    cli.write_text(
        cli.read_text(encoding="utf-8").replace("build, validate and publish the knowledge graph", "build, check and publish the knowledge graph"),
        encoding="utf-8",
    )
    append(package_copy / "kg/web/server.py", "\n# a change to the server\n")
    assert version_of(package_copy) == before


def test_a_change_to_a_build_module_is_a_new_version(package_copy):
    before = version_of(package_copy)
    append(package_copy / "kg/build/graph.py", "\n# a change to the graph builder\n")
    assert version_of(package_copy) != before


def test_a_change_to_the_publication_writer_is_a_new_version(package_copy):
    before = version_of(package_copy)
    append(package_copy / "kg/publication/writer.py", "\n# a change to the writer\n")
    assert version_of(package_copy) != before


def test_a_new_build_module_is_counted(package_copy):
    before = version_of(package_copy)
    (package_copy / "kg/build/new_stage.py").write_text('"""A stage added later."""\n', encoding="utf-8")
    assert version_of(package_copy) != before


def test_the_same_inputs_in_other_folders_give_the_same_version(tmp_path):
    """An installed package and a checkout name their inputs alike: the version does not hang on paths."""
    from kg.build.version import compute_version

    folders = ("data_dir", "ontology_dir", "shapes_dir", "queries_dir")
    for name in folders:
        shutil.copytree(getattr(REAL, name), tmp_path / name)
    moved = BuildConfig(base=BASE, **{name: tmp_path / name for name in folders})
    here = compute_version(BuildConfig(base=BASE))
    assert compute_version(moved) == here
    append(next(iter(sorted((tmp_path / "queries_dir").glob("*.rq")))), "\n")
    assert compute_version(moved) != here
