"""Hostile text in the data is shown, escaped, never run: labels, literals, the source text, the chart."""

from __future__ import annotations

import pytest

from tests.web.publication_fixture import BASE, GRAPH_A, write_publication

SCRIPT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

EVIL_TRIG = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix schema: <https://schema.org/> .
@prefix sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> .
@prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix kg: <{BASE}def/kg/> .

<{GRAPH_A}> {{
  <{BASE}id/place/evil> a schema:AdministrativeArea ;
      rdfs:label "{SCRIPT}"@vi, "{IMG}"@en ;
      rdfs:comment "{SCRIPT} {IMG}" .
  <{BASE}def/indicator/evil> a skos:Concept ; skos:prefLabel "{SCRIPT}"@vi, "{IMG}"@en .
  <{BASE}id/observation/report-a/one> a qb:Observation ; kg:indicator <{BASE}def/indicator/evil> ;
      sdmx-dimension:refArea <{BASE}id/place/evil> ; kg:adminLevel <{BASE}id/place/evil> ;
      sdmx-measure:obsValue 5 ; rdfs:label "{IMG}"@vi .
  <{BASE}id/observation/report-a/two> a qb:Observation ; kg:indicator <{BASE}def/indicator/evil> ;
      sdmx-dimension:refArea <{BASE}id/place/evil> ; kg:adminLevel <{BASE}def/indicator/evil> ;
      sdmx-measure:obsValue 7 ; rdfs:label "{SCRIPT}"@vi .
  <{BASE}id/annotation/report-a/one-1> a oa:Annotation ; rdfs:label "{IMG}"@vi ;
      oa:hasBody <{BASE}id/observation/report-a/one> ; oa:hasTarget <{BASE}id/annotation/report-a/one-1#target> .
  <{BASE}id/annotation/report-a/one-1#target> oa:hasSource <{BASE}id/document/report-a> ;
      oa:hasSelector <{BASE}id/annotation/report-a/one-1#position> .
  <{BASE}id/annotation/report-a/one-1#position> oa:start 0 ; oa:end 8 .
  <{BASE}id/document/report-a> a schema:NewsArticle ; rdfs:label "{SCRIPT}"@vi .
}}
"""

PAGES = [
    "/id/place/evil",
    "/def/indicator/evil",
    "/id/observation/report-a/one",
    "/id/document/report-a",
    "/id/annotation/report-a/one-1",
    "/search?q=script",
    "/search?q=img",
    "/",
]


@pytest.fixture(scope="module")
def evil_client(tmp_path_factory):
    from kg.web import create_app

    output = tmp_path_factory.mktemp("evil")
    folder = write_publication(output, trig=EVIL_TRIG)
    (folder / "sources" / "report-a.txt").write_text(f"{IMG} then {SCRIPT} in the source text.\n", encoding="utf-8")
    app = create_app({"output_dir": output})
    app.config["TESTING"] = True
    return app.test_client()


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_escaped_on_every_page(evil_client, path):
    response = evil_client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_the_hostile_label_is_shown_as_text(evil_client):
    html = evil_client.get("/id/place/evil", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_chart_escapes_its_labels(evil_client):
    html = evil_client.get("/id/place/evil?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    svg = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg and "<img" not in svg


def test_the_source_text_is_escaped_around_its_highlights(evil_client):
    html = evil_client.get("/id/document/report-a", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<mark id="ann-one-1"' in html and "&lt;img src" in html and "<img src" not in html


def test_search_json_is_json_not_html(evil_client):
    response = evil_client.get("/search?q=script&format=json")
    assert response.mimetype == "application/json"
    assert response.get_json()["results"][0]["label"]["vi"] == SCRIPT
