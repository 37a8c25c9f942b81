"""The logs of `kg serve` (kg.web.logging_setup): one JSON object per request, the client as admission counts it."""

from __future__ import annotations

import json
import logging

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from kg.web.logging_setup import ACCESS_LOGGER, AccessLog, client_address, configure
from kg.web.settings import ServerConfig

FIELDS = {"time", "client", "method", "path", "status", "bytes", "duration_ms", "kind", "request_id"}


def scope(headers=(), client=("192.0.2.7", 5000), path="/sparql") -> dict:
    return {"type": "http", "method": "GET", "path": path, "query_string": b"query=ASK%20%7B%7D", "headers": list(headers), "client": client}


def test_an_access_log_line_is_one_json_object_with_every_field():
    line = AccessLog().line(scope([(b"x-request-id", b"req-42")]), 200, 665, 0.0123456, "lookup", now=1796410000.25)
    assert "\n" not in line
    record = json.loads(line)
    assert set(record) == FIELDS
    assert record == {
        "time": "2026-12-04T18:46:40.250Z",
        "client": "192.0.2.7",
        "method": "GET",
        "path": "/sparql",
        "status": 200,
        "bytes": 665,
        "duration_ms": 12.346,
        "kind": "lookup",
        "request_id": "req-42",
    }


def test_the_line_never_holds_the_query_string():
    assert "query=" not in AccessLog().line(scope(), 200, 1, 0.001, "sparql")


def test_a_request_without_an_id_logs_null_and_control_characters_in_a_path_stay_escaped():
    record = AccessLog().line(scope(path='/id/"x"\n{"status":1}'), 404, 0, 0.001, "page")
    assert "\n" not in record
    assert json.loads(record)["request_id"] is None and json.loads(record)["path"] == '/id/"x"\n{"status":1}'


@pytest.mark.parametrize(
    "trusted, forwarded",
    [(0, b"203.0.113.5"), (1, b"203.0.113.5, 198.51.100.2"), (2, b"203.0.113.5, 198.51.100.2"), (3, b"203.0.113.5, 198.51.100.2"), (1, None)],
)
def test_the_client_is_the_address_werkzeug_s_proxy_fix_gives_the_admission(trusted, forwarded):
    environ = {"REMOTE_ADDR": "192.0.2.7", **({"HTTP_X_FORWARDED_FOR": forwarded.decode()} if forwarded else {})}
    seen = {}

    def app(env, start_response):
        seen["client"] = env["REMOTE_ADDR"]
        return []

    (ProxyFix(app, x_for=trusted, x_proto=0, x_host=0, x_port=0, x_prefix=0) if trusted else app)(environ, None)
    assert client_address(scope(), forwarded, trusted) == seen["client"]


def test_a_path_of_any_characters_is_written_in_ascii_and_read_back_as_it_was():
    path = "/id/place/bình-phước/\udcff"  # a byte that was not UTF-8, as a lone surrogate
    line = AccessLog().line(scope(path=path), 404, 0, 0.001, "page")
    assert line.isascii() and json.loads(line)["path"] == path


def test_several_forwarded_for_headers_are_read_as_one_list():
    headers = [(b"x-forwarded-for", b"203.0.113.5"), (b"x-forwarded-for", b"198.51.100.2")]
    assert json.loads(AccessLog(trusted_proxies=2).line(scope(headers), 200, 0, 0.0, "page"))["client"] == "203.0.113.5"


@pytest.fixture
def restored_logging():
    """Put the root and access loggers back as they were: configure() changes them for the whole process."""
    root, access = logging.getLogger(), logging.getLogger(ACCESS_LOGGER)
    saved = (root.handlers[:], root.level, access.handlers[:], access.level, access.propagate)
    yield
    root.handlers[:], access.handlers[:] = saved[0], saved[2]
    root.setLevel(saved[1])
    access.setLevel(saved[3])
    access.propagate = saved[4]


def test_configure_sends_access_lines_to_stdout_and_messages_to_stderr_at_the_level_set(restored_logging, capsys):
    configure(ServerConfig(log_level="warning", access_log="json"))
    logging.getLogger("kg.stores.remote").error("the store is down")
    logging.getLogger("kg.web").info("not shown at WARNING")
    AccessLog().write(scope(), 200, 4, 0.002, "sparql")
    out, err = capsys.readouterr()
    assert json.loads(out)["status"] == 200
    assert "ERROR kg.stores.remote" in err and "the store is down" in err and "not shown" not in err
    assert "{" not in err


def test_with_the_access_log_off_nothing_is_written_per_request(restored_logging, capsys):
    configure(ServerConfig(access_log="off"))
    AccessLog().write(scope(), 200, 4, 0.002, "sparql")
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("name, value", [("log_level", "LOUD"), ("access_log", "text")])
def test_an_unknown_log_setting_is_refused_naming_it(name, value):
    with pytest.raises(ValueError, match=name):
        ServerConfig().with_values({name: value})
