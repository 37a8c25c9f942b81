"""Fixtures of the page and dereferencing tests: the session's publication, and helpers to ask for a page.

`KG_TEST_PUBLICATION=<output folder>` runs these tests over an existing publication instead of
building one (handy while the data is being edited).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.publication import current_dir, read_manifest

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
