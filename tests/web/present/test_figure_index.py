"""The index of a version's figures (kg.web.present.figure_index): bitsets, members, and pages in every order."""

from __future__ import annotations

import random

import pytest

from kg.web.present.figure_index import build_index, matching, members, page_rows
from tests.web.present.figure_rows import AREAS, row

AREA_NAMES = sorted(AREAS)
ROWS = [
    row("computers" if n % 3 else "websites", AREA_NAMES[n % 3], f"{2000 + n % 7}-12", str(random.Random(n).randint(0, 99)), level=f"l{n}")
    for n in range(300)
]
INDEX = build_index(ROWS)


def naive(rows, sort, descending, lang):
    """The rows sorted as the browser promises: by value or by area label then period, ties in the rows' order."""
    key = {
        "default": lambda i: i,
        "value": lambda i: (rows[i].value, i),
        "area": lambda i: ((rows[i].area_label_en if lang == "en" else rows[i].area_label_vi).lower(), rows[i].period, i),
    }[sort]
    return [rows[i] for i in sorted(range(len(rows)), key=key, reverse=descending)]


def test_members_are_the_set_bits_in_ascending_order():
    assert members(0b1010_0000_0001, 12) == [0, 9, 11]
    assert members(0, 5) == []


def test_a_values_bitset_holds_exactly_its_rows():
    websites = INDEX.find("indicator", "websites")
    assert members(websites.rows, len(ROWS)) == [n for n in range(300) if n % 3 == 0]


@pytest.mark.parametrize("sort", ["default", "value", "area"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    "selection",
    [{}, {"indicator": "websites"}, {"indicator": "websites", "period": "2003-12"}, {"level": "l7"}],
    ids=["all", "dense", "sparse", "one"],
)
def test_a_page_is_the_slice_of_the_sorted_view_whether_few_or_many_rows_match(sort, descending, selection):
    chosen = {facet: INDEX.find(facet, key) for facet, key in selection.items()}
    mask = matching(INDEX, chosen)
    view = [r for r in ROWS if all(getattr(r, f) == v.value for f, v in chosen.items())]
    expected = naive(view, sort, descending, "en") if sort != "area" else None
    for offset, size in ((0, 10), (37, 25), (len(view), 5)):
        got = page_rows(INDEX, mask, sort, descending, "en", offset, size)
        if expected is not None:
            assert got == expected[offset : offset + size]
        else:  # the area order folds diacritics; check it is sorted and complete instead
            whole = page_rows(INDEX, mask, sort, descending, "en", 0, len(view))
            assert sorted(r.observation for r in whole) == sorted(r.observation for r in view)
            assert got == whole[offset : offset + size]
