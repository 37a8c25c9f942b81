"""The figures browser in a real browser (Debian's chromium driven by Playwright), with no script of ours.

A reader opens /figures from the site's navigation, picks an indicator and then a period, sees the
table and the bar chart of that view, and downloads the view as CSV. Screenshots go to
test-artifacts/browser/. Without chromium these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import csv
import io
import urllib.parse

import pytest

from tests.browser.test_browser import browser, page, shot  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def facet(page, name: str):  # noqa: F811 (page: the fixture's page)
    """The links of one facet's values."""
    return page.locator(f"section.facet[data-facet='{name}'] li > a:not(.remove)")


def test_a_reader_picks_two_facets_sees_the_table_and_chart_and_downloads_the_csv(page, live_server):  # noqa: F811
    page.goto(live_server + "/")
    page.locator("header.site nav a[href='/figures']").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Số liệu"
    assert page.locator("p.no-chart").is_visible()  # nothing chosen yet: the page says what to choose
    everything = page.locator("table.figures-table tbody tr").count()
    shot(page, "figures-01-all")

    computers = facet(page, "indicator").filter(has_text="Số máy tính")
    computers.first.click()
    page.wait_for_load_state()
    period = facet(page, "period").first
    period_label = period.inner_text()
    period.click()
    page.wait_for_load_state()
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).query))
    assert query["indicator"] == "computers" and set(query) == {"indicator", "period"}
    assert page.locator("section.facet a.selected").all_inner_texts() == [computers.first.inner_text(), period_label]

    rows = page.locator("table.figures-table tbody tr")
    assert 0 < rows.count() < everything
    assert rows.locator("mark").count() == rows.count()  # each quote marked in its sentence
    chart = page.locator("figure.figures-chart[data-kind='bars'] svg")
    assert chart.is_visible() and chart.locator("rect.chart-bar").count() == rows.count()
    shot(page, "figures-02-two-facets")

    with page.expect_download() as caught:
        page.locator("a.csv").click()
    download = caught.value
    table = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert len(table) == rows.count()
    assert {r["indicator"] for r in table} == {"computers"} and {r["period"] for r in table} == {query["period"]}
    assert download.suggested_filename == "figures.csv"


def test_the_english_page_and_a_sort_link_work_without_script(browser, live_server):  # noqa: F811
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()  # noqa: F811
    try:
        page.goto(live_server + "/figures?indicator=computers")
        assert page.locator("h1").inner_text() == "Figures"
        page.locator("p.sorting a", has_text="Sort by value").click()
        page.wait_for_load_state()
        values = page.locator("table.figures-table td.value").all_inner_texts()
        numbers = [float(v.split()[0].replace(",", "")) for v in values]
        assert numbers == sorted(numbers, reverse=True) and len(numbers) > 1
    finally:
        context.close()
