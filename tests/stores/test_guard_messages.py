"""The guard's refusals word for word, and the edges of what it accepts (escapes, nesting, forms)."""

from __future__ import annotations

import sys

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from kg.stores import guard
from kg.stores.guard import QueryRejected, check_query, code_only, expand_escapes, full_check, nesting_depth


def refusal(text: str, check=full_check) -> str:
    with pytest.raises(QueryRejected) as refused:
        check(text)
    return refused.value.message


@pytest.mark.parametrize(
    "escape, char", [(r"\u0041", "A"), (r"\U0010FFFF", "\U0010ffff"), (r"\uD7FF", "\ud7ff"), (r"\uE000", "\ue000"), (r"\U0001F600", "😀")]
)
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


@pytest.mark.parametrize(
    "text, depth",
    [
        ("}", 0),  # a closing bracket with nothing open
        ("{ } }", 1),
        ("( [ { } ] )", 3),
        ("- - x", 2),
        ("a - - x", 1),  # binary minus, then a unary one
        ("x) -y", 0),  # after a closing bracket a minus is binary
        ("! ( x )", 2),
        ("{ ! }", 2),
    ],
)
def test_nesting_depth_at_its_edges(text, depth):
    assert nesting_depth(code_only(text)) == depth


@pytest.mark.parametrize(
    "text, depth",
    [
        ("(x) ((y))", 2),
        ("!(x) !(y)", 2),  # a negated group gives back its own level and its operator's
        (") ((x))", 2),  # a closing bracket with nothing open banks no depth to spend later
    ],
)
def test_a_closed_bracket_gives_back_exactly_the_depth_it_took(text, depth):
    assert nesting_depth(code_only(text)) == depth


@pytest.mark.parametrize("text, depth", [("{ ?s ex:part-X ?o }", 1), ("{ ?s ex:part-X ?o { ?s ?p ?o } }", 2)])
def test_the_words_of_a_hyphenated_name_are_neither_brackets_nor_operators(text, depth):
    assert nesting_depth(code_only(text)) == depth


def test_a_syntax_error_is_explained_under_the_servers_depth_limit_not_the_default():
    deep = "SELECT * WHERE " + "{ " * 70 + "?s ?p " + "} " * 70  # 70 levels: over the default 64, under 100
    message = guard.explain_syntax_error(deep, "engine says no", max_depth=100)
    assert message.startswith("Syntax error at line 1, column ")


def test_an_unexpected_failure_of_the_checks_is_named_in_the_refusal(monkeypatch):
    def broken(text):
        raise ValueError("parser exploded")

    monkeypatch.setattr(guard, "parseQuery", broken)
    assert refusal("SELECT * { ?s ?p ?o }") == "The query cannot be checked (ValueError: parser exploded)."


@pytest.mark.parametrize("tree", [[[]], [[], object()]], ids=["only a prologue", "a query part with no name"])
def test_a_parse_tree_without_a_known_query_form_is_refused_as_such(monkeypatch, tree):
    monkeypatch.setattr(guard, "parseQuery", lambda text: tree)
    assert refusal("SELECT * { ?s ?p ?o }") == "The query cannot be checked (unknown query form)."


def test_a_predicate_shared_by_an_object_list_is_walked_once():
    # rdflib's tree holds `?s P ?o1, ?o2, ...`'s predicate once per object: walking it again for each
    # would make the SERVICE check quadratic in the length of the query
    prefix = "PREFIX e: <http://example.org/> SELECT * { ?s e:p/e:q "
    one, many = parseQuery(prefix + "?a }"), parseQuery(prefix + ", ".join(f"?o{i}" for i in range(50)) + " }")
    assert len(list(guard._nodes(many))) == len(list(guard._nodes(one)))
