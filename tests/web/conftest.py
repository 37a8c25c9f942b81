"""Fixtures of the web tests: a small publication written by the tests and apps over it, and the real build's pages.

They do not need the real build (tests/conftest.py has that): `sample_output` is a publication of
a few dozen triples (tests/web/publication_fixture.py), `sample_app` an app over it with a low row
limit, shared by the session; `make_app` builds apps with other settings and stops their query
workers afterwards.

The page and dereferencing tests (tests/web/views) read the session's real publication
(`publication_dir`, `version_dir`, `base`) and ask for pages as a browser would (`page`);
`KG_TEST_PUBLICATION=<output folder>` runs them over an existing publication instead of building one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.publication.layout import current_dir, read_manifest
from kg.web import create_app
from kg.web.app_state import store_of
from tests.conftest import TEST_STORE
from tests.web.publication_fixture import write_publication

SAMPLE_MAX_ROWS = 25
BULK_TRIPLES = 40  # with the sample's 18 triples: more than SAMPLE_MAX_ROWS


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory):
    """An output folder with `current` -> a small version (two named graphs plus a bulk graph)."""
    out = tmp_path_factory.mktemp("sample-publication")
    write_publication(out, extra_triples=BULK_TRIPLES)
    return out


def _app(output_dir, store, **settings):
    app = create_app({"output_dir": output_dir, **store, **settings})
    app.config["TESTING"] = True
    return app


@pytest.fixture(scope="session")
def sample_store(sample_output, store_settings):
    """The settings naming the store the sample is served from (KG_TEST_STORE; embedded by default)."""
    return store_settings(TEST_STORE, sample_output)


@pytest.fixture(scope="session")
def sample_app(sample_output, sample_store):
    app = _app(sample_output, sample_store, max_rows=SAMPLE_MAX_ROWS)
    yield app
    store_of(app).close()


@pytest.fixture
def sample_client(sample_app):
    return sample_app.test_client()


@pytest.fixture
def make_app(sample_output, sample_store, store_settings):
    """make_app(output_dir=None, **settings): a fresh app; its query workers stop after the test."""
    apps = []

    def make(output_dir=None, **settings):
        store = store_settings(TEST_STORE, output_dir) if output_dir else sample_store
        app = _app(output_dir or sample_output, store, **settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        store_of(app).close()


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="session")
def publication_dir(request) -> Path:
    """The output folder of the publication under test (built once per session, or KG_TEST_PUBLICATION)."""
    existing = os.environ.get("KG_TEST_PUBLICATION")
    if existing:
        return Path(existing)
    request.getfixturevalue("built")
    return request.getfixturevalue("build_config").output_dir


@pytest.fixture(scope="session")
def version_dir(publication_dir) -> Path:
    return current_dir(publication_dir)


@pytest.fixture(scope="session")
def base(version_dir) -> str:
    """The base IRI the publication was minted under."""
    return read_manifest(version_dir).base


@pytest.fixture
def page(client):
    """GET a path as a browser would (`lang` optional); returns the response, asserting nothing."""

    def get(path: str, lang: str | None = None, **headers):
        if lang:
            path += ("&" if "?" in path else "?") + f"lang={lang}"
        return client.get(path, headers={"Accept": BROWSER, **headers})

    return get
