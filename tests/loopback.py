"""A TCP listener on 127.0.0.1 that counts the connections it gets: proof that nothing reached out."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager


@contextmanager
def counting_listener():
    """Yield (port, peers): the listener's port, and the list of peers that connected (each closed at once)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.1)
    peers: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, peer = server.accept()
            except OSError:
                continue
            peers.append(peer)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], peers
    finally:
        stop.set()
        thread.join()
        server.close()


def connections_so_far(port: int, peers: list, timeout_s: float = 10.0) -> list:
    """The peers that connected before now, known for sure: a last connection of our own is accepted after them.

    The listener accepts in the order the kernel completed the connections, so once our own (a
    sentinel) is seen, every connection made before this call has been counted; no fixed wait.
    """
    import time

    with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as sentinel:
        mine = sentinel.getsockname()
        deadline = time.monotonic() + timeout_s
        while mine not in peers:
            if time.monotonic() > deadline:
                raise AssertionError(f"the listener on port {port} never accepted our own connection")
            time.sleep(0.001)
    before = peers[: peers.index(mine)]
    peers.remove(mine)
    return before
