"""One query worker process: checks, runs and serialises SPARQL queries, one at a time.

Started by kg.stores.embedded.pool as ``python -m kg.stores.embedded.worker``; it never loads the web stack.
It speaks over its stdin/stdout pipes in frames: 12 bytes (header length, body length, big-endian),
a JSON header, then the body. On start it sends a hello frame; then for each request frame
(JSON: query, store path, base IRI, wanted media types, row limit, dataset) it answers one frame:
``{"ok": true, "form", "kind": bindings|boolean|graph, "media_type", "truncated", "rows"}`` + the
serialised result, or ``{"ok": false, "status", "message"}``.

Each query is checked first (kg.stores.guard), then run, then written out by
kg.stores.results; past the row limit the result is cut and marked, or refused
(`row_limit_mode`). With ``--memory-bytes N`` the process caps its own address space
(RLIMIT_AS) first: a query that needs more makes an allocation fail, which stops the worker (Rust
aborts) or answers 503 (Python's MemoryError), and the server names the limit. The store is opened read-only and kept open per path (a new version has a
new path); one that is there but cannot be read (an OSError other than "not found") is a 503 with
reason "unreadable", whose message gives the OS reason but not the path (that goes to stderr). Before loading anything, the process cuts itself off the network when the kernel
allows it (a new network namespace), so even a query that slipped past the SERVICE check could
reach nothing. It exits on end of input, or when the server process (`--parent`) goes away; it ignores SIGINT
and SIGTERM, so a signal to the whole process group lets the running query finish while the server drains.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import signal
import struct
import sys
import time
import traceback

from kg.processes import end_with_parent
from kg.publication.layout import missing, os_reason

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
        from kg.stores.guard import MAX_DEPTH, QueryRejected, check_query, explain_syntax_error
        from kg.stores.results import serialise

        try:
            checked = check_query(request["query"], request.get("max_depth") or MAX_DEPTH)
        except QueryRejected as exc:
            return {"ok": False, "status": exc.status, "message": exc.message}, b""
        kind = "graph" if checked.form in ("CONSTRUCT", "DESCRIBE") else "results"
        wanted = request["formats"].get(kind)
        if not wanted:
            return {"ok": False, "status": 406, "form": checked.form, "message": f"a {checked.form} query has no answer in the requested format"}, b""
        started = time.monotonic()
        max_rows = request["max_rows"]
        try:
            results = self.store(request["store"]).query(checked.text, base_iri=request.get("base"), **dataset(request))
            header, body = serialise(results, wanted, max_rows, request.get("prefixes"))
        except SyntaxError as exc:
            message = explain_syntax_error(checked.text, str(exc), request.get("max_depth") or MAX_DEPTH)
            return {"ok": False, "status": 400, "message": message}, b""
        except MemoryError:
            return {"ok": False, "status": 503, "reason": "memory", "message": memory_message(request)}, b""
        except ValueError as exc:
            return {"ok": False, "status": 400, "message": str(exc)}, b""
        except OSError as exc:
            traceback.print_exc(file=sys.stderr)  # names the path: for the log only
            return unreadable_store(exc) if not missing(exc) else _engine_failure()
        except Exception:  # noqa: BLE001 - logged here (stderr: the server log); the client gets no details
            traceback.print_exc(file=sys.stderr)
            return _engine_failure()
        if header["truncated"] and request.get("row_limit_mode") == "refuse":
            what = "triples" if header["kind"] == "graph" else "rows"
            return {
                "ok": False,
                "status": 400,
                "message": f"The result has more than {max_rows} {what}, the limit of this "
                "endpoint (setting max_rows); nothing was sent. Add LIMIT (and OFFSET to page through it).",
            }, b""
        header.update(ok=True, form=checked.form, media_type=wanted, seconds=time.monotonic() - started)
        return header, body


def unreadable_store(error: OSError) -> tuple[dict, bytes]:
    """The answer when the store is there but cannot be read: 503, with the OS reason and no path."""
    return {
        "ok": False,
        "status": 503,
        "reason": "unreadable",
        "message": f"The store of this version cannot be read ({os_reason(error)}); try again in 30 s.",
    }, b""


def _engine_failure() -> tuple[dict, bytes]:
    return {"ok": False, "status": 500, "message": "The query failed inside the query engine; the error has been logged."}, b""


def memory_message(request: dict | None = None) -> str:
    limit = (request or {}).get("memory_bytes")
    shown = f" of {limit / (1 << 30):g} GiB" if limit else ""
    return f"The query needed more memory than a query worker may use (the limit{shown}, setting worker_memory_bytes) and was stopped."


def limit_memory(max_bytes: int) -> bool:
    """Cap this process's address space (RLIMIT_AS): past it, allocations fail and the worker stops."""
    if max_bytes <= 0:
        return False
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
    return True


def dataset(request: dict) -> dict:
    """pyoxigraph's dataset arguments: the protocol's graphs if given, else the union of all graphs."""
    import pyoxigraph as ox

    default, named = request.get("default_graphs") or [], request.get("named_graphs") or []
    if not default and not named:
        return {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(g) for g in default], "named_graphs": [ox.NamedNode(g) for g in named]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.stores.embedded.worker")
    parser.add_argument("--memory-bytes", type=int, default=0, help="RLIMIT_AS of this process (0: none)")
    parser.add_argument("--parent", type=int, required=True, help="the pid of the server process: the worker ends with it")
    args = parser.parse_args(argv)
    isolated = isolate_network()  # first, while the process has a single thread
    limited = limit_memory(args.memory_bytes)  # before anything big is loaded, so it all counts
    # Ctrl-C, or a SIGTERM to the whole group (a supervisor stopping the service), reaches us too: the query we run
    # must finish while the server drains; it stops us itself (SIGKILL, or closing our pipe)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by a library goes to stderr, never into the frames
    sys.stdout = sys.stderr
    end_with_parent(args.parent)  # after isolate_network: unsharing needs a single thread
    import pyoxigraph  # noqa: F401

    import kg.stores.guard  # noqa: F401 - load the parser before saying hello

    worker, stdin = Worker(), sys.stdin.buffer
    try:
        out.write(encode_frame({"hello": True, "pid": os.getpid(), "network_isolated": isolated, "memory_limited": limited}))
        out.flush()
        while (frame := read_frame(stdin)) is not None:
            try:
                header, body = worker.handle(frame[0])
            except Exception:  # noqa: BLE001 - a bug of ours must not take the worker down; logged, no details out
                traceback.print_exc(file=sys.stderr)
                header, body = {"ok": False, "status": 500, "message": "The query could not be answered; the error has been logged."}, b""
            out.write(encode_frame(header, body))
            out.flush()
    except BrokenPipeError:
        pass  # the server went away: there is no one left to answer
    os._exit(0)


if __name__ == "__main__":
    main()
