"""Serve the app under gunicorn (embedded), never Flask's development server.

`http_processes` gunicorn worker processes, each with `threads` request threads (gthread): pages
and downloads are answered by threads, while SPARQL queries wait for the process's own query pool
(kg.stores.embedded.pool), which it starts after the fork, before it takes any request (a process
whose workers are still starting would keep its first clients waiting), and stops when it exits. Several processes,
not more threads, are what use several cores: one process's threads share one interpreter lock.
The per-client budget's charges are in memory made by the master before it forks the processes,
so they all count one budget per client (kg.web.charge_table). Request lines may be long
(GET queries): the query size limit is enforced by the app (413), and gunicorn's line limit is
raised just enough for a query of that size percent-encoded (past it: 414), never unlimited.
"""

from __future__ import annotations

import gunicorn.http.message
from gunicorn.app.base import BaseApplication

from kg.web.charge_table import ChargeTable
from kg.web.settings import ServerConfig


def gunicorn_options(config: ServerConfig) -> dict:
    """gunicorn's settings for a ServerConfig."""
    host = f"[{config.host}]" if ":" in config.host else config.host
    return {
        "bind": f"{host}:{config.port}",
        "workers": config.http_processes,
        "worker_class": "gthread",
        "threads": config.threads,
        "timeout": int(config.query_timeout_s + config.queue_timeout_s) + 30,
        "graceful_timeout": 10,
        "limit_request_line": request_line_limit(config),
        "control_socket_disable": True,  # no ~/.gunicorn socket shared by every server of the user
        "accesslog": "-",
        "errorlog": "-",
        "post_worker_init": _start_query_pool,
        "worker_exit": _stop_query_pool,
    }


def request_line_limit(config: ServerConfig) -> int:
    """The longest request line: a GET with a query of max_query_bytes, every byte percent-encoded, and room."""
    return 3 * config.max_query_bytes + 8192


def _store(worker):
    app = getattr(worker, "wsgi", None)
    return getattr(app, "extensions", {}).get("kg.store")


def _start_query_pool(worker) -> None:
    store = _store(worker)
    if store is not None:
        store.warm()


def _stop_query_pool(server, worker) -> None:
    store = _store(worker)
    if store is not None:
        store.close()


class KgServer(BaseApplication):
    """gunicorn running create_app(config) in its worker."""

    def __init__(self, config: ServerConfig):
        self.config = config
        self.charges = ChargeTable()  # made before gunicorn forks its workers, so they share it
        super().__init__()

    def load_config(self) -> None:
        # gunicorn caps limit_request_line at MAX_REQUEST_LINE (8190), its only other choice being
        # 0 = unlimited; lift the cap to our own bound (the value is read when each request is parsed).
        gunicorn.http.message.MAX_REQUEST_LINE = max(gunicorn.http.message.MAX_REQUEST_LINE, request_line_limit(self.config))
        for key, value in gunicorn_options(self.config).items():
            if key in self.cfg.settings:  # control_socket_disable is newer than gunicorn 23
                self.cfg.set(key, value)

    def load(self):
        from kg.web import create_app

        return create_app(self.config, charges=self.charges)


def run(config: ServerConfig) -> int:
    """Serve until stopped (SIGINT/SIGTERM). Returns the exit status."""
    print(f"kg: serving {config.output_dir} on http://{config.host}:{config.port}/", flush=True)
    KgServer(config).run()
    return 0
