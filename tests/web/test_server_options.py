"""How the server is run: granian's settings derived from ServerConfig."""

from __future__ import annotations

from granian.constants import HTTPModes, Interfaces

from kg.web.server import granian_options, request_head_limit
from kg.web.settings import ServerConfig


def test_granian_runs_one_asgi_process_per_http_process_on_the_configured_address():
    options = granian_options(ServerConfig(host="127.0.0.1", port=8123, http_processes=3))
    assert (options["address"], options["port"], options["workers"]) == ("127.0.0.1", 8123, 3)
    assert options["interface"] is Interfaces.ASGINL and options["http"] is HTTPModes.http1


def test_headers_and_idle_keep_alive_are_cut_at_the_read_timeout():
    settings = granian_options(ServerConfig(read_timeout_s=7.5))["http1_settings"]
    assert settings.header_read_timeout == 7500 and settings.keep_alive is True


def test_the_request_head_fits_the_longest_query_percent_encoded_and_is_never_unlimited():
    config = ServerConfig(max_query_bytes=20_000)
    assert granian_options(config)["http1_settings"].max_buffer_size == request_head_limit(config)
    assert 3 * 20_000 < request_head_limit(config) < 3 * 20_000 + 65_536


def test_each_process_takes_at_most_max_connections_at_once():
    assert granian_options(ServerConfig(max_connections=64))["backpressure"] == 64


def test_a_process_that_will_not_stop_is_killed_after_the_longest_query_wait():
    assert granian_options(ServerConfig(query_timeout_s=60, queue_timeout_s=10))["workers_kill_timeout"] > 70


def test_granian_s_own_access_log_is_off_the_bridge_writes_it():
    assert granian_options(ServerConfig())["log_access"] is False


def test_granian_logs_at_the_level_set_through_the_one_root_handler():
    options = granian_options(ServerConfig(log_level="WARNING"))
    assert options["log_level"].value == "warning"
    assert options["log_dictconfig"]["loggers"]["_granian"] == {"handlers": [], "propagate": True}
