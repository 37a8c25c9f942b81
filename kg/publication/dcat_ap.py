"""What DCAT-AP 3.0 asks of the description beyond what void.py and catalog.py already state.

DCAT-AP 3.0.0 (SEMIC, the SHACL shapes of the release: shapes.ttl for the mandatory properties,
shapes_recommended.ttl for the recommended ones) makes `dct:title` and `dct:description` mandatory
for a Dataset, `dcat:accessURL` for a Distribution, `dct:title` and `dcat:endpointURL` for a Data
Service; it recommends for a Distribution `dct:format`, `dct:description` and `dct:license`. This
module adds, to every distribution the description already states (whichever module stated it: the
dumps, the description, the figures' CSV...), the format (a term of the EU file-type authority
table, or the IANA media type for a type that table lacks), a description in each language, and
`dct:issued` / `dct:modified` (the dataset's declared dates: a build's clock would make different
bytes of the same version); and to every data service a `dct:title` in the languages of its label.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from kg.publication.dataset import LANGS, DatasetDescription

IANA = "https://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
#: media type -> (EU file-type code, the format's name in descriptions)
FILE_TYPES = {
    "text/turtle": ("RDF_TURTLE", "Turtle"),
    "application/n-triples": ("RDF_N_TRIPLES", "N-Triples"),
    "application/n-quads": ("RDF_N_QUADS", "N-Quads"),
    "application/trig": ("RDF_TRIG", "TriG"),
    "application/ld+json": ("JSON_LD", "JSON-LD"),
    "application/rdf+xml": ("RDF_XML", "RDF/XML"),
    "text/csv": ("CSV", "CSV"),
    "application/csvm+json": ("JSON", "CSVW JSON"),
    "application/json": ("JSON", "JSON"),
    "text/plain": ("TXT", "text"),
    "application/gzip": ("GZIP", "gzip"),
}
DUMP_TEXT = {"vi": "Toàn bộ dữ liệu của bộ dữ liệu, định dạng {fmt}{gz}", "en": "The whole dataset in {fmt}{gz}"}
FILE_TEXT = {"vi": "Tệp {name} của bộ dữ liệu, định dạng {fmt}{gz}", "en": "The file {name} of the dataset, in {fmt}{gz}"}
GZIP_TEXT = {"vi": " (nén gzip)", "en": " (gzip-compressed)"}


def file_format(media_type: str) -> URIRef:
    """The dct:format of a media type: its EU file-type term, else its IANA IRI."""
    known = FILE_TYPES.get(media_type)
    return URIRef(EU_FILE_TYPE + known[0]) if known else URIRef(IANA + media_type)


def format_name(media_type: str) -> str:
    """The name of a format in a description ('Turtle'), the media type itself when unknown."""
    known = FILE_TYPES.get(media_type)
    return known[1] if known else media_type


def add_dcat_ap(g: Graph, ds: URIRef, description: DatasetDescription) -> None:
    """Add to `g` what DCAT-AP 3.0 asks (or recommends) that the distributions and services of `ds` lack."""
    issued = Literal(description.issued.isoformat(), datatype=XSD.date)
    modified = Literal(description.modified.isoformat(), datatype=XSD.date)
    dumps = set(g.objects(ds, VOID.dataDump))
    for dist in sorted(g.objects(ds, DCAT.distribution)):
        media = _media_type(g, dist, DCAT.mediaType)
        if media is None:
            continue
        packaged = _media_type(g, dist, DCAT.packageFormat)
        g.add((dist, DCTERMS.format, file_format(media)))
        g.add((dist, DCTERMS.issued, issued))
        g.add((dist, DCTERMS.modified, modified))
        name = str(g.value(dist, RDFS.label) or dist)
        is_dump = any(url in dumps for url in g.objects(dist, DCAT.downloadURL)) or (packaged is not None and _is_dump_copy(name, dumps))
        for lang in LANGS:
            gz = GZIP_TEXT[lang] if packaged is not None else ""
            template = DUMP_TEXT if is_dump else FILE_TEXT
            g.add((dist, DCTERMS.description, Literal(template[lang].format(fmt=format_name(packaged or media), gz=gz, name=name), lang=lang)))
    for service in sorted(g.subjects(RDF.type, DCAT.DataService)):
        for label in g.objects(service, RDFS.label):
            g.add((service, DCTERMS.title, label))


def _media_type(g: Graph, dist: URIRef, predicate: URIRef) -> str | None:
    value = g.value(dist, predicate)
    return str(value).removeprefix(IANA) if value is not None else None


def _is_dump_copy(name: str, dumps: set) -> bool:
    """Whether a compressed file is the gzip copy of a dump (`kg.ttl.gz` of `kg.ttl`)."""
    return any(str(url).endswith("/" + name.removesuffix(".gz")) for url in dumps)
