"""Plain helpers, without a store or server: numbers and periods, text spans, charts."""

from __future__ import annotations

import pytest

from kg.web.present.charts import Bar, bar_chart
from kg.web.present.error_page import WORDS, error_words
from kg.web.present.evidence import Span, segments, sentence_around
from kg.web.present.i18n import format_number, format_period, t


@pytest.mark.parametrize(
    "value, vi, en",
    [(3339, "3.339", "3,339"), ("12.5", "12,5", "12.5"), (909, "909", "909"), ("1588", "1.588", "1,588"), ("3338.0", "3.338", "3,338")],
)
def test_numbers_are_written_each_languages_way(value, vi, en):
    assert (format_number(value, "vi"), format_number(value, "en")) == (vi, en)


@pytest.mark.parametrize(
    "text, vi, en", [("2012-12", "tháng 12/2012", "December 2012"), ("2013-01-22", "ngày 22/1/2013", "22 January 2013"), ("2012", "2012", "2012")]
)
def test_periods_are_written_in_words(text, vi, en):
    assert (format_period(text, "vi"), format_period(text, "en")) == (vi, en)


def test_ui_strings_exist_in_both_languages():
    assert t("inverse", "vi") == "Những gì trỏ tới đây" and t("inverse", "en") == "What points here"


def test_the_sentence_around_a_quote_stops_at_sentence_ends():
    text = "First one. The total is 42 items here. Last one."
    start = text.index("42")
    assert sentence_around(text, start, start + 2) == ("The total is ", "42", " items here.")


def test_the_sentence_around_a_quote_stops_at_a_line_end():
    text = "Title\nBody with quote in it\nNext"
    start = text.index("quote")
    assert sentence_around(text, start, start + 5) == ("Body with ", "quote", " in it")


def span(start, end, name):
    return Span(f"http://x/{name}", f"ann-{name}", "http://x/doc", start, end, "", (f"http://x/fact-{name}",))


def test_segments_cover_the_text_exactly_once():
    text = "abcdefghij"
    parts = segments(text, [span(2, 5, "a"), span(7, 9, "b")])
    assert "".join(p.text for p in parts) == text
    assert [p.text for p in parts if p.spans] == ["cde", "hi"]


def test_overlapping_spans_cut_the_text_at_every_boundary():
    parts = segments("abcdefghij", [span(1, 6, "outer"), span(3, 5, "inner")])
    assert [(p.text, [s.anchor for s in p.spans]) for p in parts] == [
        ("a", []),
        ("bc", ["ann-outer"]),
        ("de", ["ann-inner", "ann-outer"]),
        ("f", ["ann-outer"]),
        ("ghij", []),
    ]


def test_each_span_anchors_where_it_starts():
    parts = segments("abcdef", [span(1, 4, "x"), span(1, 3, "y")])
    assert [p.anchors for p in parts] == [[], ["ann-x", "ann-y"], [], []]


def test_spans_outside_the_text_are_ignored():
    assert [p.text for p in segments("abc", [span(2, 10, "bad")])] == ["abc"]


def test_a_bar_chart_is_an_svg_with_a_bar_per_figure():
    svg = bar_chart("Computers", [Bar("province", 2429, "2.429", "/a"), Bar("district", 909, "909", "/b")])
    assert svg.startswith('<svg class="chart"') and svg.count('class="chart-bar"') == 2
    assert '<a href="/a">' in svg and "2.429" in svg and "<title>Computers</title>" in svg


def test_bars_are_scaled_to_the_largest():
    svg = bar_chart("x", [Bar("a", 100, "100"), Bar("b", 50, "50")])
    widths = [float(w.split('"')[0]) for w in svg.split('width="')[2:]]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_chart_text_is_escaped():
    svg = bar_chart("<b>", [Bar('<img src=x onerror="alert(1)">', 1, "<1>", '/x?"')])
    assert "<img" not in svg and "<b>" not in svg and "&lt;img" in svg and 'href="/x?&quot;"' in svg


def test_no_figures_no_chart():
    assert bar_chart("x", []) == ""


def test_a_long_bar_label_is_broken_into_two_lines_not_cut_at_its_end():
    label = "Agencies using the document and work-record management system, district level"
    svg = bar_chart("x", [Bar(label, 4, "4")])
    assert svg.count("<tspan") == 2 and "district level</tspan>" in svg


def test_every_error_status_has_a_title_and_an_explanation_in_each_language():
    for status in WORDS:
        vi, en = error_words(status, "ignored", "vi"), error_words(status, "ignored", "en")
        assert vi["title"] and en["title"] and vi["title"] != en["title"], status
        assert vi["explanation"] and en["explanation"] and vi["explanation"] != en["explanation"], status


def test_an_error_status_without_words_keeps_its_own_title():
    assert error_words(418, "I'm a teapot", "vi")["title"] == "I'm a teapot"
    assert error_words(418, "I'm a teapot", "en")["explanation"] == "The request could not be answered."
