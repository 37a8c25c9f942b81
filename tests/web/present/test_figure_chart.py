"""The chart of a figures view (kg.web.present.figure_chart) and the line chart (kg.web.present.charts)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kg.web.present.charts import Point, line_chart
from kg.web.present.figure_browser import browse, parse_query
from kg.web.present.figure_chart import MAX_BARS, chart_for
from kg.web.present.figure_index import build_index
from tests.web.present.figure_rows import ROWS, path_of, row

SVG = "{http://www.w3.org/2000/svg}"
INDEX = build_index(ROWS)


def chart(lang: str = "en", index=INDEX, **params) -> dict:
    query = parse_query(index, {k: [v] for k, v in params.items()})
    return chart_for(index, browse(index, query, lang, path_of), lang, path_of)


def values_of(svg) -> list[str]:
    return [t.text for t in ET.fromstring(str(svg)).iter(f"{SVG}text") if t.get("class") == "chart-value"]


def test_one_indicator_and_one_period_give_bars_by_area_largest_first():
    c = chart(indicator="computers", period="2012-12", level="province")
    assert c["kind"] == "bars"
    assert values_of(c["svg"]) == ["51,000", "4,100.5", "3,339"]
    assert ET.fromstring(str(c["svg"])).find(f"{SVG}title").text == "Computers — December 2012 (computers)"
    assert "/id/observation/r2/computers-ha-noi-2012-12-province" in str(c["svg"])


def test_one_indicator_and_one_area_over_several_periods_give_a_line_in_period_order():
    c = chart("vi", indicator="computers", area="binh-phuoc", level="province")
    assert c["kind"] == "line"
    assert values_of(c["svg"]) == ["2.100", "2.900", "3.339"]
    labels = [t.text for t in ET.fromstring(str(c["svg"])).iter(f"{SVG}text") if t.get("class") == "chart-label"]
    assert labels == ["tháng 12/2010", "tháng 12/2011", "tháng 12/2012"]


def test_a_period_shared_by_several_figures_gives_no_line_and_says_why():
    c = chart(indicator="computers", area="binh-phuoc")  # the district figure shares 2012-12
    assert c["kind"] is None and "choose one level or one report" in c["reason"]


def test_without_an_indicator_there_is_no_chart_and_the_reason_says_what_to_choose():
    c = chart("vi")
    assert c["kind"] is None and c["svg"] == ""
    assert "hãy chọn một chỉ tiêu" in c["reason"]
    assert "choose one indicator" in chart("en", area="ha-noi")["reason"]


def test_an_empty_view_says_no_figures_match():
    assert chart(indicator="websites", area="an-giang")["reason"] == "No figures match this view."


def test_a_facet_with_one_value_in_the_view_counts_as_fixed():
    one_period = build_index([r for r in ROWS if r.period == "2012-12"])
    assert chart(index=one_period, indicator="websites")["kind"] == "bars"


def test_bars_name_the_level_and_report_when_the_view_has_several():
    labels = [t.text for t in ET.fromstring(str(chart(indicator="computers", period="2012-12")["svg"])).iter(f"{SVG}tspan")]
    assert "Bình Phước Province · district · r1" in labels and "Hanoi · province · r2" in labels


def test_bars_stop_at_the_largest_and_say_so():
    many = build_index([row("websites", "ha-noi", "2012-12", str(n), level=f"l{n}") for n in range(MAX_BARS + 5)])
    c = chart(index=many, indicator="websites")
    assert len(values_of(c["svg"])) == MAX_BARS
    assert c["note"] == f"The {MAX_BARS} largest of {MAX_BARS + 5} figures."


def test_a_line_chart_is_accessible_svg_with_every_text_escaped():
    svg = str(line_chart("A <b> & c", [Point("2011", 1, "1"), Point("<2012>", 3, "3 &", "/id/x?a=1&b=2")]))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "A <b> & c"
    assert "<b>" not in svg and 'href="/id/x?a=1&amp;b=2"' in svg
    points = root.find(f"{SVG}polyline").get("points").split()
    ys = [float(p.split(",")[1]) for p in points]
    assert ys[0] > ys[1]  # the larger value is drawn higher
    assert re.fullmatch(r"[0-9., ]+", " ".join(points))


def test_no_points_is_no_chart():
    assert line_chart("t", []) == ""
