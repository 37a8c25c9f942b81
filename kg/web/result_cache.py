"""Answers kept for the version they were computed on: a publication never changes.

SPARQL answers (kg.web.views.sparql) and resource pages (kg.web.views.resources) share one cache. A key holds
the version id and everything that shapes the answer (for a query: its text, the dataset, the
formats, the row limit and its mode; for a page: its path, form, language and page number), so a
new version or another question never meets an old answer.
Only successful answers are kept, each at most `max_entry_bytes`, all together at most `max_bytes`
(least recently used out first). A query that calls a function whose value changes from one run
to the next (NOW, RAND, UUID, STRUUID, BNODE) is never kept. Thread-safe; one cache per HTTP process.
Every lookup counts as a hit or a miss (kg.web.metrics).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from kg.stores.guard import code_only
from kg.web.metrics import CACHE_HIT, CACHE_MISS

_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.I)


def is_repeatable(query: str) -> bool:
    """Whether running the query twice on one version gives the same answer (no volatile function in it)."""
    return _VOLATILE.search(code_only(query)) is None


class ResultCache:
    """A byte-bounded LRU map from a query's key to its answer."""

    def __init__(self, max_bytes: int, max_entry_bytes: int):
        self.max_bytes, self.max_entry_bytes = max_bytes, max_entry_bytes
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._sizes: dict[tuple, int] = {}
        self._total = 0
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def keeps_answers_of(self, store) -> bool:
        """Whether answers from `store` may be kept: the cache is on and the store changes only with the version.

        A remote store's data can change while the local version stays the same (kg.stores.base).
        """
        return self.enabled and store.versioned_answers

    def get(self, key: tuple):
        """The answer kept under `key`, or None."""
        if not self.enabled:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
        (CACHE_MISS if found is None else CACHE_HIT).inc()
        return found

    def put(self, key: tuple, answer, size: int) -> None:
        """Keep an answer of `size` bytes, unless it is too big for one entry."""
        if not self.enabled or size > min(self.max_entry_bytes, self.max_bytes):
            return
        with self._lock:
            if key in self._entries:
                self._total -= self._sizes[key]
            self._entries[key], self._sizes[key] = answer, size
            self._entries.move_to_end(key)
            self._total += size
            while self._total > self.max_bytes:
                old, _ = self._entries.popitem(last=False)
                self._total -= self._sizes.pop(old)

    def __len__(self) -> int:
        return len(self._entries)
