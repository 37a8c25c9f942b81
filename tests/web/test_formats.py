"""The format tables and content negotiation: which representation each request gets."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import BadRequest, NotAcceptable
from kg.web.formats import (
    GRAPH_FORMATS,
    HTML,
    RESULTS_FORMATS,
    convert_rdf,
    find_format,
    format_for_suffix,
    format_parameter,
    negotiate_graph_format,
    negotiate_results_format,
    pick_format,
    serialize_triples,
)
from kg.web.negotiation import negotiate_language

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def name_of(fmt):
    return None if fmt is None else fmt.name


@pytest.mark.parametrize(
    "token, expected",
    [
        ("json", "json"),
        ("xml", "xml"),
        ("csv", "csv"),
        ("tsv", "tsv"),
        ("JSON", "json"),
        ("application/sparql-results+json", "json"),
        ("text/tab-separated-values", "tsv"),
        ("application/json", "json"),
        ("text/csv; charset=utf-8", "csv"),
    ],
)
def test_results_format_names_and_media_types(token, expected):
    assert name_of(find_format(RESULTS_FORMATS, token)) == expected


@pytest.mark.parametrize(
    "token, expected",
    [
        ("ttl", "turtle"),
        ("turtle", "turtle"),
        ("nt", "ntriples"),
        ("ntriples", "ntriples"),
        ("jsonld", "jsonld"),
        ("json-ld", "jsonld"),
        ("rdf", "rdfxml"),
        ("rdfxml", "rdfxml"),
        ("nq", "nquads"),
        ("nquads", "nquads"),
        ("trig", "trig"),
        ("text/turtle", "turtle"),
        ("application/ld+json", "jsonld"),
        ("application/rdf+xml", "rdfxml"),
        ("application/n-quads", "nquads"),
        ("n3", "turtle"),
        ("N3", "turtle"),
        ("text/n3", "turtle"),
        ("text/rdf+n3", "turtle"),
        ("application/n3", "turtle"),
    ],
)
def test_graph_format_names_and_media_types(token, expected):
    assert name_of(find_format(GRAPH_FORMATS, token)) == expected


@pytest.mark.parametrize(
    "suffix, expected", [(".ttl", "turtle"), (".nt", "ntriples"), (".jsonld", "jsonld"), (".rdf", "rdfxml"), (".nq", "nquads"), (".trig", "trig")]
)
def test_suffixes_name_graph_formats(suffix, expected):
    assert format_for_suffix(suffix).name == expected


def test_an_unknown_suffix_names_no_format():
    assert format_for_suffix(".exe") is None


def test_text_types_carry_charset_utf8():
    assert find_format(GRAPH_FORMATS, "ttl").content_type == "text/turtle; charset=utf-8"
    assert find_format(RESULTS_FORMATS, "csv").content_type == "text/csv; charset=utf-8"
    assert find_format(RESULTS_FORMATS, "tsv").content_type == "text/tab-separated-values; charset=utf-8"


def test_non_text_types_have_no_charset_parameter():
    assert find_format(RESULTS_FORMATS, "json").content_type == "application/sparql-results+json"


def test_star_star_gets_json_results_and_turtle_graphs():
    assert negotiate_results_format("*/*").name == "json"
    assert negotiate_graph_format("*/*").name == "turtle"


def test_no_accept_header_counts_as_star_star():
    assert negotiate_results_format(None).name == "json"
    assert negotiate_graph_format("").name == "turtle"


def test_text_star_gets_the_first_text_format():
    assert negotiate_results_format("text/*").name == "csv"
    assert negotiate_graph_format("text/*").name == "turtle"


def test_higher_q_value_wins():
    assert negotiate_graph_format("text/turtle;q=0.5, application/n-triples;q=0.9").name == "ntriples"
    assert negotiate_results_format("application/sparql-results+json;q=0.2, text/csv").name == "csv"


def test_q_zero_excludes_a_type_even_under_a_wildcard():
    assert negotiate_graph_format("text/turtle;q=0, */*").name == "ntriples"


def test_only_q_zero_types_is_not_acceptable():
    with pytest.raises(NotAcceptable):
        negotiate_graph_format("text/turtle;q=0")


def test_an_unknown_type_is_not_acceptable_and_names_what_is_available():
    with pytest.raises(NotAcceptable) as caught:
        negotiate_results_format("image/png")
    assert "application/sparql-results+json" in caught.value.message


def test_format_parameter_beats_accept():
    assert negotiate_graph_format("text/turtle", "nt").name == "ntriples"


def test_format_parameter_may_be_a_media_type():
    assert negotiate_graph_format("*/*", "application/ld+json").name == "jsonld"


def test_an_unknown_format_parameter_is_a_bad_request():
    with pytest.raises(BadRequest) as caught:
        negotiate_graph_format("*/*", "docx")
    assert "ttl" in caught.value.message


def test_a_known_format_of_the_other_table_picks_nothing():
    assert pick_format(RESULTS_FORMATS, "*/*", "ttl") is None


def test_a_known_format_of_the_other_table_is_not_acceptable():
    with pytest.raises(NotAcceptable):
        negotiate_results_format("*/*", "ttl")


def test_json_and_xml_names_mean_json_ld_and_rdf_xml_for_graphs():
    assert negotiate_graph_format("*/*", "json").name == "jsonld"
    assert negotiate_graph_format("*/*", "xml").name == "rdfxml"


def test_browsers_get_html_where_a_page_exists():
    assert negotiate_graph_format(BROWSER, html=True) is HTML


def test_browsers_get_data_where_no_page_exists():
    assert negotiate_graph_format(BROWSER).name == "rdfxml"  # application/xml;q=0.9 is the best data type


def test_star_star_never_gets_html():
    assert negotiate_graph_format("*/*", html=True).name == "turtle"


def test_format_html_asks_for_the_page():
    assert negotiate_results_format("application/json", "html", html=True) is HTML


def test_json_alias_is_answered_in_the_canonical_results_type():
    assert negotiate_results_format("application/json").media_type == "application/sparql-results+json"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_every_graph_format_serialises_and_parses_back(fmt):
    triple = ox.Triple(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"), ox.Literal("Bình Phước", language="vi"))
    data = serialize_triples([triple], fmt, {"ex": "http://ex.org/"})
    assert [q.triple for q in ox.parse(data, format=fmt.pyoxigraph)] == [triple]


def test_convert_rdf_turns_turtle_into_n_triples():
    data = convert_rdf(b"<http://ex.org/a> <http://ex.org/p> 1 .", GRAPH_FORMATS[0], GRAPH_FORMATS[1])
    assert data.decode() == '<http://ex.org/a> <http://ex.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'


@pytest.mark.parametrize(
    "param, header, expected",
    [
        ("en", "vi", "en"),
        ("vi", "en", "vi"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "fr, en;q=0.5, vi;q=0.8", "vi"),
        (None, None, "vi"),
        ("de", "fr", "vi"),
        ("EN", None, "en"),
    ],
)
def test_page_language_from_parameter_then_accept_language_then_vietnamese(param, header, expected):
    assert negotiate_language(param, header) == expected


# -- N3, answered in Turtle ------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["text/n3", "text/rdf+n3", "application/n3", "text/n3; charset=utf-8"])
def test_an_n3_accept_is_answered_in_turtle_labelled_text_turtle(accept):
    fmt = negotiate_graph_format(accept)
    assert fmt.name == "turtle" and fmt.content_type == "text/turtle; charset=utf-8"


def test_n3_names_no_results_format():
    assert pick_format(RESULTS_FORMATS, "*/*", "n3") is None


def test_sparqlwrappers_n3_accept_gets_turtle():
    accept = "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3"  # SPARQLWrapper 2.0's
    assert negotiate_graph_format(accept, "n3").name == "turtle"


# -- output=, the alias of format= -----------------------------------------------------------------


def test_output_alone_is_the_format():
    assert format_parameter(None, "csv") == "csv"


def test_format_alone_is_the_format():
    assert format_parameter("tsv", None) == "tsv"


def test_empty_values_name_no_format():
    assert format_parameter("", "") is None


def test_the_same_format_spelt_two_ways_agrees():
    assert format_parameter("ttl", "text/turtle") == "ttl"
    assert format_parameter("n3", "ttl") == "n3"


def test_format_and_output_naming_different_formats_is_a_bad_request():
    with pytest.raises(BadRequest) as caught:
        format_parameter("json", "xml")
    assert caught.value.message == "format='json' and output='xml' name different formats; give one of them, or the same"


def test_names_that_agree_for_graphs_but_not_for_results_disagree():
    with pytest.raises(BadRequest):
        format_parameter("xml", "rdf")  # both RDF/XML for a CONSTRUCT; for a SELECT only `xml` means anything


def test_an_unknown_output_is_the_same_bad_request_as_an_unknown_format():
    with pytest.raises(BadRequest) as by_output:
        format_parameter(None, "docx")
    with pytest.raises(BadRequest) as by_format:
        negotiate_graph_format("*/*", "docx")
    assert by_output.value.message == by_format.value.message and "unknown format 'docx'" in by_output.value.message
