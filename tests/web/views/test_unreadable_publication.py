"""A publication the server cannot read is a 503 that names the part, on every route, /health included.

The unreadable part is simulated (tests/publication/denied.py: PermissionError from one call for
one path), never made with chmod. Every answer is checked for its status, Retry-After, no-store,
the words that name the part, and the absence of any absolute path.
"""

from __future__ import annotations

import builtins
import logging
import os
import pathlib

import pytest

from tests.publication.denied import deny
from tests.web.publication_fixture import write_publication

JSON = {"Accept": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def output(tmp_path):
    """An output folder of its own, with `current` -> versions/v1."""
    write_publication(tmp_path)
    return tmp_path


def unavailable(response, output) -> str:
    """The body of a 503 that every unreadable case must give: Retry-After, no-store, no absolute path."""
    body = response.get_data(as_text=True)
    assert response.status_code == 503, body
    assert response.headers["Retry-After"] == "30" and "no-store" in response.headers["Cache-Control"]
    assert str(output) not in body
    return body


def test_health_names_an_unreadable_output_folder(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    deny(monkeypatch, os, "stat", output)
    response = client.get("/health")
    unavailable(response, output)
    assert response.get_json() == {
        "status": "unavailable",
        "message": response.get_json()["message"],
        "unreadable": {"part": "output folder", "name": ".", "reason": "permission denied"},
    }


@pytest.mark.parametrize("route", ["/", "/downloads", "/download/kg.nt", "/.well-known/void", "/id/dataset/kg"])
def test_every_route_is_503_naming_an_unreadable_output_folder(make_app, monkeypatch, output, route):
    client = make_app(output).test_client()
    deny(monkeypatch, os, "stat", output)
    response = client.get(route, headers=JSON)
    unavailable(response, output)
    body = response.get_json()
    assert "cannot be read" in body["message"] and "output folder" in body["message"]
    assert body["unreadable"] == {"part": "output folder", "name": ".", "reason": "permission denied"}


def test_a_browser_gets_a_page_naming_an_unreadable_current_link(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    deny(monkeypatch, os, "readlink", output / "current")
    body = unavailable(client.get("/downloads", headers=BROWSER), output)
    assert "cannot be read" in body and "current link" in body and "permission denied" in body


def test_health_names_an_unreadable_current_link(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    deny(monkeypatch, os, "readlink", output / "current")
    response = client.get("/health")
    unavailable(response, output)
    assert response.get_json()["unreadable"] == {"part": "current link", "name": "current", "reason": "permission denied"}


def test_health_names_a_version_folder_that_became_unreadable(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    assert client.get("/health").status_code == 200  # the version is read, and kept
    deny(monkeypatch, os, "scandir", output / "versions" / "v1")
    response = client.get("/health")
    unavailable(response, output)
    assert response.get_json()["unreadable"] == {"part": "version folder", "name": "versions/v1", "reason": "permission denied"}


def test_health_names_a_manifest_that_became_unreadable(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    assert client.get("/health").status_code == 200
    deny(monkeypatch, builtins, "open", output / "versions" / "v1" / "manifest.json")
    response = client.get("/health")
    unavailable(response, output)
    assert response.get_json()["unreadable"] == {"part": "manifest", "name": "versions/v1/manifest.json", "reason": "permission denied"}


def test_health_names_a_store_folder_that_became_unreadable(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    assert client.get("/health").status_code == 200
    deny(monkeypatch, os, "scandir", output / "versions" / "v1" / "store")
    response = client.get("/health")
    unavailable(response, output)
    assert response.get_json()["status"] == "unavailable"
    assert response.get_json()["unreadable"] == {"part": "store", "name": "versions/v1/store", "reason": "permission denied"}


def test_a_manifest_that_cannot_be_read_is_503_on_pages(make_app, monkeypatch, output):
    deny(monkeypatch, pathlib.Path, "read_text", output / "versions" / "v1" / "manifest.json")
    response = make_app(output).test_client().get("/downloads", headers=JSON)
    unavailable(response, output)
    assert response.get_json()["unreadable"] == {"part": "manifest", "name": "versions/v1/manifest.json", "reason": "permission denied"}


def test_a_download_that_cannot_be_opened_is_503_naming_the_file(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    deny(monkeypatch, builtins, "open", output / "versions" / "v1" / "kg.nt")
    response = client.get("/download/kg.nt", headers={**JSON, "Accept-Encoding": "identity"})
    unavailable(response, output)
    body = response.get_json()
    assert "cannot be read" in body["message"] and "versions/v1/kg.nt" in body["message"]
    assert body["unreadable"] == {"part": "file", "name": "versions/v1/kg.nt", "reason": "permission denied"}


def test_a_download_that_cannot_be_stat_ed_is_503_naming_the_file(make_app, monkeypatch, output):
    client = make_app(output).test_client()
    deny(monkeypatch, os, "stat", output / "versions" / "v1" / "kg.nt.gz")
    response = client.get("/download/kg.nt", headers={**JSON, "Accept-Encoding": "gzip"})
    unavailable(response, output)
    assert response.get_json()["unreadable"] == {"part": "file", "name": "versions/v1/kg.nt.gz", "reason": "permission denied"}


def test_the_absolute_path_of_an_unreadable_part_goes_to_the_log(make_app, monkeypatch, output, caplog):
    client = make_app(output).test_client()
    deny(monkeypatch, os, "readlink", output / "current")
    with caplog.at_level(logging.ERROR):
        response = client.get("/downloads", headers=JSON)
    unavailable(response, output)
    assert str(output / "current") in caplog.text and "permission denied" in caplog.text
