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


@pytest.mark.parametrize("q, read", [("0.25", 0.25), ("0.5 ", 0.5), ("1.000", 1.0), ("0", 0.0), ("0.125", 0.125)])
def test_q_values_are_read(q, read):
    [media_range] = parse_accept(f"text/turtle;q={q}")
    assert media_range.q == read


def test_an_upper_case_q_is_read():
    assert parse_accept("text/turtle;Q=0.5") == [MediaRange("text", "turtle", 0.5, 2)]
    assert best_match("text/turtle;Q=0.5, application/ld+json;q=0.6", RDF) == "application/ld+json"


@pytest.mark.parametrize("q", ["2", "-1", "x", ".5", "1e-1"])
def test_a_range_with_an_invalid_q_is_skipped_as_werkzeug_skips_it(q):
    assert parse_accept(f"text/turtle;q={q}, application/ld+json;q=0.3") == [MediaRange("application", "ld+json", 0.3, 2)]


def test_a_skipped_range_leaves_its_type_to_the_wildcards():
    assert quality(parse_accept("text/turtle;q=x, */*;q=0.1"), "text/turtle") == 0.1
    assert best_match("text/turtle;q=2", RDF) is None


def test_q_zero_excludes_a_type_that_a_wildcard_would_accept():
    assert best_match("text/turtle;q=0, */*", RDF) == "application/n-triples"
    assert quality(parse_accept("text/*, text/turtle;q=0"), "text/turtle") == 0.0


def test_a_quoted_parameter_with_a_comma_stays_in_its_range():
    header = 'text/turtle;profile="a,b";q=0.9, application/ld+json;q=0.8'
    assert parse_accept(header) == [MediaRange("text", "turtle", 0.9, 2), MediaRange("application", "ld+json", 0.8, 2)]
    assert best_match(header, RDF) == "text/turtle"
    assert best_match('text/turtle;profile="a,b";q=0.5, application/ld+json;q=0.8', RDF) == "application/ld+json"


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


@pytest.mark.parametrize(
    "header, html",
    [
        (BROWSER, True),
        ("text/html", True),
        ("text/html;q=0.5, text/turtle", False),  # asks for Turtle more
        ("text/html, text/turtle", True),  # as much: the browser rule gives the page
        ("*/*", False),  # a program that takes anything gets data
        ("text/*", False),
        ("text/html;q=0", False),
        (None, False),
        ("application/json", False),
    ],
)
def test_a_client_gets_html_only_when_it_names_html_and_prefers_nothing_else(header, html):
    assert prefers_html(header) is html


@pytest.mark.parametrize(
    "param, header, language",
    [
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
        (None, "vi-VN", "vi"),
        (None, "en-GB;q=0.8", "en"),
        (None, "vi-VN, en-GB;q=0.8", "vi"),
        (None, "en-GB;q=0.8, vi-VN;q=0.7", "en"),
        (None, "vi-VN, en;q=0.8", "vi"),  # the preferred region tag beats an exact match of lower q
        (None, "en_GB", "en"),
        (None, "en;Q=0.9, vi;q=0.5", "en"),
        (None, "*", "vi"),
    ],
)
def test_the_page_language_is_the_parameter_then_the_header_then_vietnamese(param, header, language):
    assert negotiate_language(param, header) == language


def test_other_languages_and_defaults_can_be_offered():
    assert negotiate_language(None, "de, en;q=0.5", supported=("en", "de"), default="en") == "de"
    assert negotiate_language(None, None, supported=("en", "de"), default="en") == "en"
