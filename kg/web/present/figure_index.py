"""The figures of one version, indexed once for the figures browser: facet values, bitsets, sort orders.

A version never changes, so everything a request needs is computed when its rows are first read:
for each facet (indicator, area, period, level, report) the values with their labels and, per value,
the set of rows that have it, as a Python int used as a bitset (bit i: row i). A view is then the AND
of the selected values' bitsets, a facet count one AND and one popcount per value, and a page of the
table a walk along a precomputed sort order that keeps the rows whose bit is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kg.iris import fold
from kg.web.present.i18n import format_period

FACETS = ("indicator", "area", "period", "level", "report")
SORTS = ("default", "value", "area")
LANGS = ("vi", "en")


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: the key used in URLs, the full value (an IRI or a code) and its labels."""

    key: str
    value: str
    label_vi: str
    label_en: str
    rows: int  # bitset of the rows that have it

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class FigureIndex:
    """Every row of a version, its facets and its sort orders (see the module docstring)."""

    rows: tuple
    facets: dict[str, tuple[FacetValue, ...]]  # facet -> its values, in display order
    lookup: dict[str, dict[str, FacetValue]]  # facet -> key or full value -> FacetValue
    orders: dict[tuple[str, str], tuple[int, ...]]  # (sort, lang) -> row numbers, ascending
    ranks: dict[tuple[str, str], tuple[int, ...]]  # (sort, lang) -> each row's place in that order
    everything: int  # the bitset of all rows

    def find(self, facet: str, given: str) -> FacetValue | None:
        """The value of `facet` named by `given` (its key, e.g. an area's slug, or its full IRI)."""
        return self.lookup[facet].get(given)


def slug_of(value: str) -> str:
    """The last segment of an IRI (`…/id/place/binh-phuoc` -> `binh-phuoc`); a code stays as it is."""
    if "://" not in value:
        return value
    return value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _raw(row, facet: str) -> str:
    return str(getattr(row, facet) or "")


def _labels(row, facet: str, value: str, extra: dict[str, tuple[str, str]]) -> tuple[str, str]:
    if facet in ("indicator", "area"):
        vi, en = getattr(row, f"{facet}_label_vi"), getattr(row, f"{facet}_label_en")
        return vi or en or value, en or vi or value
    if facet == "period":
        return format_period(value, "vi"), format_period(value, "en")
    return extra.get(value, (slug_of(value), slug_of(value)))


def _keys(values: list[str]) -> dict[str, str]:
    """value -> URL key: its slug, unless two values share a slug (then the full values)."""
    by_slug: dict[str, list[str]] = {}
    for value in values:
        by_slug.setdefault(slug_of(value), []).append(value)
    return {v: (slug if len(group) == 1 else v) for slug, group in by_slug.items() for v in group}


def _display_order(facet: str, values: list[FacetValue]) -> tuple[FacetValue, ...]:
    if facet == "period":
        return tuple(sorted(values, key=lambda v: v.value))
    return tuple(sorted(values, key=lambda v: (fold(v.label_vi), v.key)))


def _area_key(row, lang: str) -> str:
    label = (row.area_label_en or row.area_label_vi) if lang == "en" else (row.area_label_vi or row.area_label_en)
    return fold(label or row.area or "")


def _value_key(row) -> Decimal:
    return row.value if isinstance(row.value, Decimal) else Decimal(str(row.value))


def build_index(rows, labels: dict[str, tuple[str, str]] | None = None) -> FigureIndex:
    """The index of `rows` (FigureRow-like); `labels` names level and report values (value -> (vi, en))."""
    rows = tuple(rows)
    extra = labels or {}
    facets, lookup = {}, {}
    for facet in FACETS:
        numbers: dict[str, list[int]] = {}
        first: dict[str, object] = {}
        for i, row in enumerate(rows):
            value = _raw(row, facet)
            if value:
                numbers.setdefault(value, []).append(i)
                first.setdefault(value, row)
        keys = _keys(list(numbers))
        values = [FacetValue(keys[v], v, *_labels(first[v], facet, v, extra), _bitset(numbers[v], len(rows))) for v in numbers]
        facets[facet] = _display_order(facet, values)
        lookup[facet] = {**{v.value: v for v in values}, **{v.key: v for v in values}}
    number = range(len(rows))
    orders = {}
    for lang in LANGS:
        orders[("default", lang)] = tuple(number)
        orders[("value", lang)] = tuple(sorted(number, key=lambda i: (_value_key(rows[i]), i)))
        orders[("area", lang)] = tuple(sorted(number, key=lambda i: (_area_key(rows[i], lang), rows[i].period, i)))
    ranks = {key: _ranks(order) for key, order in orders.items()}
    return FigureIndex(rows, facets, lookup, orders, ranks, (1 << len(rows)) - 1)


def _ranks(order: tuple[int, ...]) -> tuple[int, ...]:
    rank = [0] * len(order)
    for place, i in enumerate(order):
        rank[i] = place
    return tuple(rank)


def _bitset(numbers: list[int], n: int) -> int:
    """The bitset of some row numbers (built in a bytearray: OR-ing ints one by one is quadratic)."""
    buffer = bytearray((n + 7) // 8 or 1)
    for i in numbers:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def matching(index: FigureIndex, selection: dict[str, FacetValue], leave_out: str | None = None) -> int:
    """The bitset of the rows that have every selected value (but the one of facet `leave_out`)."""
    mask = index.everything
    for facet, value in selection.items():
        if facet != leave_out:
            mask &= value.rows
    return mask


def facet_counts(index: FigureIndex, selection: dict[str, FacetValue], facet: str) -> list[tuple[FacetValue, int]]:
    """Each value of `facet` with the number of rows it would have under the other selected facets."""
    others = matching(index, selection, leave_out=facet)
    return [(value, (value.rows & others).bit_count()) for value in index.facets[facet]]


BYTE_BITS = tuple(tuple(b for b in range(8) if v >> b & 1) for v in range(256))  # the set bits of each byte value


def members(mask: int, n: int) -> list[int]:
    """The row numbers whose bit is set in `mask`, ascending (one pass over its bytes)."""
    out: list[int] = []
    for j, byte in enumerate(mask.to_bytes((n + 7) // 8 or 1, "little")):
        if byte:
            out.extend(8 * j + b for b in BYTE_BITS[byte])
    return out


def page_rows(index: FigureIndex, mask: int, sort: str, descending: bool, lang: str, offset: int, size: int) -> list:
    """The rows of `mask` in the order asked for, from `offset`, at most `size` of them.

    A view of few rows takes its members and sorts them by their rank in the order; a view of many walks
    the order and stops once the page is full."""
    n = len(index.rows)
    if mask.bit_count() * 8 < n or sort == "default":
        found = members(mask, n)
        if sort != "default":
            found.sort(key=index.ranks[(sort, lang)].__getitem__)
        if descending:
            found.reverse()
        return [index.rows[i] for i in found[offset : offset + size]]
    bits = mask.to_bytes((n + 7) // 8 or 1, "little")
    order = index.orders[(sort, lang)]
    walk = reversed(order) if descending else order
    found, skipped = [], 0
    for i in walk:
        if bits[i >> 3] >> (i & 7) & 1:
            if skipped < offset:
                skipped += 1
                continue
            found.append(index.rows[i])
            if len(found) == size:
                break
    return found


def rows_of(index: FigureIndex, mask: int) -> list:
    """Every row of `mask`, in the rows' own order."""
    return [index.rows[i] for i in members(mask, len(index.rows))]
