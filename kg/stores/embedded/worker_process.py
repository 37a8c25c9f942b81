"""The server's handle on one query worker process (kg.stores.embedded.worker): start, call, kill.

Requests and answers travel as frames over the process's stdin/stdout pipes; an answer is read
with poll(2) against a deadline, so a query that runs too long is noticed on time.
"""

from __future__ import annotations

import json
import math
import os
import select
import socket
import subprocess
import sys
import time

from kg.errors import ServiceUnavailable
from kg.stores.embedded.worker import FRAME, encode_frame

WORKER_COMMAND = (sys.executable, "-m", "kg.stores.embedded.worker")
START_TIMEOUT_S = 30.0


class WorkerTimeout(Exception):
    """The deadline passed before the answer was complete."""


class WorkerDied(Exception):
    """The worker closed its pipe (it exited or was killed)."""


class ClientGone(Exception):
    """The client that asked for the query closed its connection while waiting."""


_CLIENT_EVENTS = select.POLLIN | select.POLLPRI | getattr(select, "POLLRDHUP", 0x2000) | select.POLLHUP | select.POLLERR


def client_gone(sock) -> bool:
    """Whether the peer of a connected socket has closed it (end of stream or reset); never blocks.

    Data waiting on the socket (a pipelined request) is not "gone": the caller stops watching.
    """
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True


class WorkerProcess:
    """One worker process and its two pipes."""

    def __init__(self, command=WORKER_COMMAND):
        """Start the process; `wait_ready` waits for its hello."""
        command = (*command, "--parent", str(os.getpid()))  # the worker ends when this process does (kg.processes)
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self._fd = self.process.stdout.fileno()
        self._poll = select.poll()
        self._poll.register(self._fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        self.hello: dict = {}
        self._watched = None  # (fd, socket) of the client whose query runs now, if watched

    def wait_ready(self, timeout_s: float = START_TIMEOUT_S) -> WorkerProcess:
        """Wait for the worker's hello (it has loaded everything); ServiceUnavailable if none comes."""
        try:
            self.hello, _ = self._receive(time.monotonic() + timeout_s)
        except (WorkerTimeout, WorkerDied, ValueError):
            self.kill()
            raise ServiceUnavailable("A query worker failed to start; see the server log.") from None
        return self

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, request: dict, deadline: float, watch=None) -> tuple[dict, bytes]:
        """Send one request and wait for its answer until the deadline (WorkerTimeout, WorkerDied).

        `watch`, a connected client socket, is polled alongside the worker's pipe: when its peer
        disconnects, ClientGone is raised at once (the caller kills the busy worker).
        """
        data = memoryview(encode_frame(request))
        try:
            while data:
                data = data[self.process.stdin.write(data) :]
        except OSError:
            raise WorkerDied() from None
        self._watch(watch)
        try:
            return self._receive(deadline)
        finally:
            self._unwatch()

    def _watch(self, sock) -> None:
        try:
            fd = sock.fileno() if sock is not None else -1
        except (OSError, ValueError):
            fd = -1
        if fd >= 0:
            self._poll.register(fd, _CLIENT_EVENTS)
            self._watched = (fd, sock)

    def _unwatch(self) -> None:
        if self._watched is not None:
            self._poll.unregister(self._watched[0])
            self._watched = None

    def _receive(self, deadline: float) -> tuple[dict, bytes]:
        # One frame, read in as few system calls as the pipe allows (a small answer: one poll, one read).
        data = self._read(FRAME.size, deadline, bytearray())
        header_len, body_len = FRAME.unpack_from(data)
        data = self._read(FRAME.size + header_len + body_len, deadline, data)
        header_end = FRAME.size + header_len
        return json.loads(data[FRAME.size : header_end]), bytes(data[header_end:])

    def _read(self, size: int, deadline: float, data: bytearray) -> bytearray:
        """`data` extended from the pipe until it holds at least `size` bytes (never more than one frame's)."""
        while len(data) < size:
            left = deadline - time.monotonic()
            events = self._poll.poll(max(1, math.ceil(left * 1000))) if left > 0 else []
            if not events:
                raise WorkerTimeout()
            if self._watched is not None and any(fd == self._watched[0] for fd, _ in events):
                if client_gone(self._watched[1]):
                    raise ClientGone()
                self._unwatch()  # data from the client (a pipelined request), not an end: stop watching
            if not any(fd == self._fd for fd, _ in events):
                continue
            chunk = os.read(self._fd, max(size - len(data), 1 << 16) if len(data) < FRAME.size else min(size - len(data), 1 << 20))
            if not chunk:
                raise WorkerDied()
            data += chunk
        return data

    def kill(self) -> None:
        """SIGKILL (if still running), reap, close the pipes."""
        if self.alive:
            self.process.kill()
        self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()
