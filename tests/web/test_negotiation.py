"""Content negotiation: Accept headers read with q-values and wildcards, the most specific range deciding."""

from __future__ import annotations

import pytest

from kg.web.negotiation import MediaRange, best_match, negotiate_language, parse_accept, prefers_html, quality

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF = ["text/turtle", "application/n-triples", "application/ld+json"]


def test_no_header_or_a_blank_one_accepts_anything():
    assert parse_accept(None) == parse_accept("  ") == [MediaRange("*", "*", 1.0, 0)]


def test_ranges_are_read_with_their_q_and_ordered_most_specific_first():
    ranges = parse_accept("*/*;q=0.1, text/*;q=0.5, Text/Turtle ; Q=0.9 ; charset=utf-8")
    assert ranges == [MediaRange("text", "turtle", 0.9, 2), MediaRange("text", "*", 0.5, 1), MediaRange("*", "*", 0.1, 0)]


def test_a_lone_star_is_read_as_any_type_and_a_bare_word_is_ignored():
    assert parse_accept("*;q=0.3, html") == [MediaRange("*", "*", 0.3, 0)]


@pytest.mark.parametrize("q, read", [("2", 1.0), ("-1", 0.0), ("x", 0.0), ("0.25", 0.25), (" 0.5 ", 0.5)])
def test_q_values_are_clamped_and_unreadable_ones_refuse(q, read):
    [media_range] = parse_accept(f"text/turtle;q={q}")
    assert media_range.q == read


def test_a_media_range_matches_its_type_its_subtype_and_wildcards():
    assert MediaRange("text", "turtle", 1.0, 2).matches("text/turtle")
    assert not MediaRange("text", "turtle", 1.0, 2).matches("text/html")
    assert not MediaRange("text", "turtle", 1.0, 2).matches("application/turtle")
    assert MediaRange("text", "*", 1.0, 1).matches("text/csv") and not MediaRange("text", "*", 1.0, 1).matches("image/png")
    assert MediaRange("*", "*", 1.0, 0).matches("image/png")


def test_the_most_specific_matching_range_gives_the_quality():
    ranges = parse_accept("text/*;q=0.2, text/turtle;q=0.7, */*;q=0.1")
    assert quality(ranges, "text/turtle") == 0.7
    assert quality(ranges, "text/csv") == 0.2
    assert quality(ranges, "image/png") == 0.1
    assert quality(parse_accept("text/turtle"), "image/png") == 0.0


def test_the_best_match_is_the_offer_preferred_most_and_the_first_on_a_tie():
    assert best_match("application/ld+json;q=0.9, text/turtle;q=0.5", RDF) == "application/ld+json"
    assert best_match("*/*", RDF) == "text/turtle"
    assert best_match("application/n-triples, application/ld+json", RDF) == "application/n-triples"
    assert best_match("image/png", RDF) is None
    assert best_match("text/turtle;q=0", RDF) is None
    assert best_match(None, RDF) == "text/turtle"


@pytest.mark.parametrize("header, html", [
    (BROWSER, True),
    ("text/html", True),
    ("text/html;q=0.5, text/turtle", False),  # asks for Turtle more
    ("text/html, text/turtle", True),  # as much: the browser rule gives the page
    ("*/*", False),  # a program that takes anything gets data
    ("text/*", False),
    ("text/html;q=0", False),
    (None, False),
    ("application/json", False),
])
def test_a_client_gets_html_only_when_it_names_html_and_prefers_nothing_else(header, html):
    assert prefers_html(header) is html


@pytest.mark.parametrize("param, header, language", [
    ("en", "vi", "en"),
    ("EN", None, "en"),
    ("fr", "en", "en"),  # an unsupported ?lang= falls back to the header
    (None, "en-GB,en;q=0.9", "en"),
    (None, "fr, en;q=0.5, vi;q=0.9", "vi"),
    (None, "en;q=0.4, vi;q=0.3", "en"),
    (None, "en;q=x", "vi"),  # an unreadable q refuses
    (None, "fr", "vi"),
    (None, None, "vi"),
    (None, "en;q=0", "vi"),
])
def test_the_page_language_is_the_parameter_then_the_header_then_vietnamese(param, header, language):
    assert negotiate_language(param, header) == language


def test_other_languages_and_defaults_can_be_offered():
    assert negotiate_language(None, "de, en;q=0.5", supported=("en", "de"), default="en") == "de"
    assert negotiate_language(None, None, supported=("en", "de"), default="en") == "en"
