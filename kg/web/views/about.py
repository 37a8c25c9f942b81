"""What the description (void.ttl) says of the dataset, as plain data: its rights, its publisher and how to cite it.

The team describes its dataset in dataset.yaml (kg.publication.dataset); the build states it in
DCAT, and the server reads the version's void.ttl back (once per version, into memory, so that the
downloads need no store), so the home page, the downloads listing and the citation say what the
published description says: the licence of the data
(`dcterms:license`, its label), the dataset's rights statement (`<dataset>#rights`: label, comment,
and the rights of the sources as `skos:note`), the publisher and its contact point, and the citation
(`dcterms:bibliographicCitation`); BibTeX and the other citation formats are the "Cite this" block's.
"""

from __future__ import annotations

import functools

import pyoxigraph as ox

from kg.publication.live import Version
from kg.stores.lookups import GraphData

DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
SKOS_NOTE = "http://www.w3.org/2004/02/skos/core#note"
VCARD = "http://www.w3.org/2006/vcard/ns#"


def description_of(version: Version) -> GraphData:
    """The version's void.ttl, read once into memory: the downloads need no store, and the description never changes."""
    return _description(str(version.path), version.id, version.manifest.base)


@functools.lru_cache(maxsize=4)
def _description(path: str, version_id: str, base: str) -> GraphData:
    store = ox.Store()
    void = f"{path}/void.ttl"
    try:
        with open(void, "rb") as handle:
            store.bulk_load(input=handle.read(), format=ox.RdfFormat.TURTLE, base_iri=base)
    except FileNotFoundError:
        pass  # a publication without a description: nothing to say
    return GraphData(store, base)


def text(data: GraphData, iri: str, predicate: str, lang: str) -> str:
    """The literal of (iri, predicate) in `lang`, else an untagged one, else any; '' when there is none."""
    found: dict[str, str] = {}
    for term in data.objects(iri, predicate):
        found.setdefault(getattr(term, "language", None) or "", term.value)
    return found.get(lang) or found.get("") or next(iter(found.values()), "")


def first_iri(data: GraphData, iri: str, predicate: str) -> str | None:
    values = sorted(o.value for o in data.objects(iri, predicate) if isinstance(o, ox.NamedNode))
    return values[0] if values else None


def rights(data: GraphData, dataset: str, lang: str) -> dict:
    """The data's licence (IRI and label) and the dataset's rights statement, the sources' rights included."""
    licence = first_iri(data, dataset, DCT + "license")
    statement = first_iri(data, dataset, DCT + "rights")
    return {
        "licence": licence,
        "licence_label": (text(data, licence, RDFS_LABEL, lang) or licence) if licence else "",
        "statement": statement,
        "label": text(data, statement, RDFS_LABEL, lang) if statement else "",
        "comment": text(data, statement, RDFS_COMMENT, lang) if statement else "",
        "sources": text(data, statement, SKOS_NOTE, lang) if statement else "",
    }


def publisher(data: GraphData, dataset: str, lang: str) -> dict:
    """The publishing organisation and its contact point (name, e-mail)."""
    agent = first_iri(data, dataset, DCT + "publisher")
    contact = first_iri(data, dataset, DCAT + "contactPoint")
    email = first_iri(data, contact, VCARD + "hasEmail") if contact else None
    return {
        "iri": agent,
        "name": text(data, agent, RDFS_LABEL, lang) if agent else "",
        "contact": text(data, contact, VCARD + "fn", lang) if contact else "",
        "email": email.removeprefix("mailto:") if email else "",
        "mailto": email or "",
    }


def citation(data: GraphData, dataset: str, lang: str) -> dict:
    """How to cite the dataset: the description's citation (the formats are the "Cite this" block's, kg.web.present.citation)."""
    return {"text": text(data, dataset, DCT + "bibliographicCitation", lang)}
