"""Content negotiation: Accept and Accept-Language read by werkzeug, the best offer picked by RFC 9110.

werkzeug parses the headers (quoted parameters, `q`/`Q`, items with an invalid q skipped, as it
does); choosing is ours: the most specific matching range gives a type its quality, ties go to the
earlier offer, and the browser rule of `prefers_html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from werkzeug.datastructures import LanguageAccept, MIMEAccept
from werkzeug.http import parse_accept_header


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
    """The media ranges of an Accept header, most specific first. A missing header means */*.

    Parameters other than q are dropped (our types take none); a lone `*` is `*/*`, a word
    without a slash is ignored.
    """
    return list(_ranges(header))


@lru_cache(maxsize=256)  # clients send few distinct headers; werkzeug's parser costs tens of microseconds
def _ranges(header: str | None) -> tuple[MediaRange, ...]:
    """parse_accept's ranges, as a tuple that the cache can share."""
    if not header or not header.strip():
        return (MediaRange("*", "*", 1.0, 0),)
    ranges: list[MediaRange] = []
    for value, q in parse_accept_header(header, MIMEAccept):
        media = value.partition(";")[0].strip().lower()
        if media == "*":
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash:
            continue
        spec = 0 if main == "*" else (1 if sub == "*" else 2)
        ranges.append(MediaRange(main, sub, float(q), spec))
    ranges.sort(key=lambda r: -r.specificity)
    return tuple(ranges)


def quality(ranges: list[MediaRange] | tuple[MediaRange, ...], media_type: str) -> float:
    """q of a media type under the most specific matching range (RFC 9110 12.5.1); 0 if none matches."""
    for r in ranges:  # most specific first
        if r.matches(media_type):
            return r.q
    return 0.0


def best_match(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers most; ties go to the earlier offer. None if none is acceptable."""
    ranges = _ranges(header)
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_q:
            best, best_q = media_type, q
    return best


def prefers_html(header: str | None) -> bool:
    """Our browser rule: HTML to a client that names text/html and asks for nothing else more.

    Browsers send `text/html, …, */*;q=0.8` and get pages; a program sending `*/*` (or `text/*`)
    gets data, and one naming another type above HTML gets that type.
    """
    ranges = _ranges(header)
    html_q = quality(ranges, "text/html")
    if html_q == 0:
        return False
    explicit = [r for r in ranges if r.specificity == 2 and r.type + "/" + r.subtype != "text/html"]
    return all(html_q >= r.q for r in explicit) and any(r.specificity == 2 and r.type == "text" and r.subtype == "html" for r in ranges)


_SUBTAG = re.compile(r"[-_]")


def negotiate_language(param: str | None, accept_language: str | None, supported: tuple[str, ...] = ("vi", "en"), default: str = "vi") -> str:
    """The page language: `?lang=` if supported, else the best of Accept-Language, else the default.

    A tag counts by its primary subtag (`vi-VN` is vi); the highest q wins, the earlier tag on a tie.
    """
    if param and param.lower() in supported:
        return param.lower()
    for tag, q in parse_accept_header(accept_language, LanguageAccept):  # highest q first, stable
        primary = _SUBTAG.split(tag.lower(), maxsplit=1)[0]
        if q > 0 and primary in supported:
            return primary
    return default
