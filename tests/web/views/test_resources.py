def test_a_shape_iri_redirects_to_its_anchor_on_the_shapes_page(client):
    response = client.get("/def/shapes/Observation", headers={"Accept": "text/html"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/shapes#Observation")
    page = client.get("/shapes", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="Observation"' in page
