"""What the built graph says in words: its labels, texts and translations say what the article says, no more.

Each test reads the real build (the union of the published named graphs, from the N-Quads dump).
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS

from kg.namespaces import SCHEMA
from tests.conftest import BASE

KG = BASE + "def/kg/"
REPORT = "binh-phuoc-2012-ict"
DQV_COMPUTED_ON = URIRef("http://www.w3.org/ns/dqv#computedOn")
DQV_VALUE = URIRef("http://www.w3.org/ns/dqv#value")


@pytest.fixture(scope="module")
def graph(published_union) -> Graph:
    return published_union


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


def text(graph: Graph, subject: URIRef, prop: URIRef, lang: str) -> str:
    [value] = [o for o in graph.objects(subject, prop) if o.language == lang]
    return str(value)


def texts(graph: Graph, subject: URIRef, *props: URIRef) -> list[str]:
    return [str(o) for p in props for o in graph.objects(subject, p)]


# -- finding 5: portals counted by the highest level they offer --------------------------------
def test_the_portal_sum_check_adds_up_parts_counted_by_their_highest_level(graph):
    check = iri(f"id/quality-measurement/{REPORT}/portals-by-highest-level")
    assert graph.value(check, DQV_VALUE).toPython() is True  # 28 + 4 = 32
    total = graph.value(check, DQV_COMPUTED_ON)
    assert graph.value(total, URIRef(KG + "indicator")) == iri("def/indicator/web-portals")
    levels = {}
    for part in graph.objects(check, URIRef(KG + "checkedPart")):
        indicator = graph.value(part, URIRef(KG + "indicator"))
        assert "highest" in text(graph, indicator, SKOS.prefLabel, "en")
        assert "cao nhất" in text(graph, indicator, SKOS.prefLabel, "vi")
        levels[indicator] = set(graph.objects(indicator, URIRef(KG + "serviceLevel")))
    assert len(levels) == 2
    first, second = levels.values()
    assert first and second and not first & second  # disjoint: no portal counted twice


def test_the_portal_figures_read_as_highest_levels_in_their_quality_note(graph):
    note = iri(f"id/quality-annotation/{REPORT}/portal-levels-1-2-combined")
    assert "highest level" in text(graph, note, RDFS.comment, "en")
    assert "mức cao nhất" in text(graph, note, RDFS.comment, "vi")


# -- finding 6: labels that say no more than the text ------------------------------------------
def test_the_working_session_is_labelled_as_the_article_describes_it(graph):
    session = iri(f"id/event/{REPORT}/working-session-2012-12")
    en, vi = text(graph, session, RDFS.label, "en"), text(graph, session, RDFS.label, "vi")
    assert en.startswith("Working session with the Executive Board's delegation, at which the Director")
    assert vi.startswith("Buổi làm việc với đoàn công tác của Ban điều hành, tại đó Giám đốc")
    assert "with the Department" not in en and "with the province" not in en


def test_no_english_name_of_a_board_is_given_as_official_or_without_saying_it_is_ours(graph):
    boards = set(graph.subjects(ORG.classification, iri("def/organisation-kind/board")))
    assert boards
    for board in boards:
        words = texts(graph, board, RDFS.label, SKOS.altLabel, SKOS.note)
        assert not any("Authority" in w or "official one" in w or "là tên chính thức" in w for w in words), board
        assert "our own translation" in text(graph, board, SKOS.note, "en"), board
        assert "do chúng tôi dịch" in text(graph, board, SKOS.note, "vi"), board


def test_trung_uong_is_a_group_of_bodies_not_a_formal_organisation(graph):
    centre = iri("id/organisation/central-authorities")
    assert set(graph.objects(centre, RDF.type)) == {FOAF.Group}
    assert (centre, RDF.type, ORG.FormalOrganization) not in graph
    recommendations = set(graph.subjects(URIRef(KG + "addressedTo"), centre))
    assert len(recommendations) == 3  # the recommendations addressed to it still are


# -- finding 8: translations -------------------------------------------------------------------
def test_the_training_sentence_makes_the_lecturers_teach_the_classes_not_part_of_them(graph):
    training = iri(f"id/initiative/{REPORT}/human-resource-training")
    en = text(graph, training, SCHEMA.description, "en")
    assert "among them lecturers" not in en
    assert "classes run, their lecturers including" in en
