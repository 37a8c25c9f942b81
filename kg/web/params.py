"""Whole-number query parameters (`page`, `limit`) read strictly: ASCII digits only, within bounds.

`str.isdigit()` accepts `²` and `①`, which `int()` rejects, and `int()` refuses strings of more
than 4,300 digits: both were a 500. Here anything but 1 to 9 ASCII digits within the bounds is a
400 that says what was expected.
"""

from __future__ import annotations

import re

from kg.errors import BadRequest

_DIGITS = re.compile(r"[0-9]{1,9}")


def whole_number(name: str, raw: str, low: int, high: int | None = None) -> int:
    """`raw` as an int in [low, high]; BadRequest naming the parameter and the range otherwise."""
    expected = f"a whole number from {low} to {high}" if high is not None else f"a whole number of at least {low}"
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    if not _DIGITS.fullmatch(raw):
        raise BadRequest(f"{name} must be {expected} (ASCII digits), not {shown!r}")
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise BadRequest(f"{name} must be {expected}, not {shown!r}")
    return value
