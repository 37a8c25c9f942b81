"""Plain lookups over the live version's read-only store: descriptions, labels, existence.

Every lookup is a `quads_for_pattern` call (no SPARQL text): on the embedded store they answer in
microseconds and cannot be slowed down by a client. The store's default graph is the union of the
named graphs, so a pattern is matched in every graph (`graph_name=None`) and the triples are
de-duplicated. A remote store gives GraphData an object with the same three methods
(kg.stores.remote.quads), which also fetches many subjects at once (`prefetch_subjects`).

`for_store(path, base)` opens each version's store once per process and keeps it; a store that
cannot be opened is UnreadablePublication (part "store"), a 503.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from kg.namespaces import SCHEMA
from kg.publication.layout import UnreadablePublication

#: Predicates that name a resource, in order of preference.
LABEL_PREDICATES = tuple(ox.NamedNode(str(p)) for p in (RDFS.label, SKOS.prefLabel, SCHEMA.name, FOAF.name, DCTERMS.title))
TYPE = ox.NamedNode(str(RDF.type))
LANGUAGES = ("vi", "en")
_KEEP_OPEN = 2  # versions whose store stays open (the live one and the one before)
LABEL_CACHE_SIZE = 50_000  # IRIs whose names each version's lookups keep (a few MB)


@dataclass(frozen=True)
class Label:
    """A name in the asked language (or the best fallback), and the name in the other language."""

    text: str
    language: str | None
    other: str | None = None


@dataclass(frozen=True)
class Description:
    """What the graph says about one IRI: its triples (and its fragments'), and a page of inverse links."""

    iri: str
    out: list[ox.Triple]
    inverse: list[ox.Triple]
    inverse_total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.inverse_total // self.page_size))

    def triples(self) -> list[ox.Triple]:
        return self.out + self.inverse


def _key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


class GraphData:
    """Read-only lookups over one version's store, for IRIs minted under `base`."""

    def __init__(self, store: ox.Store, base: str):
        self.store = store
        self.base = base
        self._memo: dict[str, object] = {}
        self._memo_lock = threading.Lock()
        # A version never changes, so the names of an IRI can be kept. It pays: a shared entity (the
        # ministry, the country) is named again in every report's graph, a thousand times at 1M triples.
        self._names = functools.lru_cache(maxsize=LABEL_CACHE_SIZE)(self._read_names)

    def memo(self, name: str, make):
        """A value computed once per version (a search index, a parsed file): `make()` on first use."""
        with self._memo_lock:
            if name not in self._memo:
                self._memo[name] = make()
            return self._memo[name]

    def triples(self, s=None, p=None, o=None, graph: str | None = None) -> list[ox.Triple]:
        """Distinct triples matching a pattern (in any graph, or in `graph`), in a stable order."""
        g = ox.NamedNode(graph) if graph else None
        found = {q.triple for q in self.store.quads_for_pattern(s, p, o, g)}
        return sorted(found, key=_key)

    def fragments(self, iri: str) -> list[str]:
        """The fragment IRIs (iri#...) reachable from `iri` through objects: …#target, …#quote, …#body-vi."""
        prefix, seen, frontier = iri + "#", [], [iri]
        while frontier:
            node = frontier.pop()
            for q in self.store.quads_for_pattern(ox.NamedNode(node), None, None, None):
                o = q.object
                if isinstance(o, ox.NamedNode) and o.value.startswith(prefix) and o.value not in seen:
                    seen.append(o.value)
                    frontier.append(o.value)
        return sorted(seen)

    def prefetch(self, subjects) -> None:
        """Tell a store that fetches ahead (a remote one) which subjects are about to be looked up."""
        fetch = getattr(self.store, "prefetch_subjects", None)
        if fetch is not None:
            fetch(subjects)

    def _bounded(self, subjects: list) -> list[ox.Triple]:
        """The triples of some subjects, plus those of the blank nodes they reach (a bounded description)."""
        self.prefetch(subjects)
        out, todo, done = set(), list(subjects), set()
        while todo:
            node = todo.pop()
            if node in done:
                continue
            done.add(node)
            for q in self.store.quads_for_pattern(node, None, None, None):
                out.add(q.triple)
                if isinstance(q.object, ox.BlankNode):
                    todo.append(q.object)
        return sorted(out, key=_key)

    def describe(self, iri: str, page: int = 1, page_size: int = 50, *, all_inverse: bool = False) -> Description:
        """The triples of `iri` and its fragment IRIs, and the triples pointing at it (one page, or all)."""
        node = ox.NamedNode(iri)
        out = self._bounded([node, *(ox.NamedNode(f) for f in self.fragments(iri))])
        own = {t.subject for t in out}
        inverse = [t for t in self.triples(o=node) if t.subject not in own]
        total = len(inverse)
        if not all_inverse:
            page = max(1, page)
            inverse = inverse[(page - 1) * page_size : page * page_size]
        return Description(iri, out, inverse, total, page, page_size)

    def exists(self, iri: str) -> bool:
        """Whether the graph says anything about `iri`: as subject, object or graph name (False if not an IRI)."""
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False
        return (
            next(self.store.quads_for_pattern(node, None, None, None), None) is not None
            or next(self.store.quads_for_pattern(None, None, node, None), None) is not None
            or self.store.contains_named_graph(node)
        )

    def objects(self, iri: str, predicate: str) -> list:
        return [t.object for t in self.triples(ox.NamedNode(iri), ox.NamedNode(predicate))]

    def subjects(self, predicate: str, obj) -> list[str]:
        """IRIs of the subjects with `predicate` -> `obj` (an IRI string or a pyoxigraph term)."""
        o = ox.NamedNode(obj) if isinstance(obj, str) else obj
        return sorted({t.subject.value for t in self.triples(None, ox.NamedNode(predicate), o) if isinstance(t.subject, ox.NamedNode)})

    def types(self, iri: str) -> list[str]:
        return [o.value for o in self.objects(iri, TYPE.value) if isinstance(o, ox.NamedNode)]

    def label(self, iri: str, lang: str) -> Label | None:
        return self.labels([iri], lang)[iri]

    def labels(self, iris, lang: str) -> dict[str, Label | None]:
        """The label of each IRI in `lang`, else one without a language, else in the other; None if unnamed."""
        iris = set(iris)
        nodes = []
        for iri in iris:
            try:
                nodes.append(ox.NamedNode(iri))
            except ValueError:
                continue
        self.prefetch(nodes)
        return {iri: self._label(iri, lang) for iri in iris}

    def _label(self, iri: str, lang: str) -> Label | None:
        try:
            node = ox.NamedNode(iri)
        except ValueError:  # not an IRI (a type= parameter, say): it has no label
            return None
        literals = self._names(node)
        if not literals:
            return None
        other = next((x for x in LANGUAGES if x != lang), None)

        def first(language):
            return next((lit for lit in literals if lit.language == language), None)

        chosen = first(lang) or first(None) or first(other) or literals[0]
        in_other = first(other)
        alt = in_other.value if in_other is not None and in_other.value != chosen.value else None
        return Label(chosen.value, chosen.language, alt)

    def _read_names(self, node: ox.NamedNode) -> tuple[ox.Literal, ...]:
        """The distinct literal names of a node, by predicate preference, then by text."""
        literals: list[ox.Literal] = []
        for predicate in LABEL_PREDICATES:
            literals += sorted(
                {q.object for q in self.store.quads_for_pattern(node, predicate, None, None) if isinstance(q.object, ox.Literal)},
                key=lambda lit: (lit.value, lit.language or ""),
            )
        return tuple(literals)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    @cached_property
    def minted_subjects(self) -> list[str]:
        """Every IRI under the base that is the subject of a triple (fragments included), sorted."""
        found = {
            q.subject.value
            for q in self.store.quads_for_pattern(None, None, None, None)
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(self.base)
        }
        return sorted(found)

    @cached_property
    def class_counts(self) -> dict[str, int]:
        """How many distinct minted resources (IRIs under the base, without a fragment) each class has.

        Those a listing of the class (/search?type=) can list: not the things of others the description
        types, such as the EU data themes (skos:Concept) or the licence (dcterms:LicenseDocument).
        """
        members: dict[str, set] = {}
        for q in self.store.quads_for_pattern(None, TYPE, None, None):
            s = q.subject
            if isinstance(q.object, ox.NamedNode) and isinstance(s, ox.NamedNode) and "#" not in s.value and s.value.startswith(self.base):
                members.setdefault(q.object.value, set()).add(q.subject)
        return {cls: len(subjects) for cls, subjects in sorted(members.items())}


_open: dict[str, GraphData] = {}
_lock = threading.Lock()


def for_store(path, base: str) -> GraphData:
    """The GraphData of a store folder, opened read-only once per process (the last few kept open);
    UnreadablePublication when the store cannot be opened."""
    key = str(path)
    with _lock:
        data = _open.get(key)
        if data is None:
            try:
                store = ox.Store.read_only(key)
            except OSError as exc:
                raise UnreadablePublication.of("store", path, exc) from exc
            data = GraphData(store, base)
            _open[key] = data
            for old in list(_open)[:-_KEEP_OPEN]:
                del _open[old]
        return data
