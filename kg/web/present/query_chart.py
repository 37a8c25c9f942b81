"""A bar chart of query results that have a label column and a number column, drawn on the server.

Inline SVG (kg.web.present.charts), so it shows without script. A results table is charted when one
column binds a number (a literal of an XSD numeric datatype) in every row, none negative, and another
binds a label (a literal, else an IRI, shown as the table shows it) in every row; the first such
columns are taken. At most MAX_BARS bars: longer results chart their first rows and say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from markupsafe import Markup

from kg.web.present.charts import Bar, bar_chart
from kg.web.present.i18n import format_number

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = frozenset(
    XSD + name
    for name in (
        "integer decimal double float int long short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
)
MAX_BARS = 40


@dataclass(frozen=True)
class Chart:
    """A chart of results: the SVG, its label and number columns, and how many rows it leaves out."""

    svg: Markup
    label: str
    number: str
    left_out: int


def _number(term: dict | None) -> Decimal | None:
    if not term or term.get("type") not in ("literal", "typed-literal") or term.get("datatype") not in NUMERIC:
        return None
    try:
        value = Decimal(term["value"])
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _is_label(term: dict | None, kind: str) -> bool:
    return bool(term) and term.get("type") in ((kind, "typed-literal") if kind == "literal" else (kind,)) and _number(term) is None


def columns_to_chart(results: dict) -> tuple[str, str] | None:
    """(label column, number column) of SPARQL JSON results, or None when they cannot be charted."""
    columns = results.get("head", {}).get("vars", [])
    rows = results.get("results", {}).get("bindings", [])
    if not rows:
        return None
    numbers = [c for c in columns if all((v := _number(r.get(c))) is not None and v >= 0 for r in rows)]
    if not numbers:
        return None
    for kind in ("literal", "uri"):
        labels = [c for c in columns if c not in numbers and all(_is_label(r.get(c), kind) for r in rows)]
        if labels:
            return labels[0], numbers[0]
    return None


def chart(results: dict, cells, lang: str, title: str) -> Chart | None:
    """The chart of SPARQL JSON results (None when they have no label and number columns).

    `cells` is the page's CellMaker (labels and links as the table shows them); `title` is a format
    string with {number} and {label}.
    """
    picked = columns_to_chart(results)
    if picked is None:
        return None
    label, number = picked
    rows = results["results"]["bindings"]
    bars = []
    for row in rows[:MAX_BARS]:
        cell, value = cells.cell(row[label]), _number(row[number])
        href = cell.href if cell.href and not cell.external else None
        bars.append(Bar(cell.text, float(value), format_number(value, lang), href))
    text = title.format(number=f"?{number}", label=f"?{label}")
    return Chart(bar_chart(text, bars), label, number, max(0, len(rows) - MAX_BARS))
