"""What the build's store must hold once loaded: the checked N-Quads and the description graph, as lines and counts.

The store is given the dataset's N-Quads (the dumps) and then the description (void.ttl) in its
own named graph. `store_contents` says what that makes, for the read-back check
(kg.publication.readback) and for the counts of what the endpoint serves (manifest "served").
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph

from kg.publication.dumps import NT, Reference, sorted_lines
from kg.publication.layout import Served
from kg.publication.readback import quad_lines


@dataclass(frozen=True)
class StoreContents:
    """Every quad the store was given (sorted canonical N-Quads lines) and what it serves."""

    lines: bytes
    served: Served


def store_contents(reference: Reference, graphs: dict[str, int], description_ttl: bytes, description_graph: str) -> StoreContents:
    """The store's contents after loading the N-Quads of `reference` (whose graphs are `graphs`) and the description."""
    name = pyoxigraph.NamedNode(description_graph)
    triples = list(pyoxigraph.parse(description_ttl, format=pyoxigraph.RdfFormat.TURTLE))
    described = quad_lines(pyoxigraph.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    description_triples = sorted_lines(pyoxigraph.serialize((t.triple if isinstance(t, pyoxigraph.Quad) else t for t in triples), format=NT))
    union = sorted_lines(reference.triples + description_triples)
    served = Served(union.count(b"\n"), {**graphs, description_graph: description_triples.count(b"\n")})
    return StoreContents(sorted_lines(reference.quads + described), served)
