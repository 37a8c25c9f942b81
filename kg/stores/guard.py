"""The checks a SPARQL query passes before it runs: size, syntax, read-only, no SERVICE, nesting.

Plain Python, no web framework: the query worker calls `check_query` on every query before it
touches the store, so a slow or crashing parse is bounded by the worker's deadline too. Fail
closed: a query that cannot be checked (parser error, recursion, anything unexpected) does not run.

The \\u and \\U escapes are expanded first, exactly as the SPARQL grammar says (rdflib's own
expansion reads ``\\u`` + 8 hex digits as one code point, pyoxigraph does not), and every check
reads the expanded text. SERVICE is refused twice: by a lexical scan of that text with strings,
IRIs and comments blanked out, and by walking rdflib's parse tree (every form: SILENT, nested in
EXISTS/OPTIONAL/UNION/MINUS/subqueries, `SERVICE ?var`, prefixed or relative IRIs), so the two
parsers cannot disagree about it. A string literal that contains the word is fine. Nesting
(brackets and chained unary operators, see `nesting_depth`) is bounded before any parser runs:
pyoxigraph's parser overflows its stack (SIGSEGV) a few thousand levels deep.

rdflib's parser costs milliseconds a query, more than most queries take to run, so it is only
asked when it can matter. A query whose text (escapes expanded, case folded) holds the letters
"service" nowhere, not even in a string, cannot call a remote service however it is tokenised;
nor can one whose only such letters are inside http(s) IRIs (see `plain_query_form` for why
those are always IRIs). If its code also starts, after the prologue, with SELECT, ASK,
CONSTRUCT or DESCRIBE, it is no update either, and its nesting is bounded already: it goes
straight to the engine, whose own parser then judges its syntax. Every other query takes the
full check.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

MAX_DEPTH = 64  # deepest nesting accepted (see nesting_depth); pyoxigraph's own parser overflows its stack far deeper
RECURSION_LIMIT = 20_000  # rdflib's recursive-descent parser needs more than Python's default 1000

READ_ONLY = (
    "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) is not accepted, and nothing was changed."
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
_WEB_IRI = re.compile(r"<https?://[^<>\"{}|^`\\\x00-\x20]*>", re.I)
# matched on code_only text, where the prologue's IRIs are blanked
_QUERY_START = re.compile(r"(?:\s*(?:BASE|PREFIX\s*[^\s:{}()<>]*:))*\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_DEPTH_TOKENS = re.compile(r"[{}()\[\]!+-]|[^\s{}()\[\]!+-]+")
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
    """The deepest nesting in code (as returned by code_only): brackets, and unary operators in a row.

    Each of ``{ ( [`` opens a level. A unary operator (``!``; ``-`` or ``+`` where no operand precedes
    it) nests its operand one level deeper, so ``!!!!x`` is 4 deep and ``!(!(x))`` 4 too: pyoxigraph's
    recursive parser overflows its stack on either, some thousands deep. ``!=`` and binary ``-``/``+``
    (after a name, a number or a closing bracket) do not count.
    """
    levels: list[int] = []  # the weight of each open bracket: 1 + the unary operators just before it
    depth = deepest = pending = 0
    previous = ""  # the last character that is not white space
    for token in _DEPTH_TOKENS.finditer(code):  # one bracket or operator, or a run of anything else but space
        char = token.group()
        if char in "{([":
            levels.append(1 + pending)
            depth += 1 + pending
            deepest = max(deepest, depth)
            pending = 0
        elif char in "})]":
            depth -= levels.pop() if levels else 0
            pending = 0
        elif (char == "!" and code[token.end() : token.end() + 1] != "=") or (char in "-+" and not _ends_operand(previous)):
            pending += 1
            deepest = max(deepest, depth + pending)
        else:
            pending = 0
        previous = char[-1]
    return deepest


def _ends_operand(char: str) -> bool:
    """Whether a character can end an operand (so a following - or + is binary)."""
    return bool(char) and (char.isalnum() or char in "_)]}?$:.\"'>")


def looks_like_update(text: str) -> bool:
    """Whether the text is a SPARQL Update request (it parses as one, or starts like one)."""
    if _UPDATE_START.match(code_only(expand_escapes(text))):
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


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def expand_escapes(text: str) -> str:
    """The query with its \\uXXXX and \\UXXXXXXXX escapes expanded, as the SPARQL grammar reads them.

    rdflib's own expansion differs (``\\u`` followed by 8 hex digits is one code point there), so the
    lexical checks use this one: what pyoxigraph will see. An escape that is no character is refused.
    """

    def expand(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryRejected(f"{match.group(0)} is not a Unicode character (a surrogate, or past U+10FFFF).")
        return chr(code)

    return _ESCAPE.sub(expand, text)


def plain_query_form(expanded: str, code: str) -> str | None:
    """The form of a query that needs no parse tree to be judged safe, else None (see the module doc).

    `expanded` is the query with its escapes expanded, `code` the same with literals, IRIs and
    comments blanked (code_only). casefold() also catches keywords spelt with letters such as
    U+017F (long s) that fold to ASCII ones. An http(s) IRI may hold the letters: `<http://` can only
    open an IRI, since read as the operator `<` it would be followed by `http:` and `//`, which no
    SPARQL parse accepts, so a query that says otherwise fails to parse and never runs.
    """
    if "service" in _WEB_IRI.sub(" ", expanded).casefold():
        return None
    match = _QUERY_START.match(code)
    return match.group(1).upper() if match else None


@functools.lru_cache(maxsize=512)
def check_query(text: str, max_depth: int = MAX_DEPTH) -> CheckedQuery:
    """The checked query, or QueryRejected saying why it does not run. Fails closed: anything else is a refusal."""
    return _guarded(text, max_depth, parse=False)


def full_check(text: str, max_depth: int = MAX_DEPTH) -> CheckedQuery:
    """check_query with rdflib's parse always done: for a query the engine found wrong, a message with
    the line, the column and a pointer, in the same words whatever query it is."""
    return _guarded(text, max_depth, parse=True)


def explain_syntax_error(text: str, engine_message: str, max_depth: int = MAX_DEPTH) -> str:
    """What to tell a client whose query the engine could not parse: rdflib's pointed message when
    rdflib finds the error too, else the engine's own words."""
    try:
        full_check(text, max_depth)
    except QueryRejected as exc:
        return exc.message
    return f"Syntax error: {engine_message}"


def _guarded(text: str, max_depth: int, parse: bool) -> CheckedQuery:
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        return _check(text, max_depth, parse)
    except QueryRejected:
        raise
    except RecursionError:
        raise QueryRejected("The query is too deeply nested to be checked.") from None
    except Exception as exc:  # noqa: BLE001 - fail closed: what cannot be checked does not run
        raise QueryRejected(f"The query cannot be checked ({type(exc).__name__}: {exc}).") from None


def _check(text: str, max_depth: int, parse: bool) -> CheckedQuery:
    expanded = expand_escapes(text)  # both parsers read the query after this step
    code = code_only(expanded)
    depth = nesting_depth(code)
    if depth > max_depth:
        raise QueryRejected(f"The query is nested {depth} levels deep; the limit is {max_depth}.")
    if _SERVICE_WORD.search(code):
        raise QueryRejected(NO_SERVICE)
    form = None if parse else plain_query_form(expanded, code)
    if form is not None:
        return CheckedQuery(text, form)
    try:
        tree = parseQuery(expanded)
    except ParseBaseException as exc:
        if looks_like_update(text):
            raise QueryRejected(READ_ONLY) from None
        raise QueryRejected(_syntax_message(exc)) from None
    if has_service(tree):
        raise QueryRejected(NO_SERVICE)
    form = _FORMS.get(getattr(tree[1], "name", None)) if len(tree) > 1 else None
    if form is None:
        raise QueryRejected("The query cannot be checked (unknown query form).")
    return CheckedQuery(text, form)
