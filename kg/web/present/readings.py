"""The curator's readings on a page: which triples of an IRI are readings, with their reasons.

A reading (kg.build.curation) is asserted in a report's graph ``graph/{report}/curation`` and
described there by an rdf:Statement naming its subject, predicate and object, with the reason
(rdfs:comment, vi and en). Lookups are quad patterns, as in kg.stores.lookups: the statements that
name the IRI (as subject, or as object for the links pointing at it), then their own triples,
fetched together (one prefetch on a remote store).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.iris import CURATION
from kg.stores.lookups import LANGUAGES, TYPE, GraphData

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
STATEMENT, SUBJECT, PREDICATE, OBJECT = (ox.NamedNode(RDF + n) for n in ("Statement", "subject", "predicate", "object"))
COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


@dataclass(frozen=True)
class Reading:
    """One curator's reading of a triple: its statement (IRI and page) and its reason in the page's language."""

    statement: str
    href: str | None
    reason: str | None
    lang: str | None


def in_curation(graph, base: str) -> bool:
    """Whether a graph name is a report's curation graph (``graph/{report}/curation``)."""
    name = getattr(graph, "value", "")
    return name.startswith(base + "graph/") and name.endswith(f"/{CURATION}")


def _statements(data: GraphData, role: ox.NamedNode, node: ox.NamedNode) -> set[ox.NamedNode]:
    """The statements of the curation graphs whose `role` (rdf:subject, rdf:object) is `node`."""
    return {
        q.subject
        for q in data.store.quads_for_pattern(None, role, node, None)
        if isinstance(q.subject, ox.NamedNode) and in_curation(q.graph_name, data.base)
    }


def _reason(comments: list[ox.Literal], lang: str) -> tuple[str | None, str | None]:
    """(text, language) of the comment in `lang`, else without a language, else in another."""
    by_lang = {c.language: c.value for c in sorted(comments, key=lambda c: c.value)}
    for want in (lang, None, *LANGUAGES):
        if want in by_lang:
            return by_lang[want], want
    return None, None


def _read(data: GraphData, statement: ox.NamedNode, lang: str, path) -> tuple[ox.Triple, Reading] | None:
    """(the triple it reads, the reading) of one statement; None unless it is a whole rdf:Statement."""
    own = data.triples(statement)
    one = {t.predicate: t.object for t in own}
    if not any(t.predicate == TYPE and t.object == STATEMENT for t in own):
        return None
    s, p, o = (one.get(role) for role in (SUBJECT, PREDICATE, OBJECT))
    if s is None or not isinstance(p, ox.NamedNode) or o is None:
        return None
    reason, reason_lang = _reason([t.object for t in own if t.predicate == COMMENT and isinstance(t.object, ox.Literal)], lang)
    return ox.Triple(s, p, o), Reading(statement.value, path(statement.value), reason, reason_lang)


def readings_about(data: GraphData, iri: str, lang: str, path) -> dict[ox.Triple, tuple[Reading, ...]]:
    """Every triple with `iri` as subject or object that is a curator's reading, and its readings.

    `path(iri)` gives a statement's local page (Viewer.path)."""
    node = ox.NamedNode(iri)
    statements = sorted(_statements(data, SUBJECT, node) | _statements(data, OBJECT, node), key=lambda s: s.value)
    data.prefetch(statements)
    found: dict[ox.Triple, tuple[Reading, ...]] = {}
    for statement in statements:
        read = _read(data, statement, lang, path)
        if read and node in (read[0].subject, read[0].object):
            found[read[0]] = found.get(read[0], ()) + (read[1],)
    return found


def statement_of(data: GraphData, iri: str, lang: str, path) -> tuple[ox.Triple, Reading] | None:
    """The triple a reading's own statement reads, and the reading; None for any other IRI."""
    node = ox.NamedNode(iri)
    if not any(in_curation(q.graph_name, data.base) for q in data.store.quads_for_pattern(node, SUBJECT, None, None)):
        return None
    return _read(data, node, lang, path)
