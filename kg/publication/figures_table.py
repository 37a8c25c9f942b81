"""The figures as a tidy table: one row per qb:Observation, written as RFC 4180 CSV safe in spreadsheets.

`FigureRow` is one row; its fields are the CSV's columns, in order (`COLUMNS`). Every text cell that a
spreadsheet could run as a formula (it begins with =, +, -, @, a tab or a carriage return) is written
with a leading apostrophe, and so is a cell that already begins with one, so reading back is exact;
the value column is a plain number and is never touched. The CSV on the Web metadata describing the
columns is `kg.publication.figures_metadata`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path

FIGURES_CSV = "figures.csv"
FIGURES_METADATA = "figures.csv-metadata.json"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


@dataclass(frozen=True)
class FigureRow:
    """One observation of the figures, with the labels, quality notes and words it rests on."""

    observation: str  # IRI of the qb:Observation
    indicator: str  # the indicator's code (skos:notation), e.g. "computers"
    indicator_iri: str
    indicator_label_vi: str
    indicator_label_en: str
    area: str  # IRI of the place (sdmx-dimension:refArea)
    area_label_vi: str
    area_label_en: str
    period: str  # "YYYY-MM" (sdmx-dimension:refPeriod, xsd:gYearMonth)
    level: str  # the administrative level's code, e.g. "province", "district", "all"
    value: Decimal  # sdmx-measure:obsValue as reported
    unit: str  # the unit's code
    unit_label_vi: str
    unit_label_en: str
    quality_flag: str  # IRIs of the dqv:QualityAnnotations on it, space-separated; "" when none
    quality_note_vi: str  # their texts, joined by " | "; "" when none
    quality_note_en: str
    quote: str  # the exact words quoted (oa:exact of its first annotation in reading order)
    sentence: str  # the sentence of the source text that holds the quote
    source_document: str  # IRI of the document it is credited to (prov:hadPrimarySource); "" when none
    report: str  # IRI of the article (report) the figure is in (prov:wasDerivedFrom, oa:hasSource)


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(FigureRow))
NUMBER_COLUMNS = frozenset({"value"})


class FiguresCsvError(ValueError):
    """A figures CSV that does not have the published columns or a number that is not one."""


def neutralise(cell: str) -> str:
    """A text cell no spreadsheet runs as a formula: an apostrophe before =, +, -, @, tab, CR (or an apostrophe)."""
    if cell.startswith(FORMULA_STARTS) or cell.startswith(ESCAPE):
        return ESCAPE + cell
    return cell


def restore(cell: str) -> str:
    """The text `neutralise` was given: the cell without the apostrophe it added."""
    return cell[1:] if cell.startswith(ESCAPE) else cell


def number_text(value: Decimal) -> str:
    """A value as a plain decimal numeral (never exponent notation), as reported: Decimal('3338') -> '3338'."""
    if not value.is_finite():
        raise FiguresCsvError(f"not a finite number: {value}")
    return format(value, "f")


def cells(row: FigureRow) -> list[str]:
    """The CSV cells of a row, in column order: texts neutralised, the value a plain number."""
    out = []
    for name, cell in zip(COLUMNS, astuple(row), strict=True):
        out.append(number_text(cell) if name in NUMBER_COLUMNS else neutralise(str(cell)))
    return out


def write_figures_csv(rows: list[FigureRow]) -> bytes:
    """The rows as RFC 4180 CSV in UTF-8 (CRLF line ends, a header row of the column names), in the order given."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(cells(row))
    return buffer.getvalue().encode("utf-8")


def parse_figures_csv(data: bytes) -> list[FigureRow]:
    """Rows from the bytes of a figures CSV; FiguresCsvError when its header or a value is wrong."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        raise FiguresCsvError(f"the header is not the figures columns {', '.join(COLUMNS)}: {header}")
    rows = []
    for number, record in enumerate(reader, start=2):
        if len(record) != len(COLUMNS):
            raise FiguresCsvError(f"line {number}: {len(record)} cells, expected {len(COLUMNS)}")
        values = {}
        for name, cell in zip(COLUMNS, record, strict=True):
            if name in NUMBER_COLUMNS:
                try:
                    values[name] = Decimal(cell)
                except InvalidOperation:
                    raise FiguresCsvError(f"line {number}: {name} is not a number: {cell!r}") from None
            else:
                values[name] = restore(cell)
        rows.append(FigureRow(**values))
    return rows


def read_figures_csv(path: str | Path) -> list[FigureRow]:
    """The rows of a published figures.csv (e.g. a version's), as written."""
    return parse_figures_csv(Path(path).read_bytes())
