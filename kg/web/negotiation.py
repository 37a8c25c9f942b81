"""Content negotiation: parse Accept headers (q-values, wildcards) and pick the best offered type."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    specificity: int  # 0 for */*, 1 for type/*, 2 for type/subtype (+ params)

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return (self.type in ("*", main)) and (self.subtype in ("*", sub))


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header, most specific first. A missing header means */*."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        spec = 0 if main == "*" else (1 if sub == "*" else 2)
        ranges.append(MediaRange(main, sub, q, spec))
    ranges.sort(key=lambda r: -r.specificity)
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """q of a media type under the most specific matching range (RFC 9110 12.5.1); 0 if none matches."""
    for r in ranges:  # most specific first
        if r.matches(media_type):
            return r.q
    return 0.0


def best_match(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers most; ties go to the earlier offer. None if none is acceptable."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_q:
            best, best_q = media_type, q
    return best


def prefers_html(header: str | None) -> bool:
    """Whether a client asks for HTML at least as much as for anything else we serve (browsers do)."""
    ranges = parse_accept(header)
    html_q = quality(ranges, "text/html")
    if html_q == 0:
        return False
    explicit = [r for r in ranges if r.specificity == 2 and r.type + "/" + r.subtype != "text/html"]
    return all(html_q >= r.q for r in explicit) and any(
        r.specificity == 2 and r.type == "text" and r.subtype == "html" for r in ranges
    )


def negotiate_language(param: str | None, accept_language: str | None,
                       supported: tuple[str, ...] = ("vi", "en"), default: str = "vi") -> str:
    """The page language: `?lang=` if supported, else the best of Accept-Language, else the default."""
    if param and param.lower() in supported:
        return param.lower()
    best, best_q = default, 0.0
    for part in (accept_language or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        tag = pieces[0].lower().split("-")[0]
        q = 1.0
        for p in pieces[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if tag in supported and q > best_q:
            best, best_q = tag, q
    return best
