"""The mutation report scores each module from mutmut's listing, leaving out the mutants explained as equivalent."""

from __future__ import annotations

import tomllib

from tests.mutation_report import EQUIVALENTS, mutant_module, read_results, score

LISTING = """\
    kg.stores.guard.x_nesting_depth__mutmut_1: killed
    kg.stores.guard.x_nesting_depth__mutmut_2: survived
    kg.stores.guard.x__check__mutmut_7: timeout
    kg.stores.guard.x__check__mutmut_8: equivalent-by-list
    kg.web.caching.x_request_etag__mutmut_1: no tests
    kg.web.negotiation.xǁAcceptǁparse__mutmut_3: killed
    kg.web.negotiation.xǁAcceptǁparse__mutmut_4: not checked
"""


def test_a_mutant_is_counted_in_the_module_of_its_function():
    assert mutant_module("kg.stores.guard.x_nesting_depth__mutmut_4") == "kg.stores.guard"
    assert mutant_module("kg.web.negotiation.xǁAcceptǁparse__mutmut_3") == "kg.web.negotiation"


def test_the_listing_is_read_as_name_and_status():
    results = read_results(LISTING + "some other line\n")
    assert results["kg.web.caching.x_request_etag__mutmut_1"] == "no tests"
    assert len(results) == 7


def test_the_score_counts_timeouts_as_killed_and_leaves_out_equivalents():
    table = score(read_results(LISTING), {"kg.stores.guard.x__check__mutmut_8": "same behaviour"})
    guard = table["kg.stores.guard"]
    assert (guard["mutants"], guard["killed"], guard["equivalent"], guard["score"]) == (4, 2, 1, round(2 / 3, 4))
    assert guard["survivors"] == ["kg.stores.guard.x_nesting_depth__mutmut_2: survived"]
    assert table["kg.web.caching"]["score"] == 0.0  # a mutant no test runs is a survivor
    assert table["kg.web.negotiation"]["score"] == 1.0  # a mutant this run did not test counts neither way
    assert table["kg.web.negotiation"]["not checked"] == 1 and table["kg.web.negotiation"]["survivors"] == []


def test_every_equivalent_mutant_has_a_reason():
    listed = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("equivalent", [])
    assert all(entry["name"].count("__mutmut_") == 1 and len(entry["why"]) > 20 for entry in listed)
    assert len({entry["name"] for entry in listed}) == len(listed)
