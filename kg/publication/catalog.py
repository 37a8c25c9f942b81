"""What DCAT says of the dataset from its team's description (dataset.yaml): who, what about, where, when, how to cite.

- the publisher, a `foaf:Organization` (<base>id/agent/<id>), with its contact point, a
  `vcard:Organization` (<agent>#contact) with `vcard:hasEmail` (a mailto: IRI) and `vcard:fn`;
- the themes, `skos:Concept`s in their scheme (e.g. the EU data themes), and the keywords (vi, en);
- the coverage: `dct:spatial` the declared places and every report's area, `dct:temporal` a
  `dct:PeriodOfTime` (<dataset>#period) with `dcat:startDate` and `dcat:endDate`;
- `dct:issued` and `dct:modified` as declared (dates, so that the same inputs give the same bytes:
  a build's clock would make a new void.ttl of the same version), `dcat:version` the version id;
- `dct:bibliographicCitation` in each language (`citation`): publisher, year, title, version, IRI.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from kg.iris import Minter
from kg.publication.dataset import LANGS, DatasetDescription

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; rdflib's DCAT namespace is DCAT 2
DATA_SET = {"vi": "Bộ dữ liệu", "en": "Data set"}
VERSION = {"vi": "phiên bản", "en": "version"}


def publisher_iri(minter: Minter, description: DatasetDescription) -> URIRef:
    """The publishing organisation's IRI: the agent the curator's readings are attributed to too."""
    return minter.thing("agent", description.publisher.id)


def citation(description: DatasetDescription, version: str, url: str, lang: str) -> str:
    """How to cite this version of the dataset: `Publisher (year). Title [Data set], version v. url`."""
    year = description.modified.year
    return f"{description.publisher.name[lang]} ({year}). {description.title[lang]} [{DATA_SET[lang]}], {VERSION[lang]} {version}. {url}"


def add_catalog(g: Graph, ds: URIRef, description: DatasetDescription, minter: Minter, version: str, areas: list[URIRef]) -> None:
    """The DCAT statements of `description` about the dataset `ds`, with the reports' `areas` as spatial coverage."""
    g.bind("vcard", VCARD)
    for lang in LANGS:
        g.add((ds, DCTERMS.title, Literal(description.title[lang], lang=lang)))
        g.add((ds, RDFS.label, Literal(description.title[lang], lang=lang)))
        g.add((ds, DCTERMS.description, Literal(description.description[lang], lang=lang)))
        for word in description.keywords[lang]:
            g.add((ds, DCAT.keyword, Literal(word, lang=lang)))
        g.add((ds, DCTERMS.bibliographicCitation, Literal(citation(description, version, str(ds), lang), lang=lang)))
    _publisher(g, ds, description, minter)
    for theme in description.themes:
        concept = URIRef(theme.iri)
        g.add((ds, DCAT.theme, concept))
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, URIRef(theme.scheme)))
        g.add((URIRef(theme.scheme), RDF.type, SKOS.ConceptScheme))
        for lang in LANGS:
            g.add((concept, SKOS.prefLabel, Literal(theme.label[lang], lang=lang)))
    for place in description.spatial:
        g.add((ds, DCTERMS.spatial, URIRef(place) if ":" in place else minter.thing("place", place)))
    for area in areas:
        g.add((ds, DCTERMS.spatial, area))
    period = URIRef(f"{ds}#period")
    g.add((ds, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal(description.start.isoformat(), datatype=XSD.date)))
    g.add((period, DCAT.endDate, Literal(description.end.isoformat(), datatype=XSD.date)))
    g.add((ds, DCTERMS.issued, Literal(description.issued.isoformat(), datatype=XSD.date)))
    g.add((ds, DCTERMS.modified, Literal(description.modified.isoformat(), datatype=XSD.date)))
    g.add((ds, DCAT_VERSION, Literal(version)))


def _publisher(g: Graph, ds: URIRef, description: DatasetDescription, minter: Minter) -> None:
    """The publishing organisation and its contact point (a vcard:Organization)."""
    publisher, about = publisher_iri(minter, description), description.publisher
    contact = URIRef(f"{publisher}#contact")
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((ds, DCAT.contactPoint, contact))
    for cls in (FOAF.Agent, FOAF.Organization):
        g.add((publisher, RDF.type, cls))
    for lang in LANGS:
        g.add((publisher, RDFS.label, Literal(about.name[lang], lang=lang)))
        g.add((publisher, FOAF.name, Literal(about.name[lang], lang=lang)))
    if about.homepage:
        g.add((publisher, FOAF.homepage, URIRef(about.homepage)))
    for cls in (VCARD.Organization, VCARD.Kind):
        g.add((contact, RDF.type, cls))
    for lang in LANGS:
        g.add((contact, VCARD.fn, Literal(about.contact.name[lang], lang=lang)))
        g.add((contact, RDFS.label, Literal(about.contact.name[lang], lang=lang)))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{about.contact.email}")))
    if about.contact.url:
        g.add((contact, VCARD.hasURL, URIRef(about.contact.url)))
