"""Whose word a finding is, on its page: the report it is credited to, where and when that was presented.

A finding credited to a report has ``prov:hadPrimarySource`` (kg.build.graph); the page says "according
to the report of the Director …, presented at the working session … (12/2012)", following the report's
``kg:presentedAt`` and the event's date. An assessment with no primary source
is the article's own words, and the page says so; a credit that is the curator's reading (the
article names no source again for a later paragraph) is marked as one. Lookups are quad patterns on the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.stores.lookups import GraphData
from kg.web.present.viewer import Value, Viewer

PROV = "http://www.w3.org/ns/prov#"
PRIMARY_SOURCE = ox.NamedNode(PROV + "hadPrimarySource")
DATE = ox.NamedNode("http://purl.org/dc/terms/date")
ASSESSMENT = "def/kg/Assessment"  # relative to the publication's base, like every minted IRI


@dataclass(frozen=True)
class Attribution:
    """The source a finding is credited to (None: the article's own words), and where and when it was presented."""

    source: Value | None
    event: Value | None = None
    when: str | None = None


def _one(data: GraphData, subject: ox.NamedNode, predicate: ox.NamedNode):
    found = data.triples(subject, predicate)
    return found[0].object if found else None


def attribution(data: GraphData, iri: str, viewer: Viewer) -> Attribution | None:
    """Whose word `iri` is, if it is a finding that says (or an assessment, which always does)."""
    node = ox.NamedNode(iri)
    source = _one(data, node, PRIMARY_SOURCE)
    if not isinstance(source, ox.NamedNode):
        return Attribution(None) if data.base + ASSESSMENT in data.types(iri) else None
    kg = data.base + "def/kg/"
    event = _one(data, source, ox.NamedNode(kg + "presentedAt"))
    date = _one(data, event, DATE) if isinstance(event, ox.NamedNode) else None
    return Attribution(
        source=viewer.marked(ox.Triple(node, PRIMARY_SOURCE, source), viewer.iri(source.value)),  # a reading is marked
        event=viewer.iri(event.value) if isinstance(event, ox.NamedNode) else None,
        when=viewer.literal(date).text if isinstance(date, ox.Literal) else None,
    )
