"""The OpenAPI 3.1 description of the HTTP API, as a plain dict (served at /openapi.json)."""

from __future__ import annotations

from kg import __version__
from kg.web.formats import CITATION_FORMATS, GRAPH_FORMATS, N3_MEDIA_TYPES, RESULTS_FORMATS
from kg.web.present.openapi_discovery import discovery_paths
from kg.web.present.openapi_figures import figures_paths

_RESULTS = [f.media_type for f in RESULTS_FORMATS]
_GRAPHS = [f.media_type for f in GRAPH_FORMATS]
_FORMAT_NAMES = sorted({n for f in RESULTS_FORMATS + GRAPH_FORMATS for n in f.names} | {"html"})


def _content(types: list[str], schema: dict | None = None) -> dict:
    return {t: {"schema": schema or {"type": "string"}} for t in types}


def _param(name: str, where: str, description: str, *, required: bool = False, repeat: bool = False) -> dict:
    schema = {"type": "array", "items": {"type": "string"}} if repeat else {"type": "string"}
    out = {"name": name, "in": where, "description": description, "required": required, "schema": schema}
    if repeat:
        out.update(style="form", explode=True)
    return out


_ERROR = {
    "description": "Error: JSON {status, error, message} or text for programs, an HTML page for browsers "
    "(in Vietnamese or English: lang, then Accept-Language)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}, "text/plain": {}, "text/html": {}},
}
_FORMAT = _param("format", "query", "Overrides Accept: " + ", ".join(_FORMAT_NAMES) + ", or a media type")
_OUTPUT = _param("output", "query", "The same as format (SPARQLWrapper sends both); given both, they must name the same format")
_DATASET = [
    _param("default-graph-uri", "query", "A graph of the default graph (else: the union of all named graphs)", repeat=True),
    _param("named-graph-uri", "query", "A graph GRAPH ?g may match (else: every named graph)", repeat=True),
]
_SPARQL_OK = {
    "description": (
        "Results: SELECT/ASK in "
        + ", ".join(_RESULTS)
        + "; CONSTRUCT/DESCRIBE in "
        + ", ".join(_GRAPHS)
        + " (N3, asked for by n3 or "
        + ", ".join(N3_MEDIA_TYPES)
        + ", is answered in Turtle, as text/turtle)"
        + ". Header X-KG-Truncated says whether the row limit (X-KG-Row-Limit) cut the result; "
        'SPARQL JSON results that were cut also carry the top-level members "kg:truncated": true and "kg:rowLimit".'
    ),
    "headers": {"X-KG-Truncated": {"schema": {"type": "string", "enum": ["true", "false"]}}, "X-KG-Row-Limit": {"schema": {"type": "integer"}}},
    "content": _content(_RESULTS + _GRAPHS + ["text/html"]),
}
_SPARQL_ERRORS = {
    "400": {
        **_ERROR,
        "description": "Missing, repeated or malformed query (message with line and column), SERVICE, any update (read-only), "
        "an unknown format or output, or the two naming different formats; "
        'a GET without a query that accepts only results formats is 400 "missing query"',
    },
    "406": {**_ERROR, "description": "No acceptable format for this query form"},
    "413": {**_ERROR, "description": "Query or request body too long"},
    "429": {**_ERROR, "description": "The client has used up its query-time budget or runs too many queries at once (Retry-After)"},
    "503": {**_ERROR, "description": "Time limit reached, worker failure, or every worker busy (Retry-After)"},
}


_READINESS = {
    "get": {
        "summary": "Readiness: status, version, what the endpoint serves and the dumps hold, store reachability",
        "responses": {
            "200": {"description": "Ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
            "503": {"description": "No publication, or the publication or the store cannot be read"},
        },
    }
}


def document(server_url: str) -> dict:
    """The OpenAPI document, with `server_url` as its server."""
    rdf = {
        "200": {"description": "RDF, by Accept or format (Turtle for */*); HTML for browsers", "content": _content(_GRAPHS + ["text/html"])},
        "404": _ERROR,
        "406": _ERROR,
    }
    described = {  # a minted IRI also answers as a citation (kg.web.present.citation_formats); ?version= pins it
        **rdf,
        "200": {
            "description": "RDF (Turtle for */*) or a citation, by Accept or format (bibtex, csl, ris, bibliography); HTML for browsers",
            "content": _content(_GRAPHS + [f.media_type for f in CITATION_FORMATS] + ["text/html"]),
        },
    }
    version = _param("version", "query", "Pins the link to a version: the live one answers, another is a 404 naming it")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kg linked-data service",
            "version": __version__,
            "description": "Read-only linked data: a SPARQL 1.1 endpoint, dereferenceable IRIs, and the published files.",
        },
        "servers": [{"url": server_url.rstrip("/") or "/"}],
        "paths": {
            "/sparql": {
                "get": {
                    "summary": "Run a query (SPARQL 1.1 Protocol); without query: the Service Description (RDF) or the query page "
                    "(HTML), 400 to a client that accepts only results formats",
                    "parameters": [_param("query", "query", "The SPARQL query"), *_DATASET, _FORMAT, _OUTPUT],
                    "responses": {"200": _SPARQL_OK, **_SPARQL_ERRORS},
                },
                "post": {
                    "summary": "Run a query sent as a form (query=...) or as application/sparql-query",
                    "parameters": [*_DATASET, _FORMAT, _OUTPUT],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "required": ["query"],
                                    "properties": {
                                        "query": {"type": "string"},
                                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                                        "format": {"type": "string"},
                                        "output": {"type": "string"},
                                    },
                                }
                            },
                            "application/sparql-query": {"schema": {"type": "string"}},
                        },
                    },
                    "responses": {"200": _SPARQL_OK, **_SPARQL_ERRORS, "415": {**_ERROR, "description": "Unsupported request body type"}},
                },
            },
            "/downloads": {
                "get": {
                    "summary": "Every published file: name, role, format, media type, size, SHA-256, URL",
                    "parameters": [_param("format", "query", "json or html")],
                    "responses": {
                        "200": {
                            "description": "The list (JSON for programs, HTML for browsers)",
                            "content": {"application/json": {}, "text/html": {}},
                        }
                    },
                }
            },
            "/download/{name}": {
                "get": {
                    "summary": "One published file (only those /downloads lists); gzip Content-Encoding when accepted; ETag = SHA-256",
                    "parameters": [_param("name", "path", "File name as listed, e.g. kg.ttl or sources/<id>.txt", required=True)],
                    "responses": {"200": {"description": "The file"}, "304": {"description": "Not modified"}, "404": _ERROR},
                }
            },
            "/search": {
                "get": {
                    "summary": "Search labels (accent-insensitive)",
                    "parameters": [_param("q", "query", "Words to look for")],
                    "responses": {"200": {"description": "Matches (HTML or JSON)", "content": {"text/html": {}, "application/json": {}}}},
                }
            },
            "/health": _READINESS,
            "/readyz": _READINESS,
            "/livez": {
                "get": {
                    "summary": "Liveness: the process answers HTTP (reads nothing)",
                    "responses": {"200": {"description": "Alive", "content": {"application/json": {}}}},
                }
            },
            "/.well-known/void": {
                "get": {
                    "summary": "VoID/DCAT description of the dataset",
                    "parameters": [_FORMAT],
                    "responses": {**rdf, "303": {"description": "Browsers: the dataset page"}},
                }
            },
            "/id/{path}": {
                "get": {
                    "summary": "A resource (thing, observation, document...): HTML page or RDF",
                    "parameters": [
                        _param("path", "path", "Rest of the IRI, optionally with a format suffix (.ttl .nt .jsonld .rdf .nq .trig)", required=True),
                        _FORMAT,
                        version,
                    ],
                    "responses": described,
                }
            },
            "/def/{path}": {
                "get": {
                    "summary": "An ontology term, code list or concept: HTML page or RDF",
                    "parameters": [_param("path", "path", "Rest of the IRI, optionally with a format suffix", required=True), _FORMAT, version],
                    "responses": described,
                }
            },
            "/": {
                "get": {
                    "summary": "Home page: what the dataset is, counts, the competency questions, links to everything",
                    "responses": {"200": {"description": "HTML", "content": {"text/html": {}}}},
                }
            },
            "/graph/{path}": {
                "get": {
                    "summary": "A named graph: HTML page or its triples in RDF",
                    "parameters": [_param("path", "path", "The graph's path under /graph/", required=True), _FORMAT, version],
                    "responses": described,
                }
            },
            "/shapes": {"get": {"summary": "The SHACL shapes: HTML page or RDF", "parameters": [_FORMAT], "responses": rdf}},
            "/validation": {
                "get": {
                    "summary": "The SHACL validation report of the published version: HTML page or RDF",
                    "parameters": [_FORMAT],
                    "responses": rdf,
                }
            },
            "/openapi.json": {
                "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}}}
            },
            "/schemas/facts.schema.json": {
                "get": {
                    "summary": "The JSON Schema (2020-12) of the facts files (data/reports/<id>/facts.yaml), for editors; cacheable, ETag",
                    "responses": {
                        "200": {"description": "JSON Schema, its $id the URL it is served at", "content": {"application/schema+json": {}}},
                        "304": {"description": "Not modified"},
                    },
                }
            },
            "/metrics": {
                "get": {
                    "summary": "Prometheus metrics of every HTTP process, summed (queries by outcome and format, latency "
                    "by kind of route, worker restarts, result cache, 429s); the reverse proxy should restrict it",
                    "responses": {
                        "200": {
                            "description": "Prometheus text exposition format 0.0.4",
                            "content": {"text/plain; version=0.0.4": {"schema": {"type": "string"}}},
                        }
                    },
                }
            },
            **discovery_paths(_ERROR),
            **figures_paths(_ERROR),
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["status", "error", "message"],
                    "properties": {"status": {"type": "integer"}, "error": {"type": "string"}, "message": {"type": "string"}},
                },
                "Health": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string"},
                        "version": {"type": "string"},
                        "triples": {"type": "integer"},
                        "graphs": {"type": "integer"},
                        "store": {"type": "string"},
                        "dumps": {"type": "object", "properties": {"triples": {"type": "integer"}, "graphs": {"type": "integer"}}},
                    },
                },
            }
        },
    }
