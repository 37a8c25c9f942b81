"""Figures (qb:Observation): read one back, say it in a sentence, and chart the figures of a resource."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg.stores.lookups import GraphData
from kg.web.present.charts import Bar, bar_chart
from kg.web.present.i18n import format_number, format_period, t
from kg.web.present.viewer import Viewer

QB_OBSERVATION = "http://purl.org/linked-data/cube#Observation"
OBS_VALUE = "http://purl.org/linked-data/sdmx/2009/measure#obsValue"
UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"
REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea"
REF_PERIOD = "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod"
#: Links from a figure that make it one of the figures of what it links to (kg: terms are added per base).
ABOUT = ("http://purl.org/linked-data/cube#dataSet", REF_AREA)
ABOUT_KG = ("indicator", "system", "population", "adminLevel")


@dataclass(frozen=True)
class Figure:
    iri: str
    value: Decimal
    unit: str | None
    indicator: str | None
    area: str | None
    period: str | None
    level: str | None


def _one(data: GraphData, iri: str, predicate: str):
    found = data.objects(iri, predicate)
    return found[0].value if found else None


def figure(data: GraphData, iri: str) -> Figure | None:
    """The observation `iri` as a Figure, or None if it is not one (or has no numeric value)."""
    if QB_OBSERVATION not in data.types(iri):
        return None
    try:
        value = Decimal(_one(data, iri, OBS_VALUE) or "")
    except InvalidOperation:
        return None
    kg = data.base + "def/kg/"
    return Figure(
        iri,
        value,
        _one(data, iri, UNIT),
        _one(data, iri, kg + "indicator"),
        _one(data, iri, REF_AREA),
        _one(data, iri, REF_PERIOD),
        _one(data, iri, kg + "adminLevel"),
    )


def figures_about(data: GraphData, iri: str) -> list[Figure]:
    """The figures that point at `iri` (its indicator, area, dataset, system...), in a stable order."""
    about = {*ABOUT, *(data.base + "def/kg/" + name for name in ABOUT_KG)}
    subjects = {t.subject.value for t in data.triples(o=ox.NamedNode(iri)) if isinstance(t.subject, ox.NamedNode) and t.predicate.value in about}
    figures = [f for f in (figure(data, s) for s in sorted(subjects)) if f is not None]
    return figures


def sentence(fig: Figure, viewer: Viewer, lang: str) -> str:
    """The figure as a sentence: value (in the language's notation), unit, indicator, area, period, level."""
    value = format_number(fig.value, lang)
    unit = viewer.label(fig.unit) if fig.unit else ""
    indicator = viewer.label(fig.indicator) if fig.indicator else "?"
    area = viewer.label(fig.area) if fig.area else "?"
    period = format_period(fig.period, lang) if fig.period else "?"
    level = viewer.label(fig.level) if fig.level else None
    if lang == "en":
        at = f" at {level}" if level else ""
        return " ".join(f"In {period}, the report gives {value} {unit} for “{indicator}” in {area}{at}.".split())
    at = f" ({level})" if level else ""
    return " ".join(f"Theo báo cáo, vào {period}, chỉ tiêu “{indicator}” tại {area}{at} là {value} {unit}".split()) + "."


def _bar_label(fig: Figure, varying: list[str], viewer: Viewer) -> str:
    parts = []
    for name in varying:
        iri = getattr(fig, name)
        if name == "period":
            parts.append(format_period(iri, viewer.lang) if iri else "?")
        elif iri:
            parts.append(viewer.label(iri))
    return ", ".join(parts) or viewer.label(fig.iri)


def charts(figures: list[Figure], viewer: Viewer, lang: str) -> list:
    """One bar chart per unit (counts and per cents are not drawn on one scale); each bar names what varies."""
    by_unit: dict = {}
    for fig in figures:
        by_unit.setdefault(fig.unit, []).append(fig)
    out = []
    for unit, group in by_unit.items():
        if len(group) < 2:
            continue
        varying = [n for n in ("indicator", "level", "area", "period") if len({getattr(f, n) for f in group}) > 1]
        if not varying:
            varying = ["indicator", "level"]
        viewer.preload({getattr(f, n) for f in group for n in ("indicator", "level", "area", "unit") if getattr(f, n)})
        bars = [Bar(_bar_label(f, varying, viewer), float(f.value), format_number(f.value, lang), viewer.path(f.iri)) for f in group]
        name = t("figures", lang) if "indicator" in varying or not group[0].indicator else viewer.label(group[0].indicator)
        out.append(bar_chart(f"{name} ({viewer.label(unit)})" if unit else name, bars))
    return out
