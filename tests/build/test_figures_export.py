"""The real build publishes figures.csv and its CSVW metadata: one row per observation, as the graph says."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import Graph, URIRef

from kg.build.figures_export import sentence_of
from kg.publication.figures_table import FIGURES_CSV, FIGURES_METADATA, read_figures_csv
from kg.publication.layout import read_manifest
from tests.publication.csvw_rdf import csvw_graph, parsed_rows

QB_OBSERVATION = "http://purl.org/linked-data/cube#Observation"
OBS_VALUE = URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue")
DCAT = "http://www.w3.org/ns/dcat#"


@pytest.fixture(scope="module")
def rows(built):
    return read_figures_csv(built.path / FIGURES_CSV)


@pytest.fixture(scope="module")
def published_void(built) -> Graph:
    return Graph().parse(built.path / "void.ttl", format="turtle")


def graph_values(store) -> dict[str, Decimal]:
    query = f"SELECT ?o ?v WHERE {{ GRAPH ?g {{ ?o a <{QB_OBSERVATION}> ; <{OBS_VALUE}> ?v }} }}"
    return {row["o"].value: Decimal(row["v"].value) for row in store.query(query)}


def test_the_csv_has_one_row_per_observation_of_the_graph(rows, store):
    count = next(iter(store.query(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ GRAPH ?g {{ ?o a <{QB_OBSERVATION}> }} }}")))["n"]
    assert len(rows) == int(count.value) > 0
    assert len({r.observation for r in rows}) == len(rows)


def test_each_value_is_the_graphs(rows, store):
    assert {r.observation: r.value for r in rows} == graph_values(store)


def test_the_rows_are_sorted_by_report_indicator_area_period_and_observation(rows):
    assert rows == sorted(rows, key=lambda r: (r.report, r.indicator, r.area, r.period, r.observation))


def test_each_quote_stands_in_its_sentence_and_is_the_graphs(rows, published_union):
    exact = {str(o) for o in published_union.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))}
    for row in rows:
        assert row.quote in exact
        assert row.quote in row.sentence


def test_a_figure_that_does_not_add_up_carries_its_warning_in_both_languages(rows):
    flagged = [r for r in rows if r.quality_flag]
    assert flagged, "the report's computers do not add up: some row must carry the warning"
    for row in flagged:
        assert row.quality_note_vi and row.quality_note_en


def test_the_sentence_is_cut_at_sentence_ends():
    text = "Câu một. Cụ thể có 909 máy tính, trong đó cấp tỉnh. Câu ba."
    start = text.index("909")
    assert sentence_of(text, start, start + 3) == "Cụ thể có 909 máy tính, trong đó cấp tỉnh."


def test_both_files_are_in_the_manifest_with_their_checksums(built):
    manifest = read_manifest(built.path)
    for name, media_type in ((FIGURES_CSV, "text/csv"), (FIGURES_METADATA, "application/csvm+json")):
        entry = manifest.file(name)
        assert entry is not None and entry.media_type == media_type
        assert entry.bytes == (built.path / name).stat().st_size


def test_both_files_are_downloads(client):
    listed = {f["name"]: f for f in client.get("/downloads").get_json()["files"]}
    assert {FIGURES_CSV, FIGURES_METADATA} <= set(listed)
    response = client.get(f"/download/{FIGURES_CSV}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data == client.get(listed[FIGURES_CSV]["url"]).data


def test_both_files_are_dcat_distributions_with_media_type_and_standard(published_void):
    found = {}
    for dist in published_void.subjects(URIRef(DCAT + "mediaType"), None):
        title = str(published_void.value(dist, URIRef("http://purl.org/dc/terms/title")))
        found[title] = dist
    csvw = found[FIGURES_METADATA]
    assert str(published_void.value(csvw, URIRef(DCAT + "mediaType"))).endswith("application/csvm+json")
    assert str(published_void.value(found[FIGURES_CSV], URIRef(DCAT + "mediaType"))).endswith("text/csv")
    assert published_void.value(csvw, URIRef("http://purl.org/dc/terms/conformsTo")) == URIRef("https://www.w3.org/TR/tabular-metadata/")


def test_the_csvw_library_checks_every_published_row(built, rows):
    _table, parsed = parsed_rows(built.path / FIGURES_METADATA)
    assert len(parsed) == len(rows)
    assert json.loads((built.path / FIGURES_METADATA).read_text(encoding="utf-8"))["url"] == FIGURES_CSV


def test_the_table_as_rdf_states_what_the_graph_states_of_its_observations(built, published_union, rows):
    g = csvw_graph(built.path / FIGURES_METADATA)
    subjects = {str(s) for s in g.subjects(OBS_VALUE, None)}
    assert subjects == {r.observation for r in rows}
    for s, p, o in g:
        if p == OBS_VALUE:
            assert Decimal(str(published_union.value(s, p))) == Decimal(str(o))
        else:
            assert (s, p, o) in published_union, (s, p, o)
