"""What the description says of rights: the licence of what kg made, and the rights of the source texts it quotes.

DCAT 3 puts a licence (`dcterms:license`, a legal document) and other rights (`dcterms:rights`, a
`dcterms:RightsStatement`) on each distribution, and on the dataset in addition. kg licenses what it
made under CC BY 4.0: the curated data, the ontology, the code lists, the shapes, the description.
A source text is its publisher's: its file (`sources/<report>.txt`) states the document's own
rights statement and rights holder, and no licence. The dumps carry the texts too (`schema:text`,
so that the endpoint can check every quote): the dataset and each dump keep CC BY 4.0 with a rights
statement of the dataset (`<dataset>#rights`) saying that the source texts are excluded from it.
Access is public (`dcterms:accessRights`, the EU access-right authority table).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.namespaces import SCHEMA

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
PUBLIC = URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")
DATASET_RIGHTS = {
    "label": {
        "vi": "CC BY 4.0 cho dữ liệu đã biên tập, bản thể học và các bộ mã; trừ các văn bản nguồn",
        "en": "CC BY 4.0 for the curated data, the ontology and the code lists; the source texts excluded",
    },
    "comment": {
        "vi": ("kg cấp phép CC BY 4.0 cho những gì kg làm ra: các dữ kiện được biên tập, bản thể học, các bộ mã, các ràng "
               "buộc SHACL và bản mô tả này. Các văn bản nguồn không phải của kg và không thuộc giấy phép đó: toàn văn của "
               "mỗi văn bản nguồn (schema:text, có trong các tệp dữ liệu và điểm truy vấn để mọi trích dẫn có thể được đối "
               "chiếu) và các tệp sources/*.txt. Mỗi văn bản nêu quyền của riêng nó (dcterms:rights của văn bản và của tệp "
               "văn bản): quyền của đơn vị đăng bài, được trích để tham khảo."),
        "en": ("kg licenses what it made under CC BY 4.0: the curated facts, the ontology, the code lists, the SHACL shapes "
               "and this description. The source texts are not kg's and are excluded from that licence: the full text of "
               "each source document (schema:text, which the dumps and the endpoint carry so that every quote can be "
               "checked) and the files sources/*.txt. Each states its own rights (dcterms:rights of the document and of "
               "its text's file): its publisher's, quoted for reference."),
    },
}


@dataclass(frozen=True)
class SourceRights:
    """The rights a source text's file states instead of a licence: those of its document (kg.build.rights)."""

    document: str  # the document whose text the file holds (schema:encodesCreativeWork)
    statement: str  # its dcterms:RightsStatement
    holders: tuple[str, ...]  # dcterms:rightsHolder
    labels: tuple[tuple[str, str], ...]  # (language, text) of the statement's rdfs:label
    comments: tuple[tuple[str, str], ...]  # (language, text) of its rdfs:comment


def dataset_rights(dataset: URIRef) -> URIRef:
    return URIRef(f"{dataset}#rights")


def add_dataset_rights(g: Graph, ds: URIRef) -> None:
    """The dataset's licence, its rights statement (the source texts excluded) and public access."""
    statement = dataset_rights(ds)
    g.add((ds, DCTERMS.license, LICENSE))
    g.add((ds, DCTERMS.rights, statement))
    g.add((ds, DCTERMS.accessRights, PUBLIC))
    g.add((statement, RDF.type, DCTERMS.RightsStatement))
    for key, predicate in (("label", RDFS.label), ("comment", RDFS.comment)):
        for lang, text in DATASET_RIGHTS[key].items():
            g.add((statement, predicate, Literal(text, lang=lang)))


def add_distribution_rights(g: Graph, ds: URIRef, iri: URIRef, role: str, rights: SourceRights | None) -> None:
    """A file's rights: a source text's are its document's, with no licence; every other file is under CC BY 4.0.

    The dumps, which carry the source texts, also point to the dataset's statement that excludes them.
    """
    if rights is None:
        g.add((iri, DCTERMS.license, LICENSE))
        if role == "dump":
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
