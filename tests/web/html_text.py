"""A tiny HTML reader for the tests: the links of a page (href and text) and its visible text."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """Collects (href, text) of every <a>, the ids, and the text outside <script>/<style>/<title>."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.text_parts: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag == "a":
            self._href, self._link_text = attrs.get("href"), []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text).strip()))
            self._href = None

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)
            if self._href is not None:
                self._link_text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())
