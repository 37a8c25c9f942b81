"""The "Cite this" block of every resource page and of the home page: the version-pinned link, a link per format."""

from __future__ import annotations

from urllib.parse import urlencode

from kg.web.formats import CITATION_FORMATS
from kg.web.present.citation import pinned_link

WORDS = {
    "vi": {
        "heading": "Trích dẫn",
        "pinned": "Liên kết cố định theo phiên bản {version}",
        "formats": "Trích dẫn dạng",
        "bibliography": "tài liệu tham khảo (kiểu APA)",
        "note": "Cùng các dạng này khi gửi Accept tới IRI, như các trình phân giải DOI.",
    },
    "en": {
        "heading": "Cite this",
        "pinned": "Version-pinned link, version {version}",
        "formats": "Citation as",
        "bibliography": "reference (APA-like)",
        "note": "The same forms answer an Accept header sent to the IRI, as DOI resolvers do.",
    },
}
LABELS = {"bibtex": "BibTeX", "csljson": "CSL-JSON", "ris": "RIS"}


def cite_block(iri: str, base: str, version: str, lang: str) -> dict:
    """The block's words in `lang`, the pinned link, and (label, href, media type) for each citation format."""
    words = WORDS.get(lang, WORDS["en"])
    path = "/" + iri.removeprefix(base).lstrip("/") if iri.startswith(base) else iri
    pinned = {"version": version} if version else {}
    links = []
    for fmt in CITATION_FORMATS:
        query = {"format": fmt.names[0], **pinned, "lang": lang}
        links.append((LABELS.get(fmt.name) or words[fmt.name], f"{path}?{urlencode(query)}", fmt.media_type))
    return {
        "heading": words["heading"],
        "pinned_label": words["pinned"].format(version=version),
        "pinned": pinned_link(iri, version),  # the IRI, as a citation gives it
        "pinned_path": pinned_link(path, version),  # the same on this host (links on pages are local paths)
        "formats_label": words["formats"],
        "links": links,
        "note": words["note"],
    }
