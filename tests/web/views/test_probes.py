"""Probes for orchestrators: /livez says the process answers, /readyz (= /health) that it can serve."""

from __future__ import annotations


def test_livez_answers_200_alive_without_caching(sample_client):
    response = sample_client.get("/livez")
    assert response.status_code == 200 and response.get_json() == {"status": "alive"}
    assert response.headers["Cache-Control"] == "no-store"


def test_livez_answers_200_even_without_a_publication(make_app, tmp_path):
    response = make_app(tmp_path).test_client().get("/livez")
    assert response.status_code == 200 and response.get_json() == {"status": "alive"}


def test_readyz_is_503_without_a_publication(make_app, tmp_path):
    response = make_app(tmp_path).test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["status"] == "unavailable"


def test_readyz_says_what_health_says(sample_client):
    ready, health = sample_client.get("/readyz"), sample_client.get("/health")
    assert ready.status_code == health.status_code == 200
    assert ready.get_json() == health.get_json() and ready.get_json()["status"] == "ok"
