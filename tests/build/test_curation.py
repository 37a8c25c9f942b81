"""The curator's readings are kept apart from the report's claims (graph/{report}/curation).

A field that facts.yaml marks under `readings` states what the curator infers, not what the report
says: every triple it makes is published in the report's curation graph, described there as an
rdf:Statement with its reason and the quotes it reads from, and never in the report's own graph.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, VOID, XSD

from kg.build.graph import BuildError
from kg.build.report import ReportBuilder, ReportSettings
from kg.config import BuildConfig
from kg.namespaces import OA, SD
from kg.publication.dataset import load_dataset
from kg.publication.layout import read_manifest
from tests.build.small_reports import quote_in, report_graphs
from tests.conftest import BASE

REAL = "binh-phuoc-2012-ict"
CLAIMS = URIRef(BASE + f"graph/{REAL}")
CURATION = URIRef(BASE + f"graph/{REAL}/curation")
AGENT = URIRef(BASE + "id/agent/kg")
KG = BASE + "def/kg/"


def org(slug: str) -> URIRef:
    return URIRef(BASE + f"id/organisation/{slug}")


def recommendation(slug: str) -> URIRef:
    return URIRef(BASE + f"id/recommendation/{REAL}/{slug}")


def difficulty(slug: str) -> URIRef:
    return URIRef(BASE + f"id/difficulty/{REAL}/{slug}")


NETWORK = URIRef(BASE + f"id/system/{REAL}/specialised-data-network")
DIRECTORS_REPORT = URIRef(BASE + f"id/document/{REAL}/dic-director-report")
SKOS_ALT = URIRef("http://www.w3.org/2004/02/skos/core#altLabel")
SCHEMA_PROVIDER = URIRef("https://schema.org/provider")
SCHEMA_TEXT = URIRef("https://schema.org/text")

#: what data/reports/binh-phuoc-2012-ict/facts.yaml marks as readings, as the triples it makes
REAL_READINGS = {
    (org("binh-phuoc-dic"), ORG.subOrganizationOf, org("binh-phuoc-peoples-committee")),
    (org("binh-phuoc-dic"), ORG.linkedTo, org("mic")),
    (org("binh-phuoc-dpi"), ORG.subOrganizationOf, org("binh-phuoc-peoples-committee")),
    (org("economic-zone-board"), ORG.subOrganizationOf, org("binh-phuoc-peoples-committee")),
    (NETWORK, SKOS_ALT, Literal("Mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước", lang="vi")),
    (NETWORK, SKOS_ALT, Literal("Specialised data transmission network of Party and State agencies", lang="en")),
    (NETWORK, SCHEMA_PROVIDER, org("government")),
    (recommendation("annual-it-funding-regulation"), URIRef(KG + "respondsTo"), difficulty("funding")),
    (recommendation("it-staff-support-policy"), URIRef(KG + "respondsTo"), difficulty("human-resources")),
    (recommendation("it-application-guidance"), URIRef(KG + "respondsTo"), difficulty("open-source-adoption")),
    (recommendation("it-application-guidance"), URIRef(KG + "respondsTo"), difficulty("email-use")),
    # the later paragraph (difficulties, the province's proposals) names no source again: credited by the curator
    *(
        (finding, PROV.hadPrimarySource, DIRECTORS_REPORT)
        for finding in (
            difficulty("funding"),
            difficulty("human-resources"),
            difficulty("open-source-adoption"),
            difficulty("email-use"),
            recommendation("annual-it-funding-regulation"),
            recommendation("it-staff-support-policy"),
            recommendation("it-application-guidance"),
        )
    ),
}


# -- the real build ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(published_quads) -> Dataset:
    """The published named graphs, read back from the N-Quads dump."""
    return published_quads


@pytest.fixture(scope="module")
def curation(dataset) -> Graph:
    return dataset.graph(CURATION)


@pytest.fixture(scope="module")
def claims(dataset) -> Graph:
    return dataset.graph(CLAIMS)


def statement_of(graph: Graph, triple) -> URIRef:
    """The one rdf:Statement of `graph` that describes `triple`."""
    s, p, o = triple
    [statement] = [st for st in graph.subjects(RDF.subject, s) if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph]
    return statement


def test_every_triple_a_marked_field_makes_is_in_the_curation_graph_and_not_in_the_reports(curation, claims):
    assert {t for t in REAL_READINGS if t in curation} == REAL_READINGS
    assert {t for t in REAL_READINGS if t in claims} == set()


def test_the_unmarked_fields_of_an_entry_with_readings_stay_in_the_reports_graph(curation, claims):
    dic = org("binh-phuoc-dic")
    stays = {
        (dic, RDFS.label, Literal("Sở Thông tin và Truyền thông tỉnh Bình Phước", lang="vi")),
        (dic, SKOS_ALT, Literal("Bình Phước DIC", lang="en")),
        (dic, URIRef("http://data.europa.eu/m8g/spatial"), URIRef(BASE + "id/place/binh-phuoc")),
        (NETWORK, RDFS.label, Literal("Government specialised data transmission network", lang="en")),
        (recommendation("it-application-guidance"), URIRef(KG + "addressedTo"), org("central-authorities")),
    }
    assert {t for t in stays if t in claims} == stays
    assert {t for t in stays if t in curation} == set()
    # and the entry's own evidence stays the evidence of a claim, motivated by describing
    annotation = URIRef(BASE + f"id/annotation/{REAL}/binh-phuoc-dic-1")
    assert (annotation, OA.hasBody, dic) in claims
    assert (annotation, OA.motivatedBy, OA.describing) in claims


def test_each_reading_is_a_statement_of_its_triple_with_a_reason_in_both_languages_attributed_to_the_publisher(curation):
    for triple in REAL_READINGS:
        statement = statement_of(curation, triple)
        assert (statement, RDF.type, RDF.Statement) in curation
        assert (statement, PROV.wasAttributedTo, AGENT) in curation
        reasons = {c.language: str(c) for c in curation.objects(statement, RDFS.comment)}
        assert sorted(reasons) == ["en", "vi"], triple
        assert all(r.strip() for r in reasons.values())
    part_of = statement_of(curation, (org("binh-phuoc-dic"), ORG.subOrganizationOf, org("binh-phuoc-peoples-committee")))
    [reason] = [c for c in curation.objects(part_of, RDFS.comment) if c.language == "en"]
    assert str(reason).startswith("The article does not say that the Department of Information and Communications")


def test_a_field_of_two_triples_makes_two_statements_sharing_the_reading(curation):
    vi, en = (statement_of(curation, t) for t in sorted((t for t in REAL_READINGS if t[1] == SKOS_ALT), key=lambda t: t[2].language, reverse=True))
    assert vi != en
    assert set(curation.objects(vi, RDFS.comment)) == set(curation.objects(en, RDFS.comment))


def test_each_readings_quotes_are_commenting_annotations_whose_words_stand_in_the_text(curation, claims, built):
    document = URIRef(BASE + f"id/document/{REAL}")
    text = str(claims.value(document, SCHEMA_TEXT))
    assert text == (built.path / "sources" / f"{REAL}.txt").read_text(encoding="utf-8")
    for triple in REAL_READINGS:
        statement = statement_of(curation, triple)
        annotations = list(curation.subjects(OA.hasBody, statement))
        assert annotations, triple
        for annotation in annotations:
            assert list(curation.objects(annotation, OA.motivatedBy)) == [OA.commenting]
            target = curation.value(annotation, OA.hasTarget)
            assert curation.value(target, OA.hasSource) == document
            selectors = set(curation.objects(target, OA.hasSelector))
            [quote] = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in curation]
            [position] = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in curation]
            start, end = int(curation.value(position, OA.start)), int(curation.value(position, OA.end))
            assert text[start:end] == str(curation.value(quote, OA.exact)), annotation


def test_the_quotes_of_a_reading_are_those_facts_yaml_gives_it(curation):
    guidance = statement_of(curation, (recommendation("it-application-guidance"), URIRef(KG + "respondsTo"), difficulty("email-use")))
    exact = {
        str(curation.value(q, OA.exact))
        for a in curation.subjects(OA.hasBody, guidance)
        for q in curation.objects(curation.value(a, OA.hasTarget), OA.hasSelector)
        if (q, RDF.type, OA.TextQuoteSelector) in curation
    }
    assert exact == {
        "việc sử dụng mã nguồn mở còn thấp",
        "tỉ lệ cán bộ công chức, viên chức dùng email còn ít",
        "Vì thế, tỉnh cũng đề xuất Trung ương",
    }


def test_no_annotation_of_the_reports_graph_is_motivated_by_commenting(claims):
    assert list(claims.subjects(OA.motivatedBy, OA.commenting)) == []


def test_the_curation_graph_states_its_provenance_and_that_it_holds_readings(curation):
    document = URIRef(BASE + f"id/document/{REAL}")
    assert (CURATION, RDF.type, PROV.Entity) in curation
    assert (CURATION, PROV.wasDerivedFrom, document) in curation
    assert (CURATION, DCTERMS.source, document) in curation
    assert (CURATION, PROV.wasAttributedTo, AGENT) in curation
    labels = {label.language: str(label) for label in curation.objects(CURATION, RDFS.label)}
    assert labels["en"].startswith("Curator's readings of: ")
    assert labels["vi"].startswith("Cách hiểu của người biên tập: ")
    comments = {c.language: str(c) for c in curation.objects(CURATION, RDFS.comment)}
    assert "not claims of the reporting body" in comments["en"]
    assert sorted(comments) == ["en", "vi"]
    assert {(AGENT, RDF.type, PROV.Agent), (AGENT, RDF.type, FOAF.Agent)} <= set(curation)
    assert {label.language for label in curation.objects(AGENT, RDFS.label)} == {"vi", "en"}


def test_the_build_outcome_counts_the_curation_graph_as_published(built, curation):
    assert built.graphs[str(CURATION)] == len(curation) > 0
    assert read_manifest(built.path).graphs[str(CURATION)] == len(curation)


def test_void_lists_the_curation_graph_as_a_partition_with_its_triple_count(built, curation):
    void = Graph().parse(built.path / "void.ttl")
    dataset = URIRef(read_manifest(built.path).dataset)
    [part] = [p for p in void.objects(dataset, VOID.subset) if (p, SD.name, CURATION) in void]
    assert (part, RDF.type, VOID.Dataset) in void
    assert (part, VOID.triples, Literal(len(curation), datatype=XSD.integer)) in void


def test_void_says_the_curation_partition_holds_readings_not_the_reports_claims(built):
    void = Graph().parse(built.path / "void.ttl")
    [part] = void.subjects(SD.name, CURATION)
    comments = {c.language: str(c) for c in void.objects(part, RDFS.comment)}
    assert "not claims of the reporting body" in comments["en"]
    assert "không phải khẳng định của cơ quan báo cáo" in comments["vi"]


# -- small reports -----------------------------------------------------------------------------

TEXT = "Đoàn công tác của Bộ làm việc với Sở Thông tin và Truyền thông tỉnh Bình Phước.\nTheo mic.gov.vn\n"


at = quote_in(TEXT)


REASON = {"vi": "Bài không nói Sở trực thuộc Ủy ban.", "en": "The article does not say the Department is under the Committee."}
FACTS = {
    "report": {
        "id": "demo-report",
        "text": "article.txt",
        "title": {"vi": "Tiêu đề", "en": "Title"},
        "published": dt.date(2013, 1, 22),
        "language": "vi",
        "publisher": "ministry",
        "area": "province",
        "period": "2012-12",
        "evidence": [at("Theo mic.gov.vn")],
    },
    "places": [
        {"id": "province", "kind": "province", "label": {"vi": "tỉnh Bình Phước", "en": "Bình Phước Province"}, "evidence": [at("Bình Phước")]}
    ],
    "organisations": [
        {"id": "ministry", "kind": "ministry", "label": {"vi": "Bộ", "en": "Ministry"}, "evidence": [at("Bộ")]},
        {"id": "committee", "kind": "peoples-committee", "label": {"vi": "Ủy ban", "en": "Committee"}, "evidence": [at("tỉnh Bình Phước")]},
        {
            "id": "dept",
            "kind": "department",
            "label": {"vi": "Sở", "en": "Department"},
            "part_of": "committee",
            "linked_to": ["ministry"],
            "jurisdiction": "province",
            "readings": {"part_of": {"reason": REASON, "evidence": [at("Sở Thông tin và Truyền thông")]}},
            "evidence": [at("Sở Thông tin và Truyền thông tỉnh Bình Phước")],
        },
        {
            "id": "delegation",
            "kind": "delegation",
            "label": {"vi": "Đoàn công tác", "en": "Delegation"},
            "part_of": "ministry",
            "readings": {
                "part_of": {
                    "reason": {"vi": "Bài chỉ viết “của Bộ”.", "en": "The article only says “of the Ministry”."},
                    "evidence": [at("Đoàn công tác của Bộ")],
                }
            },
            "evidence": [at("Đoàn công tác")],
        },
    ],
}


def graphs_of(tmp_path, facts: dict) -> list[Graph]:
    return report_graphs(tmp_path, facts, TEXT)


def without_readings(facts: dict) -> dict:
    facts = copy.deepcopy(facts)
    for entry in facts["organisations"]:
        entry.pop("readings", None)
    return facts


def demo(slug: str) -> URIRef:
    return URIRef(BASE + f"id/organisation/{slug}")


DELEGATION = URIRef(BASE + "id/organisation/demo-report/delegation")  # formed for one visit: minted per report


def test_a_report_without_readings_has_only_its_claims_graph(tmp_path):
    [claims] = graphs_of(tmp_path, without_readings(FACTS))
    assert claims.identifier == URIRef(BASE + "graph/demo-report")
    assert (demo("dept"), ORG.subOrganizationOf, demo("committee")) in claims


def test_marking_readings_moves_exactly_the_marked_triples_out_of_the_claims(tmp_path):
    [plain] = graphs_of(tmp_path / "plain", without_readings(FACTS))
    claims, curation = graphs_of(tmp_path / "marked", FACTS)
    moved = {
        (demo("dept"), ORG.subOrganizationOf, demo("committee")),
        (DELEGATION, ORG.unitOf, demo("ministry")),
        (demo("ministry"), ORG.hasUnit, DELEGATION),  # the inverse a delegation's part_of makes moves too
    }
    assert set(plain) - set(claims) == moved
    assert set(claims) <= set(plain)
    assert curation.identifier == URIRef(BASE + "graph/demo-report/curation")
    assert moved <= set(curation)
    assert (demo("dept"), ORG.linkedTo, demo("ministry")) in claims  # the same entry's unmarked field


def test_a_reading_of_a_field_making_two_triples_has_one_statement_for_each(tmp_path):
    _claims, curation = graphs_of(tmp_path, FACTS)
    for triple in [(DELEGATION, ORG.unitOf, demo("ministry")), (demo("ministry"), ORG.hasUnit, DELEGATION)]:
        statement = statement_of(curation, triple)
        assert {str(c) for c in curation.objects(statement, RDFS.comment)} == {"Bài chỉ viết “của Bộ”.", "The article only says “of the Ministry”."}


def test_a_readings_statement_gives_its_reason_agent_and_quote(tmp_path):
    _claims, curation = graphs_of(tmp_path, FACTS)
    statement = statement_of(curation, (demo("dept"), ORG.subOrganizationOf, demo("committee")))
    assert statement == URIRef(BASE + "id/reading/demo-report/dept-part-of-1")
    assert set(curation.objects(statement, RDFS.comment)) == {Literal(REASON["vi"], lang="vi"), Literal(REASON["en"], lang="en")}
    assert (statement, PROV.wasAttributedTo, AGENT) in curation
    assert (statement, PROV.wasDerivedFrom, URIRef(BASE + "id/document/demo-report")) in curation
    [annotation] = curation.subjects(OA.hasBody, statement)
    assert (annotation, OA.motivatedBy, OA.commenting) in curation
    [quote] = [
        s for s in curation.objects(curation.value(annotation, OA.hasTarget), OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in curation
    ]
    assert curation.value(quote, OA.exact) == Literal("Sở Thông tin và Truyền thông")


def test_a_reading_of_a_field_that_states_nothing_is_a_build_error(tmp_path):
    facts = copy.deepcopy(FACTS)
    dept = facts["organisations"][2]
    dept["contact"] = {}  # a known field that, empty, states nothing (an unknown one the schema refuses first)
    dept["readings"]["contact"] = {"reason": REASON, "evidence": [at("Sở Thông tin và Truyền thông")]}
    with pytest.raises(BuildError) as raised:
        graphs_of(tmp_path, facts)
    assert str(raised.value) == "organisations `dept`: `readings.contact` marks a field that states nothing in the graph"


def test_a_built_report_lists_its_claims_and_curation_graphs_with_their_counts(tmp_path):
    claims, curation = graphs_of(tmp_path / "graphs", FACTS)
    config = BuildConfig()
    builder = ReportBuilder(
        ReportSettings(base=BASE, ontology_dir=config.ontology_dir, shapes_dir=config.shapes_dir, curator=load_dataset(config.data_dir).publisher)
    )
    built = builder.build(tmp_path / "graphs" / "demo-report")
    assert built.graphs == ((str(claims.identifier), len(claims)), (str(curation.identifier), len(curation)))
    assert built.triples == len(claims) + len(curation)
    assert built.graph == str(claims.identifier)
    assert built.conforms, built.violations
