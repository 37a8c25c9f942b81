"""The query runner while workers start: only the pool's first start lengthens a queued query's wait.

Worker starts are made slow (held until the test lets them go) or failing by patching
WorkerProcess.wait_ready, so nothing here depends on how long a real worker takes to start.
"""

from __future__ import annotations

import threading
import time

import pytest

from kg.errors import ServiceUnavailable
from kg.stores.embedded.pool import PoolBusy, QueryRunner
from kg.stores.embedded.worker_process import START_TIMEOUT_S, WorkerProcess
from tests.stores.embedded.test_pool import all_started, run, worker_pids


class Starts:
    """WorkerProcess.wait_ready, patched: a start waits while `hold()` is on, or fails when `failing`."""

    def __init__(self, monkeypatch):
        self.open, self.failing, self.pids = threading.Event(), False, []
        self.open.set()
        original = WorkerProcess.wait_ready

        def wait_ready(worker, timeout_s=START_TIMEOUT_S):
            self.pids.append(worker.process.pid)
            if self.failing:
                time.sleep(0.02)  # a failed start takes a moment: the pool does not spin on it
                worker.kill()
                raise ServiceUnavailable("A query worker failed to start; see the server log.")
            self.open.wait(timeout_s)
            return original(worker, timeout_s)

        monkeypatch.setattr(WorkerProcess, "wait_ready", wait_ready)

    def hold(self) -> None:
        self.open.clear()

    def release(self) -> None:
        self.open.set()


@pytest.fixture
def starts(monkeypatch):
    starts = Starts(monkeypatch)
    yield starts
    starts.release()


def wait_until(condition, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


def in_thread(call) -> tuple[threading.Thread, list]:
    """Run `call` in a thread; the thread, and a list that gets what it returned or raised."""
    outcome: list = []

    def target():
        try:
            outcome.append(call())
        except Exception as exc:  # noqa: BLE001 - the test looks at what it was
            outcome.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    return thread, outcome


def replace_one_worker(runner) -> tuple[int, WorkerProcess]:
    """Hold one idle worker (the pair to give back to _release) and have another replaced, as after a timeout."""
    held = runner._acquire(1.0)
    generation, lost = runner._acquire(1.0)
    runner._release(generation, lost, healthy=False)  # killed; its replacement starts in the background
    return held


def test_a_queued_query_waits_queue_timeout_s_not_the_start_timeout_while_a_worker_is_replaced(sample_output, starts):
    runner = QueryRunner(size=2, timeout_s=5.0, queue_timeout_s=0.5)
    try:
        run(runner, sample_output / "current", "ASK {}")
        all_started(runner)
        starts.hold()
        held = replace_one_worker(runner)
        assert runner._spawning == 1
        started = time.monotonic()
        with pytest.raises(PoolBusy) as caught:
            run(runner, sample_output / "current", "ASK {}")
        elapsed = time.monotonic() - started
        assert 0.4 < elapsed < runner.queue_timeout_s + 2 < START_TIMEOUT_S
        assert caught.value.status == 503 and caught.value.headers["Retry-After"] == "5"
        assert runner._waiting == 0
        runner._release(*held, healthy=True)
    finally:
        starts.release()
        runner.close()


def test_a_health_check_gets_pool_busy_at_once_while_a_worker_is_replaced(sample_output, starts):
    runner = QueryRunner(size=2, timeout_s=5.0, queue_timeout_s=0.5)
    try:
        run(runner, sample_output / "current", "ASK {}")
        all_started(runner)
        starts.hold()
        held = replace_one_worker(runner)
        started = time.monotonic()
        with pytest.raises(PoolBusy):
            run(runner, sample_output / "current", "ASK {}", queued=False)
        assert time.monotonic() - started < 0.3  # it took no place in the queue, so it did not wait
        runner._release(*held, healthy=True)
    finally:
        starts.release()
        runner.close()


def test_on_the_first_start_a_query_waits_for_its_worker_past_queue_timeout_s(sample_output, starts):
    runner = QueryRunner(size=1, timeout_s=5.0, queue_timeout_s=0.2)
    try:
        starts.hold()
        thread, outcome = in_thread(lambda: run(runner, sample_output / "current", "ASK {}").kind)
        time.sleep(0.6)  # three times queue_timeout_s
        assert outcome == [] and thread.is_alive()  # no 503 because the worker is slow to come up
        starts.release()
        thread.join(30)
        assert outcome == ["boolean"]
    finally:
        starts.release()
        runner.close()


def test_a_slot_left_by_a_failed_start_is_refilled_in_the_background_for_the_query_waiting_on_it(sample_output, starts):
    runner = QueryRunner(size=1, timeout_s=5.0, queue_timeout_s=10.0)
    try:
        starts.failing = True
        runner._start()
        wait_until(lambda: runner._spawning == 0)
        assert list(runner._slots.queue) == [None]
        starts.failing = False
        starts.hold()
        thread, outcome = in_thread(lambda: run(runner, sample_output / "current", "ASK {}").kind)
        # the new worker starts in the background while the query waits in the queue, not in a start of its own
        wait_until(lambda: runner._spawning == 1 and runner._waiting == 1 and len(starts.pids) == 2)
        assert outcome == []
        starts.release()
        thread.join(30)
        assert outcome == ["boolean"]
        assert worker_pids(runner) == [starts.pids[-1]]  # the new worker answered and is back in its slot
    finally:
        starts.release()
        runner.close()


def test_failed_starts_and_replacements_keep_the_slot_count_at_size(sample_output, starts):
    runner = QueryRunner(size=2, timeout_s=5.0, queue_timeout_s=0.3)
    try:
        starts.failing = True
        for queued in (True, False):  # a query, then a health check
            with pytest.raises(ServiceUnavailable, match="failed to start") as caught:
                run(runner, sample_output / "current", "ASK {}", queued=queued)
            assert not isinstance(caught.value, PoolBusy)  # the health check reports it, not "busy"
        wait_until(lambda: runner._spawning == 0)
        assert list(runner._slots.queue) == [None, None] and runner._waiting == 0
        starts.failing = False
        assert run(runner, sample_output / "current", "ASK {}", queue_timeout_s=30.0).kind == "boolean"
        generation, worker = runner._acquire(30.0)
        runner._release(generation, worker, healthy=False)  # as after a crash: killed and replaced
        wait_until(lambda: runner._spawning == 0)
        slots = list(runner._slots.queue)
        assert len(slots) == runner.size and all(w is None or w.alive for w in slots)
        assert worker.process.pid not in worker_pids(runner)
    finally:
        starts.release()
        runner.close()
