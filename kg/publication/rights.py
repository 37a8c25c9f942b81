"""What the description says of rights: the licence of what kg made, and the rights of the source texts it quotes.

DCAT 3 puts a licence (`dcterms:license`, a legal document) and other rights (`dcterms:rights`, a
`dcterms:RightsStatement`) on each distribution, and on the dataset in addition. The team licenses
what it made under the licence its dataset.yaml names (kg.publication.dataset; CC BY 4.0 for the
project's data): the curated data, the ontology, the code lists, the shapes, the description.
A source text is its publisher's: its file (`sources/<report>.txt`) states the document's own
rights statement and rights holder, and no licence. The dumps carry the texts too (`schema:text`,
so that the endpoint can check every quote): the dataset and each dump keep the licence with a rights
statement of the dataset (`<dataset>#rights`, its texts from dataset.yaml, the rights of the sources
in one sentence as `skos:note`) saying that the source texts are excluded from it.
Access is public (`dcterms:accessRights`, the EU access-right authority table).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.namespaces import SCHEMA
from kg.publication.dataset import DatasetDescription

PUBLIC = URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")


@dataclass(frozen=True)
class SourceRights:
    """The rights a source text's file states instead of a licence: those of its document (kg.build.rights)."""

    document: str  # the document whose text the file holds (schema:encodesCreativeWork)
    statement: str  # its dcterms:RightsStatement
    holders: tuple[str, ...]  # dcterms:rightsHolder
    labels: tuple[tuple[str, str], ...]  # (language, text) of the statement's rdfs:label
    comments: tuple[tuple[str, str], ...]  # (language, text) of its rdfs:comment


QUOTING_ROLES = ("dump", "table")  # files that carry words of the source texts


def dataset_rights(dataset: URIRef) -> URIRef:
    return URIRef(f"{dataset}#rights")


def add_dataset_rights(g: Graph, ds: URIRef, description: DatasetDescription) -> None:
    """The dataset's licence (a dcterms:LicenseDocument), its rights statement (the source texts excluded) and public access."""
    statement, licence = dataset_rights(ds), URIRef(description.licence)
    g.add((ds, DCTERMS.license, licence))
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((licence, RDFS.label, Literal(description.licence_label)))
    g.add((ds, DCTERMS.rights, statement))
    g.add((ds, DCTERMS.accessRights, PUBLIC))
    g.add((statement, RDF.type, DCTERMS.RightsStatement))
    for texts, predicate in ((description.rights_label, RDFS.label), (description.rights_comment, RDFS.comment)):
        for lang, text in texts.items():
            g.add((statement, predicate, Literal(text, lang=lang)))
    for lang, text in description.sources_rights.items():
        g.add((statement, SKOS.note, Literal(text, lang=lang)))


def add_distribution_rights(g: Graph, ds: URIRef, iri: URIRef, role: str, rights: SourceRights | None, licence: URIRef) -> None:
    """A file's rights: a source text's are its document's, with no licence; every other file is under the `licence`.

    The dumps and the figures table, which carry the source texts (whole, or quoted), also point to the
    dataset's statement that excludes them.
    """
    if rights is None:
        g.add((iri, DCTERMS.license, licence))
        if role in QUOTING_ROLES:
            g.add((iri, DCTERMS.rights, dataset_rights(ds)))
        return
    statement = URIRef(rights.statement)
    g.add((iri, SCHEMA.encodesCreativeWork, URIRef(rights.document)))
    g.add((iri, DCTERMS.rights, statement))
    for holder in rights.holders:
        g.add((iri, DCTERMS.rightsHolder, URIRef(holder)))
    g.add((statement, RDF.type, DCTERMS.RightsStatement))
    for predicate, texts in ((RDFS.label, rights.labels), (RDFS.comment, rights.comments)):
        for lang, text in texts:
            g.add((statement, predicate, Literal(text, lang=lang)))
