"""The OpenAPI paths of the figures browser (kg.web.views.figures): /figures, /figures.json, /figures.csv and its metadata."""

from __future__ import annotations


def _param(name: str, description: str) -> dict:
    return {"name": name, "in": "query", "description": description, "required": False, "schema": {"type": "string"}}


_PARAMS = [
    *(_param(n, f"One {n} (a code, a slug or the IRI, as the facets list them)") for n in ("indicator", "area", "period", "level", "report")),
    _param("sort", "value or area (default: the table's own order)"),
    _param("order", "asc or desc (default: desc for value, else asc)"),
    _param("page", "The page, from 1"),
    _param("size", "Rows a page, 1 to 500 (default 50)"),
    _param("lang", "vi or en (else Accept-Language)"),
]


def _route(summary: str, types: list[str], error: dict) -> dict:
    ok = {"description": summary, "content": {t: {"schema": {"type": "string"}} for t in types}}
    return {"get": {"summary": summary, "parameters": _PARAMS, "responses": {"200": ok, "400": error, "404": error}}}


def figures_paths(error: dict) -> dict:
    """The figures browser's paths; `error` is the document's error response (a 400 names the parameter or value)."""
    return {
        "/figures": _route(
            "The figures browser: facets with counts, the table, a chart (HTML; JSON by Accept or format=json)",
            ["text/html", "application/json"],
            error,
        ),
        "/figures.json": _route(
            "The figures browser's view as JSON: the facets with counts and links, the page of rows, totals", ["application/json"], error
        ),
        "/figures.csv": _route(
            "The figures as tidy CSV: without parameters the published file (ETag = SHA-256, 304, gzip), else every row of the view",
            ["text/csv"],
            error,
        ),
        "/figures.csv-metadata.json": {
            "get": {
                "summary": "The CSV on the Web metadata of figures.csv (the published file)",
                "responses": {"200": {"description": "CSVW metadata", "content": {"application/csvm+json": {"schema": {"type": "object"}}}}},
            }
        },
    }
