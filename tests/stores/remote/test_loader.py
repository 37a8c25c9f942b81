"""`kg publish --to`: graphs replaced whole, the marker written last, failed loads that change nothing.

Against a real `oxigraph serve` started for each test (cheap: well under a second), and through a
recording stand-in (tests/stores/fake_store.py) for the failures a real store will not produce on demand.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request

import pytest

from kg.cli import main
from kg.stores.remote.client import Credentials, HttpClient
from kg.stores.remote.endpoints import StoreEndpoints
from kg.stores.remote.loader import Loader, LoadFailed
from kg.stores.remote.marker import state_graph
from tests.store_servers import start_oxigraph
from tests.stores.fake_store import FakeStore
from tests.web.publication_fixture import BASE, GRAPH_A, GRAPH_BULK, GRAPH_VOCAB, write_publication

pytestmark = pytest.mark.remote_store

V2_TRIG = f"""<{GRAPH_A}> {{ <{BASE}id/place/binh-phuoc> <http://www.w3.org/2000/01/rdf-schema#label> "Bình Phước (v2)"@vi . }}
<{BASE}graph/new> {{ <{BASE}id/thing/new> a <{BASE}def/kg/Thing> . }}
"""


@pytest.fixture
def oxigraph(tmp_path):
    server = start_oxigraph(tmp_path / "oxigraph")
    yield server
    server.stop()


def select(url: str, query: str) -> list[dict]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url + "/query", data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["results"]["bindings"]


def graph_counts(url: str) -> dict[str, int]:
    rows = select(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def marker_version(url: str) -> str | None:
    state = state_graph(BASE)
    rows = select(url, f"SELECT ?v WHERE {{ GRAPH <{state}> {{ <{state}> <http://www.w3.org/2002/07/owl#versionInfo> ?v }} }}")
    return rows[0]["v"]["value"] if rows else None


def loader(url: str, **kwargs) -> Loader:
    return Loader(StoreEndpoints.from_settings(url, "oxigraph"), HttpClient(kwargs.pop("credentials", None)), **kwargs)


def two_versions(tmp_path):
    out = tmp_path / "publication"
    v1 = write_publication(out, version="v1", extra_triples=10)
    v2 = write_publication(out, version="v2", trig=V2_TRIG, make_current=False)
    return out, v1, v2


def test_publish_loads_every_graph_and_the_marker(tmp_path, oxigraph, capsys):
    out, v1, _ = two_versions(tmp_path)
    assert main(["publish", "--output", str(out), "--to", oxigraph.url]) == 0
    assert "loaded version v1" in capsys.readouterr().out
    counts = graph_counts(oxigraph.url)
    assert {g: n for g, n in counts.items() if g != state_graph(BASE)} == {GRAPH_A: 10, GRAPH_VOCAB: 6, GRAPH_BULK: 10}
    assert marker_version(oxigraph.url) == "v1"


def test_a_new_version_replaces_each_graph_whole_and_drops_the_graphs_it_no_longer_has(tmp_path, oxigraph):
    out, v1, v2 = two_versions(tmp_path)
    loader(oxigraph.url).load(v1)
    report = loader(oxigraph.url).load(v2)
    assert report.previous == "v1" and set(report.dropped) == {GRAPH_VOCAB, GRAPH_BULK}
    counts = graph_counts(oxigraph.url)
    assert {g: n for g, n in counts.items() if g != state_graph(BASE)} == {GRAPH_A: 1, BASE + "graph/new": 1}
    labels = select(oxigraph.url, f"SELECT ?l WHERE {{ GRAPH <{GRAPH_A}> {{ ?s ?p ?l }} }}")
    assert [row["l"]["value"] for row in labels] == ["Bình Phước (v2)"]  # nothing of v1 left in the graph
    assert marker_version(oxigraph.url) == "v2"
    assert not any("/staging/" in g for g in counts)  # staging graphs were moved, not copied


def test_the_marker_is_written_last_after_every_graph_is_in(tmp_path, oxigraph):
    out, v1, _ = two_versions(tmp_path)
    with FakeStore(upstream=oxigraph.url) as fake:
        loader(fake.url).load(v1)
    changes = [r for r in fake.requests if r.method in ("PUT", "DELETE") or r.path.startswith("/update")]
    assert [r.method for r in changes] == ["PUT", "PUT", "PUT", "POST"]
    assert all("graph=" in r.path and "staging" in urllib.parse.unquote(r.path) for r in changes[:3])
    switch = changes[-1].body.decode()
    assert switch.index("MOVE") < switch.index(state_graph(BASE)) and switch.rstrip().endswith("} }")
    assert "INSERT DATA" in switch.split("MOVE")[-1]  # the marker comes after the last move


def test_a_load_failing_on_the_second_graph_leaves_the_previous_version_live(tmp_path, oxigraph):
    out, v1, v2 = two_versions(tmp_path)
    loader(oxigraph.url).load(v1)
    before = graph_counts(oxigraph.url)
    with FakeStore(upstream=oxigraph.url, fail_put=2) as fake:
        with pytest.raises(LoadFailed) as failure:
            loader(fake.url).load(v2)
    message = str(failure.value)
    assert "HTTP 500" in message and "disk full (simulated)" in message and "still serves version v1" in message
    assert not any(r.path.startswith("/update") for r in fake.requests)  # no switch was attempted
    assert graph_counts(oxigraph.url) == before  # the staged graph was deleted again; v1 untouched
    assert marker_version(oxigraph.url) == "v1"


def test_a_failed_load_is_invisible_to_the_server(tmp_path, oxigraph):
    from kg.web import create_app

    out, v1, v2 = two_versions(tmp_path)
    loader(oxigraph.url).load(v1)
    with FakeStore(upstream=oxigraph.url, fail_put=2) as fake, pytest.raises(LoadFailed):
        loader(fake.url).load(v2)
    app = create_app({"output_dir": out, "store_url": oxigraph.url})
    answer = (
        app.test_client()
        .get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"})
        .get_json()
    )
    assert answer["results"]["bindings"][0]["n"]["value"] == "26"  # v1: 10 + 6 + 10 triples, nothing staged
    page = app.test_client().get("/id/place/binh-phuoc", headers={"Accept": "text/turtle"})
    assert page.status_code == 200 and "Bình Phước" in page.get_data(as_text=True)


def test_each_staged_graph_is_read_back_before_the_switch(tmp_path, oxigraph):
    out, v1, _ = two_versions(tmp_path)
    with FakeStore(upstream=oxigraph.url) as fake:
        loader(fake.url).load(v1)
    calls = [(r.method, r.path.split("?")[0]) for r in fake.requests if r.method in ("PUT", "GET")]
    assert [method for method, _ in calls] == ["PUT", "GET"] * 3
    assert all("staging" in urllib.parse.unquote(r.path) for r in fake.requests if r.method == "GET")


def test_a_store_that_rewrites_a_term_fails_the_load_naming_it_and_switches_nothing(tmp_path, oxigraph):
    out, v1, v2 = two_versions(tmp_path)
    loader(oxigraph.url).load(v1)
    before = graph_counts(oxigraph.url)

    def upper_case_v2(body: bytes) -> bytes:  # as a store that changes the case of what it keeps
        return body.replace(b"(v2)", b"(V2)")

    with FakeStore(upstream=oxigraph.url, rewrite_put=upper_case_v2) as fake, pytest.raises(LoadFailed) as failure:
        loader(fake.url).load(v2)
    message = str(failure.value)
    assert f"reading back graph {GRAPH_A}: 1 statement(s) differ" in message
    assert "loaded <" in message and '"Bình Phước (v2)"@vi' in message
    assert "the store gives <" in message and '"Bình Phước (V2)"@vi' in message
    assert "nothing was switched: the store still serves version v1" in message
    assert not any(r.path.startswith("/update") for r in fake.requests)
    assert graph_counts(oxigraph.url) == before and marker_version(oxigraph.url) == "v1"


def test_a_store_that_is_not_there_or_not_a_store_is_a_clear_error(tmp_path):
    out, v1, _ = two_versions(tmp_path)
    with FakeStore() as fake:  # answers queries 404: as a store that is not what the settings say
        with pytest.raises(LoadFailed) as failure:
            loader(fake.url).load(v1)
    assert "reading the version marker" in str(failure.value) and "HTTP 404" in str(failure.value)
    fake_url = fake.url
    with pytest.raises(LoadFailed) as failure:
        loader(fake_url, timeout_s=5).load(v1)
    assert "cannot be reached (connection refused)" in str(failure.value)


def test_credentials_come_from_the_environment(tmp_path, oxigraph, monkeypatch, capsys):
    out, _, _ = two_versions(tmp_path)
    with FakeStore(upstream=oxigraph.url, auth=("loader", "s3cret")) as fake:
        assert main(["publish", "--output", str(out), "--to", fake.url]) == 1  # none given: refused, and said so
        assert "HTTP 401" in capsys.readouterr().err
        monkeypatch.setenv("KG_STORE_USER", "loader")
        monkeypatch.setenv("KG_STORE_PASSWORD", "s3cret")
        assert main(["publish", "--output", str(out), "--to", fake.url]) == 0
    assert marker_version(oxigraph.url) == "v1"
    assert fake.requests[-1].authorization is not None
    assert repr(Credentials("loader", "s3cret")).count("s3cret") == 0  # never printed


def test_publish_without_a_store_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KG_STORE_URL", raising=False)
    out, _, _ = two_versions(tmp_path)
    assert main(["publish", "--output", str(out)]) == 2
    assert "--to URL" in capsys.readouterr().err
    assert main(["publish", "--output", str(out), "--to", "ftp://example.org/"]) == 2
    assert main(["publish", "--output", str(out), "--to", "http://127.0.0.1:1", "--store-kind", "blazegraph"]) == 2


def test_a_second_load_of_the_same_version_changes_nothing_a_reader_sees(tmp_path, oxigraph):
    out, v1, _ = two_versions(tmp_path)
    loader(oxigraph.url).load(v1)
    first = graph_counts(oxigraph.url)
    started = time.monotonic()
    loader(oxigraph.url).load(v1)
    assert graph_counts(oxigraph.url) == first and time.monotonic() - started < 10
