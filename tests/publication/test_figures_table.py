"""figures.csv: RFC 4180 rows of FigureRow, safe in spreadsheets, read back as written."""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace
from decimal import Decimal

import pytest

from kg.publication.figures_table import (
    COLUMNS,
    FigureRow,
    FiguresCsvError,
    neutralise,
    parse_figures_csv,
    read_figures_csv,
    restore,
    write_figures_csv,
)

ROW = FigureRow(
    observation="http://example.org/id/observation/r/computers-total",
    indicator="computers",
    indicator_iri="http://example.org/def/indicator/computers",
    indicator_label_vi="Số máy tính",
    indicator_label_en="Computers",
    area="http://example.org/id/place/binh-phuoc",
    area_label_vi="tỉnh Bình Phước",
    area_label_en="Bình Phước Province",
    period="2012-12",
    level="all",
    value=Decimal("3339"),
    unit="computer",
    unit_label_vi="máy tính",
    unit_label_en="computers",
    quality_flag="",
    quality_note_vi="",
    quality_note_en="",
    quote="3.339 máy tính",
    sentence="Tỉnh đã có 3.339 máy tính, trong đó\ncấp tỉnh 2429 máy tính.",
    source_document="",
    report="http://example.org/id/document/r",
)


def cells_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_columns_are_the_fields_of_a_row_in_order():
    assert COLUMNS == tuple(f.name for f in fields(FigureRow))
    assert COLUMNS[0] == "observation" and COLUMNS[-1] == "report"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


def test_a_harmless_text_cell_is_written_as_it_is():
    assert neutralise("tỉnh Bình Phước") == "tỉnh Bình Phước"


def test_a_cell_beginning_with_an_apostrophe_is_escaped_so_reading_back_is_exact():
    assert restore(neutralise("'=x")) == "'=x"
    assert restore(neutralise("=1+1")) == "=1+1"


def test_a_formula_in_a_label_is_neutralised_in_the_csv():
    rows = cells_of(write_figures_csv([replace(ROW, area_label_en="=1+1", quote="@SUM(A1)")]))
    assert rows[1][COLUMNS.index("area_label_en")] == "'=1+1"
    assert rows[1][COLUMNS.index("quote")] == "'@SUM(A1)"


def test_a_negative_value_stays_a_plain_number():
    rows = cells_of(write_figures_csv([replace(ROW, value=Decimal("-3"))]))
    assert rows[1][COLUMNS.index("value")] == "-3"


def test_a_value_is_written_without_exponent():
    rows = cells_of(write_figures_csv([replace(ROW, value=Decimal("1E+3")), replace(ROW, value=Decimal("0.50"))]))
    assert [r[COLUMNS.index("value")] for r in rows[1:]] == ["1000", "0.50"]


def test_the_csv_is_rfc_4180_with_crlf_and_a_header_of_the_column_names():
    data = write_figures_csv([ROW])
    assert data.startswith(",".join(COLUMNS).encode() + b"\r\n")
    assert '"Tỉnh đã có 3.339 máy tính, trong đó\ncấp tỉnh 2429 máy tính."'.encode() in data
    assert data.endswith(b"\r\n")


def test_rows_read_back_as_written(tmp_path):
    rows = [ROW, replace(ROW, observation=ROW.observation + "-2", value=Decimal("-2.5"), quote="-x", area_label_vi="+y")]
    path = tmp_path / "figures.csv"
    path.write_bytes(write_figures_csv(rows))
    assert read_figures_csv(path) == rows


def test_a_csv_with_other_columns_is_refused():
    with pytest.raises(FiguresCsvError, match="header"):
        parse_figures_csv(b"observation,value\r\nx,1\r\n")


def test_a_value_that_is_not_a_number_is_refused():
    data = write_figures_csv([ROW]).replace(b",3339,", b",lots,")
    with pytest.raises(FiguresCsvError, match="line 2: value is not a number"):
        parse_figures_csv(data)
