"""The dataset description: VoID and DCAT for the whole publication, its distributions and endpoint."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from kg.iris import CURATION, Minter
from kg.namespaces import SD, SPDX, STANDARD_PREFIXES, bind_all, ontology_namespace
from kg.publication.catalog import add_catalog
from kg.publication.dataset import DatasetDescription
from kg.publication.dcat_ap import add_dcat_ap
from kg.publication.rights import SourceRights, add_dataset_rights, add_distribution_rights

DATASET_SLUG = "ict-reports"
IANA = "https://www.iana.org/assignments/media-types/"
READINGS_PARTITION = {
    "vi": "Cách hiểu của người biên tập về một báo cáo: điều người biên tập suy ra, không phải khẳng định của cơ quan báo cáo.",
    "en": "The curator's readings of a report: what the curator infers, not claims of the reporting body.",
}
UNCOUNTED = {
    "vi": (
        "Các số đếm (void:triples và các phân vùng) là của dữ liệu, như trong các tệp tải về. Điểm truy vấn SPARQL "
        "còn phục vụ chính bản mô tả này (void.ttl) trong đồ thị <{graph}>; đồ thị đó không được đếm ở đây."
    ),
    "en": (
        "The counts (void:triples and the partitions) are of the data, as in the downloads. The SPARQL endpoint also "
        "serves this description (void.ttl) in the graph <{graph}>, which is not counted here."
    ),
}


@dataclass(frozen=True)
class Distribution:
    """A published file as the description states it."""

    filename: str
    media_type: str
    byte_size: int
    sha256: str
    compressed: bool = False
    role: str = "dump"  # only dumps are void:dataDump
    rights: SourceRights | None = None  # a source text's own rights, instead of the licence (kg.publication.rights)
    conforms_to: str | None = None  # the standard the file follows (dcterms:conformsTo), e.g. CSVW for figures.csv-metadata.json


@dataclass(frozen=True)
class Statistics:
    """The counts VoID states, of the union of the named graphs (every triple counted once)."""

    triples: int
    distinct_subjects: int
    entities: int
    classes: dict[str, int]  # class IRI -> instances
    properties: dict[str, int]  # property IRI -> triples


def statistics(union_ntriples: bytes, minter: Minter) -> Statistics:
    """Count subjects, entities (minted IRIs without a fragment), classes and properties of the union of the graphs.

    `union_ntriples` is the union as pyoxigraph writes it, one distinct triple per line (the N-Triples
    dump, `Reference.triples`): a line's subject and predicate are its first two space-separated terms
    (neither can hold a space), so one pass over the lines counts what four SPARQL scans of the store
    would (at a million triples, 2 s instead of 17).
    """
    subjects: set[bytes] = set()
    classes: Counter[bytes] = Counter()
    properties: Counter[bytes] = Counter()
    for line in union_ntriples.split(b"\n"):
        if not line:
            continue
        subject, predicate, rest = line.split(b" ", 2)
        properties[predicate] += 1
        if subject.startswith(b"<"):
            subjects.add(subject)
        if predicate == _RDF_TYPE:
            classes[rest[:-2]] += 1  # the object, without the final " ."
    base = f"<{minter.base}".encode()
    entities = sum(1 for subject in subjects if subject.startswith(base) and b"#" not in subject)
    return Statistics(
        triples=sum(properties.values()),
        distinct_subjects=len(subjects),
        entities=entities,
        classes={_term_value(c): n for c, n in classes.items()},
        properties={_term_value(p): n for p, n in properties.items()},
    )


_RDF_TYPE = f"<{RDF.type}>".encode()


def _term_value(term: bytes) -> str:
    """The value of one N-Triples term: an IRI's text, a blank node's id, a literal's lexical form."""
    if term.startswith(b"<") and term.endswith(b">"):
        return term[1:-1].decode("utf-8")
    return next(iter(pyoxigraph.parse(b"<x:s> <x:p> " + term + b" .", format=pyoxigraph.RdfFormat.N_TRIPLES))).object.value


def dataset_iri(minter: Minter) -> URIRef:
    return minter.thing("dataset", DATASET_SLUG)


def describe(
    stats: Statistics,
    minter: Minter,
    distributions: list[Distribution],
    documents: list[URIRef],
    areas: list[URIRef],
    example_resources: list[URIRef],
    dataset: DatasetDescription,
    version: str,
    graphs: dict[str, int] | None = None,
    description_graph: URIRef | None = None,
) -> Graph:
    """VoID + DCAT description of the published graphs, whose counts are `stats`, as the team describes them (`dataset`).

    Title, description, publisher, rights, themes, keywords, coverage, dates and the citation come
    from dataset.yaml (kg.publication.catalog); the rest from the build. The counts are of the data,
    as in the dumps. When the endpoint also serves this description in a graph of its own
    (`description_graph`), the description says so and that it does not count it.
    """
    g = Graph()
    bind_all(g, minter.base)
    ds = dataset_iri(minter)
    endpoint = minter.page("sparql")
    for cls in (DCAT.Dataset, VOID.Dataset):
        g.add((ds, RDF.type, cls))
    add_catalog(g, ds, dataset, minter, version, areas)
    add_dataset_rights(g, ds, dataset)
    g.add((ds, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/vi")))
    g.add((ds, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/en")))
    for document in documents:
        g.add((ds, DCTERMS.source, document))
    g.add((ds, DCTERMS.conformsTo, minter.download("shapes.ttl")))
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    g.add((ds, VOID.uriSpace, Literal(minter.base)))
    g.add((ds, VOID.rootResource, minter.ontology()))
    for resource in example_resources:
        g.add((ds, VOID.exampleResource, resource))
    _statistics(g, ds, stats, minter)
    for n, (graph, count) in enumerate(sorted((graphs or {}).items()), start=1):
        part = URIRef(f"{ds}#graph-{n}")  # one partition per named graph: a report's claims, or the vocabulary
        g.add((ds, VOID.subset, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, SD.name, URIRef(graph)))
        g.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))
        if graph.endswith(f"/{CURATION}"):
            for lang, text in READINGS_PARTITION.items():
                g.add((part, RDFS.comment, Literal(text, lang=lang)))
    if description_graph is not None:
        _uncounted(g, ds, description_graph)
    _service(g, ds, minter, endpoint)
    for dist in distributions:
        _distribution(g, ds, dist, minter, URIRef(dataset.licence))
    add_dcat_ap(g, ds, dataset)  # what DCAT-AP 3.0 asks of every distribution and service stated above
    return g


def _statistics(g: Graph, ds: URIRef, stats: Statistics, minter: Minter) -> None:
    g.add((ds, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(stats.distinct_subjects, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    namespaces = set(STANDARD_PREFIXES.values()) | {ontology_namespace(minter.base)}
    used = {str(ns) for ns in namespaces if any(t.startswith(str(ns)) for t in [*stats.properties, *stats.classes])}
    for ns in sorted(used):
        g.add((ds, VOID.vocabulary, URIRef(ns)))
    g.add((ds, VOID.classes, Literal(len(stats.classes), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(stats.properties), datatype=XSD.integer)))
    for n, (cls, count) in enumerate(sorted(stats.classes.items()), start=1):
        part = URIRef(f"{ds}#class-{n}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for n, (prop, count) in enumerate(sorted(stats.properties.items()), start=1):
        part = URIRef(f"{ds}#property-{n}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))


def _uncounted(g: Graph, ds: URIRef, description_graph: URIRef) -> None:
    """The description graph the endpoint serves beside the data: named, about the dataset, and said to be left out of the counts."""
    g.add((description_graph, FOAF.primaryTopic, ds))
    g.add((description_graph, RDFS.label, Literal("Mô tả bộ dữ liệu (void.ttl)", lang="vi")))
    g.add((description_graph, RDFS.label, Literal("Description of the dataset (void.ttl)", lang="en")))
    for lang, text in UNCOUNTED.items():
        g.add((ds, RDFS.comment, Literal(text.format(graph=description_graph), lang=lang)))


def _service(g: Graph, ds: URIRef, minter: Minter, endpoint: URIRef) -> None:
    service = minter.thing("service", "sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, RDF.type, SD.Service))
    g.add((service, RDFS.label, Literal("Điểm truy vấn SPARQL", lang="vi")))
    g.add((service, RDFS.label, Literal("SPARQL endpoint", lang="en")))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((ds, DCAT.accessService, service))


def _distribution(g: Graph, ds: URIRef, dist: Distribution, minter: Minter, licence: URIRef) -> None:
    iri = minter.thing("distribution", dist.filename.replace(".", "-").replace("/", "-"))
    url = minter.download(dist.filename)
    g.add((ds, DCAT.distribution, iri))
    g.add((iri, RDF.type, DCAT.Distribution))
    g.add((iri, RDFS.label, Literal(dist.filename)))
    g.add((iri, DCTERMS.title, Literal(dist.filename)))
    g.add((iri, DCAT.downloadURL, url))
    g.add((iri, DCAT.accessURL, url))
    add_distribution_rights(g, ds, iri, dist.role, dist.rights, licence)
    g.add((iri, DCAT.byteSize, Literal(dist.byte_size, datatype=XSD.integer)))
    checksum = URIRef(f"{iri}#checksum")
    g.add((iri, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(dist.sha256, datatype=XSD.hexBinary)))
    if dist.conforms_to:
        g.add((iri, DCTERMS.conformsTo, URIRef(dist.conforms_to)))
    if dist.compressed:
        g.add((iri, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
        g.add((iri, DCAT.packageFormat, URIRef(IANA + dist.media_type)))
        g.add((iri, DCAT.mediaType, URIRef(IANA + "application/gzip")))
    else:
        g.add((iri, DCAT.mediaType, URIRef(IANA + dist.media_type)))
        if dist.role == "dump":
            g.add((ds, VOID.dataDump, url))
