"""What the query editor completes: the prefixes the service declares and the terms of our ontology.

Read from the version's own ontology file (the manifest's `ontology` entry), so the list is the
vocabulary that version publishes, for any report, never a list written here. A version never
changes, so a version's terms are read once (cached by its folder). The page embeds the result as
inline JSON (a `<script type="application/json">` block, which runs nothing).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
CLASSES = frozenset({"http://www.w3.org/2002/07/owl#Class", "http://www.w3.org/2000/01/rdf-schema#Class"})
PROPERTIES = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
        "http://www.w3.org/2002/07/owl#ObjectProperty",
        "http://www.w3.org/2002/07/owl#DatatypeProperty",
        "http://www.w3.org/2002/07/owl#AnnotationProperty",
        "http://purl.org/linked-data/cube#DimensionProperty",
        "http://purl.org/linked-data/cube#MeasureProperty",
        "http://purl.org/linked-data/cube#AttributeProperty",
    }
)


@dataclass(frozen=True)
class Term:
    """A class or property of the ontology, with its labels and comments by language."""

    iri: str
    kind: str  # class | property
    labels: tuple[tuple[str, str], ...]
    comments: tuple[tuple[str, str], ...]


def _pick(texts: tuple[tuple[str, str], ...], lang: str) -> str:
    return next((t for lg, t in texts if lg == lang), texts[0][1] if texts else "")


@functools.lru_cache(maxsize=8)
def read_terms(ontology: Path) -> tuple[Term, ...]:
    """The classes and properties an ontology file (Turtle) declares, sorted by IRI; () when there is no file."""
    if not ontology.is_file():
        return ()
    store = ox.Store()
    store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    kinds: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None):
        if isinstance(quad.subject, ox.NamedNode):
            kind = "class" if quad.object.value in CLASSES else "property" if quad.object.value in PROPERTIES else None
            if kind:
                kinds.setdefault(quad.subject.value, kind)

    def texts(iri: str, predicate: str) -> tuple[tuple[str, str], ...]:
        found = store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate), None)
        return tuple(sorted((q.object.language or "", q.object.value) for q in found if isinstance(q.object, ox.Literal)))

    return tuple(Term(iri, kinds[iri], texts(iri, LABEL), texts(iri, COMMENT)) for iri in sorted(kinds))


def ontology_file(version_path: Path, files) -> Path | None:
    """The version's ontology file, from its manifest entries (None when it publishes none)."""
    entry = next((f for f in files if f.role == "ontology"), None)
    return Path(version_path) / entry.path if entry else None


def compact(iri: str, prefixes: dict[str, str]) -> str | None:
    """prefix:local with the longest namespace that `iri` starts with, or None."""
    best = max(
        (item for item in prefixes.items() if iri.startswith(item[1]) and len(iri) > len(item[1])), key=lambda item: len(item[1]), default=None
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else None


def editor_data(terms: tuple[Term, ...], prefixes: dict[str, str], lang: str, ui: dict[str, str]) -> dict:
    """The JSON the editor reads: prefixes, terms (prefixed name, kind, label and comment in `lang`) and its words."""
    listed = []
    for term in terms:
        name = compact(term.iri, prefixes)
        if name is not None:
            listed.append(
                {"name": name, "iri": term.iri, "kind": term.kind, "label": _pick(term.labels, lang), "comment": _pick(term.comments, lang)}
            )
    return {"prefixes": prefixes, "terms": listed, "ui": ui}
