"""The guard's refusals word for word, and the edges of what it accepts (escapes, nesting, forms)."""

from __future__ import annotations

import sys

import pytest

from kg.stores import guard
from kg.stores.guard import QueryRejected, check_query, code_only, expand_escapes, full_check, nesting_depth


def refusal(text: str, check=full_check) -> str:
    with pytest.raises(QueryRejected) as refused:
        check(text)
    return refused.value.message


@pytest.mark.parametrize("escape, char", [(r"\u0041", "A"), (r"\U0010FFFF", "\U0010ffff"), (r"\uD7FF", "\ud7ff"),
                                          (r"\uE000", "\ue000"), (r"\U0001F600", "😀")])
def test_escapes_up_to_the_last_code_point_and_around_the_surrogates_are_characters(escape, char):
    assert expand_escapes(f"a{escape}b") == f"a{char}b"


@pytest.mark.parametrize("escape", [r"\uD800", r"\uDFFF", r"\U00110000"])
def test_an_escape_that_is_no_character_is_refused_saying_so(escape):
    with pytest.raises(QueryRejected) as refused:
        expand_escapes(f"SELECT * {{ ?s ?p '{escape}' }}")
    assert refused.value.message == f"{escape} is not a Unicode character (a surrogate, or past U+10FFFF)."
    assert refused.value.status == 400


def test_a_syntax_error_points_at_its_column():
    message = refusal("SELECT * WHERE { ?s ?p }")
    first, line, pointer = message.split("\n")
    assert first.startswith("Syntax error at line 1, column ")
    column = int(first.split("column ")[1].split(":")[0])
    assert line == "SELECT * WHERE { ?s ?p }" and pointer == " " * (column - 1) + "^"


def test_the_engines_words_are_given_when_rdflib_finds_nothing_wrong():
    assert guard.explain_syntax_error("SELECT * WHERE { ?s ?p ?o }", "engine says no") == "Syntax error: engine says no"


def test_an_unknown_query_form_is_refused(monkeypatch):
    class Node:
        name = "SomethingElse"

    monkeypatch.setattr(guard, "parseQuery", lambda text: [[], Node()])
    assert refusal("SELECT * { ?s ?p ?o }") == "The query cannot be checked (unknown query form)."


def test_a_query_too_deep_for_the_parser_is_refused_as_such(monkeypatch):
    def too_deep(text):
        raise RecursionError

    monkeypatch.setattr(guard, "parseQuery", too_deep)
    assert refusal("SELECT * { ?s ?p ?o }") == "The query is too deeply nested to be checked."


def test_the_recursion_limit_is_raised_for_rdflibs_parser_and_never_lowered(monkeypatch):
    monkeypatch.setattr(sys, "getrecursionlimit", lambda: guard.RECURSION_LIMIT)
    raised = []
    monkeypatch.setattr(sys, "setrecursionlimit", raised.append)
    full_check("SELECT * { ?s ?p ?o }")
    assert raised == []  # already high enough: left as it is
    monkeypatch.setattr(sys, "getrecursionlimit", lambda: 1000)
    full_check("SELECT * { ?s ?p ?o }")
    assert raised == [guard.RECURSION_LIMIT]


def test_the_checked_query_is_the_text_as_given():
    text = "  SELECT * WHERE { ?s ?p ?o } # a comment"
    assert check_query.__wrapped__(text).text == text
    assert full_check(text).text == text and full_check(text).form == "SELECT"


def test_service_found_only_in_the_parse_tree_is_refused(monkeypatch):
    monkeypatch.setattr(guard, "_SERVICE_WORD", guard.re.compile("(?!x)x"))  # the lexical scan sees nothing
    assert refusal("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }") == guard.NO_SERVICE


@pytest.mark.parametrize("text, depth", [
    ("}", 0),  # a closing bracket with nothing open
    ("{ } }", 1),
    ("( [ { } ] )", 3),
    ("- - x", 2),
    ("a - - x", 1),  # binary minus, then a unary one
    ("x) -y", 0),  # after a closing bracket a minus is binary
    ("! ( x )", 2),
    ("{ ! }", 2),
])
def test_nesting_depth_at_its_edges(text, depth):
    assert nesting_depth(code_only(text)) == depth
