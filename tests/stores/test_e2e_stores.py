"""End to end, the same suite on every store: the real server (`kg serve`, gunicorn) over the real build,
answering from the embedded store, from `oxigraph serve`, and from Virtuoso (where installed; CI runs it).

SPARQL protocol (methods, forms, formats, datasets, the competency questions with the same answers as
the embedded store), dereferencing with content negotiation, HTML pages, the guards and the row cap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.publication.layout import current_dir, read_manifest
from kg.stores.guard import check_query
from tests.loopback import counting_listener
from tests.processes import stop_process
from tests.store_servers import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.remote_store]

ROOT = Path(__file__).resolve().parents[2]
MODES = ["embedded", "oxigraph", "virtuoso"]
MAX_ROWS = 50
JSON = "application/sparql-results+json"
BROWSER = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module", params=MODES)
def served(request, publication_dir, store_settings, tmp_path_factory):
    """(url, mode): `kg serve` over the session's build, answering from the store `mode` names."""
    settings = store_settings(request.param, publication_dir)
    port = free_port()
    env = {**os.environ, "KG_WORKERS": "2", "KG_QUERY_TIMEOUT": "5", "KG_MAX_ROWS": str(MAX_ROWS)}
    env.pop("KG_STORE_URL", None)
    if settings:
        env.update(KG_STORE_URL=settings["store_url"], KG_STORE_KIND=settings["store_kind"])
    log_path = tmp_path_factory.mktemp(f"serve-{request.param}") / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--output", str(publication_dir)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the server did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    yield url, request.param
    stop_process(process, grace_s=20)


def get(url: str, path: str, accept: str | None = None, **params):
    """(status, headers, body) of a GET; errors are answers too."""
    full = url + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    request = urllib.request.Request(full, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def post(url: str, body: bytes, content_type: str, accept: str = JSON):
    request = urllib.request.Request(url + "/sparql", data=body, headers={"Content-Type": content_type, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def rows(body: bytes) -> list[dict]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


@pytest.fixture(scope="module")
def local(publication_dir):
    """The embedded store of the build and its manifest: what every store must answer like."""
    folder = current_dir(publication_dir)
    return ox.Store.read_only(str(folder / "store")), read_manifest(folder), folder


def local_rows(local, query: str) -> list[dict]:
    store, manifest, _ = local
    results = store.query(query, base_iri=manifest.base, use_default_graph_as_union=True)
    return [{v.value: s[v].value for v in results.variables if s[v] is not None} for s in results]


def same_rows(a: list[dict], b: list[dict]) -> bool:
    """Equal as multisets of rows, by values (stores spell numeric datatypes differently)."""

    def key(row):
        return sorted((k, _number(v)) for k, v in row.items())

    return sorted(map(key, a)) == sorted(map(key, b))


def _number(value: str) -> str:
    try:
        return repr(float(value))
    except ValueError:
        return value


# -- health and the SPARQL protocol ---------------------------------------------------------------
def test_health_names_the_store_and_its_version(served, local):
    url, mode = served
    status, _, body = get(url, "/health")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok" and health["store"] == "reachable"
    assert health["version"] == local[1].version
    if mode != "embedded":
        assert health["store_version"] == local[1].version and health["store_kind"] == mode


@pytest.mark.parametrize("method", ["GET", "POST form", "POST query"])
def test_the_triple_count_is_the_embedded_stores(served, local, method):
    url, _ = served
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    if method == "GET":
        status, _, body = get(url, "/sparql", JSON, query=query)
    elif method == "POST form":
        status, _, body = post(url, urllib.parse.urlencode({"query": query}).encode(), "application/x-www-form-urlencoded")
    else:
        status, _, body = post(url, query.encode(), "application/sparql-query")
    assert status == 200
    assert int(rows(body)[0]["n"]) == int(local_rows(local, query)[0]["n"])


#: Where Virtuoso 7.2 answers otherwise than SPARQL 1.1 (and the embedded store): integer / integer is an
#: integer (87, not 87.5), booleans come back as 1, GROUP_CONCAT's order differs. Its answers are checked
#: for their number of rows only; every other store's, value by value.
#: One question loses a row there: 3 places, not 4 (its OPTIONAL transitive path `schema:containedInPlace+`
#: under GROUP BY). Both are Virtuoso's, recorded here so that any other difference fails.
VIRTUOSO_DEVIATIONS = ("integer division", "booleans as 1/0", "GROUP_CONCAT order")
VIRTUOSO_ROW_DIFFERENCES = {"17-places-and-identifiers": "3 rows, not 4"}


def test_every_competency_question_has_the_embedded_stores_answer(served, local):
    url, mode = served
    questions = json.loads((local[2] / "queries.json").read_text(encoding="utf-8"))
    assert questions
    differ = {}
    for question in questions:
        query = question["query"]
        if check_query(query).form in ("CONSTRUCT", "DESCRIBE"):
            status, _, body = get(url, "/sparql", "application/n-triples", query=query)
            assert status == 200, (question["id"], body[:300])
            store, manifest, _ = local
            expected = store.query(query, base_iri=manifest.base, use_default_graph_as_union=True)
            got = {(t.subject.value, t.predicate.value, t.object.value) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
            if got != {(t.subject.value, t.predicate.value, t.object.value) for t in expected}:
                differ[question["id"]] = "triples"
            continue
        status, _, body = get(url, "/sparql", JSON, query=query)
        assert status == 200, (question["id"], body[:300])
        got, expected = rows(body), local_rows(local, query)
        if mode == "virtuoso":  # its arithmetic and booleans are not SPARQL 1.1's (see VIRTUOSO_DEVIATIONS)
            if len(got) != len(expected):
                differ[question["id"]] = f"{len(got)} rows, not {len(expected)}"
        elif not same_rows(got, expected):
            differ[question["id"]] = [r for r in got if r not in expected][:2], [r for r in expected if r not in got][:2]
    assert differ == (VIRTUOSO_ROW_DIFFERENCES if mode == "virtuoso" else {}), json.dumps(differ, ensure_ascii=False, indent=1)[:8000]


def test_ask_construct_and_describe(served, local):
    url, _ = served
    place = local[1].base + "id/place/binh-phuoc"
    status, _, body = get(url, "/sparql", JSON, query=f"ASK {{ <{place}> ?p ?o }}")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = get(url, "/sparql", "text/turtle", query=f"CONSTRUCT {{ <{place}> ?p ?o }} WHERE {{ <{place}> ?p ?o }}")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    got = {(t.predicate.value, str(t.object)) for t in ox.parse(body, format=ox.RdfFormat.TURTLE)}
    expected = {(q.predicate.value, str(q.object)) for q in local[0].quads_for_pattern(ox.NamedNode(place), None, None, None)}
    assert {p for p, _ in got} == {p for p, _ in expected} and len(got) == len(expected)
    status, _, body = get(url, "/sparql", "application/n-triples", query=f"DESCRIBE <{place}>")
    assert status == 200 and f"<{place}>".encode() in body


@pytest.mark.parametrize("fmt, marker", [("csv", b"n\r\n"), ("tsv", b"?n\n"), ("xml", b"<sparql")])
def test_results_formats(served, fmt, marker):
    url, _ = served
    status, _, body = get(url, "/sparql", None, query="SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }", format=fmt)
    assert status == 200 and marker in body


def test_named_graph_uri_sets_the_dataset(served, local):
    url, _ = served
    vocabulary = local[1].base + "graph/vocabulary"
    status, _, body = get(url, "/sparql", JSON, query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": vocabulary})
    assert status == 200 and rows(body) == [{"g": vocabulary}]


def test_without_a_dataset_the_graphs_are_the_publications(served, local):
    url, _ = served
    status, _, body = get(url, "/sparql", JSON, query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    expected = sorted(g.value for g in local[0].named_graphs())
    assert status == 200 and sorted(r["g"] for r in rows(body)) == expected  # no marker, no staging graph


def test_a_big_result_is_cut_and_marked(served):
    url, _ = served
    status, headers, body = get(url, "/sparql", JSON, query="SELECT * WHERE { ?s ?p ?o }")
    data = json.loads(body)
    assert status == 200 and headers["X-KG-Truncated"] == "true" and headers["X-KG-Row-Limit"] == str(MAX_ROWS)
    assert len(data["results"]["bindings"]) == MAX_ROWS and data["kg:truncated"] is True


# -- the guards ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def listener():
    """A loopback listener counting the connections it receives (SERVICE must never reach it)."""
    with counting_listener() as (port, seen):
        yield f"http://127.0.0.1:{port}/sparql", seen


@pytest.mark.parametrize(
    "shape",
    [
        "SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{u}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
        "ASK {{ \\u0053ERVICE <{u}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_nothing_leaves(served, listener, shape):
    url, _ = served
    target, seen = listener
    status, _, body = get(url, "/sparql", JSON, query=shape.format(u=target))
    assert status == 400 and b"SERVICE" in body
    time.sleep(0.2)
    assert seen == []


@pytest.mark.parametrize(
    "query, status",
    [
        ("INSERT DATA { <http://x/s> <http://x/p> 1 }", 400),
        ("DROP ALL", 400),
        ("SELECT * WHERE " + "{ " * 200 + "?s ?p ?o" + " }" * 200, 400),
        ("SELECT * WHERE { ?s ?p ?o " + "#" + "x" * 30_000 + "\n}", 413),
        ("SELECT (bif:http_get('http://127.0.0.1:1/') AS ?x) WHERE {}", 400),
        ("SELECT * WHERE { ?s ?p }", 400),
    ],
)
def test_bad_queries_never_reach_the_store(served, query, status):
    url, _ = served
    got, _, body = post(url, urllib.parse.urlencode({"query": query}).encode(), "application/x-www-form-urlencoded")
    assert got == status, body[:300]
    assert b"Traceback" not in body and b"/work/" not in body


def test_the_endpoint_is_read_only_whatever_the_store(served, local):
    url, _ = served
    post(url, b"INSERT DATA { <http://x/s> <http://x/p> 1 }", "application/sparql-update")
    status, _, body = get(url, "/sparql", JSON, query="ASK { <http://x/s> ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is False


# -- dereferencing and pages ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "accept, parse_as",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_a_resource_iri_dereferences_to_the_same_triples(served, local, accept, parse_as):
    url, _ = served
    place = local[1].base + "id/place/binh-phuoc"
    status, headers, body = get(url, "/id/place/binh-phuoc", accept)
    assert status == 200 and headers["Content-Type"].startswith(accept) and "Accept" in headers["Vary"]
    subjects_and_predicates = {(t.subject.value, t.predicate.value) for t in ox.parse(body, format=parse_as)}
    own = {(place, q.predicate.value) for q in local[0].quads_for_pattern(ox.NamedNode(place), None, None, None)}
    pointing = {(q.subject.value, q.predicate.value) for q in local[0].quads_for_pattern(None, None, ox.NamedNode(place), None)}
    assert own <= subjects_and_predicates and pointing <= subjects_and_predicates


def test_suffixes_406_and_404(served):
    url, _ = served
    status, headers, _ = get(url, "/id/place/binh-phuoc.nt")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert get(url, "/id/place/binh-phuoc", "image/png")[0] == 406
    assert get(url, "/id/place/no-such-place", "text/turtle")[0] == 404


def test_the_resource_page_in_both_languages(served):
    url, _ = served
    status, _, body = get(url, "/id/place/binh-phuoc", BROWSER, lang="vi")
    assert status == 200 and "Bình Phước" in body.decode()
    status, _, body = get(url, "/id/place/binh-phuoc", BROWSER, lang="en")
    assert status == 200 and '<html lang="en">' in body.decode() and "Bình Phước" in body.decode()


def test_home_graph_and_search_pages(served, local):
    url, _ = served
    status, _, body = get(url, "/", BROWSER)
    assert status == 200 and "/sparql" in body.decode()
    graph = "/" + (local[1].base + "graph/vocabulary")[len(local[1].base) :]
    assert get(url, graph, BROWSER)[0] == 200
    status, _, body = get(url, "/search", "application/json", q="binh phuoc")
    assert status == 200 and any(r["iri"].endswith("id/place/binh-phuoc") for r in json.loads(body)["results"])


def test_downloads_still_come_from_the_publication_folder(served, local):
    url, _ = served
    status, _, body = get(url, "/download/kg.nt")
    assert status == 200 and body == (local[2] / "kg.nt").read_bytes()
