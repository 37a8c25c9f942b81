"""Runs SPARQL queries in a pool of worker processes, never in the server process.

Each worker (kg.web.query_worker) opens the store read-only, checks the query (kg.web.query_guard),
runs it and serialises the result; the server only moves bytes over two pipes. Limits:

- a wall-clock deadline per query: at the deadline the worker is killed (SIGKILL) and replaced,
  and the caller gets QueryTimeout (503) naming the limit;
- a worker that dies mid-query (pyoxigraph can overflow its stack) gives WorkerCrashed (503);
- admission: a bounded wait for a free worker, else PoolBusy (503 with Retry-After).

The pool starts on first use in each process (gunicorn forks after import) and stops at exit.
"""

from __future__ import annotations

import atexit
import math
import os
import queue
import threading
import time
import weakref
from dataclasses import dataclass

from kg.web.errors import BadRequest, KgError, NotAcceptable, PayloadTooLarge, ServiceUnavailable
from kg.web.worker_process import START_TIMEOUT_S, WORKER_COMMAND, WorkerDied, WorkerProcess, WorkerTimeout


class QueryTimeout(ServiceUnavailable):
    """The query ran past the time limit; its worker was killed."""


class WorkerCrashed(ServiceUnavailable):
    """The worker process died while running the query."""


class PoolBusy(ServiceUnavailable):
    """No worker became free within the admission wait."""


_STATUS_ERRORS = {400: BadRequest, 406: NotAcceptable, 413: PayloadTooLarge, 503: ServiceUnavailable}


@dataclass(frozen=True)
class QueryResult:
    """A serialised result and what it is."""

    form: str  # SELECT ASK CONSTRUCT DESCRIBE
    kind: str  # bindings boolean graph
    media_type: str
    body: bytes
    truncated: bool
    rows: int  # solutions, or triples
    seconds: float  # time spent in the worker


class QueryRunner:
    """A pool of `size` worker processes with a per-query deadline and a bounded admission wait."""

    def __init__(self, size: int = 2, timeout_s: float = 10.0, queue_timeout_s: float = 5.0, command=WORKER_COMMAND):
        self.size, self.timeout_s, self.queue_timeout_s, self.command = size, timeout_s, queue_timeout_s, command
        self._lock = threading.RLock()
        self._pid: int | None = None
        self._generation = 0
        self._spawning = 0  # workers being started: waiting for one of those is not "busy"
        self._starting: set[WorkerProcess] = set()  # their processes, so close() can stop them too
        self._slots: queue.LifoQueue = queue.LifoQueue()
        this = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: this() and this()._forget_parent())

    def _forget_parent(self) -> None:
        """In a forked child: the workers, locks and threads belong to the parent; start afresh on first use."""
        self._lock, self._pid, self._spawning, self._starting = threading.RLock(), None, 0, set()
        self._slots = queue.LifoQueue()

    @classmethod
    def from_config(cls, config) -> "QueryRunner":
        return cls(config.workers, config.query_timeout_s, config.queue_timeout_s)

    def run(self, query: str, *, store_path, base_iri: str | None, results_format: str | None,
            graph_format: str | None, max_rows: int, default_graphs=(), named_graphs=(), prefixes=None,
            queue_timeout_s: float | None = None) -> QueryResult:
        """Check and run one query in a worker; KgError subclasses say what went wrong."""
        request = {
            "query": query, "store": str(store_path), "base": base_iri, "max_rows": max_rows,
            "formats": {"results": results_format, "graph": graph_format},
            "default_graphs": list(default_graphs), "named_graphs": list(named_graphs), "prefixes": prefixes,
        }
        generation, worker = self._acquire(self.queue_timeout_s if queue_timeout_s is None else queue_timeout_s)
        healthy = False
        try:
            header, body = worker.call(request, time.monotonic() + self.timeout_s)
            healthy = True
        except WorkerTimeout:
            raise QueryTimeout(f"The query did not finish within the time limit of {self.timeout_s:g} s "
                               "(setting query_timeout_s) and was stopped.") from None
        except WorkerDied:
            code = worker.process.poll()
            raise WorkerCrashed(f"The query worker stopped while running this query (exit status {code}); "
                                "the query may be too complex.") from None
        finally:
            self._release(generation, worker, healthy)
        if not header.get("ok"):
            error = _STATUS_ERRORS.get(header.get("status"), KgError)
            raise error(header.get("message", "the query failed"), status=header.get("status", 500))
        return QueryResult(header["form"], header["kind"], header["media_type"], body,
                           header["truncated"], header["rows"], header.get("seconds", 0.0))

    def warm(self) -> None:
        """Start the workers now (in the background) rather than on first use."""
        self._start()

    def close(self) -> None:
        """Stop the idle workers now; busy ones are stopped when their query ends."""
        with self._lock:
            if self._pid != os.getpid():
                return
            self._pid, self._generation = None, self._generation + 1
            slots, self._slots = self._slots, queue.LifoQueue()
            starting, self._starting = list(self._starting), set()
        for worker in starting:
            worker.process.kill()  # only the signal: the thread waiting for its hello reaps it
        while True:
            try:
                worker = slots.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                worker.kill()

    # -- the slots: one per worker, holding the worker or None (not started yet) ------------------
    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._generation = os.getpid(), self._generation + 1
            self._slots = queue.LifoQueue()  # workers inherited over fork belong to the parent
            for _ in range(self.size):  # start them all now, in parallel; the first query waits for one
                self._spawn(self._generation)
            atexit.register(self.close)

    def _acquire(self, wait_s: float) -> tuple[int, WorkerProcess]:
        self._start()
        generation, slots = self._generation, self._slots
        try:
            worker = slots.get(timeout=max(wait_s, START_TIMEOUT_S) if self._spawning else wait_s)
        except queue.Empty:
            retry = str(max(1, math.ceil(self.timeout_s)))
            raise PoolBusy(f"All {self.size} query workers are busy; try again in a few seconds.",
                           headers={"Retry-After": retry}) from None
        if worker is None or not worker.alive:
            try:
                worker = WorkerProcess(self.command).wait_ready()
            except ServiceUnavailable:
                slots.put(None)
                raise
        return generation, worker

    def _release(self, generation: int, worker: WorkerProcess, healthy: bool) -> None:
        if generation != self._generation:
            worker.kill()
        elif healthy:
            self._slots.put(worker)
        else:
            worker.kill()
            self._spawn(generation)

    def _spawn(self, generation: int) -> None:
        """Start a worker in the background into a slot of `generation` (None in the slot if it fails)."""
        with self._lock:
            self._spawning += 1
        threading.Thread(target=self._replace, args=(generation,), daemon=True).start()

    def _replace(self, generation: int) -> None:
        try:
            process = WorkerProcess(self.command)
            with self._lock:
                self._starting.add(process)
            try:
                worker = process.wait_ready()
            except ServiceUnavailable:
                worker = None
            finally:
                with self._lock:
                    self._starting.discard(process)
            if generation == self._generation:
                self._slots.put(worker)
            elif worker is not None:
                worker.kill()
        finally:
            with self._lock:
                self._spawning -= 1


def runner_for(app) -> QueryRunner:
    """The query runner of an app made by create_app."""
    return app.extensions["kg.query_runner"]
