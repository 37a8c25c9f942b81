"""SERVICE against the real server process: every form is 400 and a listener on 127.0.0.1 sees no connection.

tests/web/views/test_sparql_security.py checks the shared cases through the Flask test client; here the
same cases, and more spellings, go over HTTP to `kg serve` by GET, POST and the HTML query page,
all aimed at a listener of this test.
"""

from __future__ import annotations

import time

import pytest

from tests.web.sparql_cases import SERVICE_QUERIES

MORE_SERVICE = {
    "mixed case": "SELECT * WHERE { SeRvIcE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "escaped lower case": r"SELECT * WHERE { \u0073ervice <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "escaped in the middle": r"SELECT * WHERE { SERV\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "escaped IRI": r"SELECT * WHERE { SERVICE <http://127.0.0.1:\u0039/> { ?s ?p ?o } }",
    "comment between": "SELECT * WHERE { SERVICE # a comment\n <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "no space": "SELECT * WHERE {SERVICE<http://127.0.0.1:9/>{?s ?p ?o}}",
    "silent variable from bind": "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE SILENT ?e { ?s ?p ?o } }",
    "deep: optional in exists in subquery": "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { OPTIONAL "
    "{ SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } } } } }",
    "construct where in graph": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "ask silent": "ASK { SERVICE SILENT <http://127.0.0.1:9/> { } }",
    "describe in exists": "DESCRIBE ?s WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "prefixed with empty prefix": "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE :x { ?s ?p ?o } }",
    "base relative and silent": "BASE <http://127.0.0.1:9/> ASK { SERVICE SILENT <./sparql> { ?s ?p ?o } }",
}
ALL = {**SERVICE_QUERIES, **MORE_SERVICE}

pytestmark = pytest.mark.e2e


def aimed_at(query: str, port: int) -> str:
    """The query with its endpoint moved to the listener's port (an escaped port stays escaped)."""
    digits = str(port)
    escaped = "127.0.0.1:" + f"\\u{ord(digits[0]):04X}" + digits[1:]
    return query.replace("127.0.0.1:\\u0039", escaped).replace("127.0.0.1:9", f"127.0.0.1:{port}")


@pytest.fixture(scope="module")
def server(serve_module, sample_output):
    return serve_module(sample_output, workers=2, client_budget_s=0)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", ALL)
def test_every_service_form_is_400_and_nothing_is_contacted(server, listener, name, method):
    port, connections = listener
    reply = server.query(aimed_at(ALL[name], port), method=method)
    assert reply.status == 400, reply.text()
    assert "SERVICE" in reply.json()["message"]
    time.sleep(0.05)
    assert connections == []


def test_service_through_the_html_query_page_is_refused_too(server, listener):
    port, connections = listener
    reply = server.query(aimed_at(SERVICE_QUERIES["silent"], port), accept="text/html")
    assert reply.status == 400 and "SERVICE" in reply.text()
    assert connections == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { BIND('SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }' AS ?x) }",
        'SELECT ?x WHERE { BIND("""a\nSERVICE SILENT <http://127.0.0.1:9/> {}""" AS ?x) }',
        "SELECT ?service WHERE { ?service ?p <http://127.0.0.1:9/SERVICE> } # SERVICE <http://127.0.0.1:9/> {}",
    ],
)
def test_the_word_service_as_data_still_runs(server, listener, query):
    port, connections = listener
    reply = server.query(aimed_at(query, port))
    assert reply.status == 200, reply.text()
    assert connections == []
