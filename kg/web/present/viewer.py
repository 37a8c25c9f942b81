"""What a resource page shows, as plain data: each term as a label and a link, each property as a row.

Nothing here knows Flask. Minted IRIs become local paths (so pages work on any host); other IRIs
become external links with a readable short form (`skos:Concept`, `wikidata.org/entity/Q881`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.namespaces import prefixes
from kg.stores.lookups import LABEL_PREDICATES, TYPE, Description, GraphData
from kg.web.present.i18n import format_number, format_period

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
PERIODS = {XSD + "gYearMonth", XSD + "date"}
LONG_TEXT = 400  # characters of a literal shown in a table before it is cut


@dataclass(frozen=True)
class Value:
    """One term as a page shows it: `text` (a label), and `href` for links; `lang`/`datatype` for literals."""

    text: str
    href: str | None = None
    external: bool = False
    lang: str | None = None
    datatype: str | None = None
    other: str | None = None  # the label in the other language, for a link's title
    readings: tuple = ()  # the curator's readings (kg.web.present.readings) this value is, if any


@dataclass
class Row:
    predicate: Value
    values: list[Value] = field(default_factory=list)


class Viewer:
    """Turns terms of one version into Values in one language; labels are looked up in batches.

    `readings` maps a triple to the curator's readings of it: rows mark those values."""

    def __init__(self, data: GraphData, lang: str, readings: dict | None = None):
        self.data = data
        self.lang = lang
        self.readings = readings or {}
        self.base = data.base
        self._labels: dict = {}
        self._prefixes = sorted(((ns, p) for p, ns in prefixes(data.base).items()), key=lambda x: -len(x[0]))

    def preload(self, iris) -> None:
        """Fetch the labels of many IRIs at once."""
        missing = {i for i in iris if i not in self._labels}
        self._labels.update(self.data.labels(missing, self.lang))

    def path(self, iri: str) -> str | None:
        return "/" + iri[len(self.base) :] if iri.startswith(self.base) else None

    def short(self, iri: str) -> str:
        """A readable short form of an IRI without a label: prefix:name, or host and path."""
        for ns, prefix in self._prefixes:
            if iri.startswith(ns) and len(iri) > len(ns) and prefix not in ("id",):
                return f"{prefix}:{iri[len(ns) :]}"
        if iri.startswith(self.base):
            rest = iri[len(self.base) :]
            return rest.rsplit("/", 1)[-1] if "#" in rest else rest
        parts = urlsplit(iri)
        text = (parts.netloc + parts.path).rstrip("/")
        return text + ("#" + parts.fragment if parts.fragment else "") or iri

    def iri(self, iri: str) -> Value:
        self.preload([iri])
        label = self._labels.get(iri)
        text = label.text if label else self.short(iri)
        local = self.path(iri)
        # Only web IRIs become links: a javascript: or data: IRI in the data is shown, never followed.
        href = local or (iri if iri.lower().startswith(("http://", "https://")) else None)
        return Value(text, href, external=local is None, lang=label.language if label else None, other=label.other if label else None)

    def term(self, term) -> Value:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            return self.literal(term)
        return Value("_:" + str(term.value))

    def literal(self, literal: ox.Literal) -> Value:
        datatype = literal.datatype.value if literal.language is None else None
        text = literal.value
        if datatype in NUMERIC:
            text = format_number(text, self.lang)
        elif datatype in PERIODS:
            text = format_period(text, self.lang)
        short = None if datatype in (None, XSD + "string") else self.short(datatype)
        if len(text) > LONG_TEXT:
            text = text[:LONG_TEXT] + "…"
        return Value(text, lang=literal.language, datatype=short)

    def label(self, iri: str) -> str:
        return self.iri(iri).text

    def rows(self, triples: list[ox.Triple]) -> list[Row]:
        """One row per predicate (labels first, then by the predicate's label); values in the page language first."""
        self.preload({t.predicate.value for t in triples} | {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)})
        by_predicate: dict[str, list] = {}
        for t in triples:
            if t.predicate != TYPE:
                by_predicate.setdefault(t.predicate.value, []).append(t)
        names = [p.value for p in LABEL_PREDICATES]

        def order(predicate: str):
            return (names.index(predicate) if predicate in names else len(names), self.label(predicate).casefold())

        def value_order(t):
            lang = getattr(t.object, "language", None)
            return (0 if lang == self.lang else 1 if lang is None else 2, str(t.object))

        return [
            Row(self.iri(p), [self.marked(t, self.term(t.object)) for t in sorted(by_predicate[p], key=value_order)])
            for p in sorted(by_predicate, key=order)
        ]

    def marked(self, triple: ox.Triple, value: Value) -> Value:
        """`value` (a term of `triple`) with the curator's readings of the triple, if it is one."""
        found = self.readings.get(triple)
        return replace(value, readings=found) if found else value

    def sections(self, description: Description) -> list[tuple[str | None, list[Value], list[Row]]]:
        """(fragment, or None for the resource itself; its types; its rows), the resource first."""
        subjects: dict = {}
        for t in description.out:
            subjects.setdefault(t.subject, []).append(t)
        main = ox.NamedNode(description.iri)
        order = sorted(subjects, key=lambda s: (s != main, str(s)))
        out = []
        for s in order:
            types = [self.term(t.object) for t in subjects[s] if t.predicate == TYPE]
            fragment = None if s == main else (s.value.split("#", 1)[1] if "#" in s.value else str(s))
            out.append((fragment, types, self.rows(subjects[s])))
        return out

    def inverse_rows(self, triples: list[ox.Triple]) -> list[tuple[Value, Value]]:
        """(subject, predicate) of each triple pointing here; the subject marked if the triple is a reading."""
        self.preload({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)} | {t.predicate.value for t in triples})
        return [(self.marked(t, self.term(t.subject)), self.iri(t.predicate.value)) for t in triples]
