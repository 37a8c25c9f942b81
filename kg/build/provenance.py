"""Evidence as Web Annotations: each fact is the body of an annotation targeting its words in the source.

A claim's evidence is motivated by oa:describing (the words say it); a curator's reading's by
oa:commenting (the curator's remark on what the words imply: kg.build.curation).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.build.facts import Evidence
from kg.namespaces import OA

CONTEXT_CHARS = 32


def add_evidence(
    graph: Graph,
    fact: URIRef,
    annotation: URIRef,
    document: URIRef,
    text: str,
    evidence: Evidence,
    fact_label: dict[str, str],
    motivation: URIRef = OA.describing,
) -> None:
    """State that `fact` is drawn from `evidence`: an oa:Annotation with quote and position selectors.

    The target and selectors get fragment IRIs of the annotation (…#target, …#quote, …#position),
    so they dereference with it and nothing a person browses is a blank node.
    """
    target = URIRef(f"{annotation}#target")
    quote = URIRef(f"{annotation}#quote")
    position = URIRef(f"{annotation}#position")
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, motivation))
    graph.add((annotation, OA.hasBody, fact))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((annotation, RDFS.label, Literal(f"Trích dẫn: {fact_label['vi']}", lang="vi")))
    graph.add((annotation, RDFS.label, Literal(f"Evidence: {fact_label['en']}", lang="en")))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, document))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(evidence.quote)))
    graph.add((quote, OA.prefix, Literal(text[max(0, evidence.start - CONTEXT_CHARS) : evidence.start])))
    graph.add((quote, OA.suffix, Literal(text[evidence.end : evidence.end + CONTEXT_CHARS])))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(evidence.start, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(evidence.end, datatype=XSD.integer)))
    if fact != document:
        graph.add((fact, PROV.wasDerivedFrom, document))
