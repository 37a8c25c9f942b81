"""A build's pool workers end with the build: killed with SIGKILL, it leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from kg.synthetic import generate
from tests.conftest import BASE
from tests.processes import stop_process

GRACE_S = 10


def running(pid: int) -> bool:
    """True while `pid` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except FileNotFoundError:
            pass
    return found


def wait_for_children(process: subprocess.Popen, count: int, timeout_s: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = children_of(process.pid)
        if len(found) >= count:
            return found
        assert process.poll() is None, "the process ended before it started its workers"
        time.sleep(0.01)
    raise AssertionError(f"{process.pid} did not start {count} workers in {timeout_s} s")


def ended_within(pids: set[int], timeout_s: float) -> set[int]:
    """The pids still running after `timeout_s` (empty when all ended)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and any(running(pid) for pid in pids):
        time.sleep(0.05)
    return {pid for pid in pids if running(pid)}


def kill_and_check_workers_end(process: subprocess.Popen, workers: set[int]) -> None:
    try:
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert ended_within(workers, GRACE_S) == set()
    finally:
        for pid in workers:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        stop_process(process)


def start_python(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True)


def test_a_worker_ends_when_the_process_that_started_it_is_killed():
    parent = start_python("""
        import os, time
        from kg.processes import end_with_parent
        parent = os.getpid()
        if os.fork() == 0:
            end_with_parent(parent)
            time.sleep(120)
            os._exit(0)
        time.sleep(120)
    """)
    kill_and_check_workers_end(parent, wait_for_children(parent, 1))


def test_the_dump_workers_end_when_the_build_is_killed():
    build = start_python("""
        import time
        from kg.build import dump_jobs
        from kg.publication.dumps import Reference
        dump_jobs.prepare_dump = lambda *inputs: time.sleep(120)  # forked workers inherit it
        jobs = dump_jobs.DumpJobs(b"", Reference.of(b""), {}, workers=2)
        time.sleep(120)
    """)
    kill_and_check_workers_end(build, wait_for_children(build, 2))


def test_the_validation_workers_end_when_the_build_is_killed(tmp_path):
    generate(tmp_path / "data", 6000, seed=3)  # several reports, so the build validates them in a pool
    build = start_python(f"""
        from pathlib import Path
        from kg.build.pipeline import build
        from kg.config import BuildConfig
        build(BuildConfig(base={BASE!r}, output_dir=Path({str(tmp_path / "out")!r}), data_dir=Path({str(tmp_path / "data")!r}),
                          workers=2))
    """)
    kill_and_check_workers_end(build, wait_for_children(build, 2))


def test_the_query_workers_end_when_the_server_process_that_started_them_is_killed():
    """The same watcher (kg.processes) ends a query worker, started from a thread that is gone by then."""
    process = start_python("""
        import threading, time
        from kg.stores.embedded.pool import QueryRunner
        runner = QueryRunner(size=2, timeout_s=5.0)
        starter = threading.Thread(target=runner.warm, kwargs={"wait_s": 60})
        starter.start()
        starter.join()  # the thread that started the workers has ended
        print("ready", flush=True)
        time.sleep(120)
    """)
    assert process.stdout.readline().strip() == "ready"
    kill_and_check_workers_end(process, wait_for_children(process, 2))
