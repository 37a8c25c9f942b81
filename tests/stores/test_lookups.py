"""kg.stores.lookups over the built store, without a server: descriptions, labels, existence."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.stores import lookups as graphdata

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OA = "http://www.w3.org/ns/oa#"


@pytest.fixture(scope="module")
def data(version_dir, base):
    return graphdata.for_store(version_dir / "store", base)


def test_the_store_is_opened_once_per_version(version_dir, base):
    assert graphdata.for_store(version_dir / "store", base) is graphdata.for_store(version_dir / "store", base)


def test_describe_gives_the_triples_with_the_iri_as_subject(data, base):
    place = base + "id/place/binh-phuoc"
    out = data.describe(place).out
    assert out and all(t.subject == ox.NamedNode(place) for t in out)
    assert any(t.predicate.value == RDFS_LABEL for t in out)


def test_describe_includes_the_fragment_iris_of_an_annotation(data, base):
    annotation = data.subjects(OA + "hasBody", base + "id/observation/binh-phuoc-2012-ict/computers-total")[0]
    subjects = {t.subject.value for t in data.describe(annotation).out}
    assert {annotation + "#target", annotation + "#quote", annotation + "#position"} <= subjects


def test_describe_includes_the_text_bodies_of_a_quality_annotation(data, base):
    note = base + "id/quality-annotation/binh-phuoc-2012-ict/computers-by-level"
    subjects = {t.subject.value for t in data.describe(note).out}
    assert {note + "#body-vi", note + "#body-en"} <= subjects


def test_describe_gives_the_inverse_links(data, base):
    place = base + "id/place/binh-phuoc"
    inverse = data.describe(place, all_inverse=True).inverse
    assert inverse and all(t.object == ox.NamedNode(place) for t in inverse)


def test_inverse_links_are_paged(data, base):
    document = base + "id/document/binh-phuoc-2012-ict"
    everything = data.describe(document, all_inverse=True)
    first, second = data.describe(document, page=1, page_size=2), data.describe(document, page=2, page_size=2)
    assert len(first.inverse) == 2 and first.inverse_total == len(everything.inverse)
    assert first.pages == -(-len(everything.inverse) // 2)
    assert first.inverse + second.inverse == everything.inverse[:4]


def test_labels_come_in_the_asked_language_with_the_other_beside(data, base):
    place = base + "id/place/binh-phuoc"
    vi, en = data.label(place, "vi"), data.label(place, "en")
    assert vi.language == "vi" and "Bình Phước" in vi.text and vi.other == en.text
    assert en.language == "en" and en.other == vi.text


def test_labels_of_standard_terms_come_from_the_vocabulary_graph(data):
    assert data.label("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "en").text == "type"


def test_an_unnamed_iri_has_no_label(data):
    assert data.labels(["http://example.org/nothing"], "vi") == {"http://example.org/nothing": None}


def test_exists_knows_subjects_objects_and_graph_names(data, base):
    assert data.exists(base + "id/place/binh-phuoc")
    assert data.exists(base + "def/admin-level/province")  # at least an object
    assert data.exists(base + "graph/vocabulary")
    assert not data.exists(base + "id/place/atlantis")


def test_class_counts_count_distinct_resources(data):
    assert data.class_counts["http://purl.org/linked-data/cube#Observation"] >= 3


def test_a_new_version_is_read_from_its_own_store(tmp_path):
    from kg.web import create_app
    from tests.web.publication_fixture import BASE, SAMPLE_TRIG, write_publication

    write_publication(tmp_path, version="v1")
    client = create_app({"output_dir": tmp_path}).test_client()
    first = client.get("/id/place/binh-phuoc", headers={"Accept": "application/n-triples"}).data
    write_publication(tmp_path, version="v2", trig=SAMPLE_TRIG.replace("Binh Phuoc province", "Renamed province"))
    second = client.get("/id/place/binh-phuoc", headers={"Accept": "application/n-triples"}).data
    assert b"Binh Phuoc province" in first and b"Renamed province" in second
    assert graphdata.for_store(tmp_path / "versions/v2/store", BASE) is not graphdata.for_store(tmp_path / "versions/v1/store", BASE)
