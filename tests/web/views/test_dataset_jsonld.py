"""The home page embeds the dataset as a schema.org `Dataset` in JSON-LD, read from the published description and manifest.

The JSON-LD names the context `https://schema.org`, as search engines expect; with no network in
tests, it is read by rdflib under a local context that maps the same terms (`@vocab` schema.org,
and the URL-valued properties as IRIs, as the schema.org context types them).
"""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kg.publication.layout import read_manifest

SDO = Namespace("https://schema.org/")
LOCAL_CONTEXT = {"@vocab": "https://schema.org/", **{term: {"@type": "@id"} for term in ("url", "license", "contentUrl", "identifier")}}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def embedded(html: str) -> dict:
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1, "one JSON-LD script on the home page"
    return json.loads(scripts[0])


@pytest.fixture
def doc(client) -> dict:
    html = client.get("/?lang=en", headers={"Accept": "text/html"}, base_url="https://data.example.net/").get_data(as_text=True)
    return embedded(html)


@pytest.fixture
def graph(doc) -> Graph:
    assert doc["@context"] == "https://schema.org"
    return Graph().parse(data=json.dumps({**doc, "@context": LOCAL_CONTEXT}), format="json-ld")


@pytest.fixture(scope="module")
def manifest(version_dir):
    return read_manifest(version_dir)


@pytest.fixture(scope="module")
def void(version_dir) -> Graph:
    return Graph().parse(version_dir / "void.ttl", format="turtle")


def test_it_parses_as_json_ld_about_the_dataset_iri(graph, manifest):
    assert (URIRef(manifest.dataset), RDF.type, SDO.Dataset) in graph


def test_name_and_description_are_in_both_languages_as_the_description_states_them(graph, manifest, void):
    ds = URIRef(manifest.dataset)
    dct = Namespace("http://purl.org/dc/terms/")
    for ours, theirs in ((SDO.name, dct.title), (SDO.description, dct.description)):
        assert set(graph.objects(ds, ours)) == set(void.objects(ds, theirs))
        assert sorted(o.language for o in graph.objects(ds, ours)) == ["en", "vi"]


def test_licence_creator_publisher_version_and_dates_are_those_of_the_description(graph, manifest, void):
    ds = URIRef(manifest.dataset)
    dct = Namespace("http://purl.org/dc/terms/")
    assert graph.value(ds, SDO.license) == void.value(ds, dct.license)
    publisher = void.value(ds, dct.publisher)
    assert graph.value(ds, SDO.publisher) == graph.value(ds, SDO.creator) == publisher
    assert (publisher, RDF.type, SDO.Organization) in graph
    assert Literal("kg project (open-data team)", lang="en") in set(graph.objects(publisher, SDO.name))
    assert str(graph.value(ds, SDO.version)) == manifest.version
    assert str(graph.value(ds, SDO.dateModified)) == str(void.value(ds, dct.modified))
    assert str(graph.value(ds, SDO.datePublished)) == str(void.value(ds, dct.issued))


def test_temporal_and_spatial_coverage_are_those_of_the_description(graph, manifest, void):
    ds = URIRef(manifest.dataset)
    dct = Namespace("http://purl.org/dc/terms/")
    dcat = Namespace("http://www.w3.org/ns/dcat#")
    period = void.value(ds, dct.temporal)
    assert str(graph.value(ds, SDO.temporalCoverage)) == f"{void.value(period, dcat.startDate)}/{void.value(period, dcat.endDate)}"
    assert set(graph.objects(ds, SDO.spatialCoverage)) == set(void.objects(ds, dct.spatial))


def test_every_published_file_but_the_source_texts_and_gz_copies_is_a_data_download_on_the_requested_host(graph, manifest):
    ds = URIRef(manifest.dataset)
    downloads = {str(graph.value(d, SDO.contentUrl)): str(graph.value(d, SDO.encodingFormat)) for d in graph.objects(ds, SDO.distribution)}
    expected = {f"https://data.example.net/download/{f.path}": f.media_type for f in manifest.files if f.encoding is None and f.role != "source"}
    assert downloads == expected
    assert {f"https://data.example.net/download/{f.path}" for f in manifest.files if f.role == "dump" and f.encoding is None} <= set(downloads)


def test_text_that_would_close_the_script_is_escaped():
    from kg.web.present.schema_org import script_text

    text = script_text({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}
