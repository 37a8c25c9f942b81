"""FigureRows for the figures browser's unit tests: three indicators, areas, periods, levels and two reports."""

from __future__ import annotations

from decimal import Decimal

from kg.publication.figures_table import FigureRow

BASE = "http://example.org/"
AREAS = {
    "binh-phuoc": ("tỉnh Bình Phước", "Bình Phước Province"),
    "ha-noi": ("thành phố Hà Nội", "Hanoi"),
    "an-giang": ("tỉnh An Giang", "An Giang Province"),
}
INDICATORS = {"computers": ("Số máy tính", "Computers", "computer"), "websites": ("Số trang thông tin", "Websites", "website")}


def row(indicator: str, area: str, period: str, value: str, *, level: str = "province", report: str = "r1", flag: str = "") -> FigureRow:
    """One figure; its IRIs under BASE, its labels from AREAS and INDICATORS."""
    vi, en, unit = INDICATORS[indicator]
    slug = f"{indicator}-{area}-{period}-{level}"
    return FigureRow(
        observation=f"{BASE}id/observation/{report}/{slug}",
        indicator=indicator,
        indicator_iri=f"{BASE}def/indicator/{indicator}",
        indicator_label_vi=vi,
        indicator_label_en=en,
        area=f"{BASE}id/place/{area}",
        area_label_vi=AREAS[area][0],
        area_label_en=AREAS[area][1],
        period=period,
        level=level,
        value=Decimal(value),
        unit=unit,
        unit_label_vi=unit,
        unit_label_en=unit + "s",
        quality_flag=flag,
        quality_note_vi="Không cộng lại" if flag else "",
        quality_note_en="Does not add up" if flag else "",
        quote=f"{value} {unit}",
        sentence=f"Đến nay có {value} {unit} trên địa bàn.",
        source_document=f"{BASE}id/document/{report}/source",
        report=f"{BASE}id/document/{report}",
    )


ROWS = [
    row("computers", "binh-phuoc", "2012-12", "3339"),
    row("computers", "binh-phuoc", "2011-12", "2900"),
    row("computers", "binh-phuoc", "2010-12", "2100"),
    row("computers", "ha-noi", "2012-12", "51000", report="r2"),
    row("computers", "an-giang", "2012-12", "4100.5", report="r2"),
    row("computers", "binh-phuoc", "2012-12", "909", level="district", flag=f"{BASE}id/quality-annotation/r1/sum"),
    row("websites", "binh-phuoc", "2012-12", "12"),
    row("websites", "ha-noi", "2012-12", "40", report="r2"),
]


def path_of(iri: str) -> str:
    return "/" + iri.removeprefix(BASE)
