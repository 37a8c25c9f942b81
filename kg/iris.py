"""The one place that mints IRIs, and maps an IRI to its path on the server and back.

Layout under the base IRI (all slash IRIs, so each one has a page of its own):

- ``id/{kind}/{slug}``   things shared by reports (places, organisations, people, posts), and
                         each report's source document (``id/document/{report}``)
- ``id/{kind}/{report}/{slug}``  things of one report (observations, difficulties, annotations, ...)
- ``def/kg``             our ontology; ``def/kg/{Term}`` its terms
- ``def/{scheme}``       a SKOS code list; ``def/{scheme}/{code}`` its concepts
- ``graph/{name}``       named graphs (one per source document, plus the vocabulary);
                         ``graph/{report}/curation`` the curator's readings of one report
- ``download/{file}``    the publication's files
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """ASCII-fold Vietnamese (and any Latin) text into a readable slug: 'Bình Phước' -> 'binh-phuoc'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug from {text!r}")
    return slug


def fold(text: str) -> str:
    """Lower-case, diacritic-free form of a text, for search ('BÌNH PHƯỚC' -> 'binh phuoc')."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _check_slug(slug: str) -> str:
    if not SLUG_PATTERN.match(slug):
        raise ValueError(f"not a slug (lower-case ASCII words joined by '-'): {slug!r}")
    return slug


CURATION = "curation"  # the part of a report's graphs that holds the curator's readings


class Minter:
    """Mints every IRI of a publication under one base."""

    def __init__(self, base: str):
        if not base.endswith("/"):
            raise ValueError(f"base IRI must end in '/': {base!r}")
        self.base = base

    def thing(self, kind: str, slug: str) -> URIRef:
        """An entity, observation, annotation...: ``id/{kind}/{slug}``."""
        return URIRef(f"{self.base}id/{_check_slug(kind)}/{_check_slug(slug)}")

    def scoped(self, kind: str, report: str, slug: str) -> URIRef:
        """Something that belongs to one report (an observation, a difficulty...): ``id/{kind}/{report}/{slug}``."""
        return URIRef(f"{self.base}id/{_check_slug(kind)}/{_check_slug(report)}/{_check_slug(slug)}")

    def term(self, name: str) -> URIRef:
        """A term of our ontology: ``def/kg/{name}``."""
        return URIRef(f"{self.base}def/kg/{name}")

    def ontology(self) -> URIRef:
        return URIRef(f"{self.base}def/kg")

    def scheme(self, scheme: str) -> URIRef:
        """A SKOS code list: ``def/{scheme}``."""
        return URIRef(f"{self.base}def/{_check_slug(scheme)}")

    def concept(self, scheme: str, code: str) -> URIRef:
        """A concept of a code list: ``def/{scheme}/{code}``."""
        return URIRef(f"{self.base}def/{_check_slug(scheme)}/{_check_slug(code)}")

    def curation_graph(self, report: str) -> URIRef:
        """The curator's readings of one report: ``graph/{report}/curation``."""
        return self.graph(report, CURATION)

    def graph(self, name: str, part: str | None = None) -> URIRef:
        """A named graph: ``graph/{name}``, or a part of a report's, ``graph/{name}/{part}`` (its ``curation``)."""
        tail = f"/{_check_slug(part)}" if part is not None else ""
        return URIRef(f"{self.base}graph/{_check_slug(name)}{tail}")

    def download(self, filename: str) -> URIRef:
        return URIRef(f"{self.base}download/{filename}")

    def page(self, path: str) -> URIRef:
        """Any other page of the site, e.g. ``sparql``."""
        return URIRef(self.base + path.lstrip("/"))

    # -- IRI <-> server path -------------------------------------------------------------
    def path_of(self, iri: str) -> str | None:
        """The server path ('/id/...') of an IRI minted here, or None for a foreign IRI."""
        if not iri.startswith(self.base):
            return None
        return "/" + iri[len(self.base) :]

    def iri_of(self, path: str) -> URIRef:
        """The IRI a server path stands for."""
        return URIRef(self.base + path.lstrip("/"))

    def is_minted(self, iri: str) -> bool:
        return iri.startswith(self.base)
