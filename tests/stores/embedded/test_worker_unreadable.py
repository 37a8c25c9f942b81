"""The query worker over a store that cannot be read: a 503 that says so, with no path; the path goes to stderr.

The unreadable store is simulated (pyoxigraph's Store.read_only raising PermissionError), never
made with chmod (root reads anyway). A store that is not there at all stays the engine's generic
failure (tests/hardening/test_web_hygiene.py).
"""

from __future__ import annotations

import errno

import pyoxigraph as ox

from kg.stores.embedded.worker import Worker


class UnreadableStore:
    """Stands in for pyoxigraph.Store: opening any store fails as an unreadable folder would."""

    @staticmethod
    def read_only(path):
        raise PermissionError(errno.EACCES, "Permission denied", path)


def ask(store_path) -> dict:
    header, _ = Worker().handle(
        {"query": "ASK {}", "store": str(store_path), "base": None, "max_rows": 10, "formats": {"results": "application/sparql-results+json"}}
    )
    return header


def test_a_store_that_cannot_be_read_is_503_saying_so(monkeypatch, tmp_path):
    monkeypatch.setattr(ox, "Store", UnreadableStore)
    header = ask(tmp_path / "versions" / "v1" / "store")
    assert header["ok"] is False and header["status"] == 503 and header["reason"] == "unreadable"
    assert "store of this version cannot be read" in header["message"] and "permission denied" in header["message"]
    assert "try again" in header["message"] and str(tmp_path) not in header["message"]


def test_the_path_of_a_store_that_cannot_be_read_goes_to_stderr(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(ox, "Store", UnreadableStore)
    header = ask(tmp_path / "secret-folder" / "store")
    assert header["status"] == 503 and "secret-folder" not in header["message"]
    assert "secret-folder" in capsys.readouterr().err
