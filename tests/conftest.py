"""Shared fixtures: one real build of the project's data per test session, and apps over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildOutcome, build
from kg.config import BuildConfig

BASE = "http://127.0.0.1:8080/"


@pytest.fixture(scope="session")
def build_config(tmp_path_factory) -> BuildConfig:
    """The project's own inputs, published into a folder of the test session."""
    return BuildConfig(base=BASE, output_dir=tmp_path_factory.mktemp("publication"))


@pytest.fixture(scope="session")
def built(build_config) -> BuildOutcome:
    """The real build of the project's data (facts, ontology, shapes, queries), done once."""
    return build(build_config)


@pytest.fixture(scope="session")
def publication_dir(built, build_config) -> Path:
    """The output folder holding `current` -> the built version."""
    return build_config.output_dir


@pytest.fixture(scope="session")
def store(built):
    """The built query store, opened read-only."""
    import pyoxigraph

    return pyoxigraph.Store.read_only(str(built.path / "store"))


@pytest.fixture
def app(publication_dir):
    """A fresh app over the session's publication."""
    from kg.web import create_app

    app = create_app({"output_dir": publication_dir})
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()
