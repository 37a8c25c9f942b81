"""The chart of query results: which results are charted, by which columns, and what it draws."""

from __future__ import annotations

from kg.iris import Minter
from kg.namespaces import prefixes
from kg.web.present.query_chart import MAX_BARS, chart, columns_to_chart
from kg.web.present.query_page import CellMaker

BASE = "http://data.example.org/"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
cells_of = CellMaker(Minter(BASE), prefixes(BASE))


def number(value: str, datatype: str = INTEGER) -> dict:
    return {"type": "literal", "value": value, "datatype": datatype}


def text(value: str, lang: str | None = None) -> dict:
    return {"type": "literal", "value": value, **({"xml:lang": lang} if lang else {})}


def results(columns: list[str], *rows: list[dict | None]) -> dict:
    return {"head": {"vars": columns}, "results": {"bindings": [{c: t for c, t in zip(columns, row, strict=True) if t is not None} for row in rows]}}


def test_a_text_column_and_a_number_column_are_charted():
    data = results(["level", "n"], [text("tỉnh", "vi"), number("1588")], [text("huyện", "vi"), number("1751")])
    assert columns_to_chart(data) == ("level", "n")


def test_the_first_number_and_the_first_label_columns_are_taken():
    data = results(["a", "x", "b", "y"], [number("1"), text("p"), number("2"), text("q")])
    assert columns_to_chart(data) == ("x", "a")


def test_an_iri_column_labels_the_bars_when_there_is_no_text_column():
    data = results(["type", "n"], [{"type": "uri", "value": BASE + "def/kg/Province"}, number("3")])
    assert columns_to_chart(data) == ("type", "n")


def test_a_number_written_as_plain_text_is_not_a_number():
    assert columns_to_chart(results(["k", "v"], [text("a"), text("12")])) is None


def test_a_column_with_a_missing_or_negative_number_is_not_charted():
    assert columns_to_chart(results(["k", "v"], [text("a"), number("1")], [text("b"), None])) is None
    assert columns_to_chart(results(["k", "v"], [text("a"), number("1")], [text("b"), number("-2")])) is None


def test_results_without_rows_or_without_labels_are_not_charted():
    assert columns_to_chart(results(["k", "v"])) is None
    assert columns_to_chart(results(["v", "w"], [number("1"), number("2")])) is None


def test_the_chart_draws_one_bar_per_row_with_the_value_as_the_language_writes_it():
    data = results(["level", "n"], [text("tỉnh"), number("1588")], [text("huyện"), number("12.5", DECIMAL)])
    drawn = chart(data, cells_of, "vi", "{number} theo {label}")
    assert drawn.svg.count('class="chart-bar"') == 2 and drawn.left_out == 0
    assert ">1.588<" in drawn.svg and ">12,5<" in drawn.svg and "?n theo ?level" in drawn.svg


def test_a_minted_iri_label_links_its_bar_to_the_local_page():
    data = results(["type", "n"], [{"type": "uri", "value": BASE + "def/kg/Province"}, number("3")])
    svg = chart(data, cells_of, "en", "{number} by {label}").svg
    assert '<a href="/def/kg/Province">' in svg and "kg:Province" in svg


def test_labels_are_escaped():
    svg = chart(results(["k", "v"], [text("<script>x</script>"), number("1")]), cells_of, "en", "{number} by {label}").svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_long_results_chart_their_first_rows_and_count_the_rest():
    rows = [[text(f"row {i}"), number(str(i))] for i in range(MAX_BARS + 7)]
    drawn = chart(results(["k", "v"], *rows), cells_of, "en", "{number} by {label}")
    assert drawn.svg.count('class="chart-bar"') == MAX_BARS and drawn.left_out == 7
