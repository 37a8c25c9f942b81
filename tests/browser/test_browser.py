"""A person's path through the site in a real browser (Debian's chromium driven by Playwright).

Home page -> an example query -> a result -> its page -> the other language -> the evidence in
the source document. Screenshots of each step are kept in test-artifacts/browser/.
Without chromium these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


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


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_a_reader_goes_from_the_home_page_to_the_evidence_in_the_source(page, live_server):
    page.goto(live_server + "/")
    assert page.locator("h1").first.is_visible()
    shot(page, "01-home")

    # An example query, one click to run.
    page.locator("ol.questions a").first.click()
    page.wait_for_load_state()
    assert "/sparql" in page.url
    rows = page.locator("table tbody tr")
    assert rows.count() > 0
    shot(page, "02-query-results")

    # Follow a result to its page.
    result_link = page.locator("table tbody a[href^='/id/']").first
    result_link.click()
    page.wait_for_load_state()
    assert "/id/" in page.url
    heading_vi = page.locator("h1").first.inner_text()
    shot(page, "03-resource-vi")

    # Switch language.
    page.locator("nav.langswitch a[lang='en']").click()
    page.wait_for_load_state()
    assert "lang=en" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "04-resource-en")
    assert page.locator("h1").first.inner_text() != "" and heading_vi != ""

    # Open the evidence in the source document.
    evidence = page.locator("section.evidence a[href*='/id/document/']").first
    evidence.click()
    page.wait_for_load_state()
    assert "/id/document/" in page.url
    assert page.locator("mark").count() > 0
    shot(page, "05-source-document")


def test_an_observation_page_reads_as_a_sentence_with_its_quote_highlighted(page, live_server):
    page.goto(live_server + "/id/observation/binh-phuoc-2012-ict/computers-total?lang=en")
    body = page.locator("main").inner_text()
    assert "3,339" in body
    assert "3.339 máy tính" in page.locator("section.evidence mark").first.inner_text()
    shot(page, "06-observation-en")


def test_the_query_page_runs_a_typed_query_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/sparql")
    page.locator("textarea[name='query']").fill("SELECT ?name WHERE { ?person <http://xmlns.com/foaf/0.1/name> ?name }")
    page.locator("form.query [type='submit']").first.click()
    page.wait_for_load_state()
    assert "Nguyễn Minh Hồng" in page.locator("table").inner_text()
    shot(page, "07-typed-query")
    context.close()
