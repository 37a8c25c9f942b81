"""Which queries are lookups a syntax check proves bounded, and their answer from a read-only store.

The fast lane (kg.web.front.fast_lane) runs such a query in the HTTP process instead of the query
pool. `admit` says which ones, in microseconds and without a SPARQL parser; anything it does not
recognise is refused (None), so the query goes to the pool and its guard as before. The grammar
(keywords ASCII case-insensitive; `a`, `true`, `false` lower case):

    Query     := Prefix* ( 'SELECT' ( Var+ | '*' ) | 'ASK' ) 'WHERE'? '{' Triples? '}' Limits
    Prefix    := 'PREFIX' PNAME_NS IRIREF
    Triples   := Subject Verb Objects ( ';' ( Verb Objects )? )* ( '.' Triples? )?
    Objects   := Object ( ',' Object )*
    Subject   := Var | IRI            Verb := Var | IRI | 'a'
    Object    := Var | IRI | String ( LANGTAG | '^^' IRI )? | INTEGER | 'true' | 'false'
    IRI       := IRIREF | PNAME (its prefix declared above)
    Limits    := ( 'LIMIT' INTEGER )? ( 'OFFSET' INTEGER )?, in either order, OFFSET <= max_offset

with ASCII names only (variables `[A-Za-z0-9_]+`, prefixed names without `%` or `\\` escapes),
strings on one line without escapes, no comments, no blank nodes, no BASE, no duplicate projected
variable. Bound: at most MAX_PATTERNS triple patterns, each with a constant subject or a constant
object, at most one of them with a variable subject. So every pattern is an index range of one
subject (its description) or of one object, and reading `max_rows` + 1 solutions ends the work.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from kg.stores.base import QueryResult
from kg.stores.results import serialise

MAX_PATTERNS = 8
MAX_REVERSE = 1  # patterns whose subject is a variable (a constant object): the widest ranges

_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
_PNAME = r"(?:[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?:(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?"
_WORD_END = r"(?![A-Za-z0-9_:%\\\-]|[^\x00-\x7f])"
_TOKEN = re.compile(
    r"[ \t\r\n]*(?:"
    rf"(?P<iri>{_IRI})"
    rf"|(?P<string>\"[^\"\\\r\n]*\"|'[^'\\\r\n]*')(?:(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*){_WORD_END}"
    rf"|\^\^(?P<dtiri>{_IRI})|\^\^(?P<dtpname>{_PNAME}){_WORD_END})?"
    rf"|(?P<var>[?$][A-Za-z0-9_]+){_WORD_END}"
    rf"|(?P<pname>{_PNAME}){_WORD_END}"
    rf"|(?P<word>[A-Za-z]+){_WORD_END}"
    rf"|(?P<integer>[0-9]{{1,18}}){_WORD_END}(?!\.[0-9])"
    r"|(?P<punct>[{}.;,*])"
    r")"
)
_TRAILING_SPACE = re.compile(r"[ \t\r\n]*\Z")
_KEYWORDS = frozenset({"PREFIX", "SELECT", "ASK", "WHERE", "LIMIT", "OFFSET"})


@dataclass(frozen=True)
class BoundedLookup:
    """A query `admit` accepted: its text, form, triple patterns (as tokens) and how many have a variable subject."""

    text: str
    form: str  # "SELECT" or "ASK"
    patterns: tuple[tuple[str, str, str], ...]
    reverse: int

    @property
    def single_scan(self) -> bool:
        """One index range at most: cheap enough to answer without leaving the event loop."""
        return len(self.patterns) <= 1


class _Refused(Exception):
    """Not in the grammar: the query goes to the pool."""


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each token; kind is the keyword itself for keywords. _Refused past anything unknown."""
    out, pos, end = [], 0, _TRAILING_SPACE.search(text).start()
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise _Refused
        kind = match.lastgroup
        if kind in ("lang", "dtiri", "dtpname"):
            kind = "string"
        value = match.group(kind) if kind != "string" else text[match.start("string") : match.end()]
        if kind == "punct":
            kind = value
        elif kind == "word":
            upper = value.upper()
            if upper in _KEYWORDS:
                kind = upper
            elif value in ("a", "true", "false"):
                kind = value
            else:
                raise _Refused
        elif kind == "string" and match.group("dtpname"):
            out.append(("string-pname", match.group("dtpname")))  # its prefix must be declared: checked below
        out.append((kind, value))
        pos = match.end()
    return out


class _Parser:
    """Recursive descent over the tokens; every method raises _Refused on anything else."""

    def __init__(self, tokens: list[tuple[str, str]], max_offset: int):
        self.tokens, self.at, self.max_offset = tokens, 0, max_offset
        self.prefixes: set[str] = set()
        self.patterns: list[tuple[str, str, str]] = []

    def peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def take(self, *kinds: str) -> str:
        if self.peek() not in kinds:
            raise _Refused
        self.at += 1
        return self.tokens[self.at - 1][1]

    def query(self) -> str:
        while self.peek() == "PREFIX":
            self.at += 1
            name = self.take("pname")
            if not name.endswith(":") or name.count(":") != 1:
                raise _Refused
            self.take("iri")
            self.prefixes.add(name[:-1])
        form = self.peek()
        self.take("SELECT", "ASK")
        if form == "SELECT":
            if self.peek() == "*":
                self.at += 1
            else:
                names = [self.take("var")[1:]]
                while self.peek() == "var":
                    names.append(self.take("var")[1:])
                if len(set(names)) != len(names):
                    raise _Refused
        if self.peek() == "WHERE":
            self.at += 1
        self.take("{")
        if self.peek() != "}":
            self.triples()
        self.take("}")
        self.limits()
        if self.peek() is not None:
            raise _Refused
        return form

    def triples(self) -> None:
        while True:
            subject = self.take("var", "iri", "pname")
            self.check_name(subject)
            self.property_list(subject)
            if self.peek() != ".":
                return
            self.at += 1
            if self.peek() == "}":
                return

    def property_list(self, subject: str) -> None:
        self.objects(subject, self.verb())
        while self.peek() == ";":
            while self.peek() == ";":
                self.at += 1
            if self.peek() in ("var", "iri", "pname", "a"):
                self.objects(subject, self.verb())

    def verb(self) -> str:
        verb = self.take("var", "iri", "pname", "a")
        self.check_name(verb)
        return verb

    def objects(self, subject: str, verb: str) -> None:
        while True:
            if self.peek() == "string-pname":
                self.check_name(self.take("string-pname"))
            obj = self.take("var", "iri", "pname", "string", "integer", "true", "false")
            self.check_name(obj)
            self.patterns.append((subject, verb, obj))
            if len(self.patterns) > MAX_PATTERNS:
                raise _Refused
            if self.peek() != ",":
                return
            self.at += 1

    def check_name(self, term: str) -> None:
        """A prefixed name's prefix must have been declared (else the pool's parser words the error)."""
        if term[0] not in "<?$\"'" and ":" in term and term.split(":", 1)[0] not in self.prefixes:
            raise _Refused

    def limits(self) -> None:
        seen = set()
        while self.peek() in ("LIMIT", "OFFSET") and self.peek() not in seen:
            keyword = self.take("LIMIT", "OFFSET")
            seen.add(keyword)
            value = int(self.take("integer"))
            if keyword == "OFFSET" and value > self.max_offset:
                raise _Refused


def admit(text: str, max_offset: int) -> BoundedLookup | None:
    """The lookup `text` is, if it is in the grammar above and within its bound; else None (the pool's query)."""
    if "\\" in text or '"""' in text or "'''" in text:
        return None
    try:
        parser = _Parser(_tokens(text), max_offset)
        form = parser.query()
    except _Refused:
        return None
    patterns = tuple(parser.patterns)
    reverse = 0
    for subject, _verb, obj in patterns:
        if subject[0] in "?$":
            if obj[0] in "?$":
                return None  # neither end constant: a scan of a whole predicate (or of everything)
            reverse += 1
    if reverse > MAX_REVERSE:
        return None
    return BoundedLookup(text, form, patterns, reverse)


def answer(store, lookup: BoundedLookup, media_type: str, max_rows: int, base_iri: str | None) -> QueryResult:
    """Run an admitted lookup on a read-only pyoxigraph store (the union of its graphs), cut at max_rows.

    The same run and serialisation as a query worker's (kg.stores.embedded.worker), so the bytes are the same.
    """
    started = time.monotonic()
    results = store.query(lookup.text, base_iri=base_iri, use_default_graph_as_union=True)
    header, body = serialise(results, media_type, max_rows, None)
    return QueryResult(
        form=lookup.form,
        kind=header["kind"],
        media_type=media_type,
        body=body,
        truncated=header["truncated"],
        rows=header["rows"],
        seconds=time.monotonic() - started,
    )
