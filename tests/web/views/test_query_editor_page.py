"""What the query page gives its editor (prefixes and our ontology's terms as inline JSON), the vendored
editor it loads from this host, and its chart of results with a label and a number column, without script."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

import kg.web
from kg.namespaces import prefixes

VENDOR = Path(kg.web.__file__).parent / "static" / "vendor" / "codemirror-6.44.2"


def editor_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-editor-data">(.*?)</script>', html, re.S).group(1))


def ontology_terms(version_dir: Path, base: str) -> tuple[dict[str, rdflib.URIRef], rdflib.Graph]:
    """Our classes and properties in the version's ontology file (read with rdflib), by prefixed name."""
    graph = rdflib.Graph().parse(version_dir / "ontology.ttl")
    ours = base + "def/kg/"
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
    return {"kg:" + s[len(ours) :]: s for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(ours)}, graph


def test_the_editor_gets_every_prefix_the_service_declares(page, base):
    assert editor_data(page("/sparql").get_data(as_text=True))["prefixes"] == prefixes(base)


def test_the_editor_gets_every_class_and_property_of_our_ontology_with_its_label(page, version_dir, base):
    terms, graph = ontology_terms(version_dir, base)
    listed = {t["name"]: t for t in editor_data(page("/sparql", lang="en").get_data(as_text=True))["terms"]}
    assert terms and set(terms) <= set(listed)
    for name, iri in terms.items():
        english = {str(o) for o in graph.objects(iri, RDFS.label) if o.language == "en"}
        assert listed[name]["label"] in english and listed[name]["iri"] == str(iri)


def test_the_terms_are_labelled_in_the_page_language(page, version_dir, base):
    terms, graph = ontology_terms(version_dir, base)
    listed = {t["name"]: t for t in editor_data(page("/sparql").get_data(as_text=True))["terms"]}
    for name, iri in terms.items():
        vietnamese = {str(o) for o in graph.objects(iri, RDFS.label) if o.language == "vi"}
        assert vietnamese and listed[name]["label"] in vietnamese


def test_every_page_gets_a_new_style_nonce_that_its_policy_names(page):
    first, second = page("/sparql"), page("/sparql")
    nonces = [editor_data(r.get_data(as_text=True))["styleNonce"] for r in (first, second)]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        assert f"style-src 'self' 'nonce-{nonce}'" in response.headers["Content-Security-Policy"]


def test_the_page_loads_the_vendored_editor_and_our_script_from_this_host(page, client):
    html = page("/sparql").get_data(as_text=True)
    sources = re.findall(r'<script src="([^"]+)" defer>', html)
    assert sources == ["/static/vendor/codemirror-6.44.2/codemirror.min.js", "/static/query-editor.js"]
    for source in sources:
        response = client.get(source)
        assert response.status_code == 200 and response.mimetype == "text/javascript" and len(response.data) > 1000


def test_the_vendored_editor_comes_with_the_licence_of_every_package_in_it():
    lock = json.loads((VENDOR / "package-lock.json").read_text(encoding="utf-8"))
    bundled = {path.split("node_modules/")[-1] for path in lock["packages"] if path and "esbuild" not in path}
    licence = (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert bundled and all(f"==== {name} " in licence for name in bundled)
    assert licence.count("Permission is hereby granted, free of charge") == len(bundled)  # the MIT licence, once per package


def test_the_textarea_stays_in_the_form_for_the_page_without_script(page):
    html = page("/sparql").get_data(as_text=True)
    form = html.split('<form class="query"')[1].split("</form>")[0]
    assert '<textarea id="query" name="query"' in form and '<button type="submit">' in form


def test_results_with_a_label_and_a_number_column_show_a_chart(page):
    query = "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 5"
    html = page("/sparql?" + urlencode({"query": query}), lang="en").get_data(as_text=True)
    chart = html.split('<details class="query-chart">')[1].split("</details>")[0]
    assert chart.count('class="chart-bar"') == 5 and "?n by ?type" in unescape(chart)


def test_results_without_a_number_column_show_no_chart(page):
    html = page("/sparql?" + urlencode({"query": "SELECT ?s WHERE { ?s a ?t } LIMIT 3"})).get_data(as_text=True)
    assert "query-chart" not in html and "<table" in html
