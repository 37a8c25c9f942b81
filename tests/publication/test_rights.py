"""The rights the real publication states (issue 13 §3.4): CC BY 4.0 for what kg made, the publisher's own for a source text.

The source article carries no licence and kg can grant none, so its text (schema:text in kg.nq, the
file sources/<report>.txt and that file's distribution in void.ttl) states the publisher's rights,
quoted for reference, and no licence; every other file, and the dataset, is under CC BY 4.0, with a
rights statement of the dataset that leaves the source texts out. The shapes of the "Rights" section
of shapes/kg-shapes.ttl are run on void.ttl here, since the build validates only the report graphs.
"""

from __future__ import annotations

import pytest
import yaml
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS

from kg.build.validate import load_shapes, validate
from kg.config import BuildConfig
from kg.iris import Minter
from kg.namespaces import SCHEMA
from kg.publication.layout import read_manifest

from ..conftest import BASE

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
MINTER = Minter(BASE)
DATASET = MINTER.thing("dataset", "ict-reports")
DATASET_RIGHTS = URIRef(f"{DATASET}#rights")
SHAPE = BASE + "def/shapes/"
RIGHTS_SHAPES = {
    SHAPE + name
    for name in ("SourceTextRights", "SourceTextRights-statement", "SourceTextRights-noLicence", "SourceTextRights-holder", "RightsStatement")
}


@pytest.fixture(scope="module")
def void(built) -> Graph:
    return Graph().parse(built.path / "void.ttl", format="turtle")


@pytest.fixture(scope="module")
def quads(published_quads) -> Dataset:
    return published_quads


@pytest.fixture(scope="module")
def data(published_union) -> Graph:
    """Every triple of kg.nq's named graphs."""
    return published_union


@pytest.fixture(scope="module")
def reports(built) -> list[str]:
    """The ids of the reports whose text the publication holds (sources/<id>.txt)."""
    found = sorted(path.stem for path in (built.path / "sources").glob("*.txt"))
    assert found, "the build published no source text"
    return found


@pytest.fixture(scope="module")
def source_files(void, reports) -> dict[str, URIRef]:
    """report id -> the distribution of its source text in void.ttl (found by its download URL)."""
    return {report: void.value(predicate=DCAT.downloadURL, object=MINTER.download(f"sources/{report}.txt"), any=False) for report in reports}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(BuildConfig().shapes_dir, BASE)


def document(report: str) -> URIRef:
    return MINTER.thing("document", report)


def statement(report: str) -> URIRef:
    return URIRef(f"{document(report)}#rights")


def texts(graph, node, prop) -> dict[str, list[str]]:
    """language -> the texts of (node, prop), every one of them."""
    found: dict[str, list[str]] = {}
    for value in graph.objects(node, prop):
        assert isinstance(value, Literal), value
        found.setdefault(value.language, []).append(str(value))
    return {lang: sorted(values) for lang, values in sorted(found.items(), key=lambda item: str(item[0]))}


def publisher_in_facts(report: str) -> URIRef:
    facts = yaml.safe_load((BuildConfig().data_dir / "reports" / report / "facts.yaml").read_text(encoding="utf-8"))
    return MINTER.thing("organisation", facts["report"]["publisher"])


def copy_of(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def rights_violations(data: Graph, shapes: Graph) -> set[tuple[str, str, str]]:
    """(focus, path, shape) of each violation of a rights shape, or about a rights statement (its labels, comments).

    void.ttl alone is not a whole graph (it names the ontology without holding it), so the other
    shapes have things to say about it that are not about rights.
    """
    statements = {str(s) for s in data.subjects(RDF.type, DCTERMS.RightsStatement)}
    return {(v.focus, v.path, v.shape) for v in validate(data, shapes).violations if v.shape in RIGHTS_SHAPES or v.focus in statements}


# -- the file of a source text -------------------------------------------------------------------


def test_every_source_text_has_one_distribution_of_the_dataset_in_the_description(void, source_files):
    for iri in source_files.values():
        assert isinstance(iri, URIRef)
        assert (iri, RDF.type, DCAT.Distribution) in void and (DATASET, DCAT.distribution, iri) in void


def test_the_distribution_of_a_source_text_claims_no_licence(void, source_files):
    assert {report: list(void.objects(iri, DCTERMS.license)) for report, iri in source_files.items()} == {report: [] for report in source_files}


def test_the_distribution_of_a_source_text_encodes_its_document_and_states_the_document_s_rights(void, source_files):
    for report, iri in source_files.items():
        assert list(void.objects(iri, SCHEMA.encodesCreativeWork)) == [document(report)]
        assert list(void.objects(iri, DCTERMS.rights)) == [statement(report)]
        assert (statement(report), RDF.type, DCTERMS.RightsStatement) in void


def test_the_rights_statement_of_a_source_text_names_its_publisher_in_vietnamese_and_english(void, data, source_files):
    for report in source_files:
        publisher = publisher_in_facts(report)
        names = texts(data, publisher, RDFS.label)
        labels = texts(void, statement(report), RDFS.label)
        comments = texts(void, statement(report), RDFS.comment)
        assert set(labels) == set(comments) == {"vi", "en"}
        for lang in ("vi", "en"):
            [name] = names[lang]
            [label] = labels[lang]
            [comment] = comments[lang]
            assert name in label and name in comment


def test_the_rights_statement_of_a_source_text_says_in_both_languages_it_is_not_under_cc_by(void, source_files):
    for report in source_files:
        labels = texts(void, statement(report), RDFS.label)
        assert "không theo giấy phép CC BY 4.0" in labels["vi"][0]
        assert "trích để tham khảo" in labels["vi"][0]
        assert "not under CC BY 4.0" in labels["en"][0]
        assert "quoted for reference" in labels["en"][0]
        comments = texts(void, statement(report), RDFS.comment)
        assert "Giấy phép CC BY 4.0 của bộ dữ liệu không áp dụng cho văn bản này" in comments["vi"][0]
        assert "The CC BY 4.0 licence of the dataset does not cover it" in comments["en"][0]


def test_the_rights_holder_of_a_source_text_file_is_the_publisher_of_its_report(void, data, source_files):
    for report, iri in source_files.items():
        published_by = set(data.objects(document(report), DCTERMS.publisher))
        assert published_by == {publisher_in_facts(report)}
        assert set(void.objects(iri, DCTERMS.rightsHolder)) == published_by


# -- every other file and the dataset ------------------------------------------------------------


def test_every_distribution_but_the_source_texts_is_under_cc_by_4_0(void, source_files):
    others = set(void.objects(DATASET, DCAT.distribution)) - set(source_files.values())
    assert len(others) > 10  # the dumps and their .gz copies, the ontology, the shapes, the queries...
    assert {str(iri): sorted(void.objects(iri, DCTERMS.license)) for iri in others} == {str(iri): [CC_BY] for iri in others}
    assert [iri for iri in others if (iri, DCTERMS.rightsHolder, None) in void or (iri, SCHEMA.encodesCreativeWork, None) in void] == []


def test_the_dataset_is_under_cc_by_4_0_with_a_rights_statement_of_its_own(void):
    assert list(void.objects(DATASET, DCTERMS.license)) == [CC_BY]
    assert list(void.objects(DATASET, DCTERMS.rights)) == [DATASET_RIGHTS]
    assert (DATASET_RIGHTS, RDF.type, DCTERMS.RightsStatement) in void


def test_the_dataset_rights_statement_excludes_the_source_texts_in_both_languages(void):
    labels = texts(void, DATASET_RIGHTS, RDFS.label)
    comments = texts(void, DATASET_RIGHTS, RDFS.comment)
    assert labels == {
        "vi": ["CC BY 4.0 cho dữ liệu đã biên tập, bản thể học và các bộ mã; trừ các văn bản nguồn"],
        "en": ["CC BY 4.0 for the curated data, the ontology and the code lists; the source texts excluded"],
    }
    assert "không thuộc giấy phép đó" in comments["vi"][0] and "excluded from that licence" in comments["en"][0]
    assert all("schema:text" in c[0] and "sources/*.txt" in c[0] for c in comments.values())


def test_every_dump_points_to_the_dataset_rights_statement(built, void):
    dumps = [f.path for f in read_manifest(built.path).files if f.role == "dump"]
    assert "kg.nq" in dumps and "kg.nq.gz" in dumps
    by_name = {str(void.value(iri, RDFS.label)): iri for iri in void.objects(DATASET, DCAT.distribution)}
    assert {name: sorted(void.objects(by_name[name], DCTERMS.rights)) for name in dumps} == {name: [DATASET_RIGHTS] for name in dumps}


def test_the_figures_table_which_quotes_the_sources_points_to_the_rights_statement_like_the_dumps(void):
    by_name = {str(void.value(iri, RDFS.label)): iri for iri in void.objects(DATASET, DCAT.distribution)}
    assert list(void.objects(by_name["figures.csv"], DCTERMS.rights)) == [URIRef(str(DATASET) + "#rights")]


def test_files_that_carry_no_source_text_state_the_licence_alone(built, void):
    by_name = {str(void.value(iri, RDFS.label)): iri for iri in void.objects(DATASET, DCAT.distribution)}
    others = [f.path for f in read_manifest(built.path).files if f.role not in ("dump", "table", "source") and f.path in by_name]
    assert {"ontology.ttl", "shapes.ttl", "queries.json", "validation-report.ttl", "figures.csv-metadata.json"} <= set(others)
    assert {name: list(void.objects(by_name[name], DCTERMS.rights)) for name in others} == {name: [] for name in others}


# -- the document in the graph -------------------------------------------------------------------


def test_the_document_in_the_dump_states_its_rights_and_rights_holder_and_no_licence(quads, data, reports):
    for report in reports:
        graph = quads.graph(MINTER.graph(report))  # the report's own named graph
        assert list(graph.objects(document(report), DCTERMS.rights)) == [statement(report)]
        assert list(graph.objects(document(report), DCTERMS.rightsHolder)) == [publisher_in_facts(report)]
        assert (statement(report), RDF.type, DCTERMS.RightsStatement) in graph
        assert list(data.objects(document(report), DCTERMS.license)) == []  # nor in any other graph


def test_the_document_and_the_file_of_its_text_state_the_same_statement_with_the_same_text(void, data, source_files):
    for report, iri in source_files.items():
        assert list(void.objects(iri, DCTERMS.rights)) == list(data.objects(document(report), DCTERMS.rights))
        for prop in (RDFS.label, RDFS.comment):
            assert texts(void, statement(report), prop) == texts(data, statement(report), prop)
            assert texts(void, statement(report), prop)  # not two empty sets


# -- the shapes, on the description ----------------------------------------------------------------


def test_the_description_breaks_none_of_the_rights_shapes(void, shapes):
    assert rights_violations(copy_of(void), shapes) == set()


def test_a_description_that_puts_a_source_text_under_cc_by_is_rejected_by_the_no_licence_shape(void, shapes, source_files):
    graph = copy_of(void)
    for iri in source_files.values():
        graph.add((iri, DCTERMS.license, CC_BY))
    assert rights_violations(graph, shapes) == {
        (str(iri), f"<{DCTERMS.license}>", SHAPE + "SourceTextRights-noLicence") for iri in source_files.values()
    }
