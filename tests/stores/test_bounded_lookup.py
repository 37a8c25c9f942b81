"""The fast lane's admission check (kg.stores.bounded_lookup): its grammar, its bound, and that it fails closed.

The reference for "in the grammar" is rdflib's SPARQL parser and algebra, an engine independent of
the one that answers: every query `admit` accepts must parse there to a projection (or ASK) over one
basic graph pattern, optionally sliced, whose triple patterns are the ones `admit` found.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Variable

from kg.stores.bounded_lookup import MAX_PATTERNS, admit
from tests.hardening.test_hostile_queries import CRASHERS, SLOW
from tests.hardening.test_load import HOSTILE as LOAD_HOSTILE
from tests.hardening.test_service_real_server import ALL as SERVICE_QUERIES
from tests.web.sparql_cases import UPDATES

MAX_OFFSET = 100
S = "<http://example.org/id/s>"


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT ?p ?o WHERE {{ {S} ?p ?o }}",
        f"select * where {{ {S} ?p ?o }} limit 5 offset 2",
        "SELECT ?s WHERE { ?s a <http://example.org/C> }",
        f"ASK {{ {S} <http://example.org/p> 'x' }}",
        f'ASK WHERE {{ {S} <http://example.org/p> "x"@vi-VN }}',
        'PREFIX ex: <http://example.org/> SELECT ?o { ex:s ex:p ?o ; ex:q ?r , ex:C . ?x ex:p "1"^^ex:t } OFFSET 1 LIMIT 2',
        f"SELECT ?o {{ {S} <http://example.org/p> ?o . }}",
        "SELECT * {}",
        f"SELECT $o {{ {S} ?p $o ; ; <http://example.org/q> 42 }}",
        f"SELECT ?o {{ {S} ?p true , false }}",
    ],
)
def test_a_lookup_in_the_grammar_is_admitted(query):
    assert admit(query, MAX_OFFSET) is not None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",  # neither end constant
        "SELECT ?s WHERE { ?s <http://example.org/p> ?o }",
        "SELECT ?a ?b WHERE { ?a a <http://example.org/C> . ?b a <http://example.org/D> }",  # two reverse ranges
        f"SELECT DISTINCT ?o WHERE {{ {S} ?p ?o }}",
        f"SELECT ?o WHERE {{ {S} ?p ?o }} ORDER BY ?o",
        f"SELECT ?o WHERE {{ {S} ?p ?o FILTER(?o) }}",
        f"SELECT ?o WHERE {{ {S} ?p ?o OPTIONAL {{ ?o ?q ?r }} }}",
        f"SELECT ?o WHERE {{ {S} <http://example.org/p>* ?o }}",  # a property path
        f"SELECT ?o WHERE {{ {S} ?p ?o }} OFFSET {MAX_OFFSET + 1}",
        f"SELECT ?o WHERE {{ {S} ?p ?o }} LIMIT 1 LIMIT 2",
        f"SELECT ?o ?o WHERE {{ {S} ?p ?o }}",
        f"SELECT ?o WHERE {{ {S} ?p ?o }} # a comment",
        "BASE <http://example.org/> SELECT ?o WHERE { <s> ?p ?o }",
        "SELECT ?o WHERE { ex:s ?p ?o }",  # an undeclared prefix: the pool words the error
        f'SELECT ?o WHERE {{ {S} ?p "a\\"b" }}',  # an escape
        f"SELECT ?o WHERE {{ {S} ?p '''long''' }}",
        f'SELECT ?o WHERE {{ {S} ?p "x" @en }}',
        f"SELECT ?o WHERE {{ {S} ?p 1.5 }}",
        f"SELECT ?o WHERE {{ {S} ?p _:b }}",
        f"SELECT ?o WHERE {{ {S} ?p [] }}",
        f"SELECT ?o WHERE {{ {S} ?p ?o }} VALUES ?o {{ 1 }}",
        f"SELECT ?o FROM <http://example.org/g> WHERE {{ {S} ?p ?o }}",
        f"CONSTRUCT WHERE {{ {S} ?p ?o }}",
        f"DESCRIBE {S}",
        f"SELECT (?o AS ?x) WHERE {{ {S} ?p ?o }}",
        f"SELECT ?o WHERE {{ GRAPH ?g {{ {S} ?p ?o }} }}",
        f"SELECT ?o WHERE {{ {S} ?p ?o . }} .",
        f"SELECT ?o WHERE {{ . {S} ?p ?o }}",
        f"SELECT ?o WHERE {{ {S} ?p ?o }} LIMIT 1234567890123456789",
        "PREFIX ex: <http://example.org/> SELECT ?o WHERE { ex:s ex:a:b ?o }",
        "SELECT ?o WHERE { <http://example.org/\u00e9> ?p ?o }".replace("<", "x:<"),
        'SELECT ?o WHERE { ?o ?p "x" . ?o ?p ?q }',
        "",
        "   ",
    ],
)
def test_anything_else_goes_to_the_pool(query):
    assert admit(query, MAX_OFFSET) is None


def test_a_lookup_with_more_than_the_most_patterns_goes_to_the_pool():
    within = "SELECT * WHERE { " + " . ".join(f"{S} <http://example.org/p{i}> ?o{i}" for i in range(MAX_PATTERNS)) + " }"
    past = within.replace(" }", f" . {S} <http://example.org/q> ?q }}")
    assert admit(within, MAX_OFFSET) is not None and admit(past, MAX_OFFSET) is None


HOSTILE = {**SLOW, **CRASHERS, **SERVICE_QUERIES, **{f"update {name}": text for name, text in UPDATES.items()}}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_hostile_query_of_the_hardening_tests_takes_the_lane(name):
    assert admit(HOSTILE[name], 10_000) is None


def test_no_hostile_query_of_the_load_test_takes_the_lane():
    queries = [line.split("\t")[2] for line in LOAD_HOSTILE]
    assert queries and all(q for q in queries)
    assert [q for q in queries if admit(q, 10_000) is not None] == []


# -- the grammar, checked against rdflib ------------------------------------------------------------------


def in_grammar(query: str) -> tuple[tuple, ...] | None:
    """The triple patterns of `query` if rdflib reads it as a (projected, sliced) BGP over constants-or-variables."""
    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 - anything rdflib cannot parse is outside the grammar
        return None
    node = algebra["p"]
    names = []
    while node.name in ("Slice", "Project", "ToMultiSet"):
        names.append(node.name)
        node = node["p"]
    if node.name != "BGP":
        return None
    return tuple(node["triples"])


def bounded(triples) -> bool:
    reverse = sum(isinstance(s, Variable) for s, _p, _o in triples)
    return all(not (isinstance(s, Variable) and isinstance(o, Variable)) for s, _p, o in triples) and reverse <= 1


IRIS = st.sampled_from(["<http://example.org/s>", "<http://example.org/p>", "ex:s", "ex:p", "ex:", "<s>", "a", "rdf:type"])
VARS = st.sampled_from(["?s", "?p", "?o", "$o", "?x1"])
LITERALS = st.sampled_from(
    ['"x"', "'y'", '"Bình Phước"@vi', '"1"^^ex:int', '"2"^^<http://www.w3.org/2001/XMLSchema#int>', "42", "true", "false", '""']
)
TERMS = st.one_of(IRIS, VARS, LITERALS)
NOISE = st.sampled_from(
    [
        " ",
        ".",
        ";",
        ",",
        "{",
        "}",
        "*",
        "#",
        "\\",
        '"',
        "(",
        ")",
        "FILTER",
        "DISTINCT",
        "OPTIONAL",
        "LIMIT 3",
        "OFFSET 2",
        "OFFSET 999",
        "/",
        "|",
        "^",
        "!",
        "+",
        "_:b",
        "[]",
        "A",
        "TRUE",
        "é",
    ]
)


@st.composite
def near_lookups(draw):
    """Texts from the grammar's pieces, some of them mangled: what a client might send."""
    prologue = draw(
        st.sampled_from(
            ["", "PREFIX ex: <http://example.org/> ", "PREFIX ex: <http://example.org/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "]
        )
    )
    head = draw(st.sampled_from(["SELECT *", "SELECT ?o", "select ?s ?o", "ASK", "SELECT ?o ?o", "CONSTRUCT"]))
    where = draw(st.sampled_from(["WHERE ", "", "where "]))
    triples = []
    for _ in range(draw(st.integers(0, 3))):
        triples.append(" ".join(draw(TERMS) for _ in range(3)) + draw(st.sampled_from([" .", " ;", ""])))
    tail = draw(st.sampled_from(["", " LIMIT 5", " OFFSET 3 LIMIT 1", " LIMIT 1 OFFSET 500"]))
    text = f"{prologue}{head} {where}{{ {' '.join(triples)} }}{tail}"
    if draw(st.integers(0, 2)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(NOISE) + text[at:]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_lookups())
@example("SELECT ?o { <http://example.org/s> ?p ?o ; ; <http://example.org/q> ?o2 . }")
def test_every_admitted_query_is_a_bounded_basic_graph_pattern_for_rdflib(text):
    lookup = admit(text, MAX_OFFSET)
    if lookup is None:
        return
    triples = in_grammar(text)
    assert triples is not None, f"admitted, but not a BGP lookup for rdflib: {text!r}"
    assert len(triples) == len(lookup.patterns) <= MAX_PATTERNS
    assert bounded(triples)
