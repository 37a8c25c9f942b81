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
"""

from __future__ import annotations

import logging
import multiprocessing.util
import resource

from kg.web.charge_table import ChargeTable
from kg.web.front.bridge import WsgiBridge
from kg.web.running_table import RunningTable
from kg.web.settings import ServerConfig

# Apache's common log format plus the time taken (granian's own access logger, formatted once per request).
ACCESS_LOG_FORMAT = '%(addr)s - - [%(time)s] "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms'


def request_head_limit(config: ServerConfig) -> int:
    """The largest request head: a GET with a query of max_query_bytes, every byte percent-encoded, and 16 KiB of headers."""
    return 3 * config.max_query_bytes + 16_384


def granian_options(config: ServerConfig) -> dict:
    """granian's settings (keyword arguments of granian.server.Server) for a ServerConfig."""
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    timeout_ms = int(config.read_timeout_s * 1000)
    return {
        "address": config.host,
        "port": config.port,
        "interface": Interfaces.ASGINL,
        "workers": config.http_processes,
        "backpressure": config.max_connections,
        "http": HTTPModes.http1,
        "http1_settings": HTTP1Settings(header_read_timeout=timeout_ms, keep_alive=True,
                                        max_buffer_size=request_head_limit(config)),
        "websockets": False,
        "log_access": True,
        "log_access_format": ACCESS_LOG_FORMAT,
        "respawn_failed_workers": True,
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
    return WsgiBridge(app, threads=config.threads, read_timeout_s=config.read_timeout_s,
                      max_body_bytes=config.max_request_bytes, lane=lane)


def _fit_open_files(needed: int) -> None:
    """Raise this process's soft limit on open files towards `needed` (within the hard limit): each connection is one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def run(config: ServerConfig) -> int:
    """Serve until stopped (SIGINT/SIGTERM). Returns the exit status."""
    from granian.server import Server

    print(f"kg: serving {config.output_dir} on http://{config.host}:{config.port}/", flush=True)
    logging.getLogger("granian.access").setLevel(logging.INFO)
    _fit_open_files(config.max_connections + 256)
    charges, running = ChargeTable(), RunningTable()  # made before granian forks its processes, so they all share them
    server = Server("kg.web:create_app", **granian_options(config))
    server.serve(target_loader=lambda _target: load_worker_app(config, charges, running))
    return 0
