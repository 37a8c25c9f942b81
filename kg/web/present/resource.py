"""The resource page as plain data (a template context): everything `resource.html` shows about one IRI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.stores.lookups import GraphData
from kg.web.present import evidence, figures, members, readings
from kg.web.present.attribution import attribution
from kg.web.present.quality_notes import quality_notes
from kg.web.present.viewer import Value, Viewer

NEWS_ARTICLE = "https://schema.org/NewsArticle"


@dataclass(frozen=True)
class Fact:
    """An annotated span of a source document and the facts drawn from it."""

    anchor: str
    quote: str
    annotation: Value
    facts: list[Value]


def document_view(data: GraphData, version_dir: Path, iri: str, viewer: Viewer):
    """(segments of the text, facts list) for a source document with a stored text, else (None, [])."""
    text = evidence.source_text(data, version_dir, iri)
    spans = evidence.spans_in(data, iri)
    if text is None or (not spans and NEWS_ARTICLE not in data.types(iri)):
        return None, []
    viewer.preload({f for s in spans for f in s.facts} | {s.annotation for s in spans})
    facts = [Fact(s.anchor, s.exact, viewer.iri(s.annotation), [viewer.iri(f) for f in s.facts]) for s in spans]
    links = {s.annotation: viewer.path(s.facts[0] if s.facts else s.annotation) for s in spans}
    titles = {s.annotation: "; ".join(viewer.label(f) for f in s.facts) for s in spans}
    return [_segment(seg, links, titles) for seg in evidence.segments(text, spans)], facts


def _segment(seg: evidence.Segment, links: dict, titles: dict) -> dict:
    """A run of text for the template: plain, or a <mark> (its id the first span starting here) linking to its fact."""
    if not seg.spans:
        return {"text": seg.text, "mark": False}
    inner = seg.spans[0]
    return {
        "text": seg.text,
        "mark": True,
        "id": seg.anchors[0] if seg.anchors else None,
        "more_ids": seg.anchors[1:],
        "href": links[inner.annotation],
        "title": " | ".join(titles[s.annotation] for s in seg.spans),
        "depth": min(len(seg.spans), 3),
    }


def statement_view(data: GraphData, iri: str, viewer: Viewer) -> dict | None:
    """What a reading's own statement reads (subject, predicate, object) and why; None for other IRIs."""
    found = readings.statement_of(data, iri, viewer.lang, viewer.path)
    if found is None:
        return None
    triple, reading = found
    terms = {"subject": viewer.term(triple.subject), "predicate": viewer.term(triple.predicate), "object": viewer.term(triple.object)}
    return {**terms, "reason": reading.reason, "reason_lang": reading.lang}


def resource_context(data: GraphData, version_dir: Path, iri: str, lang: str, page: int, page_size: int, max_members: int) -> dict:
    """The context of resource.html for `iri` in `lang`, with page `page` of the inverse links."""
    viewer = Viewer(data, lang)
    viewer.readings = readings.readings_about(data, iri, lang, viewer.path)
    description = data.describe(iri, page, page_size)
    label = data.label(iri, lang)
    title = label.text if label else viewer.short(iri)
    fig = figures.figure(data, iri)
    kind = members.kind_of(data, iri)
    segments, facts = document_view(data, version_dir, iri, viewer)
    excerpts = evidence.evidence_for(data, version_dir, iri)
    viewer.preload({e.span.document for e in excerpts})
    return {
        "iri": iri,
        "lang": lang,
        "title": title,
        "label": label,
        "types": [viewer.iri(t) for t in data.types(iri)],
        "sections": viewer.sections(description),
        "inverse": viewer.inverse_rows(description.inverse),
        "description": description,
        "reading": statement_view(data, iri, viewer),
        "attribution": attribution(data, iri, viewer),
        "sentence": figures.sentence(fig, viewer, lang) if fig else None,
        "quality": quality_notes(data, iri, viewer),
        "excerpts": [(e, viewer.iri(e.span.document), f"{viewer.path(e.span.document)}#{e.span.anchor}") for e in excerpts],
        "charts": figures.charts(figures.figures_about(data, iri), viewer, lang),
        "segments": segments,
        "facts": facts,
        "members_kind": kind,
        "members": members.members(data, iri, kind, viewer, max_members) if kind else [],
    }
