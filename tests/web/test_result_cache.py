"""SPARQL answers kept per version (kg.web.result_cache): a repeated query needs no worker."""

from __future__ import annotations

import pytest

from kg.web.result_cache import ResultCache, is_repeatable
from tests.web.publication_fixture import point_current, write_publication

QUERY = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}
JSON = {"Accept": "application/sparql-results+json"}


class NoStore:
    """A store that must not be asked: every query fails the test."""

    versioned_answers = True

    def run(self, *args, **kwargs):
        raise AssertionError("the store was asked for an answer the cache holds")


def test_a_repeated_query_is_answered_from_the_cache_without_the_store(make_app):
    app = make_app()
    client = app.test_client()
    first = client.get("/sparql", query_string=QUERY, headers=JSON)
    store, app.extensions["kg.store"] = app.extensions["kg.store"], NoStore()
    try:
        second = client.get("/sparql", query_string=QUERY, headers=JSON)
    finally:
        app.extensions["kg.store"] = store
    assert first.headers["X-KG-Cache"] == "miss" and second.headers["X-KG-Cache"] == "hit"
    assert second.status_code == 200 and second.data == first.data
    assert second.headers["X-KG-Truncated"] == first.headers["X-KG-Truncated"]


def test_another_format_of_the_same_query_is_not_the_cached_answer(make_app):
    client = make_app().test_client()
    client.get("/sparql", query_string=QUERY, headers=JSON)
    as_csv = client.get("/sparql", query_string=QUERY, headers={"Accept": "text/csv"})
    assert as_csv.headers["X-KG-Cache"] == "miss" and as_csv.mimetype == "text/csv"


@pytest.mark.parametrize("call", ["RAND()", "now ()", "UUID()", "STRUUID()", "BNODE()"])
def test_a_query_calling_a_volatile_function_is_never_cached(make_app, call):
    client = make_app().test_client()
    query = {"query": f"SELECT ?s (({call}) AS ?x) WHERE {{ ?s ?p ?o }} LIMIT 1"}
    assert client.get("/sparql", query_string=query, headers=JSON).status_code == 200
    again = client.get("/sparql", query_string=query, headers=JSON)
    assert again.status_code == 200 and again.headers["X-KG-Cache"] == "miss"


def test_a_function_name_inside_a_string_or_an_iri_does_not_stop_caching():
    assert is_repeatable('SELECT * WHERE { ?s <http://ex.org/rand()> "NOW()" }')
    assert not is_repeatable("SELECT (rand() AS ?r) WHERE {}")


@pytest.mark.embedded_store
def test_a_new_version_is_never_answered_from_the_old_versions_cache(make_app, tmp_path):
    write_publication(tmp_path, version="v1")
    client = make_app(tmp_path).test_client()
    ask = {"query": "ASK { <http://ex.org/new> ?p ?o }"}
    assert client.get("/sparql", query_string=ask, headers=JSON).get_json()["boolean"] is False
    point_current(
        tmp_path, write_publication(tmp_path, version="v2", make_current=False, trig="<http://ex.org/g> { <http://ex.org/new> a <http://ex.org/T> }")
    )
    second = client.get("/sparql", query_string=ask, headers=JSON)
    assert second.headers["X-KG-Cache"] == "miss" and second.get_json()["boolean"] is True


class UnversionedStore:
    """The app's store, saying (as a remote store does) that its answers may change within a version."""

    versioned_answers = False

    def __init__(self, store):
        self.store = store

    def run(self, *args, **kwargs):
        return self.store.run(*args, **kwargs)


def test_answers_of_a_store_whose_data_can_change_behind_our_back_are_never_kept(make_app):
    app = make_app()
    store = app.extensions["kg.store"]
    app.extensions["kg.store"] = UnversionedStore(store)
    try:
        client = app.test_client()
        client.get("/sparql", query_string=QUERY, headers=JSON)
        assert client.get("/sparql", query_string=QUERY, headers=JSON).headers["X-KG-Cache"] == "miss"
    finally:
        app.extensions["kg.store"] = store


def test_a_zero_sized_cache_keeps_nothing(make_app):
    client = make_app(result_cache_bytes=0).test_client()
    client.get("/sparql", query_string=QUERY, headers=JSON)
    assert client.get("/sparql", query_string=QUERY, headers=JSON).headers["X-KG-Cache"] == "miss"


def test_the_least_recently_used_answers_leave_first_when_the_bytes_run_out():
    cache = ResultCache(max_bytes=100, max_entry_bytes=100)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    cache.get("a")
    cache.put("c", "C", 40)
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C"


def test_an_answer_bigger_than_one_entry_may_be_is_not_kept():
    cache = ResultCache(max_bytes=1000, max_entry_bytes=10)
    cache.put("big", "X", 11)
    assert cache.get("big") is None and len(cache) == 0


class NoLookups:
    """Lookups that must not be made past the existence check: a page the cache holds needs none."""

    def __init__(self, data):
        self.data = data

    def exists(self, iri):
        return self.data.exists(iri)

    def __getattr__(self, name):
        raise AssertionError(f"the page was made again ({name}) although the cache holds it")


def test_a_resource_page_is_made_once_per_version_language_and_form(make_app, monkeypatch):
    from kg.web import app_state

    client = make_app().test_client()
    path = "/id/place/binh-phuoc"
    first = client.get(path, headers={"Accept": "text/html"})
    english = client.get(path, headers={"Accept": "text/html", "Accept-Language": "en"})
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    real = app_state.lookups_of
    monkeypatch.setattr(app_state, "lookups_of", lambda version: NoLookups(real(version)))
    again = client.get(path, headers={"Accept": "text/html"})
    assert [r.headers["X-KG-Cache"] for r in (first, english, turtle)] == ["miss"] * 3
    assert again.headers["X-KG-Cache"] == "hit" and again.data == first.data
    assert again.headers["Content-Language"] == first.headers["Content-Language"]
    assert client.get(path, headers={"Accept": "text/turtle"}).data == turtle.data
