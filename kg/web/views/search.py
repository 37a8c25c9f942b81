"""/search?q=...: find resources by name, ignoring case and Vietnamese diacritics.

The index (folded name -> resource, with its types and both labels) is built once per version, in
memory, from every name the graph gives a minted IRI (labels, preferred and alternative labels,
names, titles). Matches rank exact, then prefix, then word prefix, then substring. `type=<class>`
lists the instances of a class (the home page's counts link there). HTML by default; JSON with
`Accept: application/json` or `?format=json`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request

from kg.iris import fold
from kg.stores.lookups import LABEL_PREDICATES, TYPE, GraphData
from kg.web import app_state
from kg.web.app_state import current_version
from kg.web.negotiation import best_match, negotiate_language
from kg.web.params import whole_number
from kg.web.present.i18n import tr
from kg.web.present.viewer import Viewer

bp = Blueprint("search", __name__)
bp.add_app_template_global(tr, "tr")

NAME_PREDICATES = (*LABEL_PREDICATES, ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"))
DEFAULT_LIMIT, MAX_LIMIT = 20, 200


@dataclass(frozen=True)
class Entry:
    iri: str
    names: tuple[str, ...]  # folded
    types: frozenset[str]


def build_index(data: GraphData) -> list[Entry]:
    """Every named or typed minted resource, with its types and the folded forms of all its names."""
    names: dict[str, set[str]] = {}
    for predicate in NAME_PREDICATES:
        for q in data.store.quads_for_pattern(None, predicate, None, None):
            s, o = q.subject, q.object
            if isinstance(s, ox.NamedNode) and s.value.startswith(data.base) and isinstance(o, ox.Literal):
                names.setdefault(s.value, set()).add(" ".join(fold(o.value).split()))
    types: dict[str, set[str]] = {}
    for q in data.store.quads_for_pattern(None, TYPE, None, None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            types.setdefault(q.subject.value, set()).add(q.object.value)
    listed = set(names) | {iri for iri in types if iri.startswith(data.base) and "#" not in iri}
    return [Entry(iri, tuple(sorted(names.get(iri, ()))), frozenset(types.get(iri, ()))) for iri in sorted(listed)]


def index_for(data: GraphData) -> list[Entry]:
    return data.memo("search-index", lambda: build_index(data))


def _score(folded: str, names: tuple[str, ...]) -> int | None:
    best = None
    for name in names:
        if name == folded:
            score = 0
        elif name.startswith(folded):
            score = 1
        elif f" {folded}" in name:
            score = 2
        elif folded in name:
            score = 3
        else:
            continue
        best = score if best is None else min(best, score)
    return best


def find(index: list[Entry], query: str, limit: int, type_iri: str | None = None) -> list[tuple[int, Entry]]:
    """(score, entry) of the best matches, best first; with only a type, all its instances."""
    folded = " ".join(fold(query).split())
    hits = []
    for entry in index:
        if type_iri and type_iri not in entry.types:
            continue
        score = _score(folded, entry.names) if folded else 0
        if score is not None:
            hits.append((score, min((len(n) for n in entry.names), default=0), entry))
    hits.sort(key=lambda h: (h[0], h[1], h[2].iri))
    return [(score, entry) for score, _, entry in hits[:limit]]


def _limit() -> int:
    return whole_number("limit", request.args.get("limit", str(DEFAULT_LIMIT)), 1, MAX_LIMIT)


def _wants_json() -> bool:
    if request.args.get("format"):
        return request.args["format"].lower() in ("json", "application/json")
    return best_match(request.headers.get("Accept"), ["text/html", "application/json"]) == "application/json"


@bp.get("/search")
def search_page():
    """The search page, or JSON results."""
    version = current_version()
    data = app_state.lookups_of(version)
    query = request.args.get("q", "").strip()[:200]
    type_iri = request.args.get("type") or None
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    limit = _limit()
    hits = find(index_for(data), query, limit, type_iri) if (query or type_iri) else []
    vi, en = data.labels([e.iri for _, e in hits], "vi"), data.labels([e.iri for _, e in hits], "en")
    viewer = Viewer(data, lang)
    results = [
        {
            "iri": e.iri,
            "path": viewer.path(e.iri),
            "label": {"vi": vi[e.iri].text if vi[e.iri] else None, "en": en[e.iri].text if en[e.iri] else None},
            "types": sorted(e.types),
            "match": ("exact", "prefix", "word", "substring")[score],
        }
        for score, e in hits
    ]
    if _wants_json():
        response = jsonify({"query": query, "type": type_iri, "limit": limit, "results": results})
    else:
        viewer.preload({t for r in results for t in r["types"]} | ({type_iri} if type_iri else set()))
        for r in results:
            r["type_values"] = [viewer.iri(t) for t in r["types"]]
        html = render_template(
            "search.html",
            lang=lang,
            query=query,
            results=results,
            limit=limit,
            type_value=viewer.iri(type_iri) if type_iri else None,
            type_iri=type_iri,
        )
        response = Response(html, mimetype="text/html")
    response.headers["Vary"] = "Accept, Accept-Language"
    return response
