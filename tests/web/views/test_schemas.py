"""/schemas/facts.schema.json serves the facts files' schema: for editors, cacheable, to any origin."""

from __future__ import annotations

from kg.build.facts_schema import schema

URL = "/schemas/facts.schema.json"


def test_the_facts_schema_is_served_as_json_schema_with_its_own_address_as_id(sample_client):
    response = sample_client.get(URL)
    assert response.status_code == 200 and response.mimetype == "application/schema+json"
    served = response.get_json(force=True)
    assert served["$id"] == f"http://localhost{URL}"
    assert {k: v for k, v in served.items() if k != "$id"} == {k: v for k, v in schema().items() if k != "$id"}


def test_the_facts_schema_is_cacheable_and_answers_304_to_its_etag(sample_client):
    response = sample_client.get(URL)
    assert "public" in response.headers["Cache-Control"] and "max-age" in response.headers["Cache-Control"]
    again = sample_client.get(URL, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_facts_schema_can_be_fetched_from_any_origin(sample_client):
    assert sample_client.get(URL, headers={"Origin": "https://example.org"}).headers["Access-Control-Allow-Origin"] == "*"
