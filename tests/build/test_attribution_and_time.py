"""Whose word each finding is, the article's own assessments, and posts held at a time.

The article credits its findings to a report ("Theo báo cáo của Giám đốc Sở …"): each finding is
linked to it (prov:hadPrimarySource) unless its entry says otherwise. Its judgements ("được đánh giá
cao") are assessments with their words and whose they are. A post is the post as one report names
it, and its holding is an org:Membership at the time the report says: two reports naming the same
post id and two holders make two posts, not one post held by two people.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, TIME, XSD

from kg.build.facts import FactsError
from tests.build.small_reports import quote_in, report_graphs
from tests.conftest import BASE

TEXT = (
    "Được đánh giá cao. Theo báo cáo của Giám đốc Sở tại buổi làm việc với đoàn công tác do ông Nguyễn Văn A, "
    "Thứ trưởng, làm trưởng đoàn (12/2012): toàn tỉnh có 3.339 máy tính. Khó khăn: nguồn vốn.\n"
)
at = quote_in(TEXT)
SCHEMA = "https://schema.org/"
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
        "according_to": "director-report",
        "evidence": [at("Theo báo cáo của Giám đốc Sở")],
    },
    "places": [{"id": "province", "kind": "province", "label": {"vi": "tỉnh", "en": "Province"}, "evidence": [at("toàn tỉnh")]}],
    "organisations": [
        {"id": "ministry", "kind": "ministry", "label": {"vi": "Bộ", "en": "Ministry"}, "evidence": [at("Thứ trưởng")]},
        {"id": "department", "kind": "department", "label": {"vi": "Sở", "en": "Department"}, "evidence": [at("Sở")]},
        {
            "id": "delegation",
            "kind": "delegation",
            "label": {"vi": "Đoàn công tác", "en": "Delegation"},
            "event": "session",
            "evidence": [at("đoàn công tác")],
        },
    ],
    "people": [{"id": "nguyen-van-a", "name": "Nguyễn Văn A", "evidence": [at("Nguyễn Văn A")]}],
    "posts": [
        {
            "id": "deputy-minister",
            "label": {"vi": "Thứ trưởng", "en": "Deputy Minister"},
            "role": "deputy-minister",
            "in": "ministry",
            "held_by": "nguyen-van-a",
            "held_during": "2012-12",
            "evidence": [at("Thứ trưởng")],
        },
        {"id": "director", "label": {"vi": "Giám đốc Sở", "en": "Director"}, "role": "director", "in": "department", "evidence": [at("Giám đốc Sở")]},
    ],
    "events": [
        {
            "id": "session",
            "label": {"vi": "Buổi làm việc", "en": "Working session"},
            "date": "2012-12",
            "participants": ["delegation", "department"],
            "evidence": [at("buổi làm việc")],
        }
    ],
    "documents": [
        {
            "id": "director-report",
            "label": {"vi": "Báo cáo của Giám đốc Sở", "en": "Director's report"},
            "kind": "report",
            "presented_by": "director",
            "presented_at": "session",
            "evidence": [at("báo cáo của Giám đốc Sở")],
        }
    ],
    "initiatives": [
        {"id": "training", "label": {"vi": "Đào tạo", "en": "Training"}, "kind": "training", "by": "province", "evidence": [at("toàn tỉnh")]}
    ],
    "figures": [
        {
            "id": "computers",
            "indicator": "computers",
            "value": 3339,
            "unit": "computer",
            "level": "all",
            "area": "province",
            "period": "2012-12",
            "evidence": [at("3.339 máy tính")],
        }
    ],
    "difficulties": [
        {"id": "funding", "kind": "funding", "text": {"vi": "nguồn vốn", "en": "funding"}, "according_to": None, "evidence": [at("nguồn vốn")]}
    ],
    "assessments": [
        {
            "id": "highly-rated",
            "text": {"vi": "Được đánh giá cao", "en": "Highly rated"},
            "aspect": {"vi": "ứng dụng CNTT", "en": "IT application"},
            "about": ["province"],
            "according_to": None,
            "evidence": [at("Được đánh giá cao")],
        }
    ],
}


def iri(kind: str, slug: str, report: str = "demo-report") -> URIRef:
    return URIRef(f"{BASE}id/{kind}/{report}/{slug}")


REPORT_DOC = iri("document", "director-report")


@pytest.fixture(scope="module")
def claims(tmp_path_factory):
    [graph] = report_graphs(tmp_path_factory.mktemp("attribution"), FACTS, TEXT)
    return graph


def test_a_statement_of_the_report_is_credited_to_the_document_the_report_names(claims):
    assert (iri("observation", "computers"), PROV.hadPrimarySource, REPORT_DOC) in claims


def test_an_entry_credited_to_no_document_has_no_primary_source(claims):
    assert claims.value(iri("difficulty", "funding"), PROV.hadPrimarySource) is None


def test_things_the_report_names_are_not_credited_as_its_statements(claims):
    """An initiative is a prov:Activity (disjoint from the prov:Entity hadPrimarySource is about); a body, a post, the article are no statements."""
    for thing in (
        iri("initiative", "training"),
        URIRef(BASE + "id/organisation/ministry"),
        iri("post", "director"),
        URIRef(BASE + "id/document/demo-report"),
    ):
        assert claims.value(thing, PROV.hadPrimarySource) is None


def test_a_credit_the_article_does_not_state_can_be_marked_as_the_curators_reading(tmp_path):
    facts = copy.deepcopy(FACTS)
    facts["difficulties"][0].update(
        according_to="director-report",
        readings={
            "according_to": {
                "reason": {"vi": "Đoạn sau không nêu lại nguồn.", "en": "The later paragraph names no source again."},
                "evidence": [at("Theo báo cáo của Giám đốc Sở")],
            }
        },
    )
    claims, curation = report_graphs(tmp_path, facts, TEXT)
    credit = (iri("difficulty", "funding"), PROV.hadPrimarySource, REPORT_DOC)
    assert credit in curation and credit not in claims
    assert (None, RDF.subject, iri("difficulty", "funding")) in curation


def test_an_assessment_has_its_words_what_it_judges_and_its_aspect(claims):
    assessment = iri("assessment", "highly-rated")
    assert (assessment, RDF.type, URIRef(BASE + "def/kg/Assessment")) in claims
    assert (assessment, URIRef(SCHEMA + "itemReviewed"), URIRef(BASE + "id/place/province")) in claims
    assert (assessment, URIRef(SCHEMA + "text"), Literal("Được đánh giá cao", lang="vi")) in claims
    assert (assessment, URIRef(SCHEMA + "reviewAspect"), Literal("IT application", lang="en")) in claims


def test_a_held_post_has_a_membership_during_the_month_the_report_gives(claims):
    membership = iri("membership", "deputy-minister")
    assert (membership, RDF.type, ORG.Membership) in claims
    assert (membership, ORG.member, URIRef(BASE + "id/person/nguyen-van-a")) in claims
    assert (membership, ORG.organization, URIRef(BASE + "id/organisation/ministry")) in claims
    assert (membership, ORG.role, URIRef(BASE + "def/role/deputy-minister")) in claims
    interval = claims.value(membership, ORG.memberDuring)
    instant = claims.value(interval, TIME.inside)
    assert (instant, TIME.inXSDgYearMonth, Literal("2012-12", datatype=XSD.gYearMonth)) in claims
    assert claims.value(iri("membership", "director"), RDF.type) is None  # no holder named, no membership


def test_a_post_and_a_delegation_belong_to_their_report(claims):
    assert (iri("post", "deputy-minister"), ORG.heldBy, URIRef(BASE + "id/person/nguyen-van-a")) in claims
    assert (iri("organisation", "delegation"), URIRef(SCHEMA + "event"), iri("event", "session")) in claims
    assert (URIRef(BASE + "id/organisation/delegation"), None, None) not in claims


def test_two_reports_naming_the_same_post_and_two_holders_make_two_posts(tmp_path):
    second = copy.deepcopy(FACTS)
    second["report"]["id"] = "second-report"
    second["people"][0].update(id="le-hoang-bao", name="Lê Hoàng Bảo")
    second["posts"][0].update(held_by="le-hoang-bao")
    text = TEXT.replace("Nguyễn Văn A", "Lê Hoàng Bảo")
    second_at = quote_in(text)
    second["people"][0]["evidence"] = [second_at("Lê Hoàng Bảo")]
    [first_graph] = report_graphs(tmp_path / "one", FACTS, TEXT)
    [second_graph] = report_graphs(tmp_path / "two", second, text)
    union = first_graph + second_graph
    for post in (iri("post", "deputy-minister"), iri("post", "deputy-minister", "second-report")):
        assert len(list(union.objects(post, ORG.heldBy))) == 1


def test_a_held_during_that_is_no_date_is_refused(tmp_path):
    facts = copy.deepcopy(FACTS)
    facts["posts"][0]["held_during"] = "December 2012"
    with pytest.raises(FactsError, match=r"posts `deputy-minister`: `held_during` must be written YYYY-MM or YYYY-MM-DD"):
        report_graphs(tmp_path, facts, TEXT)


def test_according_to_must_name_a_document(tmp_path):
    facts = copy.deepcopy(FACTS)
    facts["figures"][0]["according_to"] = "session"
    with pytest.raises(FactsError, match=r"figures `computers`: `according_to` refers to 'session', an entry of events, not of documents"):
        report_graphs(tmp_path, facts, TEXT)
