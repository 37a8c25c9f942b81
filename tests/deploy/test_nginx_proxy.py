"""deploy/nginx/kg.conf, run by Debian's nginx in front of the real server (`kg serve`, KG_TRUSTED_PROXIES=1).

nginx runs without privileges of its own: a prefix folder of the test holds its nginx.conf (which
includes kg.conf), pid file, logs and temporary files, `daemon off`, on free loopback ports, with a
self-signed certificate made by openssl. kg.conf is used as written, but for its listen addresses,
upstream, certificate and log paths. Every test speaks from a loopback address of its own
(127.0.0.x), so the per-address limits of nginx and of the server never mix between tests.

Without nginx (package nginx-light) or openssl these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.web.security import security_headers
from tests.conftest import free_port
from tests.hardening.conftest import CHEAP, SLOW, Reply, bulk_output, serve_module  # noqa: F401 - fixtures
from tests.processes import stop_process

pytestmark = [pytest.mark.e2e, pytest.mark.proxy]

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx" / "kg.conf"
NGINX = "/usr/sbin/nginx"
JSON = "application/sparql-results+json"
QUERY_TIMEOUT_S = 5  # SLOW is stopped there and charged that much; the large answer below takes well under it
BUDGET_S = 1  # under one SLOW query
PAGE = "/id/place/binh-phuoc"  # a resource of the sample publication (tests/web/publication_fixture.py)
#: 70,000 rows of a cross product over the bulk publication: about 10 MB of JSON, more than the socket
#: buffers between the server, nginx and the client hold (checked against the kernel's tcp_wmem).
LARGE_ROWS = 70_000
LARGE = f"SELECT ?a ?b WHERE {{ ?a ?p ?x . ?b ?q ?y }} LIMIT {LARGE_ROWS}"


def tool_or_skip(path: str | None, message: str) -> str:
    """`path`, or a skip naming what is missing (a failure under CI=true: .ci/run installs it)."""
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (.ci/run installs it)")
        pytest.skip(message)
    return path


@dataclass
class Proxy:
    """nginx running kg.conf: HTTPS on `port`, the plain-HTTP redirect on `plain_port`."""

    port: int
    plain_port: int
    prefix: Path
    context: ssl.SSLContext
    process: subprocess.Popen | None = None

    @property
    def access_log(self) -> Path:
        return self.prefix / "kg.access.log"

    def connection(self, source: str) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60, context=self.context, source_address=(source, 0))

    def request(self, path: str, source: str = "127.0.0.1", headers: dict | None = None, method: str = "GET") -> Reply:
        """One request over HTTPS from the loopback address `source`; the body as sent (not decompressed)."""
        connection = self.connection(source)
        started = time.monotonic()
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            return reply_of(response, response.read(), time.monotonic() - started)
        finally:
            connection.close()

    def query(self, query: str, source: str, headers: dict | None = None) -> Reply:
        return self.request("/sparql?" + urllib.parse.urlencode({"query": query}), source, {"Accept": JSON, **(headers or {})})


def reply_of(response: http.client.HTTPResponse, body: bytes, seconds: float) -> Reply:
    """A Reply, a header sent on several lines (nginx adds its own Vary line) joined into one."""
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        name = name.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Reply(response.status, headers, body, seconds)


def write_config(prefix: Path, backend_port: int, port: int, plain_port: int, cert: Path, key: Path) -> Path:
    """prefix/nginx.conf around prefix/kg.conf (kg.conf with the test's addresses and paths)."""
    text = CONFIG.read_text(encoding="utf-8")
    for placeholder, value in {
        "listen 80;": f"listen 127.0.0.1:{plain_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{port} ssl http2;",
        "server 127.0.0.1:8080;": f"server 127.0.0.1:{backend_port};",
        "/etc/ssl/certs/kg.example.org.pem": str(cert),
        "/etc/ssl/private/kg.example.org.key": str(key),
        "/var/log/nginx/kg.access.log": str(prefix / "kg.access.log"),
    }.items():
        assert text.count(placeholder) == 1, f"kg.conf should say {placeholder!r} once"
        text = text.replace(placeholder, value)
    (prefix / "kg.conf").write_text(text, encoding="utf-8")
    temp_paths = "\n".join(f"    {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = prefix / "nginx.conf"
    main.write_text(
        f"""daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    default_type application/octet-stream;
    access_log off;
{temp_paths}
    include {prefix / "kg.conf"};
}}
""",
        encoding="utf-8",
    )
    return main


def nginx_command(nginx: str, prefix: Path, *extra: str) -> list[str]:
    return [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log"), *extra]


@pytest.fixture(scope="module")
def nginx() -> str:
    return tool_or_skip(NGINX if os.access(NGINX, os.X_OK) else shutil.which("nginx"), "nginx is not installed (apt-get install nginx-light)")


@pytest.fixture(scope="module")
def server(serve_module, bulk_output):
    """The real server over the bulk publication, told that one proxy stands in front of it."""
    return serve_module(
        bulk_output,
        trusted_proxies=1,
        http_processes=1,
        workers=2,
        query_timeout_s=QUERY_TIMEOUT_S,
        client_budget_s=BUDGET_S,
        client_window_s=120,
        max_rows=LARGE_ROWS,
    )


@pytest.fixture(scope="module")
def proxy_prefix(nginx, server):
    """A prefix folder with nginx.conf, kg.conf and a self-signed certificate for 127.0.0.1 (not yet running)."""
    openssl = tool_or_skip(shutil.which("openssl"), "openssl is not installed (apt-get install openssl)")
    # When the tests run as root, nginx's worker runs as nobody: it must reach its temporary folders
    prefix = Path(tempfile.mkdtemp(prefix="kg-nginx-"))
    prefix.chmod(0o755)
    cert, key = prefix / "cert.pem", prefix / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(cafile=str(cert))
    proxy = Proxy(port=free_port(), plain_port=free_port(), prefix=prefix, context=context)
    write_config(prefix, server.port, proxy.port, proxy.plain_port, cert, key)
    yield proxy
    shutil.rmtree(prefix, ignore_errors=True)


@pytest.fixture(scope="module")
def proxy(nginx, proxy_prefix):
    """nginx running kg.conf in front of the server; stopped (SIGTERM, then SIGKILL) after the module."""
    prefix = proxy_prefix.prefix
    proxy_prefix.process = subprocess.Popen(nginx_command(nginx, prefix), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            if proxy_prefix.request("/livez").status == 200:
                break
        except OSError:
            pass
        if proxy_prefix.process.poll() is not None or time.monotonic() > deadline:
            stop_process(proxy_prefix.process, grace_s=5)
            raise RuntimeError(f"nginx did not start:\n{(prefix / 'error.log').read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)
    yield proxy_prefix
    stop_process(proxy_prefix.process, grace_s=10)


def test_nginx_accepts_the_configuration(nginx, proxy_prefix):
    checked = subprocess.run(nginx_command(nginx, proxy_prefix.prefix, "-t"), capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr and "test is successful" in checked.stderr


def test_the_security_headers_of_the_server_pass_through(proxy, server):
    for path, accept in (
        (PAGE, "text/html"),
        (PAGE, "text/turtle"),
        ("/no/such/page", "text/html"),
        ("/sparql?" + urllib.parse.urlencode({"query": CHEAP}), JSON),
    ):
        reply = proxy.request(path, "127.0.0.10", {"Accept": accept})
        direct = server.request("GET", path, headers={"Accept": accept})
        assert reply.status == direct.status
        for name, value in security_headers(direct.headers["content-type"]):
            assert reply.headers[name.lower()] == direct.headers[name.lower()] == value, (path, name)
        assert reply.headers["strict-transport-security"] == "max-age=31536000"
        assert "server" not in reply.headers or reply.headers["server"] == "nginx"  # server_tokens off: no version


@pytest.mark.parametrize(
    "path, accept",
    [
        (PAGE, "text/html"),
        (PAGE, "text/turtle"),
        ("/", "text/html"),
        ("/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500"}), JSON),
        ("/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 500"}), "application/ld+json"),
        ("/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 500"}), "application/n-triples"),
    ],
)
def test_pages_rdf_and_results_are_compressed_for_clients_that_accept_gzip(proxy, server, path, accept):
    direct = server.request("GET", path, headers={"Accept": accept})
    assert direct.status == 200 and len(direct.body) >= 1024, "too small to be worth compressing"
    packed = proxy.request(path, "127.0.0.11", {"Accept": accept, "Accept-Encoding": "gzip"})
    assert packed.status == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in packed.headers["vary"].lower() and "accept" in packed.headers["vary"].lower()
    plain = proxy.request(path, "127.0.0.11", {"Accept": accept})  # the same request through the proxy, uncompressed
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(packed.body) == plain.body  # through the proxy both: the home page names the https host it is on
    assert len(packed.body) < len(plain.body)


@pytest.mark.parametrize(
    "path, accept", [(PAGE, "text/html"), ("/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500"}), JSON)]
)
def test_a_compressed_answers_weak_etag_still_revalidates_to_304(proxy, path, accept):
    packed = {"Accept": accept, "Accept-Encoding": "gzip"}
    first = proxy.request(path, "127.0.0.13", packed)
    assert first.headers["content-encoding"] == "gzip" and first.headers["etag"].startswith('W/"')
    again = proxy.request(path, "127.0.0.13", {**packed, "If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""


def test_downloads_keep_the_servers_own_gzip_and_are_not_compressed_twice(proxy, server):
    listing = json.loads(server.request("GET", "/downloads", headers={"Accept": "application/json"}).body)
    name = next(f["name"] for f in listing["files"] if f["name"].endswith(".nt"))
    direct = server.request("GET", f"/download/{name}", headers={"Accept-Encoding": "gzip"})
    via = proxy.request(f"/download/{name}", "127.0.0.12", {"Accept-Encoding": "gzip"})
    assert direct.headers["content-encoding"] == via.headers["content-encoding"] == "gzip"
    assert via.body == direct.body  # the published .gz copy, byte for byte


def uncached(n: int) -> str:
    """A cheap query that needs a query worker: new text each time, so no answer in the result cache serves it."""
    return f"ASK {{ ?s ?p ?o FILTER (?o != {n}) }}"


def test_the_client_the_server_charges_is_the_address_nginx_forwards(proxy):
    greedy, other = "127.0.0.20", "127.0.0.21"
    slow = proxy.query(SLOW, greedy)
    assert slow.status == 503, slow.text()  # stopped at query_timeout_s, and that much charged to `greedy`
    refused = proxy.query(uncached(1), greedy)
    assert refused.status == 429, refused.text()
    assert "client_budget_s" in refused.json()["message"]  # the server's budget, not nginx's limit_req
    assert int(refused.headers["retry-after"]) >= 1
    # an X-Forwarded-For the client writes itself comes before nginx's entry, and counts for nothing
    assert proxy.query(uncached(2), greedy, {"X-Forwarded-For": "198.51.100.7"}).status == 429
    assert proxy.query(uncached(3), other).status == 200  # another address behind the same proxy has its own budget


def test_the_urls_the_server_writes_say_https_behind_the_tls_proxy(proxy):
    origin = f"https://127.0.0.1:{proxy.port}"
    description = proxy.request("/sparql", "127.0.0.30", {"Accept": "text/turtle"})
    assert f"<{origin}/sparql>" in description.text()
    servers = json.loads(proxy.request("/openapi.json", "127.0.0.30").body)["servers"]
    assert [s["url"] for s in servers] == [origin]
    files = json.loads(proxy.request("/downloads", "127.0.0.30", {"Accept": "application/json"}).body)["files"]
    assert files and all(f["url"].startswith(origin + "/download/") for f in files)
    # a client's own X-Forwarded-Proto is replaced by nginx's
    spoofed = proxy.request("/openapi.json", "127.0.0.30", {"X-Forwarded-Proto": "http"})
    assert json.loads(spoofed.body)["servers"][0]["url"] == origin


def test_plain_http_is_redirected_to_https(proxy):
    connection = http.client.HTTPConnection("127.0.0.1", proxy.plain_port, timeout=10, source_address=("127.0.0.31", 0))
    try:
        connection.request("GET", PAGE + "?lang=vi")
        response = connection.getresponse()
        assert response.status == 301
        assert response.getheader("Location") == f"https://127.0.0.1{PAGE}?lang=vi"
    finally:
        connection.close()


def limit_of(zone: str) -> tuple[float, int]:
    """(rate per second, burst) of limit_req zone `zone` as kg.conf declares and uses it."""
    text = CONFIG.read_text(encoding="utf-8")
    rate = float(re.search(rf"zone={zone}:\S+ rate=(\d+)r/s", text).group(1))
    burst = int(re.search(rf"limit_req zone={zone} burst=(\d+) nodelay", text).group(1))
    return rate, burst


def at_once(proxy: Proxy, path: str, source: str, count: int) -> tuple[list[Reply], float]:
    """`count` requests for `path` sent together on connections made beforehand; their replies, and how long sending took."""
    connections = [proxy.connection(source) for _ in range(count)]
    try:
        for connection in connections:
            connection.connect()
        started = time.monotonic()
        for connection in connections:
            connection.request("GET", path, headers={"Accept": "text/html"})
        sending_s = time.monotonic() - started
        replies = []
        for connection in connections:
            response = connection.getresponse()
            replies.append(reply_of(response, response.read(), 0))
        return replies, sending_s
    finally:
        for connection in connections:
            connection.close()


@pytest.mark.parametrize("zone, path, source", [("kg_search", "/search?q=binh", "127.0.0.40"), ("kg_pages", PAGE, "127.0.0.41")])
def test_a_burst_past_the_limit_gets_429_from_nginx_and_other_clients_do_not(proxy, zone, path, source):
    rate, burst = limit_of(zone)
    count = 2 * burst + 10
    replies, sending_s = at_once(proxy, path, source, count)
    statuses = [reply.status for reply in replies]
    assert set(statuses) <= {200, 429}, statuses
    answered = statuses.count(200)
    # the burst, plus what the rate refilled while the requests went out (and one of slack for timing)
    assert burst + 1 <= answered <= burst + 1 + int(rate * sending_s) + 1, (answered, sending_s)
    refused = next(reply for reply in replies if reply.status == 429)
    assert refused.headers["retry-after"] == "1"
    assert refused.headers["x-content-type-options"] == "nosniff"
    assert "Too many requests" in refused.text()
    assert proxy.request(path, source.rsplit(".", 1)[0] + ".49", {"Accept": "text/html"}).status == 200


def test_a_large_sparql_answer_flows_through_unbuffered_at_the_clients_pace(proxy, server):
    """nginx reads the answer from the server only as fast as the client reads it (proxy_buffering off).

    The client reads the head, stops for `pause_s`, then reads the rest. Buffered, nginx would take
    the whole answer from the server at once (into proxy_temp_path), and the server's part of the
    request, from its headers to its last byte ($upstream_response_time less $upstream_header_time,
    in kg.conf's access log), would take some milliseconds; unbuffered it lasts the pause. (The answer
    is more than twice what nginx's socket to the client may hold, else the kernel would take it all.)
    """
    pause_s = 2.0
    path = "/sparql?" + urllib.parse.urlencode({"query": LARGE})
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.bind(("127.0.0.50", 0))
    raw.settimeout(60)
    raw.connect(("127.0.0.1", proxy.port))
    with proxy.context.wrap_socket(raw, server_hostname="127.0.0.1") as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{proxy.port}\r\nAccept: {JSON}\r\nConnection: close\r\n\r\n".encode("ascii"))
        received = sock.recv(65536)
        while b"\r\n\r\n" not in received:
            received += sock.recv(65536)
        time.sleep(pause_s)
        while chunk := sock.recv(1 << 20):
            received += chunk
    head, body = received.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 200"), lines[0]
    headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in lines[1:])}
    assert int(headers["content-length"]) == len(body) > 2 * socket_send_buffer_max()
    assert len(json.loads(body)["results"]["bindings"]) == LARGE_ROWS
    line = logged(proxy, "LIMIT+" + str(LARGE_ROWS))
    header_s, response_s = (float(re.search(rf"{name}=([\d.]+)", line).group(1)) for name in ("uht", "urt"))
    assert response_s - header_s >= pause_s * 0.9, line


def test_a_compressed_sparql_answer_reaches_the_client_in_chunks(proxy, server):
    query = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y } LIMIT 20000"
    direct = server.query(query)
    connection = proxy.connection("127.0.0.51")
    try:
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": JSON, "Accept-Encoding": "gzip"})
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Transfer-Encoding") == "chunked" and response.getheader("Content-Length") is None
        assert response.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(response.read()) == direct.body
    finally:
        connection.close()


def socket_send_buffer_max() -> int:
    """The most a TCP socket's send buffer grows to (net.ipv4.tcp_wmem; Linux's default 4 MiB where unreadable)."""
    try:
        return int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])
    except (OSError, IndexError, ValueError):
        return 4 << 20


def logged(proxy: Proxy, marker: str, timeout_s: float = 10) -> str:
    """The access log's line of the request whose line holds `marker` (nginx writes it when the request ends)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for line in proxy.access_log.read_text(encoding="utf-8", errors="replace").splitlines():
            if marker in line:
                return line
        time.sleep(0.1)
    raise AssertionError(f"no line with {marker!r} in {proxy.access_log}")
