"""Every dump made ready to write (serialised, read back and compared, gzipped) in background processes.

The formats are independent of each other, and pyoxigraph's parsers and serialisers hold the GIL
while Python iterates over their statements, so the formats are spread over a process pool. The
pool is started before the build opens its store (forked children then share the N-Quads and the
reference without copying them through a pipe) and works while the build loads the store and runs
the whole-dataset checks; the build then takes the results in DUMP_FORMATS order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from kg.processes import end_with_parent
from kg.publication.dumps import DUMP_FORMATS, NQ, DumpFormat, Reference, check_round_trip, gzip_bytes, serialise


def prepare_dump(fmt: DumpFormat, nquads: bytes, reference: Reference, prefixes: dict[str, str]) -> tuple[bytes, bytes]:
    """One dump's bytes, checked against the reference, and their gzipped copy (AssertionError when they differ)."""
    data = serialise(fmt, nquads, reference, prefixes)
    # The N-Quads dump is the very bytes the reference was parsed from, parsed the same way:
    # reading it back again would compare that computation with itself.
    if fmt.format != NQ:
        check_round_trip(fmt, data, reference)
    return data, gzip_bytes(data)


class DumpJobs:
    """The dumps being prepared: `DumpJobs(...)` starts them, `results()` yields them in order, `close()` stops what is left.

    With one worker nothing runs in the background: `results()` prepares each dump when asked.
    """

    def __init__(self, nquads: bytes, reference: Reference, prefixes: dict[str, str], workers: int):
        self._inputs: tuple | None = (nquads, reference, prefixes)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future] = []
        if workers > 1:
            self._pool = ProcessPoolExecutor(
                min(workers, len(DUMP_FORMATS)),
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
                initargs=(os.getpid(), *self._inputs),
            )
            self._futures = [self._pool.submit(_prepare_in_worker, i) for i in range(len(DUMP_FORMATS))]

    def results(self) -> Iterator[tuple[DumpFormat, bytes, bytes]]:
        """(format, bytes, gzipped bytes) of every dump, in DUMP_FORMATS order; a failed check raises here."""
        for index, fmt in enumerate(DUMP_FORMATS):
            if self._pool is None:
                data, packed = prepare_dump(fmt, *self._inputs)
            else:
                data, packed = self._futures[index].result()
                self._futures[index] = None  # the bytes are the caller's now; do not keep them twice
            yield fmt, data, packed

    def close(self) -> None:
        """Cancel what has not started, wait for the workers to end and let go of the inputs."""
        self._inputs = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> DumpJobs:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- the process pool's side ----------------------------------------------------------------------------
_inputs: tuple[bytes, Reference, dict[str, str]] | None = None


def _init_worker(build_pid: int, nquads: bytes, reference: Reference, prefixes: dict[str, str]) -> None:
    global _inputs
    end_with_parent(build_pid)
    _inputs = (nquads, reference, prefixes)


def _prepare_in_worker(index: int) -> tuple[bytes, bytes]:
    assert _inputs is not None, "_init_worker was not run in this process"
    return prepare_dump(DUMP_FORMATS[index], *_inputs)
