"""/schemas/facts.schema.json: the JSON Schema of the facts files (kg.build.facts_schema), for editors.

Served as application/schema+json, cacheable (public, max-age, the file's SHA-256 as ETag, 304 on
If-None-Match) and to any origin, so that an editor or a web tool can fetch it. Its `$id` is
rewritten to the address it is served at, so the schema names where it can be found.
"""

from __future__ import annotations

import functools
import hashlib
import json

from flask import Blueprint, Response, url_for

from kg.build.facts_schema import MEDIA_TYPE, schema_bytes
from kg.web.caching import publication_cache

bp = Blueprint("schemas", __name__)


@functools.lru_cache(maxsize=8)
def served_as(url: str) -> bytes:
    """The schema with `$id` set to the URL it is served at."""
    schema = json.loads(schema_bytes())
    schema["$id"] = url
    return json.dumps(schema, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


@bp.get("/schemas/facts.schema.json")
def facts_schema():
    """The facts-file schema, with its `$id` where it is served."""
    body = served_as(url_for("schemas.facts_schema", _external=True))
    response = Response(body, content_type=MEDIA_TYPE)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return publication_cache(response, etag=hashlib.sha256(body).hexdigest()[:32])
