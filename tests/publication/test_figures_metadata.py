"""figures.csv-metadata.json: CSVW metadata generated from the columns, read and enforced by a CSVW library."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from kg.publication.figures_metadata import CSVW_CONTEXT, csvw_metadata
from kg.publication.figures_table import COLUMNS, FIGURES_CSV, FIGURES_METADATA, write_figures_csv
from tests.publication.csvw_rdf import csvw_graph, parsed_rows, text
from tests.publication.test_figures_table import ROW

BASE = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TITLE = {"vi": "Số liệu", "en": "Figures"}
TEXT = {"vi": "Mỗi dòng một quan sát.", "en": "One row per observation."}
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def metadata() -> dict:
    return csvw_metadata(BASE, TITLE, TEXT, LICENCE)


def publish(folder, rows) -> object:
    (folder / FIGURES_CSV).write_bytes(write_figures_csv(rows))
    path = folder / FIGURES_METADATA
    path.write_text(json.dumps(metadata(), ensure_ascii=False), encoding="utf-8")
    return path


def test_the_metadata_describes_figures_csv_in_both_languages():
    meta = metadata()
    assert meta["@context"][0] == CSVW_CONTEXT
    assert meta["url"] == FIGURES_CSV
    assert {t["@language"] for t in meta["dc:title"]} == {"vi", "en"}
    assert {t["@language"] for t in meta["dc:description"]} == {"vi", "en"}
    assert meta["dc:license"] == {"@id": LICENCE}


def test_every_column_is_described_from_the_column_list():
    columns = metadata()["tableSchema"]["columns"]
    assert [c["name"] for c in columns] == list(COLUMNS)
    for column in columns:
        assert column["titles"]["vi"] and column["titles"]["en"] and column["datatype"]
        assert {d["@language"] for d in column["dc:description"]} == {"vi", "en"}


def test_each_cell_about_the_observation_or_naming_an_iri_says_so():
    schema = metadata()["tableSchema"]
    by_name = {c["name"]: c for c in schema["columns"]}
    assert schema["aboutUrl"] == "{+observation}" and schema["primaryKey"] == "observation"
    assert by_name["area"]["valueUrl"] == "{+area}"
    assert by_name["value"]["propertyUrl"] == "http://purl.org/linked-data/sdmx/2009/measure#obsValue"
    assert by_name["value"]["datatype"] == "decimal" and by_name["period"]["datatype"] == "gYearMonth"
    assert by_name["level"]["valueUrl"] == BASE + "def/admin-level/{level}"
    assert all(by_name[n].get("suppressOutput") for n in ("quote", "sentence", "quality_note_vi", "quality_note_en"))


def test_the_text_columns_tell_of_the_apostrophe_and_the_value_column_does_not():
    by_name = {c["name"]: c for c in metadata()["tableSchema"]["columns"]}
    assert "formula" in by_name["quote"]["dc:description"][1]["@value"]
    assert "formula" not in by_name["value"]["dc:description"][1]["@value"]


def test_the_csvw_library_reads_the_metadata_and_checks_every_row(tmp_path):
    rows = [ROW, replace(ROW, observation=ROW.observation + "-2", value=Decimal("-3"), quote="=1+1")]
    table, parsed = parsed_rows(publish(tmp_path, rows))
    assert [text(r["observation"]) for r in parsed] == [r.observation for r in rows]
    assert [r["value"] for r in parsed] == [Decimal("3339"), Decimal("-3")]
    assert parsed[1]["quote"] == "'=1+1"
    assert table.check_primary_key()


def test_the_csvw_library_rejects_a_row_that_breaks_the_metadata(tmp_path):
    path = publish(tmp_path, [ROW])
    csv_path = tmp_path / FIGURES_CSV
    csv_path.write_bytes(csv_path.read_bytes().replace(b",3339,", b",lots,"))
    with pytest.raises(ValueError):
        parsed_rows(path)


def test_the_table_turns_back_into_triples_about_the_observation(tmp_path):
    g = csvw_graph(publish(tmp_path, [replace(ROW, quality_flag=BASE + "id/qa/1 " + BASE + "id/qa/2")]))
    obs = URIRef(ROW.observation)
    sdmx = "http://purl.org/linked-data/sdmx/2009/"
    assert (obs, RDF_TYPE, URIRef("http://purl.org/linked-data/cube#Observation")) in g
    assert (obs, URIRef(sdmx + "measure#obsValue"), Literal("3339", datatype=XSD + "decimal")) in g
    assert (obs, URIRef(sdmx + "dimension#refPeriod"), Literal("2012-12", datatype=XSD + "gYearMonth")) in g
    assert (obs, URIRef(BASE + "def/kg/adminLevel"), URIRef(BASE + "def/admin-level/all")) in g
    assert set(g.objects(obs, URIRef("http://www.w3.org/ns/dqv#hasQualityAnnotation"))) == {URIRef(BASE + "id/qa/1"), URIRef(BASE + "id/qa/2")}
    assert (URIRef(ROW.area), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("tỉnh Bình Phước", lang="vi")) in g
    assert not list(g.objects(obs, URIRef("http://www.w3.org/ns/prov#hadPrimarySource")))  # an empty cell states nothing
