"""Slow and silent clients cannot starve the server (issue 12): against the real server, with the crowd
the issue names open at once — 300 slowloris connections (headers a byte at a time), 150 that send
nothing, 30 whose body never finishes and 100 idle keep-alive ones — /health and a SPARQL lookup each
answer within 1 s every time, and the server closes every one of those connections by itself."""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse

import pytest

from tests.hardening.conftest import record

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

LOOKUP = "SELECT ?p ?o WHERE { <http://example.org/nothing> ?p ?o }"
CROWD = {"slowloris": 300, "silent": 150, "unfinished body": 30, "idle keep-alive": 100}


def open_crowd(port: int) -> dict[str, list[socket.socket]]:
    """The connections of CROWD, each in the state its name says."""

    def connect(first: bytes = b"") -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if first:
            sock.sendall(first)
        return sock

    crowd = {
        "slowloris": [connect(b"GET /health HTTP/1.1\r\nHost: x\r\n") for _ in range(CROWD["slowloris"])],
        "silent": [connect() for _ in range(CROWD["silent"])],
        "unfinished body": [
            connect(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nSELECT")
            for _ in range(CROWD["unfinished body"])
        ],
        "idle keep-alive": [connect(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n") for _ in range(CROWD["idle keep-alive"])],
    }
    for sock in crowd["idle keep-alive"]:
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")  # answered, and kept alive
    return crowd


def drip(crowd, stop: threading.Event) -> None:
    """Keep the slowloris connections sending a header byte a second."""
    while not stop.wait(1.0):
        for sock in crowd["slowloris"]:
            try:
                sock.send(b"X")
            except OSError:
                pass


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed this connection (end of stream or reset; any answer before it is read)."""
    sock.setblocking(False)
    try:
        while True:
            data = sock.recv(65536)
            if data == b"":
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True


def timed_get(port: int, path: str) -> tuple[int, float]:
    """(status, seconds) of one GET on a fresh connection; status 0 when it failed or took over 5 s."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n".encode())
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
        return int(reply.split(b" ", 2)[1]), time.monotonic() - started
    except (OSError, ValueError, IndexError):
        return 0, time.monotonic() - started


def test_slow_and_silent_clients_neither_delay_others_nor_stay_open(serve, publication_dir):
    server = serve(publication_dir, read_timeout_s=10)
    crowd = open_crowd(server.port)
    opened = time.monotonic()
    stop = threading.Event()
    threading.Thread(target=drip, args=(crowd, stop), daemon=True).start()
    lookup = "/sparql?" + urllib.parse.urlencode({"query": LOOKUP})
    probes = []
    try:
        while time.monotonic() - opened < 6:  # well inside the read timeout: the whole crowd is still there
            probes.append(("health", *timed_get(server.port, "/health")))
            probes.append(("lookup", *timed_get(server.port, lookup)))
            time.sleep(0.25)
        still_open = {name: sum(not closed_by_server(s) for s in socks) for name, socks in crowd.items()}
        deadline = opened + 60
        while time.monotonic() < deadline and any(not closed_by_server(s) for socks in crowd.values() for s in socks):
            time.sleep(0.5)
        left_open = {name: sum(not closed_by_server(s) for s in socks) for name, socks in crowd.items()}
        closed_after = time.monotonic() - opened
    finally:
        stop.set()
        for socks in crowd.values():
            for sock in socks:
                sock.close()
    record("slow_clients", {"crowd": CROWD, "probes": len(probes), "slowest_probe_s": max(p[2] for p in probes), "closed_after_s": closed_after})
    assert still_open["slowloris"] == CROWD["slowloris"] and still_open["silent"] == CROWD["silent"]
    assert [p for p in probes if p[1] != 200 or p[2] >= 1.0] == []
    assert left_open == {name: 0 for name in CROWD}, f"open {closed_after:.0f} s after they were opened"
    assert server.alive()
