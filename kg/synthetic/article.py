"""A source text written piece by piece, each quoted piece recorded with the position it really stands at."""

from __future__ import annotations

import unicodedata


class Article:
    """Appends NFC text; `quote` appends words and returns the evidence item `{quote, at}` for them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def say(self, text: str) -> None:
        """Append words that no fact quotes."""
        text = unicodedata.normalize("NFC", text)
        self._parts.append(text)
        self._length += len(text)

    def quote(self, text: str) -> dict:
        """Append words that a fact quotes; return where they stand (code points of the NFC text)."""
        at = self._length
        self.say(text)
        return {"quote": unicodedata.normalize("NFC", text), "at": at}

    @property
    def text(self) -> str:
        return "".join(self._parts)


def number_vi(value: int) -> str:
    """A whole number the way Vietnamese articles write it: 3.339 (a dot between thousands)."""
    return f"{value:,}".replace(",", ".")
