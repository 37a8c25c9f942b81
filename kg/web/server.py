"""Serve the app under granian (a Rust HTTP/1.1 front, WSGI), never Flask's development server.

granian parses HTTP in Rust (hyper on tokio), so a connection costs no Python thread until its
request is complete: a client that sends its headers a byte at a time, or nothing at all, is
closed after `header_timeout_s`, and an idle keep-alive connection after the same time. At most
`max_connections` requests per HTTP process are in Python at once (granian's backpressure); the
others wait in Rust, not on a thread. Each of the `http_processes` processes runs `threads` Python
threads for requests, starts its query pool (kg.stores.embedded.pool) before it takes any request
and stops it when it exits. The memory every process shares (the client budget's charges and the
queries running now per client: kg.web.charge_table, kg.web.running_table) is made here, before granian forks.

Request lines may be long (GET queries): hyper's header buffer is sized for a query of
`max_query_bytes` percent-encoded, and the app answers 413 past the query size itself; a request
whose head does not fit is refused by hyper (431), never read without bound.

Metrics and logs: before anything imports prometheus_client, `run` points PROMETHEUS_MULTIPROC_DIR
at a fresh folder of its own (removed when it stops), so every HTTP process counts into it and
/metrics sums them all (kg.web.metrics); it configures logging once (kg.web.logging_setup), and
each process's bridge calls `request_observer` after every request: its latency into the metrics
and, with access_log=json, its line in the access log (granian's own access log is off).
"""

from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import resource
import shutil
import sys
import tempfile

from kg.web.charge_table import ChargeTable
from kg.web.front.bridge import WsgiBridge
from kg.web.running_table import RunningTable
from kg.web.settings import ServerConfig

METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's multiprocess mode reads it when it is imported


def request_head_limit(config: ServerConfig) -> int:
    """The largest request head: a GET with a query of max_query_bytes, every byte percent-encoded, and 16 KiB of headers."""
    return 3 * config.max_query_bytes + 16_384


def granian_options(config: ServerConfig) -> dict:
    """granian's settings (keyword arguments of granian.server.Server) for a ServerConfig."""
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    from kg.web.logging_setup import GRANIAN_LOGGING

    timeout_ms = int(config.read_timeout_s * 1000)
    return {
        "address": config.host,
        "port": config.port,
        "interface": Interfaces.ASGINL,
        "workers": config.http_processes,
        "backpressure": config.max_connections,
        "http": HTTPModes.http1,
        "http1_settings": HTTP1Settings(header_read_timeout=timeout_ms, keep_alive=True, max_buffer_size=request_head_limit(config)),
        "websockets": False,
        "log_access": False,  # the bridge writes the access log (kg.web.logging_setup): it knows the client and the bytes
        "log_level": LogLevels(config.log_level.lower()),
        "log_dictconfig": GRANIAN_LOGGING,
        "respawn_failed_workers": True,
        # on SIGTERM each process stops accepting and finishes its requests; past this it is killed (README "Shutdown")
        "workers_kill_timeout": int(config.query_timeout_s + config.queue_timeout_s) + 5,
    }


def load_worker_app(config: ServerConfig, charges: ChargeTable, running: RunningTable):
    """In each HTTP process, after the fork: the app, with its query pool started and stopped at exit."""
    from kg.web import create_app
    from kg.web.front.fast_lane import FastLane

    app = create_app(config, charges=charges, running=running)
    store = app.extensions["kg.store"]
    if hasattr(store, "warm"):
        store.warm()  # a process whose workers are still starting would keep its first clients waiting
    # granian's processes are multiprocessing children: they run multiprocessing's finalizers at exit, not atexit's
    multiprocessing.util.Finalize(app, store.close, exitpriority=10)
    lane = FastLane(app) if config.fast_lane and store.versioned_answers else None  # the embedded store only
    return WsgiBridge(
        app,
        threads=config.threads,
        read_timeout_s=config.read_timeout_s,
        max_body_bytes=config.max_request_bytes,
        lane=lane,
        observe=request_observer(config),
    )


def request_observer(config: ServerConfig):
    """What the bridge calls after each request: (scope, exchange, seconds) into the metrics and the access log."""
    from kg.web import metrics
    from kg.web.logging_setup import AccessLog

    access = AccessLog(config.trusted_proxies) if config.access_log == "json" else None

    def observe(scope: dict, exchange, seconds: float) -> None:
        kind = "lookup" if exchange.lane else metrics.route_kind(scope["path"])
        metrics.observe_request(kind, exchange.status, seconds)
        if access is not None:
            access.write(scope, exchange.status, exchange.size, seconds, kind)

    return observe


@contextlib.contextmanager
def metrics_folder():
    """A fresh PROMETHEUS_MULTIPROC_DIR for the HTTP processes (whatever the environment said), removed at the end."""
    if "prometheus_client" in sys.modules:
        raise RuntimeError(
            "prometheus_client was imported before kg serve set PROMETHEUS_MULTIPROC_DIR: its metrics would not be summed over the HTTP processes"
        )
    folder = tempfile.mkdtemp(prefix="kg-metrics-")
    os.environ[METRICS_DIR] = folder
    try:
        yield folder
    finally:
        os.environ.pop(METRICS_DIR, None)
        shutil.rmtree(folder, ignore_errors=True)


def _fit_open_files(needed: int) -> None:
    """Raise this process's soft limit on open files towards `needed` (within the hard limit): each connection is one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def run(config: ServerConfig) -> int:
    """Serve until stopped (SIGINT/SIGTERM). Returns the exit status."""
    from granian.server import Server

    from kg.web import logging_setup

    print(f"kg: serving {config.output_dir} on http://{config.host}:{config.port}/", flush=True)
    _fit_open_files(config.max_connections + 256)
    charges, running = ChargeTable(), RunningTable()  # made before granian forks its processes, so they all share them
    with metrics_folder():
        server = Server("kg.web:create_app", **granian_options(config))
        logging_setup.configure(config)  # after granian's own configuration (in Server()), before it forks
        server.serve(target_loader=lambda _target: load_worker_app(config, charges, running))
    return 0
