"""The home page (/), and the shapes (/shapes) and validation report (/validation) as pages or RDF.

The home page says what the dataset is (title and description from the VoID/DCAT description, in
both languages), its rights (the data's licence, the sources' rights), publisher, contact and
citation (kg.web.views.about: all from the description, which comes from dataset.yaml), counts
its resources by class (each count lists them), offers the competency questions as one-click SPARQL queries, and links to every way in: endpoint, downloads, ontology,
shapes, report, VoID. /shapes and /validation give HTML to browsers and the published Turtle
(or any RDF format, by Accept) to programs.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from kg.namespaces import prefixes
from kg.publication.live import Version
from kg.stores.lookups import GraphData
from kg.web import app_state
from kg.web.app_state import current_version
from kg.web.formats import GRAPH_FORMATS, HTML, convert_rdf, negotiate_graph_format
from kg.web.negotiation import negotiate_language
from kg.web.present import shacl as shacl_view
from kg.web.present.i18n import format_number, t, tr
from kg.web.present.viewer import Viewer
from kg.web.views import about
from kg.web.views.search import MAX_LIMIT

bp = Blueprint("pages", __name__)
bp.add_app_template_global(tr, "tr")

DCTERMS = "http://purl.org/dc/terms/"
VOID_EXAMPLE = "http://rdfs.org/ns/void#exampleResource"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_SCHEME = "http://www.w3.org/2004/02/skos/core#ConceptScheme"
SHAPES_FILE, REPORT_FILE = "shapes.ttl", "validation-report.ttl"
UI = {  # the home page's section on rights, publisher and citation (the texts themselves come from void.ttl)
    "vi": {
        "rights": "Quyền và trích dẫn",
        "licence": "Giấy phép của dữ liệu",
        "sources": "Văn bản nguồn",
        "publisher": "Đơn vị công bố",
        "contact": "Liên hệ",
        "cite": "Trích dẫn bộ dữ liệu này",
    },
    "en": {
        "rights": "Rights and citation",
        "licence": "Licence of the data",
        "sources": "Source texts",
        "publisher": "Publisher",
        "contact": "Contact",
        "cite": "Cite this dataset",
    },
}


def _lang() -> str:
    return negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))


def _html(body: str, lang: str) -> Response:
    response = Response(body, mimetype="text/html")
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


def _texts(data: GraphData, iri: str, predicate: str) -> dict[str, str]:
    """A literal property in each language: {'vi': ..., 'en': ...}."""
    found = {}
    for term in data.objects(iri, predicate):
        found.setdefault(getattr(term, "language", None) or "", term.value)
    return {lang: found.get(lang) or found.get("") or next(iter(found.values()), "") for lang in ("vi", "en")}


def questions(version: Version) -> list[dict]:
    """The competency questions of the version (queries.json), each with its /sparql link."""
    path = version.path / "queries.json"
    items = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    return [dict(q, href="/sparql?" + urlencode({"query": q["query"]})) for q in items]


@bp.get("/")
def home() -> Response:
    version = current_version()
    data = app_state.lookups_of(version)
    lang = _lang()
    viewer = Viewer(data, lang)
    dataset = version.manifest.dataset
    counts = data.class_counts
    viewer.preload(counts)
    listing = {c: "/search?" + urlencode({"type": c, "lang": lang, "limit": min(n, MAX_LIMIT)}) for c, n in counts.items()}
    classes = sorted(((viewer.iri(c), n, listing[c], viewer.short(c)) for c, n in counts.items()), key=lambda row: (row[0].text.casefold(), row[3]))
    examples = [o.value for p in (VOID_EXAMPLE, DCTERMS + "source") for o in data.objects(dataset, p)]
    schemes = data.subjects(RDF_TYPE, SKOS_SCHEME)
    viewer.preload(schemes + data.graph_names())
    described = about.description_of(version)
    body = render_template(
        "home.html",
        lang=lang,
        title=_texts(data, dataset, DCTERMS + "title"),
        description=_texts(data, dataset, DCTERMS + "description"),
        classes=classes,
        examples=[viewer.iri(e) for e in dict.fromkeys(examples)],
        questions=questions(version),
        schemes=sorted((viewer.iri(s) for s in schemes), key=lambda v: v.text.casefold()),
        graphs=[viewer.iri(g) for g in data.graph_names()],
        dataset=viewer.iri(dataset),
        manifest=version.manifest,
        counts=_counts(version.manifest, lang),
        rights=about.rights(described, dataset, lang),
        publisher=about.publisher(described, dataset, lang),
        citation=about.citation(described, dataset, lang),
        ui=UI[lang],
    )
    return _html(body, lang)


def _counts(manifest, lang: str) -> dict[str, str]:
    """What the home page counts: the triples the endpoint serves, and what of them the downloads hold."""
    served = manifest.endpoint
    description = sum(n for graph, n in served.graphs.items() if graph not in manifest.graphs)
    parts = t("served_parts", lang).format(data=format_number(manifest.triples, lang), description=format_number(description, lang))
    return {"served": format_number(served.triples, lang), "parts": parts if description > 0 else ""}


def _shacl_file(name: str, template: str, build) -> Response:
    """A SHACL file of the version: its page for browsers, its RDF (Turtle for */*) for programs."""
    version = current_version()
    fmt = negotiate_graph_format(request.headers.get("Accept"), request.args.get("format"), html=True)
    path = version.path / name
    if fmt != HTML:
        data = path.read_bytes() if path.is_file() else b""
        base = version.manifest.base
        body = convert_rdf(data, GRAPH_FORMATS[0], fmt, base_iri=base, prefixes=prefixes(base))
        response = Response(body, content_type=fmt.content_type)
        response.headers["Vary"] = "Accept, Accept-Language"
        response.headers["Link"] = f'<{request.path}?format=html>; rel="alternate"; type="text/html"'
        return response
    data = app_state.lookups_of(version)
    lang = _lang()
    graph = data.memo(name, lambda: shacl_view.load(version.path, name, version.manifest.base))
    body = render_template(template, lang=lang, path=request.path, **build(graph, Viewer(data, lang)))
    response = _html(body, lang)
    response.headers["Link"] = f'<{request.path}?format=ttl>; rel="alternate"; type="text/turtle"'
    return response


@bp.get("/shapes")
def shapes() -> Response:
    return _shacl_file(SHAPES_FILE, "shapes.html", lambda g, v: {"shapes": shacl_view.shapes(g, v)})


@bp.get("/validation")
def validation() -> Response:
    def build(graph, viewer):
        conforms, results = shacl_view.report(graph, viewer)
        return {"conforms": conforms, "results": results}

    return _shacl_file(REPORT_FILE, "validation.html", build)
