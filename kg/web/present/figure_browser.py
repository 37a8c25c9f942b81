"""The figures browser's view of a request: parameters checked, facets counted, the page of the table.

Pure (no web framework): the HTTP layer gives the query parameters as a mapping name -> list of values
and gets back a plain dict that the HTML template, the JSON form and the CSV form all use. Every view is
a plain URL: each facet value links to the view with it added (or removed, when selected), and paging
and sorting links keep the rest.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal

from kg.errors import BadRequest
from kg.web.params import whole_number
from kg.web.present.figure_index import FACETS, FacetValue, FigureIndex, facet_counts, matching, page_rows
from kg.web.present.i18n import format_number, format_period

VIEW_PARAMS = ("sort", "order", "page", "size")
OTHER_PARAMS = ("lang", "format")
KNOWN = (*FACETS, *VIEW_PARAMS, *OTHER_PARAMS)
ORDERS = ("asc", "desc")
SORT_NAMES = ("value", "area")
DEFAULT_SIZE, MAX_SIZE = 50, 500
SHOWN_VALUES = 8  # values listed in a value-not-found message


@dataclass
class Query:
    """A checked request: the selected value of each facet, the sort, the order and the page."""

    selection: dict[str, FacetValue] = field(default_factory=dict)
    sort: str = "default"
    order: str = "asc"
    page: int = 1
    size: int = DEFAULT_SIZE


def _one(args: dict[str, list[str]], name: str) -> str:
    values = args.get(name) or [""]
    if len(values) > 1:
        raise BadRequest(f"give {name} at most once (it was given {len(values)} times); one value per parameter")
    return values[0].strip()


def _value_of(index: FigureIndex, facet: str, given: str) -> FacetValue:
    value = index.find(facet, given)
    if value is None:
        known = [v.key for v in index.facets[facet]]
        shown = ", ".join(known[:SHOWN_VALUES]) + (f" … ({len(known)} in all)" if len(known) > SHOWN_VALUES else "")
        raise BadRequest(f"there is no {facet} {given[:80]!r} in this version; the {facet} values are: {shown or 'none'}")
    return value


def parse_query(index: FigureIndex, args: dict[str, list[str]]) -> Query:
    """The Query of the request's parameters; BadRequest naming any unknown parameter or value."""
    unknown = sorted(set(args) - set(KNOWN))
    if unknown:
        raise BadRequest(f"unknown parameter {unknown[0]!r}; /figures takes {', '.join(KNOWN)}")
    query = Query()
    for facet in FACETS:
        given = _one(args, facet)
        if given:
            query.selection[facet] = _value_of(index, facet, given)
    sort = _one(args, "sort") or "default"
    if sort not in ("default", *SORT_NAMES):
        raise BadRequest(f"sort must be value or area, not {sort[:40]!r}")
    order = _one(args, "order") or ("desc" if sort == "value" else "asc")
    if order not in ORDERS:
        raise BadRequest(f"order must be asc or desc, not {order[:40]!r}")
    query.sort, query.order = sort, order
    query.page = whole_number("page", _one(args, "page") or "1", 1)
    query.size = whole_number("size", _one(args, "size") or str(DEFAULT_SIZE), 1, MAX_SIZE)
    return query


def url_of(query: Query, lang: str | None, path: str = "/figures", **change) -> str:
    """The URL of `query` with some parts changed (facet=FacetValue|None, sort=, order=, page=, size=)."""
    params: dict[str, str] = {}
    for facet in FACETS:
        value = change[facet] if facet in change else query.selection.get(facet)
        if value is not None:
            params[facet] = value.key
    sort = change.get("sort", query.sort)
    if sort != "default":
        params["sort"] = sort
        params["order"] = change.get("order", query.order)
    size = change.get("size", query.size)
    if size != DEFAULT_SIZE:
        params["size"] = str(size)
    page = change.get("page", query.page)
    if page != 1:
        params["page"] = str(page)
    if lang:
        params["lang"] = lang
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def _facets(index: FigureIndex, query: Query, lang: str | None, path: str) -> list[dict]:
    out = []
    for facet in FACETS:
        selected = query.selection.get(facet)
        values = []
        for value, count in facet_counts(index, query.selection, facet):
            chosen = selected is not None and value.key == selected.key
            if count or chosen:
                toggled = None if chosen else value
                href = url_of(query, lang, path, **{facet: toggled, "page": 1})
                values.append(
                    {"key": value.key, "value": value.value, "label": value.label(lang or "vi"), "count": count, "selected": chosen, "href": href}
                )
        out.append({"name": facet, "values": values, "selected": selected.key if selected else None})
    return out


def split_quote(sentence: str, quote: str) -> tuple[str, str, str]:
    """(before, quote, after): the quoted words in their sentence, as the resource pages mark them."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], quote, sentence[at + len(quote) :]


def number(value: Decimal) -> int | float:
    """A Decimal as a JSON number (an int when whole)."""
    return int(value) if value == value.to_integral_value() else float(value)


def row_view(row, lang: str, path_of) -> dict:
    """One row of the table, in `lang`: the value as reported with its unit, the quote, the warning, links."""
    en = lang == "en"
    before, quote, after = split_quote(row.sentence or "", row.quote or "")
    return {
        "observation": row.observation,
        "href": path_of(row.observation),
        "indicator": row.indicator,
        "indicator_label": (row.indicator_label_en if en else row.indicator_label_vi) or row.indicator,
        "area": row.area,
        "area_label": (row.area_label_en if en else row.area_label_vi) or row.area,
        "period": row.period,
        "period_label": format_period(row.period, lang) if row.period else "",
        "level": row.level,
        "report": row.report,
        "value": row.value,
        "display": format_number(row.value, lang),
        "unit": row.unit,
        "unit_label": (row.unit_label_en if en else row.unit_label_vi) or "",
        "quality_flag": row.quality_flag or None,
        "quality_note": ((row.quality_note_en if en else row.quality_note_vi) or None) if row.quality_flag else None,
        "quote": row.quote,
        "excerpt": {"before": before, "quote": quote, "after": after} if (row.sentence or row.quote) else None,
        "source_document": row.source_document or None,
        "source_href": path_of(row.source_document) if row.source_document else None,
    }


def _with_level(index: FigureIndex, row: dict, lang: str) -> dict:
    level = index.find("level", row["level"]) if row["level"] else None
    return {**row, "level_label": level.label(lang) if level else row["level"]}


def browse(index: FigureIndex, query: Query, lang: str, path_of, *, lang_in_urls: bool = True, path: str = "/figures") -> dict:
    """The whole view: facets with counts and links, the page of rows, totals, and the paging and sort links
    (to `path`; with `lang` in them when `lang_in_urls`). `path_of` maps an IRI to its page's path."""
    url_lang = lang if lang_in_urls else None
    mask = matching(index, query.selection)
    total = mask.bit_count()
    pages = max(1, -(-total // query.size))
    if query.page > pages:
        raise BadRequest(f"page must be from 1 to {pages} for this view ({total} figures, {query.size} a page), not {query.page}")
    rows = page_rows(index, mask, query.sort, query.order == "desc", lang, (query.page - 1) * query.size, query.size)
    flip = {"asc": "desc", "desc": "asc"}
    sorts = {}
    for name in SORT_NAMES:
        order = flip[query.order] if query.sort == name else ("desc" if name == "value" else "asc")
        sorts[name] = {
            "href": url_of(query, url_lang, path, sort=name, order=order, page=1),
            "active": query.sort == name,
            "order": query.order if query.sort == name else None,
        }
    return {
        "selection": {facet: value.key for facet, value in query.selection.items()},
        "total": total,
        "page": query.page,
        "pages": pages,
        "size": query.size,
        "sort": query.sort,
        "order": query.order,
        "facets": _facets(index, query, url_lang, path),
        "rows": [_with_level(index, row_view(r, lang, path_of), lang) for r in rows],
        "mask": mask,
        "links": {
            "self": url_of(query, url_lang, path),
            "previous": url_of(query, url_lang, path, page=query.page - 1) if query.page > 1 else None,
            "next": url_of(query, url_lang, path, page=query.page + 1) if query.page < pages else None,
            "reset": url_of(Query(), url_lang, path),
            "html": url_of(query, url_lang),
            "json": url_of(query, None, "/figures.json"),
            "csv": url_of(query, None, "/figures.csv", page=1, size=DEFAULT_SIZE),
            "sort": sorts,
        },
    }
