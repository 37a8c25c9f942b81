"""The query page's editor in a real browser (Debian's chromium driven by Playwright), with and without script.

With script: the CodeMirror editor (vendored, served by the app) replaces the textarea, highlights
SPARQL, completes prefixes and our ontology's terms (read from the publication's ontology file here,
not written in the test), puts an example query in the editor in one click, and runs it; results
with a label and a number column open as a chart. Without script the same form runs a query.
No request leaves 127.0.0.1 and the page's Content-Security-Policy is never violated.
Screenshots go to test-artifacts/browser/. Without chromium these tests skip, except under CI=true.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlparse

import pytest

from kg.publication.layout import current_dir, read_manifest
from kg.web.present.query_vocabulary import ontology_file, read_terms
from tests.browser.test_browser import CHROMIUM_FLAGS, chromium_path, shot

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page whose every request and every console message is recorded."""

    def __init__(self, context):
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def assert_stayed_home(self):
        foreign = [url for url in self.requests if urlparse(url).hostname != "127.0.0.1"]
        assert foreign == [], f"requests left 127.0.0.1: {foreign}"
        broken = [text for text in self.console if "Content Security Policy" in text or text.startswith("page error")]
        assert broken == []


@pytest.fixture
def watched(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    yield Watched(context)
    context.close()


@pytest.fixture(scope="module")
def vocabulary(publication_dir):
    """Our ontology's terms, read from the publication's own ontology file."""
    version = current_dir(publication_dir)
    return read_terms(ontology_file(version, read_manifest(version).files))


@pytest.fixture(scope="module")
def examples(publication_dir):
    return json.loads((current_dir(publication_dir) / "queries.json").read_text(encoding="utf-8"))


def open_editor(watched, live_server, path="/sparql?lang=en"):
    page = watched.page
    page.goto(live_server + path)
    page.locator(".query-editor .cm-content").wait_for()
    return page


def type_at_the_end(page, text: str):
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_the_editor_takes_the_place_of_the_textarea_and_highlights_sparql(watched, live_server):
    page = open_editor(watched, live_server)
    assert page.locator("textarea#query").is_hidden()
    assert page.locator("p.editor-help").is_visible()
    keyword = page.locator(".cm-line span", has_text="SELECT").first
    plain = page.locator(".cm-line", has_text="?s ?p ?o").last
    assert keyword.evaluate("e => getComputedStyle(e).color") != plain.evaluate("e => getComputedStyle(e).color")
    shot(page, "10-query-editor")
    watched.assert_stayed_home()


def test_typing_a_prefix_offers_our_vocabulary_terms_with_their_labels(watched, live_server, vocabulary):
    page = open_editor(watched, live_server)
    a_class = next(t for t in vocabulary if t.kind == "class")
    name = "kg:" + a_class.iri.rsplit("/", 1)[1]
    english = dict(a_class.labels)["en"]
    type_at_the_end(page, "\nkg:")
    options = page.locator(".cm-tooltip-autocomplete li")
    options.first.wait_for()
    labels = options.locator(".cm-completionLabel").all_inner_texts()
    assert name in labels
    assert all(label.startswith("kg:") for label in labels)
    assert english in options.filter(has_text=name).first.inner_text()
    shot(page, "11-query-completion")
    watched.assert_stayed_home()


def test_typing_the_start_of_a_prefix_offers_the_declared_prefixes(watched, live_server):
    page = open_editor(watched, live_server)
    type_at_the_end(page, "\nsko")
    page.locator(".cm-tooltip-autocomplete li").first.wait_for()
    assert "skos:" in page.locator(".cm-tooltip-autocomplete .cm-completionLabel").all_inner_texts()


def test_choosing_a_term_adds_the_prefix_line_the_query_lacks(watched, live_server, vocabulary, publication_dir):
    page = open_editor(watched, live_server)
    a_class = next(t for t in vocabulary if t.kind == "class")
    local = a_class.iri.rsplit("/", 1)[1]
    page.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("SELECT * WHERE { ?x a kg:" + local[:-1])
    page.locator(".cm-tooltip-autocomplete li", has_text="kg:" + local).first.click()
    query = page.locator("textarea#query").input_value()
    namespace = read_manifest(current_dir(publication_dir)).base + "def/kg/"
    assert query.startswith(f"PREFIX kg: <{namespace}>\n")
    assert f"?x a kg:{local}" in query


def test_clicking_an_example_puts_it_in_the_editor_and_running_it_shows_results(watched, live_server, examples):
    page = open_editor(watched, live_server)
    first = examples[0]
    page.locator("a.example").first.click()
    assert urlparse(page.url).query == "lang=en"  # the page stayed; the query is in the editor
    assert page.locator("textarea#query").input_value() == first["query"]
    assert page.locator(".cm-content").inner_text().startswith(first["query"].splitlines()[0])
    assert first["title"]["en"] in page.locator(".editor-status").inner_text()
    page.locator("form.query [type='submit']").click()
    page.wait_for_load_state()
    assert page.locator("table.results tbody tr").count() > 0
    assert page.locator("textarea#query").input_value() == first["query"]
    shot(page, "12-query-example-results")
    watched.assert_stayed_home()


def test_results_with_a_label_and_a_number_open_as_a_chart(watched, live_server):
    query = "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) ?type LIMIT 12"
    page = open_editor(watched, live_server)
    page.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(query)
    assert page.locator("textarea#query").input_value() == query
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")  # runs the query, as the button does
    rows = page.locator("table.results tbody tr").count()
    assert rows > 0
    chart = page.locator("details.query-chart")
    assert chart.locator("svg.chart").is_hidden()
    chart.locator("summary").click()
    assert chart.locator("svg.chart").is_visible()
    assert chart.locator("rect.chart-bar").count() == rows
    first_count = page.locator("table.results tbody tr").first.locator("td").nth(1).inner_text().split()[0]
    assert chart.locator("text.chart-value").first.text_content() == first_count
    shot(page, "13-query-chart")
    watched.assert_stayed_home()


def test_without_script_the_form_runs_the_query_and_shows_results_and_chart(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    watched = Watched(context)
    page = watched.page
    page.goto(live_server + "/sparql?lang=en")
    assert page.locator(".cm-editor").count() == 0 and page.locator("textarea#query").is_visible()
    page.locator("textarea#query").fill("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 5")
    page.locator("form.query [type='submit']").click()
    page.wait_for_load_state()
    assert page.locator("table.results tbody tr").count() == 5
    page.locator("details.query-chart summary").click()
    assert page.locator("details.query-chart rect.chart-bar").count() == 5
    shot(page, "14-query-chart-without-script")
    watched.assert_stayed_home()
    context.close()
