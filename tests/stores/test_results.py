"""Results are cut at the row limit exactly: `max_rows` rows or triples come back whole, one more is cut and marked."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.stores.results import serialise

MAX_ROWS = 5
EX = "http://example.org/"


def store_with(triples: int) -> ox.Store:
    store = ox.Store()
    for i in range(triples):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i))))
    return store


def graph_result(triples: int, media_type: str = "application/n-triples"):
    return serialise(store_with(triples).query("CONSTRUCT WHERE { ?s ?p ?o }"), media_type, MAX_ROWS, None)


def table_result(rows: int, media_type: str = "application/sparql-results+json"):
    return serialise(store_with(rows).query("SELECT ?s WHERE { ?s ?p ?o }"), media_type, MAX_ROWS, None)


def test_exactly_max_rows_triples_come_back_unmarked():
    header, body = graph_result(MAX_ROWS)
    assert header == {"kind": "graph", "truncated": False, "rows": MAX_ROWS}
    assert len(body.decode().strip().splitlines()) == MAX_ROWS


def test_one_triple_more_than_max_rows_is_cut_and_marked():
    header, body = graph_result(MAX_ROWS + 1)
    assert header == {"kind": "graph", "truncated": True, "rows": MAX_ROWS}
    assert len(body.decode().strip().splitlines()) == MAX_ROWS


def test_a_graph_shown_as_a_table_is_cut_at_max_rows_too():
    header, body = graph_result(MAX_ROWS + 1, "application/sparql-results+json")
    assert header["truncated"] is True and header["rows"] == MAX_ROWS
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS


@pytest.mark.parametrize("rows, truncated", [(MAX_ROWS, False), (MAX_ROWS + 1, True)])
def test_table_results_are_cut_at_max_rows(rows, truncated):
    header, body = table_result(rows)
    answer = json.loads(body)
    assert header == {"kind": "bindings", "truncated": truncated, "rows": MAX_ROWS}
    assert len(answer["results"]["bindings"]) == MAX_ROWS
    assert answer.get("kg:truncated", False) is truncated


def test_fewer_rows_than_the_limit_are_all_sent():
    header, body = table_result(2, "text/csv")
    assert header == {"kind": "bindings", "truncated": False, "rows": 2}
    assert len(body.decode().strip().splitlines()) == 1 + 2
