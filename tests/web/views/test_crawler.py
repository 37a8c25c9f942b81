"""A program following links: from the home page, through the Turtle of each IRI, to the whole graph.

The dump (kg.nt) is parsed as it is, not loaded into a store first: what each IRI answers must be
what the dump says, term for term (lexical form, datatype, language), not merely the same values.
"""

from __future__ import annotations

from collections import deque

import pyoxigraph as ox
import pytest

from tests.web.conftest import BROWSER
from tests.web.html_text import Page

DEREFERENCEABLE = ("/id/", "/def/", "/graph/")


def document_of(iri: str, base: str) -> str | None:
    """The server path that answers for a minted IRI (its fragment dropped), or None for other IRIs."""
    if not iri.startswith(base):
        return None
    path = "/" + iri[len(base) :].split("#", 1)[0]
    return path if path.startswith(DEREFERENCEABLE) else None


def dump_triples(version_dir) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(path=str(version_dir / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)]


def links_of(triple: ox.Triple):
    return [term.value for term in (triple.subject, triple.predicate, triple.object) if isinstance(term, ox.NamedNode)]


@pytest.fixture(scope="module")
def crawl(publication_dir, base):
    """{path: triples} of every document reached from the home page's links by following Turtle links."""
    from kg.web import create_app

    client = create_app({"output_dir": publication_dir}).test_client()
    home = Page(client.get("/", headers={"Accept": BROWSER}).get_data(as_text=True))
    start = {href.split("#")[0].split("?")[0] for href, _ in home.links if href.startswith(DEREFERENCEABLE)}
    fetched: dict[str, set] = {}
    frontier = deque(sorted(start))
    while frontier:
        path = frontier.popleft()
        if path in fetched:
            continue
        response = client.get(path, headers={"Accept": "text/turtle"})
        assert response.status_code == 200, f"{path}: {response.status_code}"
        fetched[path] = {q.triple for q in ox.parse(response.data, format=ox.RdfFormat.TURTLE)}
        for triple in fetched[path]:
            for iri in links_of(triple):
                target = document_of(iri, base)
                if target and target not in fetched:
                    frontier.append(target)
    return fetched


@pytest.fixture(scope="module")
def expected(version_dir, base) -> dict[str, set]:
    """{path: the dump's triples whose subject is answered by that path}, for every minted IRI of the dump."""
    by_document: dict[str, set] = {}
    for triple in dump_triples(version_dir):
        for iri in links_of(triple):
            if document_of(iri, base):
                by_document.setdefault(document_of(iri, base), set())
        if isinstance(triple.subject, ox.NamedNode) and document_of(triple.subject.value, base):
            by_document[document_of(triple.subject.value, base)].add(triple)
    return by_document


def test_the_home_page_links_to_resources_to_start_from(crawl):
    assert crawl


def test_following_links_reaches_every_iri_minted_in_the_dump(crawl, expected):
    assert sorted(set(expected) - set(crawl)) == []


def test_each_iri_answers_with_all_the_dump_says_about_it(crawl, expected):
    missing = {path: sorted(map(str, triples - crawl.get(path, set())))[:3] for path, triples in expected.items() if triples - crawl.get(path, set())}
    assert missing == {}


def test_every_iri_reached_has_a_page_for_people(publication_dir, crawl):
    from kg.web import create_app

    client = create_app({"output_dir": publication_dir}).test_client()
    failing = {path: client.get(path, headers={"Accept": BROWSER}).status_code for path in crawl}
    assert {path: status for path, status in failing.items() if status != 200} == {}
