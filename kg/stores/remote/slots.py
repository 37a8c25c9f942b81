"""Admission for queries sent to a remote store: as many at once as there would be query workers.

The same promise as the embedded store's worker pool (kg.stores.embedded.pool): at most `size` queries
run at once, at most `queue_size` wait for a place, each at most `wait_s`; past either, PoolBusy
(503 with Retry-After), at once when the queue is full. A caller that is not `queued` (the health
check) takes a free place or none.
"""

from __future__ import annotations

import math
import threading
from contextlib import contextmanager

from kg.stores.base import PoolBusy


class Slots:
    """A counting semaphore with a bounded, timed wait."""

    def __init__(self, size: int, queue_size: int, wait_s: float, retry_after_s: float):
        self.size, self.queue_size, self.wait_s = size, queue_size, wait_s
        self.retry_after = str(max(1, math.ceil(retry_after_s)))
        self._free = size
        self._waiting = 0
        self._cond = threading.Condition()

    @contextmanager
    def held(self, wait_s: float | None = None, queued: bool = True):
        """Hold one place for the duration of the block (PoolBusy when none comes)."""
        self._acquire(self.wait_s if wait_s is None else wait_s, queued)
        try:
            yield
        finally:
            with self._cond:
                self._free += 1
                self._cond.notify()

    def _acquire(self, wait_s: float, queued: bool) -> None:
        with self._cond:
            if self._free > 0:
                self._free -= 1
                return
            if not queued or self._waiting >= self.queue_size:
                raise self._busy(
                    f"All {self.size} query places are taken and {self._waiting} queries are waiting "
                    "(settings workers, queue_size); try again in a few seconds."
                )
            self._waiting += 1
            try:
                if not self._cond.wait_for(lambda: self._free > 0, timeout=wait_s):
                    raise self._busy(
                        f"All {self.size} query places stayed taken for {wait_s:g} s (setting queue_timeout_s); try again in a few seconds."
                    )
                self._free -= 1
            finally:
                self._waiting -= 1

    def _busy(self, message: str) -> PoolBusy:
        return PoolBusy(message, headers={"Retry-After": self.retry_after})
