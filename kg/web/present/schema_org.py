"""The schema.org `Dataset` of the home page, as JSON-LD: what dataset search engines read.

Everything comes from the version's description (void.ttl: title, description, licence, publisher,
coverage, dates and version, themselves from dataset.yaml) and its manifest (one `DataDownload` per
published file, so a file the build adds appears without a change here). The source texts are
left out of the downloads (they are their publishers', not under the dataset's licence) and so are
the .gz copies (the same content). URLs are on the host the request came to (`site_url`); the
dataset keeps its IRI as `@id`. `script_text` makes the document safe inside a <script> element.
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from kg.publication.layout import Manifest
from kg.stores.lookups import GraphData

CONTEXT = "https://schema.org"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF_HOMEPAGE = "http://xmlns.com/foaf/0.1/homepage"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LANGS = ("vi", "en")
#: What a <script> element must not see raw: `</script>`, `<!--`, and the line separators of old parsers.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dataset(description: GraphData, manifest: Manifest, site_url: str, place_names: dict[str, str] | None = None) -> dict:
    """The schema.org Dataset of a version; `place_names` names the spatial coverage (IRI -> name)."""
    ds, site = manifest.dataset, site_url.rstrip("/") + "/"
    publisher = _iri(description, ds, DCT + "publisher")
    doc: dict = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": ds,
        "url": site,
        "identifier": ds,
        "name": _texts(description, ds, DCT + "title"),
        "description": _texts(description, ds, DCT + "description"),
        "inLanguage": list(LANGS),
        "version": _text(description, ds, DCAT + "version") or manifest.version,
        "isAccessibleForFree": True,
    }
    licence = _iri(description, ds, DCT + "license")
    if licence:
        doc["license"] = licence
    if publisher:
        organisation = {"@type": "Organization", "@id": publisher, "name": _texts(description, publisher, RDFS_LABEL)}
        homepage = _iri(description, publisher, FOAF_HOMEPAGE)
        if homepage:
            organisation["url"] = homepage
        doc["creator"] = doc["publisher"] = organisation
    for key, predicate in (("datePublished", "issued"), ("dateModified", "modified")):
        value = _text(description, ds, DCT + predicate)
        if value:
            doc[key] = value
    keywords = [term.value for term in description.objects(ds, DCAT + "keyword")]
    if keywords:
        doc["keywords"] = sorted(keywords)
    period = _temporal(description, ds)
    if period:
        doc["temporalCoverage"] = period
    places = sorted(o.value for o in description.objects(ds, DCT + "spatial") if isinstance(o, ox.NamedNode))
    if places:
        names = place_names or {}
        doc["spatialCoverage"] = [{"@type": "Place", "@id": p, **({"name": names[p]} if names.get(p) else {})} for p in places]
    doc["distribution"] = [_download(f, site) for f in manifest.files if f.encoding is None and f.role != "source"]
    return doc


def script_text(doc: dict) -> str:
    """The JSON of `doc` for a <script type="application/ld+json"> element: no `<`, `>` or `&` left raw."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return "".join(_UNSAFE.get(c, c) for c in text)


def _download(entry, site: str) -> dict:
    return {
        "@type": "DataDownload",
        "name": entry.path,
        "contentUrl": f"{site}download/{entry.path}",
        "encodingFormat": entry.media_type,
        "contentSize": f"{entry.bytes} B",
        "sha256": entry.sha256,
    }


def _texts(data: GraphData, iri: str, predicate: str) -> list[dict]:
    """The literals of (iri, predicate) in each language, as JSON-LD language-tagged values."""
    found: dict[str, str] = {}
    for term in data.objects(iri, predicate):
        if isinstance(term, ox.Literal):
            found.setdefault(term.language or "", term.value)
    return [{"@value": found[lang], "@language": lang} for lang in LANGS if lang in found] or ([found[""]] if "" in found else [])


def _text(data: GraphData, iri: str, predicate: str) -> str:
    values = sorted(o.value for o in data.objects(iri, predicate) if isinstance(o, ox.Literal))
    return values[0] if values else ""


def _iri(data: GraphData, iri: str, predicate: str) -> str | None:
    values = sorted(o.value for o in data.objects(iri, predicate) if isinstance(o, ox.NamedNode))
    return values[0] if values else None


def _temporal(data: GraphData, ds: str) -> str:
    """The temporal coverage as an ISO 8601 interval, `start/end`, from the dataset's dct:PeriodOfTime."""
    period = _iri(data, ds, DCT + "temporal")
    if not period:
        return ""
    start, end = _text(data, period, DCAT + "startDate"), _text(data, period, DCAT + "endDate")
    return f"{start}/{end}" if start and end else start or end
