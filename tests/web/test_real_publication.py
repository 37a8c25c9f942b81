"""The endpoint over the real build (tests/conftest.py): every competency question answers, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from kg.build.queries import load_questions
from kg.stores.embedded.pool import runner_for
from kg.web import create_app
from kg.web.formats import GRAPH_FORMATS, RESULTS_FORMATS

QUESTIONS = load_questions(Path(__file__).resolve().parents[2] / "queries")


@pytest.fixture(scope="module")
def real_client(publication_dir):
    app = create_app({"output_dir": publication_dir})
    app.config["TESTING"] = True
    yield app.test_client()
    runner_for(app).close()


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_each_competency_question_answers_by_get(real_client, question):
    response = real_client.get("/sparql", query_string={"query": question.query})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["X-KG-Truncated"] == "false"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_each_competency_question_runs_from_the_query_page(real_client, question):
    response = real_client.get("/sparql", query_string={"query": question.query, "lang": "en"}, headers={"Accept": "text/html"})
    assert response.status_code == 200 and 'class="query-error"' not in response.get_data(as_text=True)


def test_the_query_page_lists_every_competency_question(real_client):
    html = real_client.get("/sparql", query_string={"lang": "en"}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert all(str(escape(q.title["en"])) in html for q in QUESTIONS)


def test_every_published_file_downloads(real_client):
    files = real_client.get("/downloads").get_json()["files"]
    assert files and all(real_client.get(f"/download/{f['name']}").status_code == 200 for f in files)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_each_competency_question_answers_in_every_format_of_its_kind(real_client, question):
    graph = question.query.lstrip().split("\n")
    kinds = GRAPH_FORMATS if any(line.lstrip().upper().startswith(("CONSTRUCT", "DESCRIBE")) for line in graph) else RESULTS_FORMATS
    for fmt in kinds:
        response = real_client.get("/sparql", query_string={"query": question.query, "format": fmt.names[0]})
        assert response.status_code == 200 and response.mimetype == fmt.media_type, (fmt.name, response.get_data(as_text=True)[:300])
