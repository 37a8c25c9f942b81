"""Bar and line charts as inline SVG, drawn on the server in pure Python: no script, every text escaped.

A chart is horizontal bars (long labels fit on the left), one per figure, scaled to the largest,
each bar a link to its figure, with the value written at its end. A line chart is a figure over
time: its points evenly spaced in period order, scaled from 0 to the largest.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 760
LABEL_WIDTH = 340
BAR_HEIGHT = 22
ROW = 38  # a bar and its two-line label
TOP = 28
LINE_CHARS = 46  # characters of a label line (about 6.8 px each at 12 px)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str  # the value as the page's language writes it
    href: str | None = None


def _fit(text: str, limit: int = LINE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lines(text: str) -> list[str]:
    """A label on one line, or broken at a space into two (the second cut with … if still too long)."""
    if len(text) <= LINE_CHARS:
        return [text]
    cut = text.rfind(" ", 0, LINE_CHARS + 1)
    cut = cut if cut > 0 else LINE_CHARS
    return [text[:cut], _fit(text[cut:].strip())]


def _attr(text: str) -> str:
    return escape(text, quote=True)


def bar_chart(title: str, bars: list[Bar], *, description: str = "") -> Markup:
    """An accessible SVG bar chart (role=img, <title>, <desc>); an empty Markup for no bars."""
    if not bars:
        return Markup("")
    largest = max((b.value for b in bars), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 90
    height = TOP + len(bars) * ROW
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description or title)}</desc>",
        f'<text class="chart-title" x="0" y="18">{escape(_fit(title, 90))}</text>',
    ]
    for i, bar in enumerate(bars):
        y = TOP + i * ROW + (ROW - BAR_HEIGHT) / 2
        length = max(1.0, room * max(bar.value, 0) / largest)
        middle = y + BAR_HEIGHT / 2 + 4
        lines = _lines(bar.label)
        first = middle - 7 * (len(lines) - 1)
        spans = "".join(f'<tspan x="{LABEL_WIDTH - 8}" y="{first + 14 * n:.1f}">{escape(line)}</tspan>' for n, line in enumerate(lines))
        body = (
            f'<text class="chart-label" text-anchor="end"><title>{escape(bar.label)}</title>{spans}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y:.1f}" width="{length:.1f}" height="{BAR_HEIGHT}"/>'
            f'<text class="chart-value" x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}">{escape(bar.display)}</text>'
        )
        if bar.href:
            body = f'<a href="{_attr(bar.href)}">{body}</a>'
        parts.append(f"<g>{body}</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Point:
    label: str  # the period as the page's language writes it
    value: float
    display: str
    href: str | None = None


LINE_HEIGHT = 260
LINE_LEFT, LINE_RIGHT, LINE_BOTTOM = 20, 20, 48


def line_chart(title: str, points: list[Point], *, description: str = "") -> Markup:
    """An accessible SVG line chart, points evenly spaced left to right, from 0 to the largest value, each
    point a link to its figure with its value above it and its label below; an empty Markup for no points."""
    if not points:
        return Markup("")
    largest = max((p.value for p in points), default=0) or 1
    room_x = WIDTH - LINE_LEFT - LINE_RIGHT
    room_y = LINE_HEIGHT - TOP - LINE_BOTTOM - 16
    step = room_x / max(1, len(points) - 1)
    coords = [
        (LINE_LEFT + (i * step if len(points) > 1 else room_x / 2), TOP + 16 + room_y * (1 - max(p.value, 0) / largest)) for i, p in enumerate(points)
    ]
    axis = LINE_HEIGHT - LINE_BOTTOM
    parts = [
        f'<svg class="chart chart-line" xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{LINE_HEIGHT}" viewBox="0 0 {WIDTH} {LINE_HEIGHT}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description or title)}</desc>",
        f'<text class="chart-title" x="0" y="18">{escape(_fit(title, 90))}</text>',
        f'<line class="chart-axis" x1="{LINE_LEFT}" y1="{axis}" x2="{WIDTH - LINE_RIGHT}" y2="{axis}"/>',
        '<polyline class="chart-path" fill="none" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>',
    ]
    for point, (x, y) in zip(points, coords, strict=True):
        anchor = "start" if x <= LINE_LEFT else "end" if x >= WIDTH - LINE_RIGHT else "middle"
        body = (
            f'<circle class="chart-point" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{escape(point.label)}: {escape(point.display)}</title></circle>'
            f'<text class="chart-value" x="{x:.1f}" y="{y - 8:.1f}" text-anchor="{anchor}">{escape(point.display)}</text>'
            f'<text class="chart-label" x="{x:.1f}" y="{axis + 18}" text-anchor="{anchor}">{escape(_fit(point.label, 20))}</text>'
        )
        if point.href:
            body = f'<a href="{_attr(point.href)}">{body}</a>'
        parts.append(f"<g>{body}</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
