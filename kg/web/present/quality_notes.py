"""Data-quality notes on a resource: DQV quality annotations and measurements, in the page language."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.stores.lookups import GraphData
from kg.web.present.viewer import Value, Viewer

DQV = "http://www.w3.org/ns/dqv#"
OA_HAS_BODY = "http://www.w3.org/ns/oa#hasBody"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"


@dataclass(frozen=True)
class QualityNote:
    """One note: what it is (linked), what it says, and whether it warns (a failed check, an annotation)."""

    note: Value
    text: str
    warning: bool
    dimension: Value | None = None


def _in_language(terms, lang: str) -> str | None:
    literals = [x for x in terms if isinstance(x, ox.Literal)]
    chosen = next((x for x in literals if x.language == lang), None) or next(iter(literals), None)
    return chosen.value if chosen is not None else None


def _annotation_text(data: GraphData, note: str, lang: str) -> str:
    bodies = [b for b in data.objects(note, OA_HAS_BODY) if isinstance(b, ox.NamedNode)]
    values = [v for b in bodies for v in data.objects(b.value, RDF_VALUE)]
    return _in_language(values, lang) or _in_language(data.objects(note, RDFS_COMMENT), lang) or ""


def quality_notes(data: GraphData, iri: str, viewer: Viewer) -> list[QualityNote]:
    """The quality annotations on `iri` and the measurements computed on it, warnings first."""
    lang = viewer.lang
    notes = []
    for note in data.objects(iri, DQV + "hasQualityAnnotation"):
        if isinstance(note, ox.NamedNode):
            dims = data.objects(note.value, DQV + "inDimension")
            dimension = viewer.term(dims[0]) if dims else None
            notes.append(QualityNote(viewer.iri(note.value), _annotation_text(data, note.value, lang), True, dimension))
    for m in data.objects(iri, DQV + "hasQualityMeasurement"):
        if isinstance(m, ox.NamedNode):
            values = data.objects(m.value, DQV + "value")
            failed = any(isinstance(v, ox.Literal) and v.value == "false" for v in values)
            text = _in_language(data.objects(m.value, RDFS_COMMENT), lang) or ""
            notes.append(QualityNote(viewer.iri(m.value), text, failed))
    return sorted(notes, key=lambda n: (not n.warning, n.note.text))
