"""The result table's cells: where each kind of term links, and how it is shown."""

from __future__ import annotations

from kg.iris import Minter
from kg.namespaces import prefixes
from kg.web.present.query_page import Cell, CellMaker, prefix_block

BASE = "http://data.example.org/"
cells = CellMaker(Minter(BASE), prefixes(BASE))


def test_a_minted_iri_links_to_its_local_path_and_is_shortened():
    assert cells.cell({"type": "uri", "value": BASE + "def/kg/Province"}) == Cell("uri", "kg:Province", "/def/kg/Province", BASE + "def/kg/Province")


def test_a_foreign_http_iri_is_an_external_link():
    cell = cells.cell({"type": "uri", "value": "http://www.wikidata.org/entity/Q36754"})
    assert cell.href == "http://www.wikidata.org/entity/Q36754" and cell.external


def test_a_foreign_non_http_iri_is_not_a_link():
    cell = cells.cell({"type": "uri", "value": "urn:isbn:123"})
    assert cell.href is None and cell.text == "urn:isbn:123"


def test_a_literal_keeps_its_language():
    assert cells.cell({"type": "literal", "value": "Tỉnh", "xml:lang": "vi"}) == Cell("literal", "Tỉnh", lang="vi")


def test_a_literal_datatype_is_shortened():
    cell = cells.cell({"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
    assert cell.datatype == "xsd:integer"


def test_a_blank_node_and_an_unbound_variable():
    assert cells.cell({"type": "bnode", "value": "b0"}).text == "_:b0"
    assert cells.cell(None) == Cell("empty", "")


def test_a_table_follows_the_head_variables():
    columns, rows = cells.table({"head": {"vars": ["a", "b"]}, "results": {"bindings": [{"b": {"type": "literal", "value": "x"}}]}})
    assert columns == ["a", "b"] and [c.text for c in rows[0]] == ["", "x"]


def test_prefix_block_declares_each_prefix_on_its_own_line():
    block = prefix_block({"kg": BASE + "def/kg/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    assert block.splitlines() == [f"PREFIX kg:   <{BASE}def/kg/>", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"]


def test_a_minted_iri_outside_the_prefixes_is_shown_as_its_path():
    assert cells.cell({"type": "uri", "value": BASE + "def/admin-level/province"}).text == "/def/admin-level/province"
