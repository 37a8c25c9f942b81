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
