"""What went wrong with a query in a worker, as the errors the pool raises: a crash, memory, a gone client, a refusal."""

from __future__ import annotations

import signal

from kg.errors import BadRequest, KgError, NotAcceptable, PayloadTooLarge, ServiceUnavailable
from kg.stores.embedded.worker import memory_message
from kg.stores.embedded.worker_process import WorkerProcess


class WorkerCrashed(ServiceUnavailable):
    """The worker process died while running the query."""


class WorkerOutOfMemory(ServiceUnavailable):
    """The query needed more memory than the worker's limit; the worker stopped."""


class ClientDisconnected(KgError):
    """The client went away while its query waited or ran; nobody reads this answer (logged as 499)."""

    status, title = 499, "Client closed request"


_STATUS_ERRORS = {400: BadRequest, 406: NotAcceptable, 413: PayloadTooLarge, 503: ServiceUnavailable}


def died_error(worker: WorkerProcess, request: dict) -> ServiceUnavailable:
    """The error for a worker that died running `request`: out of memory if it aborted under a memory limit, else a crash."""
    code = worker.process.poll()
    if code is None:
        worker.process.wait()
        code = worker.process.returncode
    if request.get("memory_bytes") and code == -signal.SIGABRT:  # Rust aborts when an allocation fails
        return WorkerOutOfMemory(memory_message(request))
    return WorkerCrashed(f"The query worker stopped while running this query (exit status {code}); the query may be too complex.")


def refusal_error(header: dict) -> KgError:
    """The error for a worker's answer that is not `ok`: its status and message, as the matching KgError."""
    error = _STATUS_ERRORS.get(header.get("status"), KgError)
    if header.get("reason") == "memory":
        error = WorkerOutOfMemory
    return error(header.get("message", "the query failed"), status=header.get("status", 500))
