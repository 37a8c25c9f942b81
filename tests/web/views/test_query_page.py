"""The query page: a plain HTML form, example queries, results as a linked table, in Vietnamese or English."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from kg.namespaces import prefixes
from tests.web.conftest import SAMPLE_MAX_ROWS
from tests.web.publication_fixture import BASE, QUERIES

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PLACE_LABELS = "SELECT ?s ?p ?o WHERE { GRAPH <http://data.example.org/graph/report-a> { ?s ?p ?o } } ORDER BY ?s ?p ?o"


def page(client, **params):
    response = client.get("/sparql", query_string=params, headers=BROWSER)
    return response, response.get_data(as_text=True)


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_browsers_get_the_query_page(sample_client):
    response, html = page(sample_client)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert '<textarea id="query" name="query"' in html and '<form class="query" method="get" action="/sparql">' in html


def test_the_editor_declares_every_prefix(sample_client):
    _, html = page(sample_client)
    editor = unescape(html.split('<textarea id="query" name="query"')[1].split("</textarea>")[0])
    for prefix, namespace in prefixes(BASE).items():
        assert re.search(rf"PREFIX {re.escape(prefix)}:\s+<{re.escape(namespace)}>", editor)


def test_the_page_runs_no_inline_script(sample_client):
    # The editor's scripts are files of this host (tests/web/test_security_headers.py); the form works without them.
    _, html = page(sample_client)
    inline = [a for a, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) if body.strip()]
    assert inline == [' type="application/json" id="kg-editor-data"']


def test_the_page_is_vietnamese_by_default(sample_client):
    response, html = page(sample_client)
    assert response.headers["Content-Language"] == "vi" and '<html lang="vi">' in html and "Truy vấn mẫu" in html


def test_lang_parameter_switches_to_english(sample_client):
    _, html = page(sample_client, lang="en")
    assert '<html lang="en">' in html and "Example queries" in html and "Truy vấn mẫu" not in html


def test_accept_language_chooses_english(sample_client):
    response = sample_client.get("/sparql", headers={**BROWSER, "Accept-Language": "en-GB,en;q=0.9"})
    assert response.headers["Content-Language"] == "en"


def test_examples_are_titled_in_the_page_language(sample_client):
    _, vi = page(sample_client)
    _, en = page(sample_client, lang="en")
    assert all(q["title"]["vi"] in vi for q in QUERIES) and all(q["title"]["en"] in en for q in QUERIES)


def test_an_example_link_loads_and_runs_its_query(sample_client):
    _, html = page(sample_client, lang="en")
    example = [parse_qs(urlparse(h).query) for h in links(html) if parse_qs(urlparse(h).query).get("query") == [QUERIES[0]["query"]]]
    assert len(example) == 1 and example[0]["lang"] == ["en"]
    response, result = page(sample_client, query=QUERIES[0]["query"], lang="en")
    assert response.status_code == 200 and '<a href="/id/place/binh-phuoc"' in result


def test_minted_iris_link_to_their_local_page(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS)
    assert "/id/place/binh-phuoc" in links(html) and "/def/kg/Province" in links(html)
    assert not any(h.startswith(BASE) for h in links(html))


def test_foreign_iris_are_plain_external_links(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS)
    assert re.search(r'<a href="http://www.wikidata.org/entity/Q36754"[^>]*rel="external noopener"', html)


def test_literals_are_escaped(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in html


def test_literals_show_language_and_datatype_discreetly(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS)
    assert 'Bình Phước <small class="lang">@vi</small>' in html
    assert '42 <small class="datatype">xsd:integer</small>' in html


def test_the_query_stays_in_the_editor(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS)
    assert "GRAPH &lt;http://data.example.org/graph/report-a&gt;" in html


def test_a_truncated_result_shows_a_notice(sample_client):
    _, html = page(sample_client, query="SELECT * WHERE { ?s ?p ?o }", lang="en")
    assert f"only the first {SAMPLE_MAX_ROWS} rows" in html and html.count("<tr>") == SAMPLE_MAX_ROWS + 1


def test_a_complete_result_shows_no_notice(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS, lang="en")
    assert 'class="truncated"' not in html


@pytest.mark.parametrize(
    "query, names", [(PLACE_LABELS, ["json", "xml", "csv", "tsv"]), ("CONSTRUCT WHERE { ?s a ?t }", ["ttl", "nt", "jsonld", "rdf", "nq", "trig"])]
)
def test_downloads_link_the_same_query_in_every_format(sample_client, query, names):
    _, html = page(sample_client, query=query)
    downloads = [parse_qs(urlparse(h).query) for h in links(html) if "format=" in h and "query=" in h]
    assert [d["format"][0] for d in downloads] == names and all(d["query"] == [query] for d in downloads)


def test_download_links_keep_the_dataset_parameters(sample_client):
    response = sample_client.get(
        "/sparql",
        headers=BROWSER,
        query_string=[("query", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"), ("named-graph-uri", "http://data.example.org/graph/report-a")],
    )
    downloads = [parse_qs(urlparse(h).query) for h in links(response.get_data(as_text=True)) if "format=" in h and "query=" in h]
    assert downloads and all(d["named-graph-uri"] == ["http://data.example.org/graph/report-a"] for d in downloads)


def test_a_download_link_gives_the_data(sample_client):
    _, html = page(sample_client, query=PLACE_LABELS)
    href = next(h for h in links(html) if "format=csv" in h)
    response = sample_client.get(href, headers=BROWSER)
    assert response.mimetype == "text/csv" and "Bình Phước" in response.get_data(as_text=True)


def test_an_ask_answer_is_shown_as_yes_or_no(sample_client):
    _, html = page(sample_client, query="ASK { ?s ?p ?o }", lang="en")
    assert '<p class="boolean">Yes (true)</p>' in html


def test_a_construct_result_is_a_table_of_triples(sample_client):
    _, html = page(sample_client, query="CONSTRUCT WHERE { ?s a ?t }")
    assert "<th>?s</th><th>?p</th><th>?o</th>" in html


def test_a_bad_query_shows_the_parsers_message_in_the_page_with_400(sample_client):
    response, html = page(sample_client, query="SELECT * WHERE { ?s ?p }", lang="en")
    assert response.status_code == 400 and "The query could not run" in html and "line 1, column" in html
    assert '<textarea id="query" name="query"' in html


def test_a_refused_service_shows_in_the_page(sample_client):
    response, html = page(sample_client, query="SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert response.status_code == 400 and "SERVICE" in html.split('role="alert"')[1]


def test_format_html_gives_the_page_to_any_client(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "ASK {}", "format": "html"})
    assert response.mimetype == "text/html"
