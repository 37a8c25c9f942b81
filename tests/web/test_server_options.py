"""How the server is run: gunicorn settings derived from ServerConfig."""

from __future__ import annotations

from kg.web.server import gunicorn_options, request_line_limit
from kg.web.settings import ServerConfig


def test_gunicorn_runs_one_threaded_worker_process_per_http_process():
    options = gunicorn_options(ServerConfig(host="127.0.0.1", port=8123, threads=6, http_processes=3))
    assert options["bind"] == "127.0.0.1:8123" and options["worker_class"] == "gthread"
    assert options["workers"] == 3 and options["threads"] == 6


def test_the_request_line_fits_the_longest_query_percent_encoded_and_is_never_unlimited():
    config = ServerConfig(max_query_bytes=20_000)
    assert gunicorn_options(config)["limit_request_line"] == request_line_limit(config) >= 3 * 20_000


def test_the_gunicorn_timeout_outlasts_the_longest_query_wait():
    options = gunicorn_options(ServerConfig(query_timeout_s=60, queue_timeout_s=10))
    assert options["timeout"] > 70


def test_no_control_socket_is_opened_in_the_home_folder():
    assert gunicorn_options(ServerConfig())["control_socket_disable"] is True


def test_an_ipv6_host_is_bracketed():
    assert gunicorn_options(ServerConfig(host="::1", port=80))["bind"] == "[::1]:80"
