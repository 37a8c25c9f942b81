"""Processes of the benchmark: servers started on a free loopback port and always stopped, commands run
with their peak memory measured, wrk bounded in time. Linux only (/proc)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path


class BenchError(RuntimeError):
    """The benchmark cannot go on: a tool is missing, a server did not start, a command failed."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _parents() -> dict[int, int]:
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            found[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    parents = _parents()
    tree, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        tree += children
        frontier += children
    return tree


def resident_bytes(pid: int) -> int:
    """VmRSS of one process, in bytes (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class MemorySampler:
    """Samples the total RSS of a process tree every `interval` seconds in a thread; `peak` is the largest."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss-{pid}", daemon=True)

    def sample(self) -> int:
        total = sum(resident_bytes(p) for p in process_tree(self.pid))
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def stop_group(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM to the process group of `process` (started with start_new_session), then SIGKILL."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:  # what is left of the group (children that outlived their parent)
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if process.poll() is None:
        process.wait(5)


def get_status(url: str, headers: dict | None = None, timeout: float = 5.0) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            reply.read()
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Server:
    """A server process in its own session, on 127.0.0.1:`port`; `with` waits until `ready_url` answers 200
    and stops the whole group on the way out (errors and Ctrl-C included). Memory is sampled all along."""

    def __init__(self, name: str, command: list[str], port: int, ready_path: str, log: Path, env: dict | None = None, start_timeout: float = 60.0):
        self.name, self.command, self.port, self.log = name, command, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.ready_url = self.url + ready_path
        self.env, self.start_timeout = env, start_timeout
        self.process: subprocess.Popen | None = None
        self.sampler: MemorySampler | None = None
        self.ready_after: float | None = None

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True
            )
        try:
            self.sampler = MemorySampler(self.process.pid).__enter__()
            self._wait_ready()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_ready(self) -> None:
        started = time.monotonic()
        deadline = started + self.start_timeout
        last = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"{self.name} exited with {self.process.returncode} before answering; {self.log}:\n{tail(self.log)}")
            try:
                status = get_status(self.ready_url, {"Accept": "application/sparql-results+json"}, timeout=5)
                if status == 200:
                    self.ready_after = time.monotonic() - started
                    return
                last = f"status {status}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.2)
        raise BenchError(f"{self.name} did not answer {self.ready_url} within {self.start_timeout:.0f} s ({last}); {self.log}:\n{tail(self.log)}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def peak_rss(self) -> int:
        return self.sampler.peak if self.sampler else 0

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            stop_group(self.process)
        if self.sampler is not None:
            self.sampler.__exit__(None, None, None)


def run_measured(command: list[str], log: Path, env: dict | None = None, timeout: float | None = None) -> dict:
    """Run a command to its end in its own session, output to `log`: wall seconds, exit status, and peak memory —
    the largest total RSS of its process tree (sampled) and the largest single process (the kernel's
    ru_maxrss of it and its waited-for children)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(log, "ab") as out:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        with MemorySampler(process.pid, interval=0.1) as sampler:
            deadline = None if timeout is None else started + timeout
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.monotonic() > deadline:
                    raise BenchError(f"{' '.join(command[:3])} … took over {timeout:.0f} s; {log}:\n{tail(log)}")
                time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
    except BaseException:
        stop_group(process)
        raise
    return {
        "seconds": time.monotonic() - started,
        "returncode": process.returncode,
        "peak_tree_rss": sampler.peak,
        "max_process_rss": usage.ru_maxrss * 1024,
    }


def run_wrk(
    wrk: str,
    url: str,
    lua: Path,
    requests_file: Path,
    *,
    duration: int,
    connections: int,
    threads: int,
    timeout: int,
    log: Path | None = None,
    backward: bool = False,
) -> str:
    """One wrk run, bounded in time (whole seconds: wrk takes no less); its output (the KG-BENCH line among it).
    `backward`: the threads walk the list backwards from their offsets (a warm-up: see bench/wrk.lua)."""
    threads = max(1, min(threads, connections))
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{int(duration)}s", "--timeout", f"{int(timeout)}s", "-s", str(lua), url]
    env = {
        **os.environ,
        "KG_BENCH_REQUESTS": str(requests_file),
        "KG_BENCH_THREADS": str(threads),
        "KG_BENCH_WALK": "backward" if backward else "forward",
    }
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=duration + timeout + 30)
    except BaseException:
        stop_group(process, grace=2)
        raise
    if log is not None:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"$ {' '.join(command)}\n{output}\n")
    if process.returncode != 0:
        raise BenchError(f"wrk exited with {process.returncode}:\n{output[-2000:]}")
    return output
