"""Whose word a finding is, on its page, in the page's language (issue 13 §3.2, §3.3).

A figure, difficulty or recommendation the article credits to the Director's report says so, with
the session and its month; the headline's assessment says it is the article's own words; an entity
that is no finding says neither.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest

FIGURE = "/id/observation/binh-phuoc-2012-ict/computers-total"
DIFFICULTY = "/id/difficulty/binh-phuoc-2012-ict/funding"
HEADLINE = "/id/assessment/binh-phuoc-2012-ict/highly-rated"
ASSESSMENT = "/id/assessment/binh-phuoc-2012-ict/serving-citizens-fairly-fully"
REPORT = "/id/document/binh-phuoc-2012-ict/dic-director-report"
SESSION = "/id/event/binh-phuoc-2012-ict/working-session-2012-12"


def attribution(client, path: str, lang: str) -> str | None:
    """The attribution line of a page as text, with the links it holds as [href]; None when the page has none."""
    response = client.get(f"{path}?lang={lang}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    found = re.search(r'<p class="attribution"[^>]*>(.*?)</p>', response.get_data(as_text=True), re.S)
    if not found:
        return None
    linked = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 [\1]", found.group(1), flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", linked)).split())


@pytest.mark.parametrize("path", [FIGURE, DIFFICULTY, ASSESSMENT])
def test_a_credited_statement_says_according_to_which_report_at_which_session_and_when(client, path):
    english = attribution(client, path, "en")
    assert english.startswith("According to Report of the Director of the Bình Phước Department")
    assert "Curator's reading" not in english or path == DIFFICULTY
    assert f"[{REPORT}]" in english and "presented at Working session" in english and f"[{SESSION}]" in english
    assert english.endswith("(December 2012).")
    vietnamese = attribution(client, path, "vi")
    assert vietnamese.startswith("Theo Báo cáo của Giám đốc Sở Thông tin và Truyền thông")
    assert "trình bày tại Buổi làm việc" in vietnamese and vietnamese.endswith("(tháng 12/2012).")


def test_the_headlines_assessment_says_it_is_the_articles_own_words(client):
    assert attribution(client, HEADLINE, "en") == "The article's own words: it credits them to no report."
    assert attribution(client, HEADLINE, "vi") == "Lời của chính bài viết: bài không ghi đây là theo báo cáo nào."


@pytest.mark.parametrize("path", ["/id/place/binh-phuoc", "/id/organisation/mic", "/id/person/nguyen-minh-hong"])
def test_a_page_of_something_that_is_no_finding_has_no_attribution(client, path):
    assert attribution(client, path, "en") is None


def test_a_credit_the_article_does_not_state_is_marked_as_the_curators_reading(client):
    """The difficulties stand in a later paragraph that names no source again: their credit is a reading."""
    assert "Curator's reading [/id/reading/binh-phuoc-2012-ict/funding-according-to-1]" in attribution(client, DIFFICULTY, "en")
    assert "Cách hiểu của người biên tập" in attribution(client, DIFFICULTY, "vi")
    assert "Curator's reading" not in attribution(client, FIGURE, "en")  # the figures follow "Cụ thể": the report's
