"""The vocabularies the graph uses: standard namespaces, and our own under the configured base."""

from __future__ import annotations

import functools

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SH, SKOS, TIME, VOID, XSD

CV = Namespace("http://data.europa.eu/m8g/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
LDQD = Namespace("http://www.w3.org/2016/05/ldqd#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")

#: Path of our ontology's namespace below the base IRI.
ONTOLOGY_PATH = "def/kg/"

STANDARD_PREFIXES: dict[str, Namespace] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "cv": CV,
    "schema": SCHEMA,
    "prov": PROV,
    "oa": OA,
    "qb": QB,
    "sdmx-dimension": SDMX_DIMENSION,
    "sdmx-measure": SDMX_MEASURE,
    "sdmx-attribute": SDMX_ATTRIBUTE,
    "dqv": DQV,
    "ldqd": LDQD,
    "dcat": DCAT,
    "void": VOID,
    "time": TIME,
    "sh": SH,
    "sd": SD,
    "spdx": SPDX,
}


def ontology_namespace(base: str) -> Namespace:
    """Our own terms (kg:) for a publication minted under `base`."""
    return Namespace(base + ONTOLOGY_PATH)


def prefixes(base: str) -> dict[str, str]:
    """Every prefix the publication declares, ours included, as prefix -> namespace IRI (a new dict each call)."""
    return dict(_prefix_items(base))


@functools.lru_cache(maxsize=16)
def _prefix_items(base: str) -> tuple[tuple[str, str], ...]:
    # Cached: the web server asks for every request, and str() of an rdflib namespace is not free.
    table = {p: str(ns) for p, ns in STANDARD_PREFIXES.items()}
    table["kg"] = str(ontology_namespace(base))
    table["id"] = base + "id/"
    return tuple(table.items())


def bind_all(graph, base: str) -> None:
    """Bind every prefix of the publication on an rdflib graph or dataset."""
    for prefix, ns in prefixes(base).items():
        graph.bind(prefix, ns, override=True, replace=True)
