"""Bar charts as inline SVG, drawn on the server in pure Python: no script, every text escaped.

A chart is horizontal bars (long labels fit on the left), one per figure, scaled to the largest,
each bar a link to its figure, with the value written at its end.
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
