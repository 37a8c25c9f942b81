"""The rights of a source text: its publisher's, quoted for reference, and under no licence of ours.

kg licenses what it made (the curated data, the ontology, the code lists: CC BY 4.0,
kg.publication.rights). The text of a source document is not kg's: the article states no licence
and kg can grant none. So each document states its own rights, from its facts: a
`dcterms:RightsStatement` (`<document>#rights`, labelled and explained in Vietnamese and English)
naming the publisher (`report.publisher` in facts.yaml, also its `dcterms:rightsHolder`) and the
original source the article cites (`report.original_source`), and no `dcterms:license`. The text
itself (`schema:text`) is the document's, so the statement covers it where the graph carries it; the
file `sources/<report>.txt` states the same statement in the description (`source_rights`).
"""

from __future__ import annotations

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.publication.rights import SourceRights

LABEL = {
    "vi": "Quyền thuộc {holder}{after}: trích để tham khảo, không theo giấy phép CC BY 4.0",
    "en": "Rights held by {holder}{after}: quoted for reference, not under CC BY 4.0",
}
AFTER = {"vi": " (theo {source})", "en": " (after {source})"}
COMMENT = {
    "vi": (
        "Văn bản của bài viết này (schema:text, và tệp {file}) là của đơn vị đăng bài, {holder}{cites}; quyền đối với "
        "văn bản thuộc về họ. Bài viết không nêu giấy phép nào, và kg không thể cấp giấy phép cho nó: kg đăng lại nguyên "
        "văn chỉ để tham khảo, để mọi trích dẫn của các dữ kiện được biên tập có thể được đối chiếu. Giấy phép CC BY 4.0 "
        "của bộ dữ liệu không áp dụng cho văn bản này; muốn sử dụng lại, hãy hỏi chủ sở hữu quyền."
    ),
    "en": (
        "The text of this article (schema:text, and the file {file}) is its publisher's, {holder}{cites}; the rights in "
        "it are theirs. The article states no licence, and kg can grant none: kg republishes the text unchanged, for "
        "reference only, so that every quote of the curated facts can be checked against it. The CC BY 4.0 licence of "
        "the dataset does not cover it; to reuse it, ask the rights holders."
    ),
}
CITES = {"vi": ", bài ghi nguồn là {source} ({url})", "en": ", which gives {source} ({url}) as its source"}


def rights_iri(document: URIRef) -> URIRef:
    """The rights statement of a source document: a fragment of its IRI."""
    return URIRef(f"{document}#rights")


def add_source_rights(graph: Graph, document: URIRef, report_id: str, publisher: URIRef, publisher_label: dict, original_source: dict | None) -> None:
    """The document's rights: its statement (naming the publisher and the original source) and rights holder, no licence."""
    statement = rights_iri(document)
    graph.add((document, DCTERMS.rights, statement))
    graph.add((document, DCTERMS.rightsHolder, publisher))
    graph.add((statement, RDF.type, DCTERMS.RightsStatement))
    source = original_source or {}
    for lang in ("vi", "en"):
        holder = str(publisher_label[lang]).strip()
        after = AFTER[lang].format(source=source["label"]) if source else ""
        cites = CITES[lang].format(source=source["label"], url=source["url"]) if source else ""
        graph.add((statement, RDFS.label, Literal(LABEL[lang].format(holder=holder, after=after), lang=lang)))
        graph.add((statement, RDFS.comment, Literal(COMMENT[lang].format(file=f"sources/{report_id}.txt", holder=holder, cites=cites), lang=lang)))


def source_rights(nquads: bytes, document: URIRef) -> SourceRights:
    """What the file of a document's text states in the description: the document's statement, read from its graph.

    `nquads` are the report's sorted N-Quads (kg.build.report.BuiltReport): the statement's lines and
    the document's rights holders are picked out by subject and predicate, without parsing the rest.
    """
    statement = rights_iri(document)
    own, holder = f"<{statement}> ".encode(), f"<{document}> <{DCTERMS.rightsHolder}> ".encode()
    lines = b"".join(line + b"\n" for line in nquads.split(b"\n") if line.startswith((own, holder)))
    labels, comments, holders = [], [], []
    for quad in pyoxigraph.parse(lines, format=pyoxigraph.RdfFormat.N_QUADS):
        if quad.subject.value == str(document):
            holders.append(quad.object.value)
        elif quad.predicate.value == str(RDFS.label):
            labels.append((quad.object.language, quad.object.value))
        elif quad.predicate.value == str(RDFS.comment):
            comments.append((quad.object.language, quad.object.value))
    return SourceRights(
        document=str(document),
        statement=str(statement),
        holders=tuple(sorted(holders)),
        labels=tuple(sorted(labels)),
        comments=tuple(sorted(comments)),
    )
