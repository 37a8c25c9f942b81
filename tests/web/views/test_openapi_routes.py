"""The OpenAPI description (/openapi.json) describes every route the app serves, and only those, and validates as OpenAPI 3.1."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from kg.stores.embedded.pool import runner_for
from kg.web import create_app

UNDESCRIBED = {"/static/{filename}"}  # the pages' stylesheet and images: not part of the API


@pytest.fixture(scope="module")
def app(publication_dir):
    app = create_app({"output_dir": publication_dir})
    yield app
    runner_for(app).close()


@pytest.fixture(scope="module")
def described(app) -> dict:
    return app.test_client().get("/openapi.json").get_json()["paths"]


def openapi_path(rule: str) -> str:
    """A werkzeug rule as an OpenAPI path template: /id/<path:rest> -> /id/{rest}."""
    return re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule)


def test_every_route_of_the_app_is_described(app, described):
    routes = {openapi_path(rule.rule) for rule in app.url_map.iter_rules()} - UNDESCRIBED
    names = {re.sub(r"\{\w+\}", "{}", p) for p in described}
    assert sorted(r for r in routes if re.sub(r"\{\w+\}", "{}", r) not in names) == []


def test_every_described_path_is_a_route_of_the_app(app, described):
    routes = {re.sub(r"\{\w+\}", "{}", openapi_path(rule.rule)) for rule in app.url_map.iter_rules()}
    assert sorted(p for p in described if re.sub(r"\{\w+\}", "{}", p) not in routes) == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_endpoint_documents_the_429_of_the_client_budget(described, method):
    assert "Retry-After" in described["/sparql"][method]["responses"]["429"]["description"]


@pytest.mark.parametrize("path", ["/", "/shapes", "/validation", "/graph/vocabulary"])
def test_each_newly_described_page_answers_as_described(app, described, path):
    template = "/graph/{path}" if path.startswith("/graph/") else path
    response = app.test_client().get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "text/html" in described[template]["get"]["responses"]["200"]["content"]


def test_the_served_document_validates_as_openapi_3_1(sample_client):
    document = sample_client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.1.")
    assert [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()] == []


def test_the_validator_would_find_a_path_parameter_the_document_forgot(sample_client):
    document = sample_client.get("/openapi.json").get_json()
    document["paths"]["/download/{name}"]["get"]["parameters"] = []
    assert [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()] == [
        "Path parameter 'name' for 'get' operation in '/download/{name}' was not resolved"
    ]
