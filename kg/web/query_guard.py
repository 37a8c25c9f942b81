"""The checks a SPARQL query passes before it runs: size, syntax, read-only, no SERVICE, nesting.

Plain Python, no web framework: the query worker calls `check_query` on every query before it
touches the store, so a slow or crashing parse is bounded by the worker's deadline too. Fail
closed: a query that cannot be checked (parser error, recursion, anything unexpected) does not run.

SERVICE is refused twice: by walking rdflib's parse tree (every form: SILENT, nested in
EXISTS/OPTIONAL/UNION/MINUS/subqueries, `SERVICE ?var`, prefixed or relative IRIs), and by a
lexical scan of the text with strings, IRIs and comments blanked out (after expanding \\u
escapes, as SPARQL does), so the two parsers cannot disagree about it. A string literal that
contains the word is fine.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

MAX_DEPTH = 64  # deepest nesting of { ( [ accepted; pyoxigraph's own parser overflows its stack far deeper
RECURSION_LIMIT = 20_000  # rdflib's recursive-descent parser needs more than Python's default 1000

READ_ONLY = (
    "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) "
    "is not accepted, and nothing was changed."
)
NO_SERVICE = "SERVICE (federated query) is not allowed here: queries run over this dataset only."

_LITERALS = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*",
    re.S,
)
_SERVICE_WORD = re.compile(r"(?<![\w?$:\-])SERVICE(?![\w:\-])", re.I)
_PROLOGUE = r"(?:\s*(?:BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>))*"
_UPDATE_START = re.compile(_PROLOGUE + r"\s*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


class QueryRejected(ValueError):
    """A query we do not run; `status` is the HTTP status to answer (400, or 413 for size)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every check, and its form: SELECT, ASK, CONSTRUCT or DESCRIBE."""

    text: str
    form: str


def check_size(text: str, max_bytes: int) -> None:
    """413 when the query text is longer than the limit (in UTF-8 bytes)."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise QueryRejected(f"The query is {size} bytes long; the limit is {max_bytes} bytes.", status=413)


def code_only(text: str) -> str:
    """The query with string literals, IRIs and comments blanked out (same length, so positions hold)."""
    return _LITERALS.sub(lambda m: " " * len(m.group(0)), text)


def nesting_depth(code: str) -> int:
    """The deepest nesting of brackets in code (as returned by code_only)."""
    depth = deepest = 0
    for char in code:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    return deepest


def looks_like_update(text: str) -> bool:
    """Whether the text is a SPARQL Update request (it parses as one, or starts like one)."""
    if _UPDATE_START.match(code_only(expandUnicodeEscapes(text))):
        return True
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - anything that is not an update is simply not one
        return False
    return True


def _nodes(tree):
    """Every CompValue of an rdflib parse tree, depth first, whatever containers hold them."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, str):
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ParseResults):
            stack.extend(node)
            stack.extend(node[k] for k in node.keys())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def has_service(tree) -> bool:
    return any(node.name == "ServiceGraphPattern" for node in _nodes(tree))


def _syntax_message(exc: ParseBaseException) -> str:
    pointer = " " * (exc.col - 1) + "^"
    return f"Syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}\n{exc.line}\n{pointer}"


@functools.lru_cache(maxsize=512)
def check_query(text: str, max_depth: int = MAX_DEPTH) -> CheckedQuery:
    """The checked query, or QueryRejected saying why it does not run."""
    code = code_only(expandUnicodeEscapes(text))
    depth = nesting_depth(code)
    if depth > max_depth:
        raise QueryRejected(f"The query is nested {depth} levels deep; the limit is {max_depth}.")
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        tree = parseQuery(text)
    except ParseBaseException as exc:
        if looks_like_update(text):
            raise QueryRejected(READ_ONLY) from None
        raise QueryRejected(_syntax_message(exc)) from None
    except RecursionError:
        raise QueryRejected("The query is too deeply nested to be checked.") from None
    except Exception as exc:  # noqa: BLE001 - fail closed: what cannot be checked does not run
        raise QueryRejected(f"The query cannot be checked ({type(exc).__name__}: {exc}).") from None
    if has_service(tree) or _SERVICE_WORD.search(code):
        raise QueryRejected(NO_SERVICE)
    form = _FORMS.get(getattr(tree[1], "name", None)) if len(tree) > 1 else None
    if form is None:
        raise QueryRejected("The query cannot be checked (unknown query form).")
    return CheckedQuery(text, form)
