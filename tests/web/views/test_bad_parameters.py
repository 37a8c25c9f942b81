"""No 500 for a bad parameter (issue 12): paging, limits and shape names that once raised inside a view."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import BROWSER as BROWSER_ACCEPT

PLACE = "/id/place/binh-phuoc"
HTML = {"Accept": BROWSER_ACCEPT}


@pytest.mark.parametrize("page", ["²", "①", "٣", "1" * 5000, "-1", "0", "1.5", " 1"])
def test_a_page_that_is_not_an_ascii_whole_number_is_400_saying_so(client, page):
    response = client.get(PLACE, query_string={"page": page}, headers=HTML)
    assert response.status_code == 400
    assert "page must be a whole number of at least 1" in response.get_data(as_text=True)


@pytest.mark.parametrize("limit", ["²", "①", "9" * 5000, "0", "100000"])
def test_a_search_limit_outside_its_range_is_400_saying_so(client, limit):
    response = client.get("/search", query_string={"q": "binh", "limit": limit, "format": "json"})
    assert response.status_code == 400
    assert "limit must be a whole number from 1 to" in response.get_data(as_text=True)


def test_a_page_past_the_last_is_404_naming_how_many_there_are_and_is_not_cacheable(client):
    response = client.get(PLACE, query_string={"page": "999999"}, headers=HTML)
    assert response.status_code == 404
    assert "page 999999 does not exist" in response.get_data(as_text=True)
    assert "max-age" not in response.headers.get("Cache-Control", "") and "ETag" not in response.headers
    again = client.get(PLACE, query_string={"page": "999999"}, headers=HTML)
    assert again.status_code == 404 and again.headers.get("X-KG-Cache") != "hit"


def test_the_first_page_of_a_resource_without_inverse_links_still_exists(client):
    assert client.get(PLACE, query_string={"page": "1"}, headers=HTML).status_code == 200


@pytest.mark.parametrize("name", ["X\r", "X\n", "X\rSet-Cookie: a=1", "a b", "x#y"])
def test_a_shape_name_with_controls_or_delimiters_is_404_never_a_header(client, name):
    response = client.get("/def/shapes/" + name.replace("\r", "%0d").replace("\n", "%0a").replace(" ", "%20").replace("#", "%23"))
    assert response.status_code == 404 and "Location" not in response.headers


def test_a_plain_shape_name_still_redirects_to_its_section(client):
    response = client.get("/def/shapes/Observation")
    assert response.status_code == 303 and response.headers["Location"].endswith("/shapes#Observation")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.text(max_size=30), limit=st.text(max_size=30))
def test_no_page_or_limit_value_gives_a_server_error(client, page, limit):
    paged = client.get(PLACE, query_string={"page": page}, headers=HTML)
    limited = client.get("/search", query_string={"q": "x", "limit": limit, "format": "json"})
    assert paged.status_code in (200, 400, 404) and limited.status_code in (200, 400)
    for response in (paged, limited):
        if response.status_code == 400:
            assert "must be a whole number" in response.get_data(as_text=True)
