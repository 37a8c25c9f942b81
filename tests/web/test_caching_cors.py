"""Caching tied to the publication version, and CORS for data responses."""

from __future__ import annotations

import pytest

from kg.web.app_state import store_of
from tests.web.publication_fixture import point_current, write_publication

QUERY = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}
JSON = {"Accept": "application/sparql-results+json"}


def test_data_is_cacheable_for_max_age(make_app):
    response = make_app(cache_max_age_s=123).test_client().get("/sparql", query_string=QUERY)
    assert response.headers["Cache-Control"] in ("public, max-age=123", "max-age=123, public")


def test_generated_responses_have_an_etag_naming_the_version(sample_client):
    assert sample_client.get("/sparql", query_string=QUERY).headers["ETag"].startswith('"v1-')


def test_the_etag_differs_between_representations(sample_client):
    as_json = sample_client.get("/sparql", query_string=QUERY, headers=JSON).headers["ETag"]
    as_csv = sample_client.get("/sparql", query_string=QUERY, headers={"Accept": "text/csv"}).headers["ETag"]
    assert as_json != as_csv


def test_a_matching_if_none_match_gives_304_for_a_query(sample_client):
    etag = sample_client.get("/sparql", query_string=QUERY, headers=JSON).headers["ETag"]
    response = sample_client.get("/sparql", query_string=QUERY, headers={**JSON, "If-None-Match": etag})
    assert response.status_code == 304 and response.data == b""
    assert response.headers["ETag"] == etag and "max-age" in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/search", "/id/place/binh-phuoc"])
def test_the_etag_of_a_page_differs_by_query_string(sample_client, path):
    alpha = sample_client.get(path, query_string={"q": "alpha"}, headers={"Accept": "text/html"})
    beta = sample_client.get(path, query_string={"q": "beta"}, headers={"Accept": "text/html"})
    assert alpha.headers["ETag"] != beta.headers["ETag"]
    again = sample_client.get(path, query_string={"q": "beta"}, headers={"Accept": "text/html", "If-None-Match": alpha.headers["ETag"]})
    assert again.status_code == 200 and again.data == beta.data  # the page of q=beta, not a 304 for q=alpha's


def test_the_etag_of_a_page_differs_by_language(sample_client):
    vi = sample_client.get("/search", query_string={"q": "binh"}, headers={"Accept": "text/html", "Accept-Language": "vi"})
    en = sample_client.get("/search", query_string={"q": "binh"}, headers={"Accept": "text/html", "Accept-Language": "en"})
    assert vi.headers["ETag"] != en.headers["ETag"]
    again = sample_client.get(
        "/search", query_string={"q": "binh"}, headers={"Accept": "text/html", "Accept-Language": "en", "If-None-Match": vi.headers["ETag"]}
    )
    assert again.status_code == 200


def test_a_matching_if_none_match_gives_304_for_a_generated_page(sample_client):
    etag = sample_client.get("/downloads").headers["ETag"]
    assert sample_client.get("/downloads", headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.embedded_store
def test_a_new_version_changes_the_etag_and_the_answer(make_app, tmp_path):
    write_publication(tmp_path, version="v1")
    client = make_app(tmp_path).test_client()
    first = client.get("/sparql", query_string={"query": "ASK { <http://ex.org/new> ?p ?o }"}, headers=JSON)
    second_folder = write_publication(
        tmp_path, version="v2", make_current=False, trig="<http://ex.org/g> { <http://ex.org/new> a <http://ex.org/T> }"
    )
    point_current(tmp_path, second_folder)
    second = client.get(
        "/sparql", query_string={"query": "ASK { <http://ex.org/new> ?p ?o }"}, headers={**JSON, "If-None-Match": first.headers["ETag"]}
    )
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    assert first.get_json()["boolean"] is False and second.get_json()["boolean"] is True


def test_errors_are_not_cached(sample_client):
    response = sample_client.get("/sparql", query_string={"query": "SELECT"})
    assert response.status_code == 400 and "max-age" not in response.headers.get("Cache-Control", "")


def test_sparql_answers_are_shared_with_any_origin(sample_client):
    response = sample_client.get("/sparql", query_string=QUERY, headers={"Origin": "https://elsewhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-KG-Truncated" in response.headers["Access-Control-Expose-Headers"]


def test_downloads_and_void_are_shared_with_any_origin(sample_client):
    assert sample_client.get("/download/kg.nt").headers["Access-Control-Allow-Origin"] == "*"
    assert sample_client.get("/.well-known/void").headers["Access-Control-Allow-Origin"] == "*"


def test_sparql_errors_are_readable_cross_origin(sample_client):
    assert sample_client.get("/sparql", query_string={"query": "SELECT"}).headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_is_answered(sample_client):
    response = sample_client.options(
        "/sparql",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert response.status_code in (200, 204)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"] == "content-type"


def test_a_preflight_for_a_download_is_answered(sample_client):
    response = sample_client.options("/download/kg.ttl", headers={"Origin": "https://x.example", "Access-Control-Request-Method": "GET"})
    assert response.headers["Access-Control-Allow-Origin"] == "*" and "GET" in response.headers["Access-Control-Allow-Methods"]


def test_a_conditional_query_is_answered_304_without_running_it(sample_app, monkeypatch):
    client = sample_app.test_client()
    etag = client.get("/sparql", query_string=QUERY, headers=JSON).headers["ETag"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("the query ran")

    monkeypatch.setattr(store_of(sample_app), "run", must_not_run)
    assert client.get("/sparql", query_string=QUERY, headers={**JSON, "If-None-Match": etag}).status_code == 304
