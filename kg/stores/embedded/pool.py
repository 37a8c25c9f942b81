"""Runs SPARQL queries in a pool of worker processes, never in the server process.

Each worker (kg.stores.embedded.worker) opens the store read-only, checks the query (kg.stores.guard),
runs it and serialises the result; the server only moves bytes over two pipes. Limits:

- a wall-clock deadline per query: at the deadline the worker is killed (SIGKILL) and replaced,
  and the caller gets QueryTimeout (503) naming the limit;
- a memory limit per worker (RLIMIT_AS, set by the worker on itself): a query past it stops the
  worker, and the caller gets WorkerOutOfMemory (503) naming the limit;
- a worker that dies mid-query (pyoxigraph can overflow its stack) gives WorkerCrashed (503);
- admission: at most `queue_size` queries wait for a free worker, each at most `queue_timeout_s`;
  past either, PoolBusy (503 with Retry-After) — at once when the queue is full. Only the pool's
  first start (a fresh pool, or after fork) lengthens the wait, to START_TIMEOUT_S (30 s), so the
  first queries wait for the workers to come up; a worker being replaced (after a timeout, a crash
  or a failed start, always in the background) never does;
- a client that disconnects while its query runs: its socket is polled with the worker's pipe,
  and the worker is killed and replaced at once (ClientDisconnected), so it is free for others.

The pool starts on first use in each process (granian forks after import) and stops at exit.
"""

from __future__ import annotations

import atexit
import math
import os
import queue
import threading
import time
import weakref

from kg.errors import ServiceUnavailable
from kg.stores.base import PoolBusy, QueryResult, QueryTimeout
from kg.stores.embedded.failures import ClientDisconnected, died_error, refusal_error
from kg.stores.embedded.worker_process import START_TIMEOUT_S, WORKER_COMMAND, ClientGone, WorkerDied, WorkerProcess, WorkerTimeout, client_gone

CLIENT_CHECK_S = 0.05  # how often a query waiting for a worker looks whether its client is still there


class QueryRunner:
    """A pool of `size` worker processes with a per-query deadline and a bounded admission wait."""

    #: Called (no arguments) each time a worker is replaced, for whatever reason; the server counts these.
    on_restart = None

    def __init__(
        self, size: int = 2, timeout_s: float = 10.0, queue_timeout_s: float = 5.0, command=WORKER_COMMAND, queue_size: int = 4, memory_bytes: int = 0
    ):
        self.size, self.timeout_s, self.queue_timeout_s = size, timeout_s, queue_timeout_s
        self.queue_size, self.memory_bytes = queue_size, memory_bytes
        self.command = tuple(command) + (("--memory-bytes", str(memory_bytes)) if memory_bytes else ())
        self._lock = threading.RLock()
        self._pid: int | None = None
        self._generation = 0
        self._spawning = 0  # workers being started: waiting for one of those is not "busy"
        self._first_starts = 0  # of those, the ones _start began for this generation: they may lengthen a wait
        self._starting: set[WorkerProcess] = set()  # their processes, so close() can stop them too
        self._slots: queue.LifoQueue = queue.LifoQueue()
        self._waiting = 0  # callers waiting for a slot
        this = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: this() and this()._forget_parent())

    def _forget_parent(self) -> None:
        """In a forked child: the workers, locks and threads belong to the parent; start afresh on first use."""
        self._lock, self._pid, self._spawning, self._starting = threading.RLock(), None, 0, set()
        self._slots, self._waiting, self._first_starts = queue.LifoQueue(), 0, 0

    @classmethod
    def from_config(cls, config) -> QueryRunner:
        return cls(
            config.workers, config.query_timeout_s, config.queue_timeout_s, queue_size=config.queue_size, memory_bytes=config.worker_memory_bytes
        )

    def run(
        self,
        query: str,
        *,
        store_path,
        base_iri: str | None,
        results_format: str | None,
        graph_format: str | None,
        max_rows: int,
        default_graphs=(),
        named_graphs=(),
        prefixes=None,
        queue_timeout_s: float | None = None,
        max_depth: int | None = None,
        row_limit_mode: str = "truncate",
        client=None,
        charge=None,
        queued: bool = True,
    ) -> QueryResult:
        """Check and run one query in a worker; KgError subclasses say what went wrong.

        `client`: the client's socket, watched while the query runs (ClientDisconnected when it goes).
        `charge(seconds)`: called with the time a worker was held for this query, whatever the outcome.
        `queued=False`: take a free worker or none (PoolBusy), never a place in the queue.
        """
        request = {
            "query": query,
            "store": str(store_path),
            "base": base_iri,
            "max_rows": max_rows,
            "formats": {"results": results_format, "graph": graph_format},
            "default_graphs": list(default_graphs),
            "named_graphs": list(named_graphs),
            "prefixes": prefixes,
            "max_depth": max_depth,
            "row_limit_mode": row_limit_mode,
            "memory_bytes": self.memory_bytes,
        }
        generation, worker = self._acquire(self.queue_timeout_s if queue_timeout_s is None else queue_timeout_s, queued, client)
        healthy, started = False, time.monotonic()
        try:
            if client is not None and client_gone(client):
                healthy = True  # the worker did nothing: back to the pool as it is
                raise ClientDisconnected("The client closed the connection before its query ran.")
            header, body = worker.call(request, started + self.timeout_s, watch=client)
            healthy = True
        except WorkerTimeout:
            raise QueryTimeout(
                f"The query did not finish within the time limit of {self.timeout_s:g} s (setting query_timeout_s) and was stopped."
            ) from None
        except ClientGone:
            raise ClientDisconnected("The client closed the connection; its query was stopped.") from None
        except WorkerDied:
            raise died_error(worker, request) from None
        finally:
            self._release(generation, worker, healthy)
            if charge is not None:
                charge(time.monotonic() - started)
        if not header.get("ok"):
            raise refusal_error(header)
        return QueryResult(
            header["form"], header["kind"], header["media_type"], body, header["truncated"], header["rows"], header.get("seconds", 0.0)
        )

    def warm(self, wait_s: float = 0.0) -> None:
        """Start the workers now rather than on first use, and wait up to `wait_s` for them all to be up."""
        self._start()
        deadline = time.monotonic() + wait_s
        while self._spawning and time.monotonic() < deadline:
            time.sleep(0.02)

    def close(self) -> None:
        """Stop the idle workers now; busy ones are stopped when their query ends."""
        with self._lock:
            if self._pid != os.getpid():
                return
            self._pid, self._generation, self._first_starts = None, self._generation + 1, 0
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
            self._first_starts = self.size
            for _ in range(self.size):  # start them all now, in parallel; the first query waits for one
                self._spawn(self._generation, first=True)
            atexit.register(self.close)

    def _acquire(self, wait_s: float, queued: bool = True, client=None) -> tuple[int, WorkerProcess]:
        """A live worker and its generation, within the wait of _wait_for_slot, counted from the call.

        A slot holding None (a worker that failed to start) or a dead worker is refilled in the
        background and the caller goes back to waiting, on the same deadline: it never waits for a
        worker to start beyond that. If it met a failed start and then got no worker, the 503 says so.
        """
        self._start()
        generation, slots, arrived, failed = self._generation, self._slots, time.monotonic(), False
        while True:
            try:
                worker = slots.get_nowait()
            except queue.Empty:
                try:
                    worker = self._wait_for_slot(slots, arrived, wait_s, queued, client)
                except PoolBusy as busy:
                    raise self._failed_start(wait_s) if failed else busy from None
            if worker is not None and worker.alive:
                return generation, worker
            failed = failed or worker is None
            if worker is not None:
                worker.kill()  # it died while idle: reap it, close its pipes
            self._spawn(generation)  # the slot goes back to the pool when its new worker is up (or failed)
            if failed and time.monotonic() >= self._deadline(arrived, wait_s):
                raise self._failed_start(wait_s)

    def _deadline(self, arrived: float, wait_s: float) -> float:
        """`wait_s` after `arrived`; START_TIMEOUT_S at least while the first start of the pool goes on."""
        return arrived + (max(wait_s, START_TIMEOUT_S) if self._first_starts > 0 else wait_s)

    def _wait_for_slot(self, slots: queue.LifoQueue, arrived: float, wait_s: float, queued: bool, client=None):
        """Wait in the bounded queue for a slot; PoolBusy when the queue is full (at once) or the wait ends.

        It ends `wait_s` (queue_timeout_s) after `arrived`, or START_TIMEOUT_S after it while the pool's
        first start goes on (_deadline); workers being replaced never lengthen it, but in the queue's
        bound (`queue_size` + workers being started) they count as places to come. A caller that is not
        `queued` (the health check) takes no place in the queue: it waits only while every worker is
        being started, else gets PoolBusy at once. A caller whose client disconnects while it waits
        leaves (ClientDisconnected) within CLIENT_CHECK_S, so gone clients never hold places.
        """
        with self._lock:
            deadline = self._deadline(arrived, wait_s)
            if not queued:
                full = self._spawning < self.size
            else:
                # a worker still starting is a free slot to come, not a reason to turn callers away
                full = self._waiting >= self.queue_size + self._spawning
                if not full:
                    self._waiting += 1
        if full:
            raise self._busy(
                f"All {self.size} query workers are busy and {self.queue_size} queries are waiting (setting queue_size); try again in a few seconds."
            )
        try:
            while True:
                left = deadline - time.monotonic()
                try:
                    return slots.get(timeout=max(0.0, min(left, CLIENT_CHECK_S if client is not None else left)))
                except queue.Empty:
                    if time.monotonic() >= deadline:
                        raise
                if client is not None and client_gone(client):
                    raise ClientDisconnected("The client closed the connection while its query waited for a worker.")
        except queue.Empty:
            raise self._busy(
                f"All {self.size} query workers stayed busy for {wait_s:g} s (setting queue_timeout_s); try again in a few seconds."
            ) from None
        finally:
            if queued:
                with self._lock:
                    self._waiting -= 1

    def _busy(self, message: str, error: type[ServiceUnavailable] = PoolBusy) -> ServiceUnavailable:
        return error(message, headers={"Retry-After": str(max(1, math.ceil(self.timeout_s)))})

    def _failed_start(self, wait_s: float) -> ServiceUnavailable:
        return self._busy(
            f"A query worker failed to start (see the server log) and no other came free within "
            f"{wait_s:g} s (setting queue_timeout_s); try again in a few seconds.",
            ServiceUnavailable,
        )

    def _release(self, generation: int, worker: WorkerProcess, healthy: bool) -> None:
        if generation != self._generation:
            worker.kill()
        elif healthy:
            self._slots.put(worker)
        else:
            worker.kill()
            self._spawn(generation)

    def _spawn(self, generation: int, first: bool = False) -> None:
        """Start a worker in the background into a slot of `generation` (None there if it fails); `first`: by _start."""
        if not first and self.on_restart is not None:
            self.on_restart()
        with self._lock:
            self._spawning += 1
        threading.Thread(target=self._replace, args=(generation, first), daemon=True).start()

    def _replace(self, generation: int, first: bool = False) -> None:
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
                if first and generation == self._generation:
                    self._first_starts -= 1


def runner_for(app) -> QueryRunner:
    """The query runner of an app made by create_app."""
    return app.extensions["kg.query_runner"]
