"""Web hygiene: no debugger, no trace or path in any error body, every literal escaped in HTML,
downloads only from the manifest (path traversal in every encoding: 404), request sizes bounded."""

from __future__ import annotations

import html.parser
import urllib.parse
from pathlib import Path

import pytest

from kg.stores.embedded.worker import Worker
from kg.web import create_app
from tests.web.publication_fixture import BASE, SAMPLE_TRIG, write_publication

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "script": "</script><script>alert('label')</script>",
    "img": '<img src=x onerror="alert(1)">',
    "svg": '"><svg onload=alert(1)>',
    "attribute": "' onmouseover='alert(1)' x='",
    "textarea": "</textarea><script>alert(2)</script>",
    "comment": "--><script>alert(3)</script><!--",
}
THING = BASE + "id/place/xss"
XSS_TRIG = (
    SAMPLE_TRIG
    + f"""
<{BASE}graph/report-a> {{
  <{THING}> a <{BASE}def/kg/Province> ;
"""
    + "".join(f'      <http://www.w3.org/2000/01/rdf-schema#label> "{v.replace(chr(34), chr(92) + chr(34))}"@en ;\n' for v in HOSTILE.values())
    + f"""
      <http://www.w3.org/2000/01/rdf-schema#comment> "{HOSTILE["img"].replace('"', chr(92) + '"')}"^^<javascript:alert(4)> ;
      <http://www.w3.org/2002/07/owl#sameAs> <javascript:alert(5)>, <http://x.example/a?b=1&c=%22%3E%3Cscript%3E> .
}}
"""
)


DATA_BLOCKS = ("application/json", "application/ld+json")  # <script> types a browser never runs


class Dangers(html.parser.HTMLParser):
    """What in a page could run script: script elements with code, on* attributes, javascript: URLs.

    Allowed: a data block (a <script> of a JSON type, never run) and a script file of this host's /static/
    (the query editor's, the only script the pages' policy lets in).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        ours = tag == "script" and (found.get("type") in DATA_BLOCKS or (found.get("src") or "").startswith("/static/"))
        if tag in ("script", "svg", "img", "iframe", "object", "embed") and not ours:
            self.found.append(f"<{tag}> element")
        self._in_script = tag == "script" and found.get("type") not in DATA_BLOCKS
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= attribute on <{tag}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{name}={value} on <{tag}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append("script code")


def dangers(page: str) -> list[str]:
    parser = Dangers()
    parser.feed(page)
    return parser.found


@pytest.fixture(scope="module")
def xss_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("xss-publication")
    write_publication(out, trig=XSS_TRIG)
    return out


@pytest.fixture
def xss_client(make_app, xss_output):
    return make_app(xss_output).test_client()


HTML = {"Accept": "text/html"}


def test_the_sample_pages_are_clean_to_start_with(xss_client):
    assert dangers(xss_client.get("/sparql", headers=HTML).get_data(as_text=True)) == []


def test_the_query_results_table_escapes_every_literal_and_iri(xss_client):
    response = xss_client.get("/sparql", query_string={"query": f"SELECT ?p ?o WHERE {{ <{THING}> ?p ?o }}"}, headers=HTML)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert dangers(page) == []
    assert "&lt;/script&gt;&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in page  # shown, as text
    assert "&lt;img src=x onerror=" in page


def test_the_query_text_and_the_error_message_are_escaped(xss_client):
    for query in (f"SELECT * WHERE {{ ?s ?p ?o }} # {HOSTILE['textarea']}", f"SELECT * WHERE {{ {HOSTILE['script']} }}"):
        response = xss_client.get("/sparql", query_string={"query": query}, headers=HTML)
        assert dangers(response.get_data(as_text=True)) == [], query


def test_an_error_page_escapes_what_the_client_sent(xss_client):
    for path in ["/download/" + urllib.parse.quote(HOSTILE["script"]), "/id/" + urllib.parse.quote(HOSTILE["img"])]:
        response = xss_client.get(path, headers=HTML)
        assert response.status_code == 404 and dangers(response.get_data(as_text=True)) == []


def test_the_resource_page_escapes_every_literal_and_iri(xss_client):
    response = xss_client.get("/id/place/xss", headers=HTML)
    assert response.status_code == 200
    assert dangers(response.get_data(as_text=True)) == []


def test_the_search_page_escapes_labels_and_the_search_words(xss_client):
    for words in ("alert", HOSTILE["svg"]):
        response = xss_client.get("/search", query_string={"q": words}, headers=HTML)
        assert response.status_code == 200 and dangers(response.get_data(as_text=True)) == []


# -- no debugger, no traces ---------------------------------------------------------------------------
def test_flask_debug_in_the_environment_does_not_turn_the_debugger_on(monkeypatch, sample_output):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"output_dir": sample_output})
    assert app.debug is False and app.config["PROPAGATE_EXCEPTIONS"] is False


def route_that_fails(app):
    @app.get("/fail")
    def fail():
        raise RuntimeError(f"secret in {ROOT}/kg/secret_module.py line 42")


TRACE_SIGNS = ("Traceback", 'File "', ".py", "secret", str(ROOT), "RuntimeError")


@pytest.mark.parametrize("accept", ["text/html", "application/json", "text/plain", "*/*"])
def test_an_unexpected_exception_gives_a_plain_500_without_trace_or_path(sample_output, accept):
    app = create_app({"output_dir": sample_output})
    route_that_fails(app)
    response = app.test_client().get("/fail", headers={"Accept": accept})
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert not [sign for sign in TRACE_SIGNS if sign in body], body


def test_an_engine_failure_in_the_worker_reports_no_details(tmp_path, capsys):
    header, body = Worker().handle(
        {
            "query": "ASK {}",
            "store": str(tmp_path / "secret-folder" / "store"),
            "base": None,
            "max_rows": 10,
            "formats": {"results": "application/sparql-results+json"},
        }
    )
    assert header["status"] == 500 and "secret-folder" not in header["message"] and str(tmp_path) not in header["message"]
    assert "secret-folder" in capsys.readouterr().err  # the details are logged


def test_no_publication_names_no_folder(make_app, tmp_path):
    response = make_app(tmp_path / "nothing-here").test_client().get("/", headers={"Accept": "application/json"})
    assert response.status_code == 503 and str(tmp_path) not in response.get_data(as_text=True)


# -- against the real server ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(serve_module, sample_output):
    """The real server, with FLASK_DEBUG=1 in its environment (as if someone had set it where it runs)."""
    return serve_module(sample_output, env={"FLASK_DEBUG": "1"}, workers=1, client_budget_s=0, max_request_bytes=50_000, max_query_bytes=5_000)


TRAVERSALS = [
    "/download/../manifest.json",
    "/download/../../../../etc/passwd",
    "/download/%2e%2e/manifest.json",
    "/download/%2e%2e%2fmanifest.json",
    "/download/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/download/..%2fmanifest.json",
    "/download/%252e%252e%252fmanifest.json",
    "/download/..%5cmanifest.json",
    "/download/..\\manifest.json",
    "/download/%c0%ae%c0%ae/manifest.json",
    "/download/%c0%ae%c0%ae%c0%afmanifest.json",
    "/download/%e0%80%ae%e0%80%ae/manifest.json",
    "/download/..%c0%af..%c0%afetc%c0%afpasswd",
    "/download/%uff0e%uff0e/manifest.json",
    "/download/%ef%bc%8e%ef%bc%8e/manifest.json",
    "/download/%ef%bc%8e%ef%bc%8e%ef%bc%8fmanifest.json",
    "/download//etc/passwd",
    "/download/%2fetc%2fpasswd",
    "/download/kg.nt%00",
    "/download/kg.nt%00.txt",
    "/download/sources/../kg.nt",
    "/download/./kg.nt",
    "/download/....//....//etc/passwd",
    "/download/manifest.json",
    "/download/store/CURRENT",
    "/download/store",
    "/download/kg.nt/",
    "/download/KG.NT",
    "/download/%6b%67%2e%6e%74%2f%2e%2e%2fmanifest.json",
    "/download/sources%2f..%2f..%2fmanifest.json",
    "/download/file:///etc/passwd",
    "/download/~root",
    "/static/../../kg/web/__init__.py",
    "/static/%2e%2e/%2e%2e/kg/web/__init__.py",
    "/static/..%2f..%2fpyproject.toml",
]


@pytest.mark.e2e
@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_in_every_encoding_is_404(server, path):
    reply = server.request("GET", path, headers={"Accept": "*/*"})
    assert reply.status == 404, (path, reply.status, reply.text()[:200])
    assert b"root:" not in reply.body and b'"sha256"' not in reply.body and b"import" not in reply.body


@pytest.mark.e2e
def test_the_files_of_the_manifest_are_served(server):
    assert server.request("GET", "/download/kg.nt").status == 200
    assert server.request("GET", "/download/sources/report-a.txt").status == 200


@pytest.mark.e2e
def test_the_real_server_has_no_debugger_even_with_flask_debug_set(server):
    for path in ("/?__debugger__=yes&cmd=resource&f=debugger.js", "/console", "/sparql?__debugger__=yes&cmd=printpid"):
        reply = server.request("GET", path)
        body = reply.body.lower()
        assert b"werkzeug" not in body and b"debugger" not in body and b"console is locked" not in body and b"enter the pin" not in body
    assert server.request("GET", "/console").status == 404


BAD_REQUESTS = [
    ("GET", "/sparql?query=SELECT", None, {}),
    ("GET", "/sparql?query=%ff%fe", None, {}),
    ("GET", "/nowhere/" + "x" * 300, None, {}),
    ("DELETE", "/sparql", None, {}),
    ("POST", "/sparql", b"x" * 60_000, {"Content-Type": "application/x-www-form-urlencoded"}),
    ("POST", "/sparql", b"query=" + b"x" * 6_000, {"Content-Type": "application/x-www-form-urlencoded"}),
    ("POST", "/sparql", b"<x/>", {"Content-Type": "application/xml"}),
    ("POST", "/sparql", b"\xff\xfe", {"Content-Type": "application/sparql-query"}),
    ("GET", "/sparql?query=ASK%7B%7D&format=nonsense", None, {}),
    ("GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "image/png"}),
    ("GET", "/download/%c0%ae%c0%ae/etc/passwd", None, {}),
    ("GET", "/id/%ff", None, {}),
    ("POST", "/sparql", b"query=ASK{}&query=ASK{}", {"Content-Type": "application/x-www-form-urlencoded"}),
    (
        "POST",
        "/sparql",
        b"--b\r\nContent-Disposition: form-data; name=query\r\n\r\nASK{}\r\n--b--\r\n",
        {"Content-Type": "multipart/form-data; boundary=b"},
    ),
]


@pytest.mark.e2e
@pytest.mark.parametrize("method, path, body, headers", BAD_REQUESTS, ids=[f"{m} {p[:40]}" for m, p, _b, _h in BAD_REQUESTS])
@pytest.mark.parametrize("accept", ["text/html", "application/json", "text/plain"])
def test_no_error_body_of_the_real_server_shows_a_trace_or_a_path(server, sample_output, method, path, body, headers, accept):
    reply = server.request(method, path, body, {"Accept": accept, **headers})
    assert 400 <= reply.status < 500, (reply.status, reply.text()[:300])
    text = reply.text()
    for sign in ("Traceback", 'File "', '.py"', str(ROOT), str(sample_output), "site-packages"):
        assert sign not in text, (sign, text[:500])


@pytest.mark.e2e
def test_a_body_over_max_content_length_is_413_with_or_without_a_length(server):
    reply = server.request(
        "POST", "/sparql", b"query=" + b"A" * 60_000, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    )
    assert reply.status == 413 and "50000 bytes" in reply.json()["message"]
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(
            "POST",
            "/sparql",
            body=iter([b"query=", b"A" * 30_000, b"A" * 30_000]),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "Transfer-Encoding": "chunked"},
            encode_chunked=True,
        )
        response = connection.getresponse()
        assert response.status == 413, response.read()[:300]
    finally:
        connection.close()
    assert server.alive()


@pytest.mark.e2e
def test_a_request_head_past_the_limit_is_431_and_the_server_goes_on(server):
    reply = server.request("GET", "/sparql?query=" + "A" * 200_000)
    assert reply.status == 431  # hyper's answer to a head larger than its buffer (kg.web.server.request_head_limit)
    long_but_fine = server.request(
        "GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {} #" + "é" * 2000}), headers={"Accept": "application/json"}
    )
    assert long_but_fine.status == 200  # a query within max_query_bytes, percent-encoded (3 x longer), passes
    assert server.alive()
