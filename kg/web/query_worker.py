"""One query worker process: checks, runs and serialises SPARQL queries, one at a time.

Started by kg.web.query_runner as ``python -m kg.web.query_worker``; it never loads the web stack.
It speaks over its stdin/stdout pipes in frames: 12 bytes (header length, body length, big-endian),
a JSON header, then the body. On start it sends a hello frame; then for each request frame
(JSON: query, store path, base IRI, wanted media types, row limit, dataset) it answers one frame:
``{"ok": true, "form", "kind": bindings|boolean|graph, "media_type", "truncated", "rows"}`` + the
serialised result, or ``{"ok": false, "status", "message"}``.

Each query is checked first (kg.web.query_guard), then run, then written out by
kg.web.result_writer. The store is opened read-only and kept open per path (a new version has a
new path). Before loading anything, the process cuts itself off the network when the kernel
allows it (a new network namespace), so even a query that slipped past the SERVICE check could
reach nothing. It exits on end of input, or when its parent goes away.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import struct
import sys
import threading
import time

FRAME = struct.Struct(">IQ")
_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000


def encode_frame(header: dict, body: bytes = b"") -> bytes:
    data = json.dumps(header, ensure_ascii=False).encode("utf-8")
    return FRAME.pack(len(data), len(body)) + data + body


def read_frame(stream) -> tuple[dict, bytes] | None:
    """One frame from a blocking binary stream; None at end of input."""
    head = stream.read(FRAME.size)
    if len(head) < FRAME.size:
        return None
    header_len, body_len = FRAME.unpack(head)
    return json.loads(stream.read(header_len)), stream.read(body_len)


def isolate_network() -> bool:
    """Move this process into an empty network namespace, if the kernel lets us. True if done."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


class Worker:
    """The worker's state: its open stores, by path."""

    def __init__(self):
        self.stores: dict[str, object] = {}

    def store(self, path: str):
        import pyoxigraph as ox

        if path not in self.stores:
            self.stores = dict(list(self.stores.items())[-1:])  # keep the previous version too, no more
            self.stores[path] = ox.Store.read_only(path)
        return self.stores[path]

    def handle(self, request: dict) -> tuple[dict, bytes]:
        from kg.web.query_guard import QueryRejected, check_query
        from kg.web.result_writer import serialise

        try:
            checked = check_query(request["query"])
        except QueryRejected as exc:
            return {"ok": False, "status": exc.status, "message": exc.message}, b""
        kind = "graph" if checked.form in ("CONSTRUCT", "DESCRIBE") else "results"
        wanted = request["formats"].get(kind)
        if not wanted:
            return {"ok": False, "status": 406, "form": checked.form,
                    "message": f"a {checked.form} query has no answer in the requested format"}, b""
        started = time.monotonic()
        try:
            results = self.store(request["store"]).query(checked.text, base_iri=request.get("base"), **dataset(request))
            header, body = serialise(results, wanted, request["max_rows"], request.get("prefixes"))
        except SyntaxError as exc:
            return {"ok": False, "status": 400, "message": f"Syntax error: {exc}"}, b""
        except ValueError as exc:
            return {"ok": False, "status": 400, "message": str(exc)}, b""
        except Exception as exc:  # noqa: BLE001 - reported to the server, which answers 500
            return {"ok": False, "status": 500, "message": f"{type(exc).__name__}: {exc}"}, b""
        header.update(ok=True, form=checked.form, media_type=wanted, seconds=time.monotonic() - started)
        return header, body


def dataset(request: dict) -> dict:
    """pyoxigraph's dataset arguments: the protocol's graphs if given, else the union of all graphs."""
    import pyoxigraph as ox

    default, named = request.get("default_graphs") or [], request.get("named_graphs") or []
    if not default and not named:
        return {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(g) for g in default], "named_graphs": [ox.NamedNode(g) for g in named]}


def _exit_with_parent() -> None:
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def main() -> None:
    isolated = isolate_network()  # first, while the process has a single thread
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops us itself
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by a library goes to stderr, never into the frames
    sys.stdout = sys.stderr
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    import kg.web.query_guard  # noqa: F401 - load the parser before saying hello
    import pyoxigraph  # noqa: F401

    worker, stdin = Worker(), sys.stdin.buffer
    try:
        out.write(encode_frame({"hello": True, "pid": os.getpid(), "network_isolated": isolated}))
        out.flush()
        while (frame := read_frame(stdin)) is not None:
            header, body = worker.handle(frame[0])
            out.write(encode_frame(header, body))
            out.flush()
    except BrokenPipeError:
        pass  # the server went away: there is no one left to answer
    os._exit(0)


if __name__ == "__main__":
    main()
