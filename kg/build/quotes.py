"""Where quotes stand in a source text: each evidence item checked at its position, and every position of some words."""

from __future__ import annotations

import unicodedata


def check_evidence(where: str, entry: dict, text: str) -> list[str]:
    """Problems with the `evidence` of `entry` (named `where`): each quote must stand at its `at` in `text`."""
    items = entry.get("evidence")
    if not items:
        return [f"{where}: no `evidence` (every fact needs a quote from the source)"]
    if not isinstance(items, list):
        return [f"{where}: `evidence` must be a list of {{quote, at}}"]
    problems = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not isinstance(item.get("at"), int):
            problems.append(f"{where}: each evidence item needs `quote` (text) and `at` (a number): {item!r}")
            continue
        quote, at = item["quote"], item["at"]
        if unicodedata.normalize("NFC", quote) != quote:
            problems.append(f"{where}: quote {quote!r} is not NFC-normalised")
        positioned = not isinstance(at, bool) and at >= 0  # a negative `at` would count from the end of the text
        if not positioned or text[at : at + len(quote)] != quote:
            found = positions(text, quote)
            hint = f"it stands at {', '.join(map(str, found))}" if found else "it is not in the text at all"
            said = f"position {at}" if positioned else f"`at` {at!r}, which is no position in the text (0 or more)"
            problems.append(f"{where}: quote {quote!r} is not at {said} ({hint})")
    return problems


def positions(text: str, quote: str) -> list[int]:
    """Every position of `quote` in `text`, as given (no normalisation)."""
    found, start = [], text.find(quote)
    while start >= 0 and quote:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def find_quote(text: str, quote: str) -> list[int]:
    """Every position of `quote` in `text` (for `kg evidence`), the quote NFC-normalised first."""
    return positions(text, unicodedata.normalize("NFC", quote))
