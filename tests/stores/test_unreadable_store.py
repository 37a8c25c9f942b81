"""kg.stores.lookups.for_store over a store that cannot be opened: a 503 naming the store, not a 500.

The unreadable store is simulated (pyoxigraph's Store.read_only raising PermissionError), never
made with chmod (root reads anyway).
"""

from __future__ import annotations

import errno

import pyoxigraph as ox
import pytest

from kg.publication.layout import UnreadablePublication
from kg.stores import lookups

BASE = "http://data.example.org/"


class UnreadableStore:
    """Stands in for pyoxigraph.Store: opening any store fails as an unreadable folder would."""

    @staticmethod
    def read_only(path):
        raise PermissionError(errno.EACCES, "Permission denied", path)


def test_a_store_that_cannot_be_opened_is_unreadable_publication_naming_the_store(monkeypatch, tmp_path):
    monkeypatch.setattr(ox, "Store", UnreadableStore)
    with pytest.raises(UnreadablePublication) as caught:
        lookups.for_store(tmp_path / "out" / "versions" / "v9" / "store", BASE)
    exc = caught.value
    assert exc.status == 503 and exc.fields() == {"part": "store", "name": "versions/v9/store", "reason": "permission denied"}
    assert "cannot be read" in exc.message and str(tmp_path) not in exc.message
    assert exc.headers == {"Retry-After": "30", "Cache-Control": "no-store"}


def test_a_store_that_could_not_be_opened_is_not_kept(monkeypatch, tmp_path):
    path = tmp_path / "versions" / "v8" / "store"
    monkeypatch.setattr(ox, "Store", UnreadableStore)
    with pytest.raises(UnreadablePublication):
        lookups.for_store(path, BASE)
    assert str(path) not in lookups._open
