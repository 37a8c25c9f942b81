"""What a citation of the dataset or of one of its resources says, as plain data read from the publication.

The dataset part comes from the version's description (void.ttl, which states dataset.yaml): title,
publisher, version (`dcat:version`), date (`dcterms:modified`) and IRI. A resource adds its label, the
version-pinned link to it (`<iri>?version=<id>`) and the source documents it comes from: itself when
it is a document, those it names (`prov:wasDerivedFrom`, `dcterms:source`, `oa:hasSource`), else those
of the named graphs it is described in; each with its title, publisher, date and what it was taken
after (its own external source, as `mic.gov.vn`). The access date is the request's, passed in.
kg.web.present.citation_formats writes the result as BibTeX, CSL-JSON, RIS or a formatted reference.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.stores.lookups import GraphData

DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
OA_SOURCE = "http://www.w3.org/ns/oa#hasSource"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
DERIVATION = (PROV_DERIVED, DCT + "source", OA_SOURCE)
MAX_SOURCES = 3  # a place named in a thousand reports cites the first few, and says how many more
KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Source:
    """A source document: its title (in its own language), the title in the reader's, publisher, date, origins."""

    iri: str
    title: str
    translated: str  # the title in the citation's language when it differs, else ''
    publisher: str
    issued: str  # ISO date (or whatever the graph states), '' when unknown
    after: tuple[str, ...]  # what it was published after: the label or host of its external sources


@dataclass(frozen=True)
class DatasetPart:
    """The dataset as its description states it."""

    iri: str
    title: str
    publisher: str
    version: str
    modified: str  # ISO date of the version's data


@dataclass(frozen=True)
class Citation:
    """Everything a citation of `iri` says, in language `lang`."""

    iri: str
    link: str  # the version-pinned link
    title: str
    lang: str
    dataset: DatasetPart
    sources: tuple[Source, ...]
    more_sources: int  # sources left out beyond MAX_SOURCES
    accessed: dt.date
    key: str

    @property
    def of_dataset(self) -> bool:
        return self.iri == self.dataset.iri

    @property
    def year(self) -> str:
        return self.dataset.modified[:4]


def pinned_link(iri: str, version: str) -> str:
    """The IRI with the version it was cited in: `<iri>?version=<id>` (the bare IRI when the version is unknown)."""
    return f"{iri}?{urlencode({'version': version})}" if version else iri


def citation_key(iri: str, base: str, version: str) -> str:
    """A stable BibTeX/CSL key: the IRI's path under the base, its segments joined by ':', then the version."""
    path = iri.removeprefix(base).strip("/") or "dataset"
    parts = [KEY_UNSAFE.sub("_", segment) for segment in path.split("/") if segment]
    return ":".join([*parts, KEY_UNSAFE.sub("_", version)])


def _text(data: GraphData, iri: str, predicate: str, lang: str) -> str:
    """The literal of (iri, predicate) in `lang`, else untagged, else any (sorted, so always the same); '' if none."""
    found: dict[str, str] = {}
    for term in sorted((o for o in data.objects(iri, predicate) if isinstance(o, ox.Literal)), key=lambda o: (o.language or "", o.value)):
        found.setdefault(term.language or "", term.value)
    return found.get(lang) or found.get("") or next(iter(found.values()), "")


def _iris(data: GraphData, iri: str, predicate: str) -> list[str]:
    return sorted(o.value for o in data.objects(iri, predicate) if isinstance(o, ox.NamedNode))


def _name(data: GraphData, iri: str, lang: str) -> str:
    label = data.label(iri, lang)
    return label.text if label else ""


def dataset_part(description: GraphData, dataset: str, lang: str) -> DatasetPart:
    """The dataset's title, publisher, version and date, from the version's description (void.ttl)."""
    publishers = _iris(description, dataset, DCT + "publisher")
    return DatasetPart(
        iri=dataset,
        title=_text(description, dataset, DCT + "title", lang),
        publisher=_text(description, publishers[0], RDFS_LABEL, lang) if publishers else "",
        version=_text(description, dataset, DCAT + "version", lang),
        modified=_text(description, dataset, DCT + "modified", lang),
    )


def source_documents(data: GraphData, iri: str) -> list[str]:
    """The documents `iri` comes from: itself if a document, those it names, else those of the graphs describing it."""
    if DOCUMENT in data.types(iri):
        return [iri]
    named = {o for p in DERIVATION for o in _iris(data, iri, p)}
    documents = sorted(d for d in named if DOCUMENT in data.types(d))
    if documents:
        return documents
    graphs = {q.graph_name.value for q in data.store.quads_for_pattern(ox.NamedNode(iri), None, None, None) if isinstance(q.graph_name, ox.NamedNode)}
    if data.store.contains_named_graph(ox.NamedNode(iri)):
        graphs.add(iri)
    found = {d for g in graphs for d in _iris(data, g, PROV_DERIVED) if DOCUMENT in data.types(d)}
    return sorted(found)


def source(data: GraphData, iri: str, lang: str) -> Source:
    """A document's title, publisher, date and the external sources it was published after."""
    language = next((o.value for o in data.objects(iri, DCT + "language")), "")  # the document's own: its title's
    title = _text(data, iri, DCT + "title", language) or _name(data, iri, language)
    translated = next((o.value for o in data.objects(iri, RDFS_LABEL) if isinstance(o, ox.Literal) and o.language == lang), "")  # only in `lang`
    publishers = _iris(data, iri, DCT + "publisher")
    origins = sorted({o for p in (DCT + "source", PROV_DERIVED) for o in _iris(data, iri, p) if not o.startswith(data.base)})
    return Source(
        iri=iri,
        title=title,
        translated=translated if translated and translated != title else "",
        publisher=_name(data, publishers[0], lang) if publishers else "",
        issued=_text(data, iri, DCT + "issued", lang),
        after=tuple(_name(data, o, lang) or urlsplit(o).netloc or o for o in origins),
    )


def cite(data: GraphData, description: GraphData, iri: str, dataset: str, lang: str, accessed: dt.date) -> Citation:
    """The citation of `iri` (the dataset or one of its resources) in `lang`, accessed on `accessed`."""
    part = dataset_part(description, dataset, lang)
    if iri == dataset:
        title, documents = part.title, []
    else:
        title = _name(data, iri, lang) or iri
        documents = source_documents(data, iri)
    return Citation(
        iri=iri,
        link=pinned_link(iri, part.version),
        title=title,
        lang=lang,
        dataset=part,
        sources=tuple(source(data, d, lang) for d in documents[:MAX_SOURCES]),
        more_sources=max(0, len(documents) - MAX_SOURCES),
        accessed=accessed,
        key=citation_key(iri, data.base, part.version),
    )
