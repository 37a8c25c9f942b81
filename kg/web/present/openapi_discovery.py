"""The OpenAPI paths of the routes search engines and portals read (kg.web.views.discovery): sitemap and robots.txt."""

from __future__ import annotations

_SITEMAP_XML = {"application/xml": {"schema": {"type": "string"}}}


def discovery_paths(error: dict) -> dict:
    """The paths /sitemap.xml, /sitemap-{number}.xml and /robots.txt; `error` is the document's error response."""
    return {
        "/sitemap.xml": {
            "get": {
                "summary": "Sitemap (sitemaps.org 0.9) of every page the dataset mints, absolute on the requested host, with lastmod; "
                "past 50,000 URLs a sitemap index of /sitemap-{number}.xml",
                "responses": {"200": {"description": "A urlset, or a sitemapindex", "content": _SITEMAP_XML}},
            }
        },
        "/sitemap-{number}.xml": {
            "get": {
                "summary": "One numbered sitemap of at most 50,000 URLs",
                "parameters": [
                    {"name": "number", "in": "path", "required": True, "description": "1 to the number of parts", "schema": {"type": "integer"}}
                ],
                "responses": {
                    "200": {"description": "A urlset", "content": _SITEMAP_XML},
                    "404": {**error, "description": "No such part (names the last)"},
                },
            }
        },
        "/robots.txt": {
            "get": {
                "summary": "robots.txt: every page may be crawled but the query answers (/sparql?, /search?); names the sitemap",
                "responses": {"200": {"description": "robots.txt", "content": {"text/plain": {"schema": {"type": "string"}}}}},
            }
        },
    }
