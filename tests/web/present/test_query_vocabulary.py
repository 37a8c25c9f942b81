"""What the query editor completes: the terms an ontology file declares, named with the declared prefixes."""

from __future__ import annotations

from kg.namespaces import prefixes
from kg.web.present.query_vocabulary import Term, compact, editor_data, read_terms

BASE = "http://data.example.org/"
ONTOLOGY = """
@prefix kg: <http://data.example.org/def/kg/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
kg:Province a owl:Class ; rdfs:label "Province"@en, "Tỉnh"@vi ; rdfs:comment "A province."@en .
kg:adminLevel a rdf:Property, qb:DimensionProperty ; rdfs:label "administrative level"@en .
kg:note a owl:AnnotationProperty .
kg:someone a kg:Province ; rdfs:label "not a term"@en .
<urn:x:Thing> a owl:Class .
"""


def write(tmp_path, text=ONTOLOGY):
    path = tmp_path / "ontology.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_classes_and_properties_are_read_and_nothing_else(tmp_path):
    terms = {t.iri: t.kind for t in read_terms(write(tmp_path))}
    assert terms == {
        BASE + "def/kg/Province": "class",
        BASE + "def/kg/adminLevel": "property",
        BASE + "def/kg/note": "property",
        "urn:x:Thing": "class",
    }


def test_a_missing_ontology_file_gives_no_terms(tmp_path):
    assert read_terms(tmp_path / "none.ttl") == ()


def test_a_term_is_named_with_the_longest_declared_namespace():
    table = {"a": "http://x.org/", "ab": "http://x.org/b/"}
    assert compact("http://x.org/b/c", table) == "ab:c" and compact("http://x.org/c", table) == "a:c" and compact("urn:y", table) is None


def test_the_editor_gets_the_label_and_comment_in_the_page_language_else_another(tmp_path):
    data = editor_data(read_terms(write(tmp_path)), prefixes(BASE), "vi", {"kind_class": "lớp"})
    by_name = {t["name"]: t for t in data["terms"]}
    assert by_name["kg:Province"]["label"] == "Tỉnh" and by_name["kg:Province"]["comment"] == "A province."
    assert by_name["kg:adminLevel"]["label"] == "administrative level" and by_name["kg:note"]["label"] == ""
    assert data["prefixes"] == prefixes(BASE) and data["ui"] == {"kind_class": "lớp"}


def test_a_term_no_declared_prefix_names_is_left_out():
    terms = (Term("urn:x:Thing", "class", (), ()),)
    assert editor_data(terms, prefixes(BASE), "en", {})["terms"] == []
