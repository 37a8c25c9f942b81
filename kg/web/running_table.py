"""Queries running now, per client, in memory every HTTP process forked after it shares.

One row per running query: the client (the 16-byte digest kg.web.charge_table uses) and the pid of
the HTTP process running it. A client may hold `limit` rows at once; a row whose process has died
(its query can no longer be running) is taken back when a client reaches its limit, so a crash
never locks a client out. Rows are found with the mapping's own `find` (C speed), not a Python loop.
Writers exclude each other as the charge table's do: a thread lock, then a POSIX record lock.
"""

from __future__ import annotations

import mmap
import os
import struct
import tempfile
import threading
import weakref

from kg.web.charge_table import _digest, _Locked  # a free row's all-zero digest is never a client's

_ROW = struct.Struct("<16si4x")  # client digest, pid of the HTTP process running the query
_FREE = bytes(_ROW.size)


class RunningTable:
    """client -> the queries it runs now, across the HTTP processes forked after the table is made."""

    def __init__(self, rows: int = 4096):
        self.rows = rows
        self._memory = mmap.mmap(-1, rows * _ROW.size)  # MAP_SHARED | MAP_ANONYMOUS: shared across fork
        self._lock_file = tempfile.TemporaryFile()
        self._thread_lock = threading.Lock()
        this = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: this() and this()._after_fork())

    def _after_fork(self) -> None:
        self._thread_lock = threading.Lock()

    def enter(self, client: str, limit: int) -> int | None:
        """Take a row for one more query of `client` if it runs fewer than `limit`: the row, else None.

        None too when every row is taken (the table holds `rows` queries server-wide).
        """
        key = _digest(client)
        with _Locked(self._thread_lock, self._lock_file.fileno()):
            held = self._rows_of(key)
            if len(held) >= limit:
                for row in held:
                    if not _alive(_ROW.unpack_from(self._memory, row * _ROW.size)[1]):
                        self._clear(row)
                held = self._rows_of(key)
                if len(held) >= limit:
                    return None
            row = self._free_row()
            if row is not None:
                _ROW.pack_into(self._memory, row * _ROW.size, key, os.getpid())
            return row

    def leave(self, row: int) -> None:
        """Give back a row `enter` gave."""
        with _Locked(self._thread_lock, self._lock_file.fileno()):
            self._clear(row)

    def running(self, client: str) -> int:
        """How many queries `client` runs now."""
        with _Locked(self._thread_lock, self._lock_file.fileno()):
            return len(self._rows_of(_digest(client)))

    def _rows_of(self, key: bytes) -> list[int]:
        rows, start = [], 0
        while (found := self._memory.find(key, start)) >= 0:
            if found % _ROW.size == 0:
                rows.append(found // _ROW.size)
            start = found + 1
        return rows

    def _free_row(self) -> int | None:
        start = 0
        while (found := self._memory.find(_FREE, start)) >= 0:
            if found % _ROW.size == 0:
                return found // _ROW.size
            start = found + 1
        return None

    def _clear(self, row: int) -> None:
        self._memory[row * _ROW.size : (row + 1) * _ROW.size] = _FREE


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid > 0
