"""The VoID counts, taken from the union's N-Triples lines, are what SPARQL counts over the named graphs."""

from __future__ import annotations

import pyoxigraph

from kg.iris import Minter
from kg.publication.dumps import Reference
from kg.publication.void import statistics
from tests.conftest import BASE

NQ = pyoxigraph.RdfFormat.N_QUADS


def counted_in_sparql(nquads: bytes) -> dict:
    """The counts as four SPARQL queries over the named graphs of `nquads` (the specification)."""
    store = pyoxigraph.Store()
    store.bulk_load(input=nquads, format=NQ)

    def one(query: str) -> int:
        return int(next(iter(store.query(query)))["n"].value)

    return {
        "subjects": one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER isIRI(?s) }"),
        "entities": one(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{BASE}") && !CONTAINS(STR(?s), "#")) }}'
        ),
        "classes": {
            r["c"].value: int(r["n"].value) for r in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c")
        },
        "properties": {
            r["p"].value: int(r["n"].value)
            for r in store.query("SELECT ?p (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } } } GROUP BY ?p")
        },
        "triples": one("SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } } }"),
    }


def counted_in_lines(nquads: bytes) -> dict:
    stats = statistics(Reference.of(nquads).triples, Minter(BASE))
    return {
        "subjects": stats.distinct_subjects,
        "entities": stats.entities,
        "classes": stats.classes,
        "properties": stats.properties,
        "triples": stats.triples,
    }


def test_the_counts_of_the_real_publication_are_those_of_sparql(built):
    nquads = (built.path / "kg.nq").read_bytes()
    assert counted_in_lines(nquads) == counted_in_sparql(nquads)


def test_the_counts_hold_for_a_blank_subject_a_fragment_a_literal_type_and_a_triple_stated_twice():
    nquads = f"""
<{BASE}id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BASE}def/kg#Thing> <{BASE}graph/one> .
<{BASE}id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BASE}def/kg#Thing> <{BASE}graph/two> .
<{BASE}id/a#part> <http://www.w3.org/2000/01/rdf-schema#label> "a <b> c # d"@en <{BASE}graph/one> .
_:x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BASE}def/kg#Thing> <{BASE}graph/one> .
<http://example.org/other> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "a literal type" <{BASE}graph/two> .
<http://example.org/other> <http://example.org/p> "x y"^^<http://www.w3.org/2001/XMLSchema#string> <{BASE}graph/two> .
""".encode()
    lines, sparql = counted_in_lines(nquads), counted_in_sparql(nquads)
    assert lines == sparql
    assert (lines["subjects"], lines["entities"], lines["triples"]) == (3, 1, 5)
