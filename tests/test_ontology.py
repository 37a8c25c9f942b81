"""The vocabulary files: our ontology (kg.ttl), the SKOS code lists (codelists.ttl), the labels of standard terms (labels.ttl).

The files hold relative IRIs; they are parsed here against a base that is not the server's, so every
test also shows that the base the build passes is the one applied.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SKOS

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
BASE = "http://example.org/kgbase/"
KG = Namespace(BASE + "def/kg/")
ONTOLOGY = URIRef(BASE + "def/kg")
LANGUAGES = {"vi", "en"}

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SCHEMA = Namespace("https://schema.org/")
CV = Namespace("http://data.europa.eu/m8g/")
OA = Namespace("http://www.w3.org/ns/oa#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
LDQD = Namespace("http://www.w3.org/2016/05/ldqd#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
VANN = Namespace("http://purl.org/vocab/vann/")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")

#: The codes of each code list. Facts files refer to concepts by these codes: they must not drift.
CODES = {
    "admin-level": {"country", "province", "district", "commune", "all"},
    "service-level": {"level-1", "level-2", "level-3", "level-4"},
    "indicator": {
        "computers",
        "lan-coverage",
        "internet-coverage",
        "data-network-points",
        "public-services",
        "online-public-services",
        "document-management-deployments",
        "online-meeting-deployments",
        "web-portals",
        "portals-level-1-2",
        "portals-level-3",
    },
    "unit": {"computer", "percent", "connection-point", "service", "agency", "portal"},
    "organisation-kind": {
        "ministry",
        "government",
        "central-authorities",
        "department",
        "board",
        "delegation",
        "peoples-committee",
        "association",
        "agency-group",
        "universities",
    },
    "role": {"deputy-minister", "director", "head-of-delegation"},
    "credential": {"masters", "doctorate"},
    "document-kind": {"report"},
    "system-kind": {"document-management", "online-meeting", "one-stop-shop", "data-network"},
    "initiative-kind": {"open-source-software", "training"},
    "difficulty-kind": {"funding", "human-resources", "open-source-adoption", "email-use"},
}

CLASSES = {"Difficulty", "Recommendation", "Assessment", "InformationSystem", "Initiative", "Indicator", "AdministrativeLevel"}
PROPERTIES = {
    "indicator",
    "adminLevel",
    "population",
    "system",
    "serviceLevel",
    "presentedBy",
    "presentedAt",
    "deployedAt",
    "deploymentPhase",
    "proposedBy",
    "addressedTo",
    "respondsTo",
    "checkedPart",
    "partsSum",
}
METRICS = {"sumOfPartsMatchesTotal", "partNotAboveWhole"}
COMPONENTS = {
    "componentIndicator",
    "componentArea",
    "componentPeriod",
    "componentAdminLevel",
    "componentValue",
    "componentUnit",
    "componentPopulation",
    "componentSystem",
}
STRUCTURE = "indicatorStructure"

#: Standard terms the publication uses, each of which labels.ttl must name in both languages.
STANDARD_TERMS = [
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.definition,
    SKOS.notation,
    SKOS.inScheme,
    SKOS.topConceptOf,
    SKOS.hasTopConcept,
    SKOS.broader,
    SKOS.narrower,
    SKOS.closeMatch,
    SKOS.exactMatch,
    SKOS.relatedMatch,
    SKOS.note,
    SKOS.Concept,
    SKOS.ConceptScheme,
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.issued,
    DCTERMS.date,
    DCTERMS.publisher,
    DCTERMS.source,
    DCTERMS.language,
    DCTERMS.identifier,
    DCTERMS.type,
    DCTERMS.spatial,
    DCTERMS.license,
    DCTERMS.subject,
    ORG.FormalOrganization,
    ORG.Organization,
    ORG.OrganizationalUnit,
    ORG.Post,
    ORG.Role,
    ORG.subOrganizationOf,
    ORG.unitOf,
    ORG.hasUnit,
    ORG.linkedTo,
    ORG.postIn,
    ORG.heldBy,
    ORG.holds,
    ORG.role,
    ORG.classification,
    CV.PublicOrganisation,
    CV.spatial,
    SCHEMA.GovernmentOrganization,
    SCHEMA.Organization,
    SCHEMA.NGO,
    SCHEMA.Person,
    SCHEMA.Place,
    SCHEMA.AdministrativeArea,
    SCHEMA.Country,
    SCHEMA.Event,
    SCHEMA.NewsArticle,
    SCHEMA.Report,
    SCHEMA.name,
    SCHEMA.honorificPrefix,
    SCHEMA.address,
    SCHEMA.telephone,
    SCHEMA.email,
    SCHEMA.url,
    SCHEMA.containedInPlace,
    SCHEMA.about,
    SCHEMA.text,
    SCHEMA.description,
    SCHEMA.instructor,
    SCHEMA.hasCredential,
    SCHEMA.affiliation,
    SCHEMA.provider,
    SCHEMA.contentUrl,
    SCHEMA.publisher,
    SCHEMA.datePublished,
    SCHEMA.inLanguage,
    FOAF.Person,
    FOAF.Group,
    FOAF.name,
    FOAF.Document,
    PROV.Entity,
    PROV.Activity,
    PROV.Agent,
    PROV.wasDerivedFrom,
    PROV.wasAttributedTo,
    PROV.wasAssociatedWith,
    PROV.used,
    PROV.wasGeneratedBy,
    QB.Observation,
    QB.DataSet,
    QB.DataStructureDefinition,
    QB.dataSet,
    QB.structure,
    QB.component,
    QB.dimension,
    QB.measure,
    QB.attribute,
    QB.order,
    QB.codeList,
    QB.componentRequired,
    SDMX_DIMENSION.refArea,
    SDMX_DIMENSION.refPeriod,
    SDMX_MEASURE.obsValue,
    SDMX_ATTRIBUTE.unitMeasure,
    OA.Annotation,
    OA.SpecificResource,
    OA.TextQuoteSelector,
    OA.TextPositionSelector,
    OA.hasBody,
    OA.hasTarget,
    OA.hasSource,
    OA.hasSelector,
    OA.motivatedBy,
    OA.exact,
    OA.prefix,
    OA.suffix,
    OA.start,
    OA.end,
    DQV.QualityAnnotation,
    DQV.QualityMeasurement,
    DQV.Metric,
    DQV.hasQualityAnnotation,
    DQV.hasQualityMeasurement,
    DQV.computedOn,
    DQV.isMeasurementOf,
    DQV.value,
    DQV.inDimension,
    DCAT.Dataset,
    DCAT.Distribution,
    DCAT.distribution,
    DCAT.downloadURL,
    DCAT.mediaType,
    DCAT.byteSize,
    DCAT.accessURL,
    VOID.Dataset,
    VOID.sparqlEndpoint,
    VOID.dataDump,
    VOID.uriSpace,
    VOID.triples,
    VOID.vocabulary,
    VOID.exampleResource,
    OWL.Ontology,
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    RDFS.domain,
    RDFS.range,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.isDefinedBy,
    RDFS.seeAlso,
    OWL.sameAs,
]


def parse(name: str) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.parse(ONTOLOGY_DIR / name, format="turtle", publicID=BASE)
    return graph


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse("kg.ttl")


@pytest.fixture(scope="module")
def codelists() -> Graph:
    return parse("codelists.ttl")


@pytest.fixture(scope="module")
def labels() -> Graph:
    return parse("labels.ttl")


@pytest.fixture(scope="module")
def vocabulary(ontology, codelists, labels) -> Graph:
    """The three files together, as the build loads them."""
    return ontology + codelists + labels


def scheme(name: str) -> URIRef:
    return URIRef(f"{BASE}def/{name}")


def concept(scheme_name: str, code: str) -> URIRef:
    return URIRef(f"{BASE}def/{scheme_name}/{code}")


def kg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}


def languages(graph: Graph, subject, predicate) -> set[str]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language}


def lacking_languages(graph: Graph, subjects, predicate) -> list[str]:
    """The subjects (as text) that lack `predicate` in Vietnamese or English."""
    return sorted(str(s) for s in subjects if not LANGUAGES <= languages(graph, s, predicate))


def concepts_of(codelists: Graph) -> set[URIRef]:
    return set(codelists.subjects(RDF.type, SKOS.Concept))


def schemes_of(codelists: Graph) -> set[URIRef]:
    return set(codelists.subjects(RDF.type, SKOS.ConceptScheme))


# -- relative IRIs and the base ------------------------------------------------------------------


def test_relative_iris_resolve_against_the_base_given_at_parse_time(ontology, codelists):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert (KG.Difficulty, RDFS.isDefinedBy, ONTOLOGY) in ontology
    assert (scheme("indicator"), RDF.type, SKOS.ConceptScheme) in codelists
    assert (concept("indicator", "computers"), SKOS.inScheme, scheme("indicator")) in codelists


@pytest.mark.parametrize("name", ["kg.ttl", "codelists.ttl", "labels.ttl"])
def test_every_iri_under_the_base_is_under_def(name):
    graph = parse(name)
    ours = {term for triple in graph for term in triple if isinstance(term, URIRef) and term.startswith(BASE)}
    assert sorted(t for t in ours if not t.startswith(BASE + "def/")) == []


@pytest.mark.parametrize("name", ["kg.ttl", "codelists.ttl", "labels.ttl"])
def test_files_hold_no_absolute_iri_of_the_local_server_and_no_base_directive(name):
    text = (ONTOLOGY_DIR / name).read_text(encoding="utf-8")
    assert "127.0.0.1" not in text
    assert "localhost" not in text
    directives = [line for line in text.splitlines() if re.match(r"\s*@?base\b", line, re.IGNORECASE)]
    assert directives == []


@pytest.mark.parametrize("name", ["kg.ttl", "codelists.ttl", "labels.ttl"])
def test_files_have_no_blank_nodes(name):
    graph = parse(name)
    assert [t for t in graph if any(isinstance(term, BNode) for term in t)] == []


@pytest.mark.parametrize("name", ["kg.ttl", "codelists.ttl", "labels.ttl"])
def test_every_text_is_nfc_normalised(name):
    graph = parse(name)
    texts = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    assert sorted(t for t in texts if unicodedata.normalize("NFC", t) != t) == []


def test_ontology_and_code_lists_describe_only_our_own_iris(ontology, codelists):
    """Standard terms are reused, never redefined: every subject of kg.ttl and codelists.ttl is ours."""
    subjects = set(ontology.subjects()) | set(codelists.subjects())
    assert sorted(str(s) for s in subjects if not str(s).startswith(BASE + "def/")) == []


# -- the ontology --------------------------------------------------------------------------------


def test_ontology_has_title_and_description_in_both_languages(ontology):
    assert languages(ontology, ONTOLOGY, DCTERMS.title) >= LANGUAGES
    assert languages(ontology, ONTOLOGY, DCTERMS.description) >= LANGUAGES


def test_ontology_states_licence_version_and_preferred_prefix(ontology):
    assert (ONTOLOGY, DCTERMS.license, CC_BY) in ontology
    assert (ONTOLOGY, OWL.versionInfo, Literal("0.1.0")) in ontology
    assert (ONTOLOGY, VANN.preferredNamespacePrefix, Literal("kg")) in ontology


def test_ontology_points_to_the_standard_vocabularies_it_builds_on(ontology):
    seen = {str(o) for o in ontology.objects(ONTOLOGY, RDFS.seeAlso)}
    for vocabulary in (
        "http://www.w3.org/ns/org#",
        "https://schema.org/",
        "http://www.w3.org/ns/prov#",
        "http://purl.org/linked-data/cube",
        "http://www.w3.org/ns/dqv#",
        "http://www.w3.org/2004/02/skos/core",
    ):
        assert vocabulary in seen


def test_ontology_declares_exactly_the_agreed_terms(ontology):
    expected = {KG[name] for name in CLASSES | PROPERTIES | METRICS | COMPONENTS | {STRUCTURE}}
    assert kg_terms(ontology) == expected


def test_every_kg_term_has_a_label_in_vietnamese_and_english(ontology):
    assert lacking_languages(ontology, kg_terms(ontology), RDFS.label) == []


def test_every_kg_term_has_a_comment_in_vietnamese_and_english(ontology):
    assert lacking_languages(ontology, kg_terms(ontology), RDFS.comment) == []


def test_every_kg_term_is_defined_by_the_ontology(ontology):
    assert sorted(str(t) for t in kg_terms(ontology) if (t, RDFS.isDefinedBy, ONTOLOGY) not in ontology) == []


def test_every_kg_term_has_exactly_one_label_per_language(ontology):
    for term in kg_terms(ontology):
        tags = [o.language for o in ontology.objects(term, RDFS.label)]
        assert sorted(tags) == ["en", "vi"], term


def test_classes_are_owl_classes(ontology):
    assert sorted(str(c) for c in CLASSES if (KG[c], RDF.type, OWL.Class) not in ontology) == []


@pytest.mark.parametrize(
    "name, parent",
    [
        ("Difficulty", PROV.Entity),
        ("Recommendation", PROV.Entity),
        ("InformationSystem", PROV.Entity),
        ("Initiative", PROV.Activity),
        ("Indicator", SKOS.Concept),
        ("AdministrativeLevel", SKOS.Concept),
    ],
)
def test_class_specialises_a_standard_class(ontology, name, parent):
    assert (KG[name], RDFS.subClassOf, parent) in ontology


def test_properties_are_typed_as_object_or_datatype_properties(ontology):
    datatype = {"deploymentPhase", "partsSum"}
    for name in PROPERTIES:
        kind = OWL.DatatypeProperty if name in datatype else OWL.ObjectProperty
        assert (KG[name], RDF.type, kind) in ontology, name
        assert (KG[name], RDF.type, RDF.Property) in ontology, name


@pytest.mark.parametrize("name, code_list", [("indicator", "indicator"), ("adminLevel", "admin-level")])
def test_coded_dimension_points_to_its_code_list(ontology, codelists, name, code_list):
    assert (KG[name], RDF.type, QB.DimensionProperty) in ontology
    assert (KG[name], RDF.type, QB.CodedProperty) in ontology
    assert (KG[name], QB.codeList, scheme(code_list)) in ontology
    assert (scheme(code_list), RDF.type, SKOS.ConceptScheme) in codelists
    assert (KG[name], RDFS.range, SKOS.Concept) in ontology


@pytest.mark.parametrize("name", ["population", "system"])
def test_population_and_system_are_data_cube_attributes(ontology, name):
    assert (KG[name], RDF.type, QB.AttributeProperty) in ontology


def test_population_may_be_a_group_or_an_organisation(ontology):
    assert set(ontology.objects(KG.population, SCHEMA.rangeIncludes)) == {FOAF.Group, ORG.Organization}
    assert list(ontology.objects(KG.population, RDFS.range)) == []


@pytest.mark.parametrize(
    "name, domain, range_",
    [
        ("system", None, KG.InformationSystem),
        ("serviceLevel", KG.Indicator, SKOS.Concept),
        ("presentedBy", SCHEMA.Report, ORG.Post),
        ("presentedAt", SCHEMA.Report, SCHEMA.Event),
        ("deployedAt", KG.InformationSystem, None),
        ("deploymentPhase", KG.InformationSystem, XSD.integer),
        ("proposedBy", KG.Recommendation, None),
        ("addressedTo", KG.Recommendation, None),
        ("respondsTo", KG.Recommendation, KG.Difficulty),
        ("checkedPart", DQV.QualityMeasurement, QB.Observation),
        ("partsSum", DQV.QualityMeasurement, XSD.decimal),
    ],
)
def test_property_has_its_domain_and_range(ontology, name, domain, range_):
    if domain is not None:
        assert (KG[name], RDFS.domain, domain) in ontology
    if range_ is not None:
        assert (KG[name], RDFS.range, range_) in ontology


def test_a_recommendation_may_be_addressed_to_a_group_of_bodies(ontology):
    """“Trung ương” names no particular body: what a recommendation is addressed to may be a group."""
    assert set(ontology.objects(KG.addressedTo, SCHEMA.rangeIncludes)) == {ORG.Organization, FOAF.Group}
    assert list(ontology.objects(KG.addressedTo, RDFS.range)) == []


@pytest.mark.parametrize("name", ["deployedAt", "proposedBy"])
def test_place_or_organisation_properties_include_both_in_their_range(ontology, name):
    assert set(ontology.objects(KG[name], SCHEMA.rangeIncludes)) == {ORG.Organization, SCHEMA.Place}


@pytest.mark.parametrize("name", sorted(METRICS))
def test_metric_is_a_boolean_consistency_metric_with_definitions(ontology, name):
    metric = KG[name]
    assert (metric, RDF.type, DQV.Metric) in ontology
    assert (metric, DQV.expectedDataType, XSD.boolean) in ontology
    assert (metric, DQV.inDimension, LDQD.consistency) in ontology
    assert languages(ontology, metric, SKOS.definition) >= LANGUAGES


def test_structure_has_the_eight_component_specifications(ontology):
    assert (KG[STRUCTURE], RDF.type, QB.DataStructureDefinition) in ontology
    assert set(ontology.objects(KG[STRUCTURE], QB.component)) == {KG[c] for c in COMPONENTS}
    for component in COMPONENTS:
        assert (KG[component], RDF.type, QB.ComponentSpecification) in ontology


def test_structure_orders_indicator_area_period_and_level_as_dimensions(ontology):
    dimensions = {
        int(ontology.value(spec, QB.order)): ontology.value(spec, QB.dimension)
        for spec in ontology.objects(KG[STRUCTURE], QB.component)
        if ontology.value(spec, QB.dimension) is not None
    }
    assert dimensions == {1: KG.indicator, 2: SDMX_DIMENSION.refArea, 3: SDMX_DIMENSION.refPeriod, 4: KG.adminLevel}


def test_structure_measures_the_observation_value(ontology):
    assert (KG.componentValue, QB.measure, SDMX_MEASURE.obsValue) in ontology


@pytest.mark.parametrize(
    "component, attribute, required",
    [("componentUnit", SDMX_ATTRIBUTE.unitMeasure, True), ("componentPopulation", KG.population, False), ("componentSystem", KG.system, False)],
)
def test_structure_attribute_is_required_or_optional(ontology, component, attribute, required):
    assert (KG[component], QB.attribute, attribute) in ontology
    assert ontology.value(KG[component], QB.componentRequired).toPython() is required


# -- the code lists ------------------------------------------------------------------------------


def test_code_lists_are_exactly_the_agreed_schemes(codelists):
    assert schemes_of(codelists) == {scheme(name) for name in CODES}


@pytest.mark.parametrize("name", sorted(CODES))
def test_code_list_has_exactly_the_agreed_codes(codelists, name):
    members = set(codelists.subjects(SKOS.inScheme, scheme(name)))
    assert members == {concept(name, code) for code in CODES[name]}


def test_every_scheme_has_a_label_and_a_definition_in_both_languages(codelists):
    schemes = schemes_of(codelists)
    assert lacking_languages(codelists, schemes, SKOS.prefLabel) == []
    assert lacking_languages(codelists, schemes, SKOS.definition) == []


def test_every_scheme_is_published_under_cc_by(codelists):
    assert sorted(str(s) for s in schemes_of(codelists) if (s, DCTERMS.license, CC_BY) not in codelists) == []


def test_every_concept_has_a_preferred_label_in_both_languages(codelists):
    assert lacking_languages(codelists, concepts_of(codelists), SKOS.prefLabel) == []


def test_every_concept_has_one_preferred_label_per_language(codelists):
    for c in concepts_of(codelists):
        assert sorted(o.language for o in codelists.objects(c, SKOS.prefLabel)) == ["en", "vi"], c


def test_every_concept_has_a_definition_in_both_languages(codelists):
    assert lacking_languages(codelists, concepts_of(codelists), SKOS.definition) == []


def test_every_concept_has_one_plain_string_notation(codelists):
    for c in concepts_of(codelists):
        notations = list(codelists.objects(c, SKOS.notation))
        assert len(notations) == 1, c
        assert notations[0].datatype is None and notations[0].language is None, c


def test_notation_is_the_code_except_for_service_levels(codelists):
    for c in concepts_of(codelists):
        name, code = str(c)[len(BASE + "def/") :].split("/")
        if name != "service-level":
            assert str(codelists.value(c, SKOS.notation)) == code


def test_service_levels_are_numbered_one_to_four(codelists):
    notations = {code: str(codelists.value(concept("service-level", code), SKOS.notation)) for code in CODES["service-level"]}
    assert notations == {"level-1": "1", "level-2": "2", "level-3": "3", "level-4": "4"}


def test_every_concept_is_in_its_scheme_and_a_top_concept_of_it(codelists):
    for name, codes in CODES.items():
        for code in codes:
            c, s = concept(name, code), scheme(name)
            assert (c, RDF.type, SKOS.Concept) in codelists, c
            assert (c, SKOS.inScheme, s) in codelists, c
            assert (c, SKOS.topConceptOf, s) in codelists, c
            assert (s, SKOS.hasTopConcept, c) in codelists, c


def test_schemes_list_no_top_concept_of_another_scheme(codelists):
    for s in schemes_of(codelists):
        for c in codelists.objects(s, SKOS.hasTopConcept):
            assert (c, SKOS.inScheme, s) in codelists, c


@pytest.mark.parametrize("level", sorted(CODES["service-level"]))
def test_service_level_cites_decree_43_article_3(codelists, level):
    sources = {(str(o), o.language) for o in codelists.objects(concept("service-level", level), DCTERMS.source)}
    assert sources == {("Nghị định 43/2011/NĐ-CP, Điều 3", "vi"), ("Decree 43/2011/ND-CP, Article 3", "en")}


@pytest.mark.parametrize(
    "narrower, broader", [("online-public-services", "public-services"), ("portals-level-1-2", "web-portals"), ("portals-level-3", "web-portals")]
)
def test_indicator_breakdown_is_narrower_than_its_total(codelists, narrower, broader):
    assert (concept("indicator", narrower), SKOS.broader, concept("indicator", broader)) in codelists
    assert (concept("indicator", broader), SKOS.narrower, concept("indicator", narrower)) in codelists


def test_only_breakdowns_have_broader_indicators(codelists):
    with_broader = {s for s in codelists.subjects(SKOS.broader, None)}
    assert with_broader == {concept("indicator", c) for c in ("online-public-services", "portals-level-1-2", "portals-level-3")}


@pytest.mark.parametrize("indicator, levels", [("portals-level-1-2", {"level-1", "level-2"}), ("portals-level-3", {"level-3"})])
def test_portal_indicator_names_the_service_levels_it_counts(codelists, indicator, levels):
    found = set(codelists.objects(concept("indicator", indicator), KG.serviceLevel))
    assert found == {concept("service-level", level) for level in levels}


def in_language(graph: Graph, subject, predicate, lang: str) -> str:
    return " ".join(str(o) for o in graph.objects(subject, predicate) if getattr(o, "language", None) == lang)


def test_service_levels_say_that_a_portal_is_classed_by_its_highest_level(codelists):
    """The levels are cumulative: the code list says how a count "at level n" reads, for every report."""
    for prop in (SKOS.definition, SKOS.note):
        assert "highest level" in in_language(codelists, scheme("service-level"), prop, "en"), prop
        assert "mức cao nhất" in in_language(codelists, scheme("service-level"), prop, "vi"), prop
    assert "do not overlap" in in_language(codelists, scheme("service-level"), SKOS.note, "en")


@pytest.mark.parametrize("indicator", ["portals-level-1-2", "portals-level-3"])
def test_portal_breakdowns_count_portals_by_their_highest_level(codelists, indicator):
    c = concept("indicator", indicator)
    assert "highest" in in_language(codelists, c, SKOS.prefLabel, "en")
    assert "cao nhất" in in_language(codelists, c, SKOS.prefLabel, "vi")
    assert "overlaps no other part" in in_language(codelists, c, SKOS.definition, "en")
    assert "không trùng" in in_language(codelists, c, SKOS.definition, "vi")


def test_the_service_level_property_links_an_indicator_to_the_highest_level_it_counts(ontology):
    assert "highest" in in_language(ontology, KG.serviceLevel, RDFS.comment, "en")
    assert "cao nhất" in in_language(ontology, KG.serviceLevel, RDFS.comment, "vi")


@pytest.mark.parametrize("indicator", ["document-management-deployments", "online-meeting-deployments"])
def test_deployment_indicators_say_deployed_for_trien_khai(codelists, indicator):
    label = in_language(codelists, concept("indicator", indicator), SKOS.prefLabel, "en")
    assert "deployed" in label and "using" not in label and "holding" not in label
    assert "triển khai" in in_language(codelists, concept("indicator", indicator), SKOS.prefLabel, "vi")


def test_the_population_example_keeps_the_lan_figure_s_wording(ontology):
    """The 100 % LAN figure counts “các Sở, Ngành tỉnh và UBND”: the article does not say which People's Committees."""
    en = in_language(ontology, KG.population, RDFS.comment, "en")
    assert "does not say which People's Committees" in en
    assert "district People's Committees in “100%" not in en
    assert "không nói rõ Ủy ban nhân dân cấp nào" in in_language(ontology, KG.population, RDFS.comment, "vi")


def test_the_central_authorities_are_a_generic_reference_not_a_formal_organisation(codelists):
    definition = in_language(codelists, concept("organisation-kind", "central-authorities"), SKOS.definition, "en")
    assert "generic reference" in definition and "not as a formal organisation" in definition


@pytest.mark.parametrize("name, cls", [("indicator", KG.Indicator), ("admin-level", KG.AdministrativeLevel)])
def test_dimension_codes_are_members_of_their_data_cube_class(codelists, name, cls):
    assert set(codelists.subjects(RDF.type, cls)) == {concept(name, code) for code in CODES[name]}


def test_roles_are_org_roles(codelists):
    assert set(codelists.subjects(RDF.type, ORG.Role)) == {concept("role", code) for code in CODES["role"]}


def test_percent_is_the_qudt_percent(codelists):
    assert (concept("unit", "percent"), SKOS.exactMatch, URIRef("http://qudt.org/vocab/unit/PERCENT")) in codelists


def test_admin_levels_are_defined_by_the_units_of_the_2012_tiers(codelists):
    def definition(code: str) -> str:
        return next(str(o) for o in codelists.objects(concept("admin-level", code), SKOS.definition) if o.language == "vi")

    assert all(unit in definition("province") for unit in ("tỉnh", "thành phố trực thuộc trung ương"))
    assert all(unit in definition("district") for unit in ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh"))
    assert all(unit in definition("commune") for unit in ("xã", "phường", "thị trấn"))


# -- the labels of standard terms ---------------------------------------------------------------


def test_labels_file_holds_only_labels_of_standard_terms(labels):
    assert set(labels.predicates()) == {RDFS.label}
    assert sorted(str(s) for s in labels.subjects() if str(s).startswith(BASE)) == []


def test_labels_give_every_subject_both_languages(labels):
    assert lacking_languages(labels, set(labels.subjects()), RDFS.label) == []


def test_labels_give_every_subject_one_label_per_language(labels):
    for subject in set(labels.subjects()):
        assert sorted(o.language for o in labels.objects(subject, RDFS.label)) == ["en", "vi"], subject


@pytest.mark.parametrize("term", STANDARD_TERMS, ids=lambda t: str(t))
def test_standard_term_is_labelled_in_both_languages(labels, term):
    assert languages(labels, term, RDFS.label) >= LANGUAGES


def test_every_property_and_class_the_vocabulary_files_use_is_labelled(vocabulary, ontology, codelists):
    used = set(ontology.predicates()) | set(codelists.predicates())
    used |= {o for g in (ontology, codelists) for o in g.objects(None, RDF.type)}
    assert lacking_languages(vocabulary, used, RDFS.label) == []


def test_required_labels_read_as_agreed(labels):
    assert Literal("thuộc tổ chức", lang="vi") in set(labels.objects(ORG.postIn, RDFS.label))
    assert Literal("post in", lang="en") in set(labels.objects(ORG.postIn, RDFS.label))
    assert Literal("giá trị", lang="vi") in set(labels.objects(SDMX_MEASURE.obsValue, RDFS.label))
    assert Literal("value", lang="en") in set(labels.objects(SDMX_MEASURE.obsValue, RDFS.label))
