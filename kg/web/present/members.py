"""The members of a container IRI: the terms of the ontology, the concepts of a code list, a graph's resources.

Dereferencing one of these gives its own description and its members' (so /def/kg is the whole
ontology and /def/indicator the whole code list), or, for a named graph, the graph's triples.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.stores.lookups import TYPE, GraphData
from kg.web.present.viewer import Value, Viewer

ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
CONCEPT_SCHEME = "http://www.w3.org/2004/02/skos/core#ConceptScheme"
IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"
IS_DEFINED_BY = "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"
NOTES = ("http://www.w3.org/2004/02/skos/core#definition", "http://www.w3.org/2000/01/rdf-schema#comment")


@dataclass(frozen=True)
class Member:
    term: Value
    kinds: list[Value]
    note: str | None


def kind_of(data: GraphData, iri: str) -> str | None:
    """'ontology', 'scheme' or 'graph' for a container IRI; None for anything else."""
    if iri.startswith(data.base + "graph/") and ox.NamedNode(iri) in set(data.store.named_graphs()):
        return "graph"
    types = data.types(iri)
    if ONTOLOGY in types:
        return "ontology"
    if CONCEPT_SCHEME in types:
        return "scheme"
    return None


def member_iris(data: GraphData, iri: str, kind: str | None) -> list[str]:
    """The IRIs a container holds (no fragment IRIs), sorted."""
    if kind == "ontology":
        below = [s for s in data.minted_subjects if s.startswith(iri + "/") and "#" not in s]
        return sorted(set(data.subjects(IS_DEFINED_BY, iri)) | set(below))
    if kind == "scheme":
        return data.subjects(IN_SCHEME, iri)
    if kind == "graph":
        found = {
            q.subject.value
            for q in data.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
            if isinstance(q.subject, ox.NamedNode) and "#" not in q.subject.value
        }
        return sorted(found)
    return []


def member_triples(data: GraphData, iri: str, kind: str | None) -> list[ox.Triple]:
    """What the RDF of a container adds to its description: its members' triples, or the graph's."""
    if kind == "graph":
        return data.triples(graph=iri)
    triples = []
    for member in member_iris(data, iri, kind):
        triples += data.describe(member, page_size=1).out
    return triples


def members(data: GraphData, iri: str, kind: str | None, viewer: Viewer, limit: int) -> list[Member]:
    """The members as a page lists them: label, kinds and a definition, sorted by label."""
    iris = member_iris(data, iri, kind)[:limit]
    viewer.preload(iris)
    out = []
    for member in iris:
        kinds = [viewer.term(o) for o in data.objects(member, TYPE.value)]
        notes = [o for p in NOTES for o in data.objects(member, p) if isinstance(o, ox.Literal)]
        note = next((n.value for n in notes if n.language == viewer.lang), notes[0].value if notes else None)
        out.append(Member(viewer.iri(member), kinds, note))
    return sorted(out, key=lambda m: ([k.text for k in m.kinds][:1], m.term.text.casefold()))
