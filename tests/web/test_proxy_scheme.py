"""Behind a trusted TLS proxy, the URLs the server writes say https; without one, X-Forwarded-Proto is ignored."""

from __future__ import annotations

import pytest

TLS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


@pytest.mark.parametrize("trusted, scheme", [(1, "https"), (0, "http")])
def test_the_openapi_server_url_takes_the_scheme_only_from_a_trusted_proxy(make_app, trusted, scheme):
    client = make_app(trusted_proxies=trusted).test_client()
    servers = client.get("/openapi.json", headers=TLS).get_json()["servers"]
    assert [s["url"] for s in servers] == [f"{scheme}://localhost"]


@pytest.mark.parametrize("trusted, scheme", [(1, "https"), (0, "http")])
def test_the_service_description_names_the_endpoint_with_the_proxys_scheme(make_app, trusted, scheme):
    client = make_app(trusted_proxies=trusted).test_client()
    turtle = client.get("/sparql", headers={**TLS, "Accept": "text/turtle"}).get_data(as_text=True)
    assert f"<{scheme}://localhost/sparql>" in turtle
