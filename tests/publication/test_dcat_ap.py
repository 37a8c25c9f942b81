"""The published description (void.ttl) carries what DCAT-AP 3.0 makes mandatory, and what it recommends where the data has it.

Followed: DCAT-AP 3.0.0 (SEMIC, https://semiceu.github.io/DCAT-AP/releases/3.0.0/), as its SHACL
shapes state it: `shapes.ttl` (sh:minCount 1, severity Violation: mandatory) and
`shapes_recommended.ttl` (sh:minCount 1, severity Warning: recommended).

- Dataset, mandatory: dct:title, dct:description.
- Dataset, recommended: dcat:contactPoint, dcat:distribution, dcat:keyword, dct:publisher,
  dct:spatial, dct:temporal, dcat:theme.
- Distribution, mandatory: dcat:accessURL.
- Distribution, recommended: dct:description, dct:format, dct:license (dcatap:availability is
  not stated: the data says nothing of planned availability).
- Data Service, mandatory: dct:title, dcat:endpointURL.
- Also asked by the issue, where the data has them: dcat:mediaType, dcat:downloadURL, dct:issued
  and dct:modified on the dataset and on each distribution.

A source text's file is not the team's to license: it states its own dct:rights instead of a
dct:license (kg.publication.rights), so for it the test asks for the rights statement.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from kg.config import BuildConfig
from kg.iris import Minter
from kg.publication.dataset import load_dataset
from kg.publication.dcat_ap import EU_FILE_TYPE, add_dcat_ap

from ..conftest import BASE

DATASET = Minter(BASE).thing("dataset", "ict-reports")
DATASET_MANDATORY = (DCTERMS.title, DCTERMS.description)
DATASET_RECOMMENDED = (DCAT.contactPoint, DCAT.distribution, DCAT.keyword, DCTERMS.publisher, DCTERMS.spatial, DCTERMS.temporal, DCAT.theme)
DATASET_DATES = (DCTERMS.issued, DCTERMS.modified)
DISTRIBUTION_MANDATORY = (DCAT.accessURL,)
DISTRIBUTION_RECOMMENDED = (DCTERMS.description, DCTERMS.format)
DISTRIBUTION_ALSO = (DCAT.mediaType, DCAT.downloadURL, DCTERMS.issued, DCTERMS.modified)
SERVICE_MANDATORY = (DCTERMS.title, DCAT.endpointURL)


@pytest.fixture(scope="module")
def void(built) -> Graph:
    return Graph().parse(built.path / "void.ttl", format="turtle")


@pytest.fixture(scope="module")
def distributions(void) -> list:
    found = sorted(void.objects(DATASET, DCAT.distribution))
    assert found, "the dataset has no distribution"
    return found


def missing(graph: Graph, subject, predicates) -> list[str]:
    return [graph.namespace_manager.normalizeUri(p) for p in predicates if graph.value(subject, p) is None]


def test_the_dataset_has_every_mandatory_and_recommended_property(void):
    assert (DATASET, RDF.type, DCAT.Dataset) in void
    assert missing(void, DATASET, DATASET_MANDATORY + DATASET_RECOMMENDED + DATASET_DATES) == []


def test_the_dataset_title_and_description_are_in_both_languages(void):
    for predicate in DATASET_MANDATORY:
        assert sorted(o.language for o in void.objects(DATASET, predicate)) == ["en", "vi"]


def test_every_distribution_has_its_mandatory_and_recommended_properties(void, distributions):
    gaps = {str(d): missing(void, d, DISTRIBUTION_MANDATORY + DISTRIBUTION_RECOMMENDED + DISTRIBUTION_ALSO) for d in distributions}
    assert {d: gap for d, gap in gaps.items() if gap} == {}


def test_every_distribution_has_a_licence_or_for_a_source_text_its_own_rights(void, distributions):
    unlicensed = [str(d) for d in distributions if void.value(d, DCTERMS.license) is None and void.value(d, DCTERMS.rights) is None]
    assert unlicensed == []
    assert any(void.value(d, DCTERMS.license) is not None for d in distributions)


def test_every_distribution_is_described_in_both_languages(void, distributions):
    languages = {str(d): sorted(o.language for o in void.objects(d, DCTERMS.description)) for d in distributions}
    assert {d: langs for d, langs in languages.items() if langs != ["en", "vi"]} == {}


def test_the_formats_are_terms_of_the_eu_file_type_table(void, distributions):
    formats = {str(void.value(d, DCAT.downloadURL)).rsplit("/", 1)[-1]: str(void.value(d, DCTERMS.format)) for d in distributions}
    assert formats["kg.ttl"] == EU_FILE_TYPE + "RDF_TURTLE"
    assert formats["kg.nq"] == EU_FILE_TYPE + "RDF_N_QUADS"
    assert formats["kg.ttl.gz"] == EU_FILE_TYPE + "GZIP"


def test_a_distribution_s_dates_are_the_dates_dataset_yaml_declares(void, distributions):
    described = load_dataset(BuildConfig().data_dir)
    assert {void.value(d, DCTERMS.modified) for d in distributions} == {Literal(described.modified.isoformat(), datatype=XSD.date)}
    assert {void.value(d, DCTERMS.issued) for d in distributions} == {Literal(described.issued.isoformat(), datatype=XSD.date)}


def test_the_sparql_service_has_its_mandatory_properties(void):
    services = list(void.subjects(RDF.type, DCAT.DataService))
    assert services
    assert {str(s): missing(void, s, SERVICE_MANDATORY) for s in services} == {str(s): [] for s in services}


def test_a_distribution_stated_by_another_module_gets_the_same_properties():
    """add_dcat_ap works on whatever distributions the graph holds (the figures' CSV, say), not on a list of its own."""
    described = load_dataset(BuildConfig().data_dir)
    g = Graph()
    dist = Minter(BASE).thing("distribution", "figures-csv")
    g.add((DATASET, DCAT.distribution, dist))
    g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/text/csv")))
    add_dcat_ap(g, DATASET, described)
    assert g.value(dist, DCTERMS.format) == URIRef(EU_FILE_TYPE + "CSV")
    assert sorted(o.language for o in g.objects(dist, DCTERMS.description)) == ["en", "vi"]
