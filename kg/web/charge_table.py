"""Recent query-time charges per client, in memory that every HTTP process forked after it shares.

The server runs several HTTP processes (granian workers forked from one main process); a client's
connections land on any of them, so its budget (kg.web.admission) must be counted in one place.
The table is an anonymous shared mapping made in the master before the fork: a fixed number of
slots, each a client (a 16-byte digest of its address) and its last `ENTRIES` charges (when,
seconds). A lookup probes a few slots from the digest's home slot; a slot whose charges have all
left the window is free again. Past `ENTRIES` charges in the window, the two oldest are merged into
one at the later time: the client's total stays exact and a charge leaves the window late, never
early. When every probed slot holds a client still in its window, the least recently charged of
them is forgotten.

Writers exclude each other with a thread lock (within a process) and a POSIX record lock on a
temporary file (between processes: released by the kernel if its holder dies).
"""

from __future__ import annotations

import fcntl
import hashlib
import mmap
import os
import struct
import tempfile
import threading
import weakref

ENTRIES = 32  # charges kept per client before the oldest are merged
PROBES = 32  # slots looked at from a client's home slot
_HEAD = struct.Struct("<16sI4x")  # client digest, charges in use
_ENTRY = struct.Struct("<dd")  # when (the clock's seconds), seconds charged
_ENTRIES = [struct.Struct(f"<{2 * n}d") for n in range(ENTRIES + 1)]  # n entries at once
_EMPTY_KEY = bytes(16)


class ChargeTable:
    """A client -> recent charges table shared by the processes forked after it is made."""

    def __init__(self, slots: int = 16_384):
        self.slots = slots
        self.slot_size = _HEAD.size + ENTRIES * _ENTRY.size
        self._memory = mmap.mmap(-1, slots * self.slot_size)  # MAP_SHARED | MAP_ANONYMOUS: shared across fork
        self._lock_file = tempfile.TemporaryFile()
        self._thread_lock = threading.Lock()
        this = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: this() and this()._after_fork())

    def _after_fork(self) -> None:
        self._thread_lock = threading.Lock()  # another thread may have held it at the fork

    def charges(self, client: str, now: float, window_s: float) -> list[tuple[float, float]]:
        """The client's charges still in the window (when > now - window_s), oldest first."""
        key = _digest(client)
        with self._locked():
            slot = self._find(key)
            if slot is None:
                return []
            return [c for c in self._read(slot)[1] if c[0] > now - window_s]

    def add(self, client: str, now: float, seconds: float, window_s: float) -> None:
        """Record a charge of `seconds` at `now`, dropping the client's charges that left the window."""
        key = _digest(client)
        with self._locked():
            slot = self._find(key)
            if slot is None:
                slot, entries = self._claim(key, now, window_s), []
            else:
                entries = [c for c in self._read(slot)[1] if c[0] > now - window_s]
            if len(entries) >= ENTRIES:
                (_, first), (second_when, second) = entries[0], entries[1]
                entries[:2] = [(second_when, first + second)]
            entries.append((now, seconds))
            self._write(slot, key, entries)

    def clients(self, now: float, window_s: float) -> int:
        """How many clients have a charge in the window."""
        with self._locked():
            return sum(
                1
                for slot in range(self.slots)
                if (entries := self._read(slot))[0] != _EMPTY_KEY and entries[1] and entries[1][-1][0] > now - window_s
            )

    # -- slots --------------------------------------------------------------------------------------
    def _probe(self, key: bytes):
        home = int.from_bytes(key[:8], "little") % self.slots
        return ((home + i) % self.slots for i in range(min(PROBES, self.slots)))

    def _find(self, key: bytes) -> int | None:
        for slot in self._probe(key):
            if self._memory[slot * self.slot_size : slot * self.slot_size + 16] == key:
                return slot
        return None

    def _claim(self, key: bytes, now: float, window_s: float) -> int:
        """A slot for a new client: an empty one, one whose charges all left the window, or the stalest."""
        stalest, stalest_when = None, float("inf")
        for slot in self._probe(key):
            held, entries = self._read(slot)
            last = entries[-1][0] if entries else float("-inf")
            if held == _EMPTY_KEY or last <= now - window_s:
                return slot
            if last < stalest_when:
                stalest, stalest_when = slot, last
        return stalest

    def _read(self, slot: int) -> tuple[bytes, list[tuple[float, float]]]:
        offset = slot * self.slot_size
        key, count = _HEAD.unpack_from(self._memory, offset)
        values = _ENTRIES[min(count, ENTRIES)].unpack_from(self._memory, offset + _HEAD.size)
        return key, list(zip(values[::2], values[1::2], strict=True))

    def _write(self, slot: int, key: bytes, entries: list[tuple[float, float]]) -> None:
        offset = slot * self.slot_size
        _HEAD.pack_into(self._memory, offset, key, len(entries))
        _ENTRIES[len(entries)].pack_into(self._memory, offset + _HEAD.size, *(v for entry in entries for v in entry))

    def _locked(self):
        return _Locked(self._thread_lock, self._lock_file.fileno())


class _Locked:
    """The thread lock, then the process-wide record lock; released in the reverse order."""

    def __init__(self, thread_lock: threading.Lock, fd: int):
        self.thread_lock, self.fd = thread_lock, fd

    def __enter__(self):
        self.thread_lock.acquire()
        try:
            fcntl.lockf(self.fd, fcntl.LOCK_EX)
        except BaseException:
            self.thread_lock.release()
            raise

    def __exit__(self, *exc):
        try:
            fcntl.lockf(self.fd, fcntl.LOCK_UN)
        finally:
            self.thread_lock.release()


def _digest(client: str) -> bytes:
    key = hashlib.blake2b(client.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return key if key != _EMPTY_KEY else b"\x01" + key[1:]
