"""The row cap is never silent: a result over max_rows is cut and marked (headers, JSON, the HTML
page), or refused with a 400 naming the limit when row_limit_mode is `refuse`."""

from __future__ import annotations

import pytest

from kg.web.settings import ServerConfig

ALL = "SELECT * WHERE { ?s ?p ?o }"
JSON = {"Accept": "application/sparql-results+json"}
LIMIT = 25


@pytest.fixture
def refusing(make_app):
    return make_app(max_rows=LIMIT, row_limit_mode="refuse").test_client()


@pytest.mark.parametrize("query, what", [(ALL, "rows"), ("CONSTRUCT WHERE { ?s ?p ?o }", "triples")])
def test_refuse_mode_answers_400_naming_the_limit_and_sends_nothing(refusing, query, what):
    response = refusing.get("/sparql", query_string={"query": query}, headers={"Accept": "application/json, text/turtle;q=0.9"})
    assert response.status_code == 400
    message = response.get_json()["message"]
    assert f"more than {LIMIT} {what}" in message and "max_rows" in message and "LIMIT" in message


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml", "json"])
def test_refuse_mode_refuses_in_every_results_format(refusing, fmt):
    assert refusing.get("/sparql", query_string={"query": ALL, "format": fmt}).status_code == 400


def test_refuse_mode_answers_a_result_within_the_limit(refusing):
    response = refusing.get("/sparql", query_string={"query": ALL + f" LIMIT {LIMIT}"}, headers=JSON)
    assert response.status_code == 200 and response.headers["X-KG-Truncated"] == "false"
    assert len(response.get_json()["results"]["bindings"]) == LIMIT


def test_refuse_mode_on_the_query_page_shows_the_limit(refusing):
    response = refusing.get("/sparql", query_string={"query": ALL}, headers={"Accept": "text/html"})
    assert response.status_code == 400 and f"more than {LIMIT} rows" in response.get_data(as_text=True)


def test_truncate_mode_marks_the_html_page(make_app):
    client = make_app(max_rows=LIMIT).test_client()
    response = client.get("/sparql", query_string={"query": ALL}, headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["X-KG-Truncated"] == "true"
    assert 'class="truncated"' in page and str(LIMIT) in page.split('class="truncated"')[1][:300]


def test_an_unknown_mode_is_refused_at_start():
    with pytest.raises(ValueError, match="truncate, refuse"):
        ServerConfig.from_env({"KG_ROW_LIMIT_MODE": "silently"})
