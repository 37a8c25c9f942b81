"""Evidence: the words of the source each fact is drawn from, found through its Web Annotations.

An annotation (…/annotation/<report>/<slug>) has the fact as oa:hasBody and a target (…#target)
whose oa:hasSource is the source document and whose selectors give the quote (oa:exact) and its
place (oa:start/oa:end, code points of the stored NFC text). The text itself is the version's
sources/<report>.txt, or else the document's schema:text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.iris import SLUG_PATTERN
from kg.stores.lookups import GraphData

OA = "http://www.w3.org/ns/oa#"
SCHEMA_TEXT = "https://schema.org/text"
_SENTENCE_END = re.compile(r"[.!?…;]\s|\n")


@dataclass(frozen=True)
class Span:
    """One annotation's quote in a document: where it stands and which facts it supports."""

    annotation: str
    anchor: str  # "ann-<slug>": the id of its <mark> on the document page
    document: str
    start: int
    end: int
    exact: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Excerpt:
    """A quote in the sentence around it."""

    span: Span
    before: str
    quote: str
    after: str


@dataclass
class Segment:
    """A run of the document text and the spans covering all of it (none for plain text)."""

    text: str
    spans: list[Span] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # spans starting here


def _value(data: GraphData, subject: str, predicate: str):
    found = data.objects(subject, predicate)
    return found[0] if found else None


def span_of(data: GraphData, annotation: str) -> Span | None:
    """The quote of an annotation, from its target's selectors; None when it has no position."""
    for target in data.objects(annotation, OA + "hasTarget"):
        if not isinstance(target, ox.NamedNode):
            continue
        source = _value(data, target.value, OA + "hasSource")
        found: dict[str, str] = {}
        for selector in data.objects(target.value, OA + "hasSelector"):
            for name in ("start", "end", "exact"):
                term = _value(data, selector.value, OA + name)
                if term is not None:
                    found[name] = term.value
        start, end, exact = found.get("start"), found.get("end"), found.get("exact")
        if source is not None and start is not None and end is not None:
            start, end = int(start), int(end)
            facts = tuple(sorted(o.value for o in data.objects(annotation, OA + "hasBody") if isinstance(o, ox.NamedNode)))
            slug = annotation.rstrip("/").rsplit("/", 1)[-1]
            return Span(annotation, f"ann-{slug}", source.value, start, end, exact or "", facts)
    return None


def source_text(data: GraphData, version_dir: Path, document: str) -> str | None:
    """The stored text of a source document: sources/<report>.txt of the version, else its schema:text."""
    report = document.rstrip("/").rsplit("/", 1)[-1]
    path = Path(version_dir) / "sources" / f"{report}.txt"
    if SLUG_PATTERN.match(report) and path.is_file():
        return path.read_text(encoding="utf-8")
    text = _value(data, document, SCHEMA_TEXT)
    return text.value if isinstance(text, ox.Literal) else None


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(the sentence before the quote, the quote, the sentence after), cut at sentence ends or lines."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right = _SENTENCE_END.search(text, end)
    stop = right.start() + 1 if right else len(text)
    return text[left:start].lstrip(), text[start:end], text[end:stop].rstrip()


def evidence_for(data: GraphData, version_dir: Path, fact: str) -> list[Excerpt]:
    """Each quote the fact is drawn from, in the sentence around it."""
    excerpts = []
    for annotation in data.subjects(OA + "hasBody", fact):
        span = span_of(data, annotation)
        text = span and source_text(data, version_dir, span.document)
        if span and text and span.end <= len(text):
            excerpts.append(Excerpt(span, *sentence_around(text, span.start, span.end)))
    return sorted(excerpts, key=lambda e: (e.span.document, e.span.start))


def spans_in(data: GraphData, document: str) -> list[Span]:
    """Every annotated span of a document, in reading order."""
    spans = []
    for target in data.subjects(OA + "hasSource", document):
        for annotation in data.subjects(OA + "hasTarget", target):
            span = span_of(data, annotation)
            if span is not None and span.document == document:
                spans.append(span)
    return sorted(spans, key=lambda s: (s.start, -s.end, s.anchor))


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The text cut at every span boundary; overlapping spans simply cover the same segments."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in valid if s.start <= a and b <= s.end]
        covering.sort(key=lambda s: s.end - s.start)  # the innermost first
        out.append(Segment(text[a:b], covering, [s.anchor for s in valid if s.start == a]))
    return out
