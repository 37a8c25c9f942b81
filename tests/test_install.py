"""The package as others install it: a wheel (not editable) in a fresh venv builds and serves a dataset from anywhere.

The wheel is built from a copy of the repository, installed with pip's normal resolver (PyPI, through
pip's cache), and run from an empty working directory with no path back to the repository: it builds
a copy of data/ whose dataset.yaml has a new title, serves it, and the new title is what the VoID and
the home page say.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

import kg
from kg.resources import RESOURCES
from tests.processes import stop_process

ROOT = Path(__file__).resolve().parents[1]
#: Not sources: at the top of the repository (kg/build is the build's package, /build setuptools' folder), and anywhere.
NOT_SOURCES_AT_TOP = {".venv", ".git", "publication", "test-artifacts", "build", "dist", "mutants", ".pytest_cache"}
NOT_SOURCES = ("__pycache__", ".egg-info")
TITLE = {"vi": "Dữ liệu thử của gói đã cài đặt", "en": "The installed package's test dataset"}

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def run(*command, cwd: Path, env: dict | None = None, timeout: float = 600) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def not_sources(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == ROOT
    return {n for n in names if (top and n in NOT_SOURCES_AT_TOP) or n.endswith(NOT_SOURCES)}


def clean_env(venv: Path) -> dict:
    """The environment of a user of the installed venv: no KG_* settings, no path back to the repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "PYTHON", "VIRTUAL_ENV")) and k != "PORT"}
    return {**env, "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict]:
    """(venv, wheel, env): the wheel built from a copy of the repository, installed into a fresh venv."""
    top = tmp_path_factory.mktemp("install")
    source = top / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=not_sources)  # kg/resources links to the top-level folders
    venv = top / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=top)
    env = clean_env(venv)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", top / "wheels", source, cwd=top, env=env)
    (wheel,) = (top / "wheels").glob("kg-*.whl")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=top, env=env)
    shutil.rmtree(source)  # nothing may read the copy any more
    return venv, wheel, env


def test_the_wheel_holds_the_marker_the_licence_the_resources_the_templates_and_every_data_file(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/py.typed" in names
    assert f"kg-{kg.__version__}.dist-info/licenses/LICENSE" in names
    for name in RESOURCES:
        files = [p for p in (ROOT / name).rglob("*") if p.is_file()]
        assert files and {f"kg/resources/{p.relative_to(ROOT).as_posix()}" for p in files} <= names
    package = ROOT / "kg"
    shipped = {
        p.relative_to(ROOT).as_posix() for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.parent.name not in RESOURCES
    }
    assert shipped - names == set()  # every module, template, stylesheet, schema of kg/
    assert {"kg/web/templates/home.html", "kg/web/templates/base.html"} <= names


def test_python_dash_m_kg_gives_the_version_and_imports_the_installed_package(installed, tmp_path):
    venv, _, env = installed
    python = venv / "bin" / "python"
    assert run(python, "-m", "kg", "--version", cwd=tmp_path, env=env).strip() == f"kg {kg.__version__}"
    where = Path(run(python, "-c", "import kg; print(kg.__file__)", cwd=tmp_path, env=env).strip())
    assert where.is_relative_to(venv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, accept: str) -> str:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode("utf-8")


def serve(venv: Path, output: Path, cwd: Path, env: dict) -> tuple[str, subprocess.Popen]:
    """The installed `kg serve` over `output` on a free loopback port, once /health answers 200."""
    port = free_port()
    env = {**env, "KG_WORKERS": "1", "KG_HTTP_PROCESSES": "1"}
    log = cwd / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(venv / "bin" / "kg"), "serve", "--host", "127.0.0.1", "--port", str(port), "--output", str(output)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    while True:
        try:
            get(url + "/health", "application/json")
            return url, process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_process(process)
            raise AssertionError(log.read_text(errors="replace")[-3000:])
        time.sleep(0.2)


def test_the_installed_kg_builds_a_copy_of_the_data_from_anywhere_and_serves_its_new_title(installed, tmp_path):
    venv, _, env = installed
    data, output, elsewhere = tmp_path / "data", tmp_path / "out", tmp_path / "elsewhere"
    shutil.copytree(ROOT / "data", data)
    elsewhere.mkdir()
    described = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert described["title"] != TITLE
    described["title"] = dict(TITLE)
    (data / "dataset.yaml").write_text(yaml.safe_dump(described, allow_unicode=True, sort_keys=False), encoding="utf-8")

    run(venv / "bin" / "kg", "build", "--data", data, "--output", output, cwd=elsewhere, env=env)
    assert (output / "current" / "void.ttl").is_file()
    assert sorted(p.name for p in elsewhere.iterdir()) == []  # nothing written to the working directory

    url, process = serve(venv, output, elsewhere, env)
    try:
        void = Graph().parse(data=get(url + "/.well-known/void", "text/turtle"), format="turtle")
        home = {lang: get(f"{url}/?lang={lang}", "text/html") for lang in TITLE}
    finally:
        assert stop_process(process) == 0
    titles = set(void.objects(None, DCTERMS.title))
    assert {Literal(text, lang=lang) for lang, text in TITLE.items()} <= titles
    for lang, text in TITLE.items():
        assert f"<h1>{text}" in home[lang].replace("&#39;", "'")
