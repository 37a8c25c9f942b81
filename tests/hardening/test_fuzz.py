"""Fuzzing the query endpoint of the real server with Hypothesis: generated queries (grammar pieces,
mutated real queries, random text and bytes) get only 200, 400, 406, 413 or the documented 503 (time
or memory limit), never another 5xx, never a crashed worker, and the server stays up, same pids.

Bounded: 200 examples, a 2 s query limit, over the real build (the project's competency questions
are among the seeds).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build.queries import load_questions
from tests.hardening.conftest import record

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "200"))  # more for a longer run by hand
TIMEOUT_S = 2.0
ALLOWED = {200, 400, 406, 413, 503}
REAL = [q.query for q in load_questions(ROOT / "queries")]

PREFIXES = [
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
    "PREFIX kg: <def/kg/>",
    "BASE <http://127.0.0.1:9/>",
    "PREFIX : <http://ex.org/>",
    "PREFIX qb: <http://purl.org/linked-data/cube#>",
]
VARS = st.sampled_from(["?s", "?p", "?o", "?x", "$y", "?g", "?label", "?n"])
IRIS = st.sampled_from(
    [
        "<http://www.w3.org/2000/01/rdf-schema#label>",
        "rdfs:label",
        "kg:Province",
        "<id/place/binh-phuoc>",
        "a",
        ":p",
        "qb:Observation",
        "<http://127.0.0.1:9/>",
        "<>",
        "<def/kg/x>",
        "rdfs:",
    ]
)
LITERALS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False).map(repr),
    st.text(max_size=20).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'),
    st.sampled_from(['"x"@vi', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "true", "'''a\nb'''", '"\\u0053"']),
)
TERMS = st.one_of(VARS, IRIS, LITERALS)
PATHS = st.one_of(
    IRIS,
    st.builds(lambda a, b, op: f"({a}{op}{b})", IRIS, IRIS, st.sampled_from(["|", "/"])),
    st.builds(lambda a, m: f"{a}{m}", IRIS, st.sampled_from(["*", "+", "?"])),
    IRIS.map(lambda i: f"!{i}"),
    IRIS.map(lambda i: f"^{i}"),
    st.builds(lambda a, b: f"(!{a}|{b})*", IRIS, IRIS),
)
FUNCTIONS = ["STR", "LANG", "UCASE", "STRLEN", "ABS", "BOUND", "isIRI", "DATATYPE", "MD5", "ENCODE_FOR_URI", "YEAR", "NOW", "RAND"]
EXPRESSIONS = st.recursive(
    TERMS,
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"({a} {op} {b})", inner, st.sampled_from(["=", "!=", "<", "&&", "||", "+", "*", "/", "-"]), inner),
        st.builds(lambda f, a: f"{f}({a})", st.sampled_from(FUNCTIONS), inner),
        st.builds(lambda a: f"!{a}", inner),
        st.builds(lambda a: f"-{a}", inner),
        st.builds(lambda a, b: f"REGEX(STR({a}), {b})", inner, st.sampled_from(['"^(a+)+$"', '"."', '"["', '"(?i)b"'])),
        st.builds(lambda a, b: f"IF({a}, {b}, {a})", inner, inner),
        st.builds(lambda a, b: f"CONCAT({a}, {b})", inner, inner),
    ),
    max_leaves=8,
)
TRIPLES = st.builds(lambda s, p, o: f"{s} {p} {o} .", st.one_of(VARS, IRIS), st.one_of(VARS, PATHS), TERMS)
PATTERNS = st.recursive(
    TRIPLES,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(" ".join),
        inner.map(lambda p: f"OPTIONAL {{ {p} }}"),
        st.builds(lambda a, b: f"{{ {a} }} UNION {{ {b} }}", inner, inner),
        inner.map(lambda p: f"MINUS {{ {p} }}"),
        st.builds(lambda g, p: f"GRAPH {g} {{ {p} }}", st.one_of(VARS, IRIS), inner),
        EXPRESSIONS.map(lambda e: f"FILTER({e})"),
        st.builds(lambda e, v: f"BIND({e} AS {v})", EXPRESSIONS, VARS),
        st.builds(lambda v, ts: f"VALUES {v} {{ {' '.join(ts)} }}", VARS, st.lists(TERMS, max_size=4)),
        inner.map(lambda p: f"FILTER EXISTS {{ {p} }}"),
        inner.map(lambda p: f"{{ SELECT * WHERE {{ {p} }} LIMIT 5 }}"),
        inner.map(lambda p: f"SERVICE <http://127.0.0.1:9/> {{ {p} }}"),
        inner.map(lambda p: f"SERVICE SILENT ?x {{ {p} }}"),
    ),
    max_leaves=6,
)
MODIFIERS = st.sampled_from(["", " LIMIT 10", " ORDER BY ?s", " GROUP BY ?s", " OFFSET 3 LIMIT 2", " ORDER BY DESC(?o) LIMIT 5"])
FORMS = st.sampled_from(
    [
        "SELECT * WHERE",
        "SELECT DISTINCT ?s WHERE",
        "SELECT (COUNT(*) AS ?n) WHERE",
        "ASK",
        "CONSTRUCT { ?s ?p ?o } WHERE",
        "DESCRIBE ?s WHERE",
        "CONSTRUCT WHERE",
        "SELECT ?s",
        "INSERT DATA",
        "DELETE WHERE",
        "LOAD <http://127.0.0.1:9/> ;",
    ]
)
GRAMMAR = st.builds(
    lambda pre, form, pattern, mod: f"{' '.join(pre)} {form} {{ {pattern} }}{mod}",
    st.lists(st.sampled_from(PREFIXES), max_size=3),
    FORMS,
    PATTERNS,
    MODIFIERS,
)


@st.composite
def mutated(draw):
    """A real query with a few random edits: insertions of tokens or characters, deletions, repeats."""
    text = draw(st.sampled_from(REAL))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "repeat", "escape"]))
        if edit == "insert":
            piece = draw(
                st.one_of(
                    st.sampled_from(
                        [
                            "{",
                            "}",
                            "(",
                            ")",
                            "!",
                            "SERVICE",
                            "\\u0053ERVICE",
                            "#",
                            '"',
                            "<",
                            ">",
                            "OPTIONAL {",
                            "?",
                            ".",
                            ";",
                            ",",
                            "\\",
                            "\x00",
                            "é",
                            "\U0001f600",
                        ]
                    ),
                    st.text(max_size=5),
                )
            )
            text = text[:at] + piece + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif edit == "repeat":
            text = text[:at] + text[at : at + 10] * draw(st.integers(2, 50)) + text[at:]
        else:
            text = text[:at] + "".join(f"\\u{ord(c):04X}" if ord(c) < 0x10000 else c for c in text[at : at + 8]) + text[at + 8 :]
    return text


QUERIES = st.one_of(GRAMMAR, GRAMMAR, mutated(), mutated(), st.sampled_from(REAL), st.text(max_size=300))
REQUESTS = st.tuples(
    QUERIES,
    st.sampled_from(["GET", "POST", "FORM"]),
    st.sampled_from(
        ["application/sparql-results+json", "text/csv", "text/turtle", "application/rdf+xml", "text/html", "*/*", "image/png", "application/n-quads"]
    ),
)


@pytest.fixture(scope="module")
def server(serve_module, publication_dir):
    return serve_module(publication_dir, workers=2, query_timeout_s=TIMEOUT_S, client_budget_s=0, queue_timeout_s=10)


pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_fuzzed_queries_get_only_documented_answers_and_nothing_crashes(server):
    before = server.pids()
    statuses: dict[int, int] = {}
    problems: list = []
    started = time.monotonic()

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False, suppress_health_check=list(HealthCheck))
    @given(REQUESTS)
    def one(request):
        query, method, accept = request
        if method == "FORM":
            import urllib.parse

            body = urllib.parse.urlencode({"query": query}).encode()
            reply = server.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        else:
            reply = server.query(query, method=method, accept=accept)
        statuses[reply.status] = statuses.get(reply.status, 0) + 1
        if reply.status not in ALLOWED:
            problems.append((query[:300], reply.status, reply.text()[:300]))
        assert reply.status in ALLOWED, (query[:500], reply.status, reply.text()[:500])
        if reply.status == 503:
            assert "time limit" in reply.text() or "memory" in reply.text(), (query[:500], reply.text()[:500])
        assert reply.seconds < TIMEOUT_S + 2
        assert "Traceback" not in reply.text()

    try:
        one()
    finally:
        record(
            "fuzz",
            {
                "examples": sum(statuses.values()),
                "statuses": dict(sorted(statuses.items())),
                "seconds": round(time.monotonic() - started, 1),
                "problems": problems[:20],
            },
        )
    assert server.pids() == before
    assert server.alive()
    assert sum(statuses.values()) >= EXAMPLES
    assert time.monotonic() - started < 240 * max(1, EXAMPLES // 200)
