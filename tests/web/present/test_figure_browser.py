"""The figures browser's logic (kg.web.present.figure_index, figure_browser): facets, counts, sorting, paging, errors."""

from __future__ import annotations

import urllib.parse

import pytest

from kg.errors import BadRequest
from kg.web.present.figure_browser import MAX_SIZE, browse, parse_query, split_quote
from kg.web.present.figure_index import build_index
from tests.web.present.figure_rows import BASE, ROWS, path_of

INDEX = build_index(ROWS, {f"{BASE}id/document/r1": ("Báo cáo 1", "Report 1")})


def view(lang: str = "en", **params) -> dict:
    args = {k: [v] for k, v in params.items()}
    return browse(INDEX, parse_query(INDEX, args), lang, path_of, lang_in_urls=False)


def facet(v: dict, name: str) -> dict[str, int]:
    return {value["key"]: value["count"] for value in next(f for f in v["facets"] if f["name"] == name)["values"]}


def params_of(href: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(href).query))


def test_with_nothing_selected_every_value_counts_all_its_rows():
    v = view()
    assert v["total"] == len(ROWS)
    assert facet(v, "indicator") == {"computers": 6, "websites": 2}
    assert facet(v, "area") == {"an-giang": 1, "binh-phuoc": 5, "ha-noi": 2}
    assert facet(v, "level") == {"district": 1, "province": 7}
    assert facet(v, "report") == {"r1": 5, "r2": 3}


def test_a_facet_counts_its_values_under_the_other_selected_facets():
    v = view(indicator="websites")
    assert v["total"] == 2
    assert facet(v, "area") == {"binh-phuoc": 1, "ha-noi": 1}
    assert facet(v, "period") == {"2012-12": 2}
    assert facet(v, "indicator") == {"computers": 6, "websites": 2}  # its own facet: under the others only


def test_facets_combine():
    v = view(indicator="computers", area="binh-phuoc", level="province")
    assert v["total"] == 3
    assert {r["period"] for r in v["rows"]} == {"2010-12", "2011-12", "2012-12"}
    assert facet(v, "level") == {"district": 1, "province": 3}


def test_an_area_is_named_by_its_slug_or_its_iri():
    assert view(area="ha-noi")["total"] == view(area=f"{BASE}id/place/ha-noi")["total"] == 2


def test_a_value_links_to_the_view_with_it_added_and_a_selected_one_to_the_view_without_it():
    v = view(indicator="computers")
    areas = next(f for f in v["facets"] if f["name"] == "area")["values"]
    ha_noi = next(a for a in areas if a["key"] == "ha-noi")
    assert params_of(ha_noi["href"]) == {"indicator": "computers", "area": "ha-noi"}
    computers = next(i for i in next(f for f in v["facets"] if f["name"] == "indicator")["values"] if i["key"] == "computers")
    assert computers["selected"] and computers["href"] == "/figures"


def test_labels_follow_the_language_and_the_given_labels_name_reports():
    reports = {r["key"]: r["label"] for r in next(f for f in view("vi")["facets"] if f["name"] == "report")["values"]}
    assert reports == {"r1": "Báo cáo 1", "r2": "r2"}
    areas = [a["label"] for a in next(f for f in view("vi")["facets"] if f["name"] == "area")["values"]]
    assert areas == ["thành phố Hà Nội", "tỉnh An Giang", "tỉnh Bình Phước"]  # ordered by the folded label


def test_sort_by_value_is_largest_first_by_default_and_ascending_on_request():
    values = [r["value"] for r in view(sort="value")["rows"]]
    assert values == sorted(values, reverse=True)
    assert [r["value"] for r in view(sort="value", order="asc")["rows"]] == sorted(values)


def test_sort_by_area_uses_the_pages_language():
    assert [r["area_label"] for r in view("en", sort="area", indicator="websites")["rows"]] == ["Bình Phước Province", "Hanoi"]
    assert [r["area_label"] for r in view("vi", sort="area", indicator="websites")["rows"]] == ["thành phố Hà Nội", "tỉnh Bình Phước"]


def test_paging_cuts_the_sorted_rows_and_links_the_neighbours():
    first, second = view(sort="value", size="3"), view(sort="value", size="3", page="2")
    assert first["pages"] == 3 and len(first["rows"]) == 3
    assert [r["value"] for r in first["rows"] + second["rows"]] == [r["value"] for r in view(sort="value")["rows"][:6]]
    assert params_of(second["links"]["previous"]) == {"sort": "value", "order": "desc", "size": "3"}
    assert params_of(second["links"]["next"])["page"] == "3"
    assert first["links"]["previous"] is None


def test_a_row_shows_the_value_in_the_languages_notation_with_its_unit_quote_and_warning():
    (flagged,) = view("vi", level="district")["rows"]
    assert (flagged["display"], flagged["unit_label"]) == ("909", "computer")
    assert flagged["excerpt"] == {"before": "Đến nay có ", "quote": "909 computer", "after": " trên địa bàn."}
    assert flagged["quality_note"] == "Không cộng lại"
    assert flagged["href"].startswith("/id/observation/r1/") and flagged["source_href"] == "/id/document/r1/source"
    (decimal,) = view("vi", area="an-giang")["rows"]
    assert decimal["display"] == "4.100,5"
    assert view("en", area="an-giang")["rows"][0]["display"] == "4,100.5"


def test_a_quote_not_in_its_sentence_leaves_the_sentence_unmarked():
    assert split_quote("Có 12 trang.", "13 trang") == ("Có 12 trang.", "", "")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "red"}, "unknown parameter 'colour'"),
        ({"area": "atlantis"}, "there is no area 'atlantis'"),
        ({"indicator": "cars"}, "the indicator values are: computers, websites"),
        ({"period": "2012"}, "there is no period '2012'"),
        ({"sort": "name"}, "sort must be value or area"),
        ({"order": "up"}, "order must be asc or desc"),
        ({"size": str(MAX_SIZE + 1)}, f"size must be a whole number from 1 to {MAX_SIZE}"),
        ({"page": "0"}, "page must be a whole number of at least 1"),
        ({"page": "99"}, "page must be from 1 to 1"),
    ],
)
def test_a_bad_parameter_is_a_400_that_says_which(params, message):
    with pytest.raises(BadRequest) as caught:
        view(**params)
    assert message in caught.value.message


def test_a_repeated_parameter_is_a_400():
    with pytest.raises(BadRequest, match="give area at most once"):
        parse_query(INDEX, {"area": ["ha-noi", "an-giang"]})


def test_an_empty_value_selects_nothing_as_a_form_sends_it():
    assert view(indicator="", area="")["total"] == len(ROWS)
