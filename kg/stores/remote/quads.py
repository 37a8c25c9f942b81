"""Quad-pattern lookups over a remote store, shaped like pyoxigraph's Store, so GraphData works on either.

GraphData (kg.stores.lookups) asks a store for `quads_for_pattern(s, p, o, g)`, `named_graphs()` and
`contains_named_graph(g)`. Here each pattern becomes one small SPARQL SELECT sent to the store over
the live graphs only (the marker's, kg.stores.remote.marker), and its answer is kept in a bounded LRU
cache: a version's data never changes, and a new version gets a new RemoteQuads. The answers of
`prefetch_subjects` (one query for many subjects, used for labels) serve later patterns on those
subjects without another request.

Blank nodes cannot be named in a query to another store (their labels are the store's own), so a
pattern on a blank node matches nothing here; the published data has none (kg.iris mints fragment
IRIs instead).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import pyoxigraph as ox

CACHE_PATTERNS = 20_000  # patterns whose answers are kept, per version
PREFETCH_BATCH = 100  # subjects per prefetch query
_VARS = ("s", "p", "o", "g")


def term_from_json(value: dict):
    """A pyoxigraph term from a SPARQL 1.1 JSON results binding."""
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode("b" + hashlib.sha1(value["value"].encode("utf-8")).hexdigest()[:24])
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return ox.Literal(value["value"], language=value["xml:lang"])
        if value.get("datatype"):
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    if kind == "triple":
        inner = value["value"]
        return ox.Triple(*(term_from_json(inner[k]) for k in ("subject", "predicate", "object")))
    raise ValueError(f"unknown term type in the store's answer: {kind!r}")


def _sparql(term) -> str:
    return str(term)  # pyoxigraph prints NamedNode and Literal in N-Triples syntax, which SPARQL reads


class RemoteQuads:
    """The quads of one live version in a remote store. `select(query, graphs)` returns SPARQL JSON results."""

    def __init__(self, select, graphs: tuple[str, ...], cache_patterns: int = CACHE_PATTERNS):
        self._select, self.graphs = select, tuple(graphs)
        self._graph_set = set(graphs)
        self._cache: OrderedDict = OrderedDict()
        self._limit = cache_patterns
        self._lock = threading.Lock()

    def named_graphs(self):
        return iter([ox.NamedNode(g) for g in self.graphs])

    def contains_named_graph(self, graph) -> bool:
        return getattr(graph, "value", graph) in self._graph_set

    def quads_for_pattern(self, s=None, p=None, o=None, g=None):
        """The quads matching a pattern (None: any), in the live graphs."""
        if any(isinstance(t, ox.BlankNode) for t in (s, p, o, g)) or isinstance(g, ox.DefaultGraph):
            return iter(())
        if g is not None and g.value not in self._graph_set:
            return iter(())
        key = (s, p, o, g)
        found = self._cached(key)
        if found is None and s is not None and o is None and g is None:
            whole = self._cached((s, None, None, None))
            if whole is not None:
                found = tuple(q for q in whole if p is None or q.predicate == p)
        if found is None:
            found = self._fetch(s, p, o, g)
            self._store(key, found)
        return iter(found)

    def prefetch_subjects(self, subjects) -> None:
        """Fetch every quad of these subjects (IRIs) at once, for the lookups that follow."""
        todo = [s for s in dict.fromkeys(subjects) if isinstance(s, ox.NamedNode) and self._cached((s, None, None, None)) is None]
        for start in range(0, len(todo), PREFETCH_BATCH):
            batch = todo[start : start + PREFETCH_BATCH]
            values = " ".join(_sparql(s) for s in batch)
            query = f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            by_subject: dict = {s: [] for s in batch}
            for quad in self._quads(query, {}):
                by_subject.setdefault(quad.subject, []).append(quad)
            for subject, quads in by_subject.items():
                self._store((subject, None, None, None), tuple(quads))

    # -- internals --------------------------------------------------------------------------------
    def _fetch(self, s, p, o, g) -> tuple:
        fixed = dict(zip(_VARS, (s, p, o, g), strict=True))
        pattern = " ".join(_sparql(fixed[v]) if fixed[v] is not None else f"?{v}" for v in _VARS[:3])
        graph = _sparql(g) if g is not None else "?g"
        wanted = [f"?{v}" for v in _VARS if fixed[v] is None]
        query = f"SELECT {' '.join(wanted) or '*'} WHERE {{ GRAPH {graph} {{ {pattern} }} }}"
        return tuple(self._quads(query, fixed))

    def _quads(self, query: str, fixed: dict):
        for row in self._select(query, self.graphs).get("results", {}).get("bindings", []):
            terms = {v: fixed.get(v) if fixed.get(v) is not None else term_from_json(row[v]) for v in _VARS}
            yield ox.Quad(terms["s"], terms["p"], terms["o"], terms["g"])

    def _cached(self, key):
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
            return found

    def _store(self, key, value: tuple) -> None:
        with self._lock:
            self._cache[key] = value
            self._cache.move_to_end(key)
            while len(self._cache) > self._limit:
                self._cache.popitem(last=False)
