"""What the real description (void.ttl) says of the dataset from dataset.yaml (issue 14 §1): the DCAT gaps closed.

A publishing organisation with a contact point, themes that are SKOS concepts, keywords in both
languages, the temporal coverage as a dct:PeriodOfTime, dct:issued and dct:modified, the version and
the citation; and the shapes of the description section of shapes/kg-shapes.ttl hold on it.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from kg.build.validate import load_shapes, validate
from kg.config import BuildConfig
from kg.iris import Minter
from kg.publication.dataset import load_dataset
from kg.publication.layout import read_manifest

from ..conftest import BASE

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
MINTER = Minter(BASE)
DATASET = MINTER.thing("dataset", "ict-reports")
PUBLISHER = MINTER.thing("agent", "kg")
GOVE = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
DESCRIPTION_SHAPES = {
    BASE + "def/shapes/" + name
    for name in (
        "CatalogDataset",
        "CatalogDataset-publisher",
        "CatalogDataset-contactPoint",
        "CatalogDataset-theme",
        "CatalogDataset-keyword",
        "CatalogDataset-temporal",
        "CatalogDataset-issued",
        "CatalogDataset-modified",
        "ContactPoint",
        "ContactPoint-name",
        "ContactPoint-email",
        "PeriodOfTime",
        "PeriodOfTime-start",
        "PeriodOfTime-end",
    )
}


@pytest.fixture(scope="module")
def void(built) -> Graph:
    return Graph().parse(built.path / "void.ttl", format="turtle")


@pytest.fixture(scope="module")
def described():
    return load_dataset(BuildConfig().data_dir)


def test_the_publisher_is_the_organisation_dataset_yaml_names_not_the_software(void, described):
    assert list(void.objects(DATASET, DCTERMS.publisher)) == [PUBLISHER]
    assert (PUBLISHER, RDF.type, FOAF.Organization) in void
    assert {str(label) for label in void.objects(PUBLISHER, RDFS.label)} == set(described.publisher.name.values())


def test_the_contact_point_is_a_vcard_organisation_with_a_mailto_address(void, described):
    [contact] = void.objects(DATASET, DCAT.contactPoint)
    assert {VCARD.Organization, VCARD.Kind} <= set(void.objects(contact, RDF.type))
    assert list(void.objects(contact, VCARD.hasEmail)) == [URIRef(f"mailto:{described.publisher.contact.email}")]
    assert {label.language for label in void.objects(contact, VCARD.fn)} == {"vi", "en"}


def test_the_themes_are_skos_concepts_of_the_eu_data_themes(void):
    assert GOVE in set(void.objects(DATASET, DCAT.theme))
    for theme in void.objects(DATASET, DCAT.theme):
        assert (theme, RDF.type, SKOS.Concept) in void
        assert (theme, SKOS.inScheme, URIRef("http://publications.europa.eu/resource/authority/data-theme")) in void
        assert {label.language for label in void.objects(theme, SKOS.prefLabel)} == {"vi", "en"}


def test_the_keywords_are_those_of_dataset_yaml_in_both_languages(void, described):
    found = {(str(w), w.language) for w in void.objects(DATASET, DCAT.keyword)}
    assert found == {(w, lang) for lang, words in described.keywords.items() for w in words}


def test_the_temporal_coverage_is_a_period_of_time_with_start_and_end_dates(void, described):
    [period] = void.objects(DATASET, DCTERMS.temporal)
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in void
    assert void.value(period, DCAT.startDate) == Literal(described.start.isoformat(), datatype=XSD.date)
    assert void.value(period, DCAT.endDate) == Literal(described.end.isoformat(), datatype=XSD.date)


def test_the_spatial_coverage_holds_the_declared_country_and_each_report_s_area(void):
    assert {MINTER.thing("place", "vietnam"), MINTER.thing("place", "binh-phuoc")} <= set(void.objects(DATASET, DCTERMS.spatial))


def test_issued_and_modified_are_the_dates_dataset_yaml_declares(void, described):
    assert list(void.objects(DATASET, DCTERMS.issued)) == [Literal(described.issued.isoformat(), datatype=XSD.date)]
    assert list(void.objects(DATASET, DCTERMS.modified)) == [Literal(described.modified.isoformat(), datatype=XSD.date)]


def test_the_citation_names_publisher_year_title_version_and_iri(built, void, described):
    version = read_manifest(built.path).version
    citations = {c.language: str(c) for c in void.objects(DATASET, DCTERMS.bibliographicCitation)}
    assert citations["en"] == (
        f"kg project (open-data team) ({described.modified.year}). {described.title['en']} [Data set], version {version}. {DATASET}"
    )
    assert citations["vi"].startswith(f"{described.publisher.name['vi']} ({described.modified.year}). {described.title['vi']}")
    assert list(void.objects(DATASET, URIRef(str(DCAT) + "version"))) == [Literal(version)]  # DCAT 3


def test_the_licence_is_a_licence_document_with_its_label(void, described):
    licence = URIRef(described.licence)
    assert list(void.objects(DATASET, DCTERMS.license)) == [licence]
    assert (licence, RDF.type, DCTERMS.LicenseDocument) in void and str(void.value(licence, RDFS.label)) == "CC BY 4.0"


def test_the_description_conforms_to_the_shapes_of_the_dataset_description(void, build_config):
    shapes = load_shapes(build_config.shapes_dir, BASE)
    violations = {(v.focus, v.path, v.shape) for v in validate(void, shapes).violations if v.shape in DESCRIPTION_SHAPES}
    assert violations == set()


def test_the_publisher_is_the_agent_the_curator_s_readings_are_attributed_to(published_quads, void):
    readings = [g for g in published_quads.graphs() if str(g.identifier).endswith("/curation")]
    assert readings, "the real data has curator's readings"
    for graph in readings:
        assert set(graph.objects(None, PROV.wasAttributedTo)) == {PUBLISHER}
        assert set(graph.objects(PUBLISHER, RDFS.label)) == set(void.objects(PUBLISHER, RDFS.label))
