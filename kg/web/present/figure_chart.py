"""The chart of a figures view: bars by area, a line by period, or the reason in words why there is none.

Bars by area when one indicator and one period are fixed (selected, or the only one in the view); a
line by period when one indicator and one area are fixed and the view spans several periods. A facet
with a single value in the view counts as fixed, so a report of one period charts by area as soon as
an indicator is chosen.
"""

from __future__ import annotations

from markupsafe import Markup

from kg.web.present.charts import Bar, Point, bar_chart, line_chart
from kg.web.present.figure_index import FigureIndex, rows_of
from kg.web.present.i18n import format_number, format_period

MAX_BARS = 60  # the largest, when more areas than that are in the view

REASONS = {
    "empty": ("Không có số liệu nào trong lựa chọn này.", "No figures match this view."),
    "choose": (
        "Chưa có biểu đồ: hãy chọn một chỉ tiêu, rồi một kỳ (cột theo địa bàn) hoặc một địa bàn (đường theo thời gian).",
        "No chart yet: choose one indicator, then one period (bars by area) or one area (a line over time).",
    ),
    "units": ("Chưa có biểu đồ: các số liệu trong lựa chọn này có đơn vị khác nhau.", "No chart: the figures of this view are in different units."),
    "several": (
        "Chưa có biểu đồ đường: có nhiều số liệu trong cùng một kỳ (khác cấp hoặc khác báo cáo); hãy chọn một cấp hoặc một báo cáo.",
        "No line chart: several figures share a period (other levels or reports); choose one level or one report.",
    ),
}


def reason(key: str, lang: str) -> str:
    """Why there is no chart, in `lang`."""
    vi, en = REASONS[key]
    return en if lang == "en" else vi


def _fixed(view: dict, facet: str) -> bool:
    found = next(f for f in view["facets"] if f["name"] == facet)
    return found["selected"] is not None or sum(1 for v in found["values"] if v["count"]) == 1


def _label(row, lang: str, what: str) -> str:
    en, vi = getattr(row, f"{what}_label_en"), getattr(row, f"{what}_label_vi")
    return (en or vi if lang == "en" else vi or en) or getattr(row, what)


def _facet_label(index: FigureIndex, facet: str, value: str, lang: str) -> str:
    found = index.find(facet, value)
    return found.label(lang) if found else value


def chart_for(index: FigureIndex, view: dict, lang: str, path_of) -> dict:
    """{"kind": "bars" | "line" | None, "svg": Markup, "reason": str | None, "note": str | None} for a view."""
    none = {"kind": None, "svg": Markup(""), "note": None}
    if not view["total"]:
        return {**none, "reason": reason("empty", lang)}
    by_period = _fixed(view, "indicator") and _fixed(view, "area") and not _fixed(view, "period")
    by_area = _fixed(view, "indicator") and _fixed(view, "period")
    if not (by_period or by_area):
        return {**none, "reason": reason("choose", lang)}
    rows = rows_of(index, view["mask"])
    if len({r.unit for r in rows}) > 1:
        return {**none, "reason": reason("units", lang)}
    first = rows[0]
    unit = _label(first, lang, "unit")
    indicator = _label(first, lang, "indicator")
    if by_period:
        if len({r.period for r in rows}) != len(rows):
            return {**none, "reason": reason("several", lang)}
        rows.sort(key=lambda r: r.period)
        points = [Point(format_period(r.period, lang), float(r.value), format_number(r.value, lang), path_of(r.observation)) for r in rows]
        title = f"{indicator} — {_label(first, lang, 'area')}" + (f" ({unit})" if unit else "")
        return {"kind": "line", "svg": line_chart(title, points), "reason": None, "note": None}
    rows.sort(key=lambda r: (-r.value, r.observation))
    levels, reports = len({r.level for r in rows}) > 1, len({r.report for r in rows}) > 1
    bars = []
    for r in rows[:MAX_BARS]:
        label = _label(r, lang, "area") + (f" · {_facet_label(index, 'level', r.level, lang)}" if levels else "")
        label += f" · {_facet_label(index, 'report', r.report, lang)}" if reports else ""
        bars.append(Bar(label, float(r.value), format_number(r.value, lang), path_of(r.observation)))
    title = f"{indicator} — {format_period(first.period, lang)}" + (f" ({unit})" if unit else "")
    note = None
    if len(rows) > MAX_BARS:
        note = f"The {MAX_BARS} largest of {len(rows)} figures." if lang == "en" else f"{MAX_BARS} số liệu lớn nhất trong {len(rows)}."
    return {"kind": "bars", "svg": bar_chart(title, bars), "reason": None, "note": note}
