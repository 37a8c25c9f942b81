"""A publication that is there but cannot be read is UnreadablePublication: a 503 naming the part, never a path.

Each case makes one call fail with PermissionError (tests/publication/denied.py), as an unreadable
folder or file would; a part that is missing stays NoPublication.
"""

from __future__ import annotations

import builtins
import os
import pathlib

import pytest

from kg.errors import ServiceUnavailable
from kg.publication.layout import Manifest, NoPublication, UnreadablePublication, current_dir, probe
from kg.publication.live import LivePublication
from tests.publication.denied import deny


@pytest.fixture
def output(tmp_path):
    """An output folder with `current` -> versions/v1, holding a manifest and a store folder."""
    folder = tmp_path / "versions" / "v1"
    (folder / "store").mkdir(parents=True)
    manifest = Manifest(
        version="v1", base="http://data.example.org/", triples=0, graphs={}, files=(), dataset="http://data.example.org/id/dataset/kg"
    )
    (folder / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    os.symlink("versions/v1", tmp_path / "current")
    return tmp_path


def unreadable(call, output) -> UnreadablePublication:
    """The UnreadablePublication `call()` raises, checked for what every one must say and not say."""
    with pytest.raises(UnreadablePublication) as caught:
        call()
    exc = caught.value
    assert exc.status == 503 and "cannot be read" in exc.message and "permission denied" in exc.message
    assert str(output) not in exc.message and exc.name in exc.message
    assert exc.headers == {"Retry-After": "30", "Cache-Control": "no-store"}
    return exc


def test_unreadable_publication_is_both_a_service_unavailable_and_a_no_publication():
    exc = UnreadablePublication("manifest", "versions/v1/manifest.json", "permission denied", "/abs/versions/v1/manifest.json")
    assert isinstance(exc, ServiceUnavailable) and isinstance(exc, NoPublication) and exc.status == 503
    assert exc.fields() == {"part": "manifest", "name": "versions/v1/manifest.json", "reason": "permission denied"}
    assert "/abs" not in exc.message and exc.headers["Retry-After"] == "30"


def test_an_unreadable_output_folder_is_named_as_the_output_folder(monkeypatch, output):
    deny(monkeypatch, os, "stat", output)
    exc = unreadable(lambda: current_dir(output), output)
    assert exc.fields() == {"part": "output folder", "name": ".", "reason": "permission denied"}
    assert exc.path == output


def test_an_unreadable_current_link_is_named_as_the_link(monkeypatch, output):
    deny(monkeypatch, os, "readlink", output / "current")
    exc = unreadable(lambda: current_dir(output), output)
    assert exc.fields() == {"part": "current link", "name": "current", "reason": "permission denied"}


def test_an_unreadable_version_folder_is_named_relative_to_the_output_folder(monkeypatch, output):
    deny(monkeypatch, os, "stat", output / "versions" / "v1")
    exc = unreadable(lambda: current_dir(output), output)
    assert exc.fields() == {"part": "version folder", "name": "versions/v1", "reason": "permission denied"}


def test_an_unreadable_manifest_is_named_relative_to_the_output_folder(monkeypatch, output):
    deny(monkeypatch, os, "stat", output / "versions" / "v1" / "manifest.json")
    exc = unreadable(lambda: current_dir(output), output)
    assert exc.fields() == {"part": "manifest", "name": "versions/v1/manifest.json", "reason": "permission denied"}


def test_a_missing_output_folder_is_still_no_publication(tmp_path):
    with pytest.raises(NoPublication) as caught:
        current_dir(tmp_path / "never-built")
    assert not isinstance(caught.value, UnreadablePublication)


def test_a_missing_manifest_is_still_no_publication(output):
    (output / "versions" / "v1" / "manifest.json").unlink()
    with pytest.raises(NoPublication) as caught:
        current_dir(output)
    assert not isinstance(caught.value, UnreadablePublication)


def test_the_live_publication_reports_a_manifest_it_cannot_read(monkeypatch, output):
    deny(monkeypatch, pathlib.Path, "read_text", output / "versions" / "v1" / "manifest.json")
    exc = unreadable(LivePublication(output).current, output)
    assert exc.fields() == {"part": "manifest", "name": "versions/v1/manifest.json", "reason": "permission denied"}


def test_the_live_publication_reports_an_output_folder_it_cannot_read(monkeypatch, output):
    deny(monkeypatch, os, "stat", output)
    exc = unreadable(LivePublication(output).current, output)
    assert exc.part == "output folder"


def test_probe_passes_a_readable_version(output):
    assert probe(output / "versions" / "v1", output) is None


def test_probe_names_a_version_folder_it_cannot_list(monkeypatch, output):
    deny(monkeypatch, os, "scandir", output / "versions" / "v1")
    exc = unreadable(lambda: probe(output / "versions" / "v1", output), output)
    assert exc.fields() == {"part": "version folder", "name": "versions/v1", "reason": "permission denied"}


def test_probe_names_a_manifest_it_cannot_open(monkeypatch, output):
    deny(monkeypatch, builtins, "open", output / "versions" / "v1" / "manifest.json")
    exc = unreadable(lambda: probe(output / "versions" / "v1", output), output)
    assert exc.fields() == {"part": "manifest", "name": "versions/v1/manifest.json", "reason": "permission denied"}


def test_probe_names_a_store_folder_it_cannot_list(monkeypatch, output):
    deny(monkeypatch, os, "scandir", output / "versions" / "v1" / "store")
    exc = unreadable(lambda: probe(output / "versions" / "v1", output), output)
    assert exc.fields() == {"part": "store", "name": "versions/v1/store", "reason": "permission denied"}


def test_without_the_output_folder_a_name_is_shown_from_versions_on():
    exc = UnreadablePublication.of("store", "/srv/kg/out/versions/v1/store", PermissionError(13, "Permission denied"))
    assert exc.name == "versions/v1/store" and "/srv" not in exc.message
