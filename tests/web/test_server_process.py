"""End to end: `python serve.py` (granian, query workers) on a loopback port, queried by SPARQLWrapper."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from SPARQLWrapper import GET, JSON, N3, POST, POSTDIRECTLY, TURTLE, URLENCODED, SPARQLWrapper

from kg.web.settings import ServerConfig
from tests.web.publication_fixture import write_publication

ROOT = Path(__file__).resolve().parents[2]
PLACE = "http://data.example.org/id/place/binh-phuoc"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> set[int]:
    """Every process below `pid` (Linux /proc)."""
    found, frontier = set(), {pid}
    while frontier:
        parent = frontier.pop()
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                child = int(status.parent.name)
                found.add(child)
                frontier.add(child)
    return found


def start_server(output: Path) -> tuple[str, subprocess.Popen]:
    """`python serve.py` over `output` on a free loopback port, once /health answers 200."""
    port = free_port()
    env = {**os.environ, "KG_WORKERS": "2", "KG_QUERY_TIMEOUT": "5"}
    with open(output / "server.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "serve.py", "--host", "127.0.0.1", "--port", str(port), "--output", str(output)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return url, process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError((output / "server.log").read_text(errors="replace")[-3000:])
        time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.terminate()
    return process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    output = tmp_path_factory.mktemp("served")
    write_publication(output)
    url, process = start_server(output)
    yield url, process
    stop_server(process)


def endpoint(url: str, query: str, method: str = GET, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(query)
    client.setMethod(method)
    client.setReturnFormat(fmt)
    return client


pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("method", [GET, POST])
def test_select(server, method):
    result = endpoint(server[0], f"SELECT ?l WHERE {{ <{PLACE}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}", method).query().convert()
    assert {b["l"]["value"] for b in result["results"]["bindings"]} == {"Bình Phước", "Binh Phuoc province"}


@pytest.mark.parametrize("method", [GET, POST])
def test_ask(server, method):
    assert endpoint(server[0], f"ASK {{ <{PLACE}> ?p ?o }}", method).query().convert()["boolean"] is True


@pytest.mark.parametrize("method", [GET, POST])
def test_construct(server, method):
    graph = endpoint(server[0], f"CONSTRUCT {{ <{PLACE}> ?p ?o }} WHERE {{ <{PLACE}> ?p ?o }}", method, TURTLE).query().convert()
    assert "binh-phuoc" in graph.decode() and "Bình Phước" in graph.decode()


@pytest.mark.parametrize("method", [GET, POST])
def test_describe(server, method):
    graph = endpoint(server[0], f"DESCRIBE <{PLACE}>", method, TURTLE).query().convert()
    assert "Q36754" in graph.decode()


@pytest.mark.parametrize("method", [GET, POST])
def test_construct_asked_for_as_n3_is_turtle_sparqlwrapper_reads_into_the_expected_graph(server, method):
    client = endpoint(server[0], f"CONSTRUCT {{ <{PLACE}> ?p ?l }} WHERE {{ <{PLACE}> ?p ?l FILTER(isLiteral(?l)) }}", method, N3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SPARQLWrapper warns when the answer's type is not the one asked for
        response = client.query()
        body = response.convert()
    assert response.response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=body, format="n3")
    assert set(graph) == {
        (URIRef(PLACE), RDFS.label, Literal("Bình Phước", lang="vi")),
        (URIRef(PLACE), RDFS.label, Literal("Binh Phuoc province", lang="en")),
    }


@pytest.mark.parametrize("method", [GET, POST])
def test_describe_asked_for_as_n3_reads_into_a_graph_about_the_resource(server, method):
    body = endpoint(server[0], f"DESCRIBE <{PLACE}>", method, N3).query().convert()
    graph = Graph().parse(data=body, format="n3")
    assert set(graph.subjects()) == {URIRef(PLACE)} and (URIRef(PLACE), RDFS.label, Literal("Bình Phước", lang="vi")) in graph


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_no_query_accepting_only_results_is_400_missing_query_from_the_real_server(server, accept, method):
    request = urllib.request.Request(server[0] + "/sparql", headers={"Accept": accept}, method=method)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert (b"missing query" in caught.value.read()) if method == "GET" else caught.value.read() == b""


def test_no_query_accepting_n3_is_the_service_description_in_turtle_from_the_real_server(server):
    request = urllib.request.Request(server[0] + "/sparql", headers={"Accept": "text/n3"})
    with urllib.request.urlopen(request, timeout=10) as response:
        graph = Graph().parse(data=response.read(), format="turtle")
        assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    service = URIRef(server[0] + "/sparql")
    assert (service, URIRef("http://www.w3.org/ns/sparql-service-description#endpoint"), service) in graph


def test_select_posted_directly_as_a_query_body(server):
    client = endpoint(server[0], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", POST)
    client.setRequestMethod(POSTDIRECTLY)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "16"


def test_select_posted_as_a_form(server):
    client = endpoint(server[0], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", POST)
    client.setRequestMethod(URLENCODED)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "16"


def test_a_long_get_query_is_not_cut_by_the_server(server):
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 9000
    assert len(endpoint(server[0], query).query().convert()["results"]["bindings"]) == 16


def test_a_bad_query_is_400_from_the_real_server(server):
    request = urllib.request.Request(server[0] + "/sparql?query=SELECT", headers={"Accept": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400


def test_the_server_runs_query_workers_outside_the_server_process(server):
    commands = []
    for pid in children_of(server[1].pid):
        try:
            commands.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            pass
    http_processes = ServerConfig().http_processes  # the shipped default; KG_WORKERS=2 here
    assert sum("kg.stores.embedded.worker" not in c for c in commands) == http_processes
    assert sum("kg.stores.embedded.worker" in c for c in commands) == 2 * http_processes  # a pool in each


def test_the_server_is_granian(server, tmp_path_factory):
    log = next(Path(str(tmp_path_factory.getbasetemp())).glob("served*/server.log")).read_text()
    assert "Starting granian" in log and "Listening at: http://127.0.0.1:" in log


def test_stopping_the_server_stops_every_process(tmp_path):
    write_publication(tmp_path)
    url, process = start_server(tmp_path)
    endpoint(url, "ASK {}").query()
    below = children_of(process.pid)
    assert below
    assert stop_server(process) == 0
    deadline = time.monotonic() + 5
    while [pid for pid in below if Path(f"/proc/{pid}").exists()] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in below if Path(f"/proc/{pid}").exists()] == []
