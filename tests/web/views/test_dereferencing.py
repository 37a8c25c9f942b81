"""Dereferencing minted IRIs: content negotiation, suffixes, headers, 404s."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from tests.web.conftest import BROWSER

PLACE = "/id/place/binh-phuoc"


def get(client, path, accept=None):
    return client.get(path, headers={"Accept": accept} if accept is not None else {})


def triples_of(response, fmt=ox.RdfFormat.TURTLE):
    return {q.triple for q in ox.parse(response.data, format=fmt)}


def test_a_browser_gets_the_html_page(client):
    response = get(client, PLACE, BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"


def test_any_type_gets_turtle(client):
    response = get(client, PLACE, "*/*")
    assert response.status_code == 200 and response.mimetype == "text/turtle"


def test_no_accept_header_gets_turtle(client):
    assert get(client, PLACE).mimetype == "text/turtle"


def test_text_wildcard_gets_turtle(client):
    assert get(client, PLACE, "text/*").mimetype == "text/turtle"


@pytest.mark.parametrize(
    "accept, mimetype",
    [
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/turtle", "text/turtle"),
    ],
)
def test_each_rdf_format_is_served_by_accept(client, accept, mimetype):
    assert get(client, PLACE, accept).mimetype == mimetype


def test_q_values_pick_the_preferred_format(client):
    assert get(client, PLACE, "text/turtle;q=0.5, application/rdf+xml;q=0.9").mimetype == "application/rdf+xml"


def test_q_zero_refuses_a_format(client):
    assert get(client, PLACE, "text/turtle;q=0, */*;q=0.1").mimetype != "text/turtle"


def test_html_with_q_zero_gets_rdf(client):
    assert get(client, PLACE, "text/html;q=0, */*").mimetype == "text/turtle"


def test_an_unknown_type_is_406(client):
    response = get(client, PLACE, "image/png")
    assert response.status_code == 406


def test_only_refused_types_is_406(client):
    assert get(client, PLACE, "text/turtle;q=0").status_code == 406


@pytest.mark.parametrize(
    "suffix, mimetype, fmt",
    [
        (".ttl", "text/turtle", ox.RdfFormat.TURTLE),
        (".nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        (".jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
        (".rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_a_suffix_selects_the_format_and_the_body_parses(client, suffix, mimetype, fmt):
    response = get(client, PLACE + suffix, "*/*")
    assert response.mimetype == mimetype
    assert triples_of(response, fmt)


def test_a_suffix_wins_over_accept(client):
    assert get(client, PLACE + ".nt", "application/rdf+xml").mimetype == "application/n-triples"


def test_the_html_suffix_gives_the_page_to_programs(client):
    assert get(client, PLACE + ".html", "*/*").mimetype == "text/html"


def test_the_format_parameter_selects_the_format(client):
    assert get(client, PLACE + "?format=nt", BROWSER).mimetype == "application/n-triples"


def test_every_form_has_the_same_triples(client):
    turtle = triples_of(get(client, PLACE + ".ttl"))
    assert triples_of(get(client, PLACE + ".nt"), ox.RdfFormat.N_TRIPLES) == turtle
    assert triples_of(get(client, PLACE + ".rdf"), ox.RdfFormat.RDF_XML) == turtle


def vary_of(response) -> list[str]:
    """The header names of Vary, as a list (so "Accept" is not found inside "Accept-Language")."""
    return [name.strip().lower() for name in response.headers.get("Vary", "").split(",") if name.strip()]


@pytest.mark.parametrize("path", [PLACE, PLACE + ".ttl"])
@pytest.mark.parametrize("accept", ["*/*", BROWSER])
def test_responses_vary_on_accept_and_accept_language(client, path, accept):
    assert {"accept", "accept-language"} <= set(vary_of(get(client, path, accept)))


def test_content_location_names_the_representation_sent(client):
    assert get(client, PLACE, "*/*").headers["Content-Location"] == PLACE + ".ttl"
    assert get(client, PLACE, BROWSER).headers["Content-Location"] == PLACE + ".html"


def test_link_names_every_other_representation(client):
    link = get(client, PLACE, "*/*").headers["Link"]
    assert f'<{PLACE}.html>; rel="alternate"; type="text/html"' in link
    for suffix, media_type in ((".nt", "application/n-triples"), (".jsonld", "application/ld+json"), (".rdf", "application/rdf+xml")):
        assert f'<{PLACE}{suffix}>; rel="alternate"; type="{media_type}"' in link
    assert f"<{PLACE}.ttl>" not in link


def test_the_description_is_served_directly_not_redirected(client):
    assert get(client, PLACE, "text/turtle").status_code == 200


def test_the_description_has_the_inverse_links(client, base):
    place = ox.NamedNode(base + PLACE[1:])
    triples = triples_of(get(client, PLACE, "text/turtle"))
    assert any(t.object == place for t in triples) and any(t.subject == place for t in triples)


def test_an_unknown_iri_is_a_404_page_for_people(client):
    response = get(client, "/id/place/atlantis", BROWSER)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "atlantis" in response.get_data(as_text=True)


def test_an_unknown_iri_is_a_plain_404_for_programs(client):
    response = get(client, "/id/place/atlantis", "text/turtle")
    assert response.status_code == 404 and response.mimetype == "text/plain"


def test_an_unknown_iri_is_a_json_404_when_json_is_asked(client):
    response = get(client, "/id/place/atlantis.ttl", "application/json")
    assert response.status_code == 404
    assert json.loads(response.data)["status"] == 404


def test_an_unknown_suffixed_iri_is_a_404(client):
    assert get(client, "/def/kg/NoSuchTerm.ttl", "*/*").status_code == 404


def test_the_ontology_iri_gives_the_whole_ontology(client, base):
    triples = triples_of(get(client, "/def/kg", "text/turtle"))
    terms = {t.subject.value for t in triples if t.subject.value.startswith(base + "def/kg/")}
    assert base + "def/kg/indicator" in terms
    labelled = {t.subject.value for t in triples if t.predicate.value.endswith("#label")}
    assert base + "def/kg/indicator" in labelled


def test_a_code_list_iri_gives_its_concepts(client, base):
    triples = triples_of(get(client, "/def/indicator", "text/turtle"))
    concept = ox.NamedNode(base + "def/indicator/computers")
    assert any(t.subject == concept and t.predicate.value.endswith("prefLabel") for t in triples)


def test_a_named_graph_iri_gives_the_graph(client, base):
    triples = triples_of(get(client, "/graph/binh-phuoc-2012-ict", "text/turtle"))
    assert any(t.subject.value == base + "id/place/binh-phuoc" for t in triples)


def test_a_bad_page_number_is_400(client):
    assert get(client, PLACE + "?page=zero", BROWSER).status_code == 400


@pytest.mark.parametrize("path", ["/id/foo%20bar", "/id/a%3Cb%3E", "/graph/x%00y", "/id/place/binh-phuoc.TTL"])
def test_a_path_that_is_no_iri_of_ours_is_a_404_not_an_error(client, path):
    assert get(client, path, "*/*").status_code == 404
