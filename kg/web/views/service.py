"""What the service says about itself: /.well-known/void, /health, /openapi.json.

- /.well-known/void: the publication's void.ttl (VoID + DCAT), in any RDF format (Turtle for
  */*); a browser is sent (303) to the dataset's own page.
- /health: JSON for monitors: status, version, what the endpoint serves (`triples`, `graphs`: the
  data and the description graph) and what the dumps hold (`dumps`: the data only, the description
  being void.ttl), and whether the store answers (a free
  query worker reads the embedded store; a remote store's version marker is read, with its
  version); 503 when there is no publication or the store cannot be read. It also opens the live
  version's folder, manifest and store folder (no query): one that cannot be read is a 503 with
  `"unreadable": {"part", "name", "reason"}`.
- /readyz is the same readiness check (for probes that expect the name); /livez says only that the
  process answers HTTP, reading nothing: a liveness probe that never restarts a server whose store is down.
- /openapi.json: the OpenAPI 3.1 description of the HTTP API (kg.web.present.openapi).
- /metrics: Prometheus metrics of all the HTTP processes (kg.web.metrics), in the text format 0.0.4,
  never cached. Served to anyone who reaches it, as Fuseki and Prometheus's exporters do: the
  reverse proxy in front keeps it to the monitoring hosts (README, "Metrics and logs").
"""

from __future__ import annotations

import functools
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, redirect, request

from kg.errors import NotFound
from kg.namespaces import prefixes as publication_prefixes
from kg.publication.layout import NoPublication, UnreadablePublication, probe
from kg.web import metrics
from kg.web.app_state import current_version, store_of
from kg.web.formats import GRAPH_FORMATS, HTML, convert_rdf, negotiate_graph_format
from kg.web.present import openapi

bp = Blueprint("describe", __name__)

VOID_FILE = "void.ttl"


@functools.lru_cache(maxsize=32)
def void_in(path: Path, format_name: str, base: str) -> bytes:
    """void.ttl of a version folder in one graph format (versions never change, so this caches)."""
    data = path.read_bytes()
    target = next(f for f in GRAPH_FORMATS if f.name == format_name)
    return convert_rdf(data, GRAPH_FORMATS[0], target, base_iri=base, prefixes=publication_prefixes(base))


@bp.get("/.well-known/void")
def void():
    version = current_version()
    fmt = negotiate_graph_format(request.headers.get("Accept"), request.args.get("format"), html=True)
    if fmt is HTML:
        dataset = version.manifest.dataset
        return redirect(version.minter.path_of(dataset) or dataset, code=303)
    path = version.path / VOID_FILE
    if not path.is_file():
        raise NotFound("This publication has no dataset description.")
    response = Response(void_in(path, fmt.name, version.manifest.base), content_type=fmt.content_type)
    response.vary.add("Accept")
    response.headers["Link"] = f'<{version.manifest.dataset}>; rel="describes"'
    return response


@bp.get("/livez")
def livez():
    """Liveness: the process answers HTTP. Reads nothing, so a store that is down never gets a healthy server restarted."""
    return _no_store(jsonify({"status": "alive"}), 200)


@bp.get("/readyz")
@bp.get("/health")
def health():
    """Readiness: the publication can be read and the store answers (503 otherwise)."""
    try:
        version = current_version()
        probe(version.path, current_app.extensions["kg.publication"].output_dir)
    except UnreadablePublication as exc:
        current_app.logger.error("health: cannot read %s: %s", exc.path, exc.reason)  # the path: for the log only
        response = jsonify({"status": "unavailable", "message": exc.message, "unreadable": exc.fields()})
        response.headers["Retry-After"] = exc.headers["Retry-After"]
        return _no_store(response, 503)
    except NoPublication as exc:
        current_app.logger.warning("health: %s", exc)  # names folders: for the log, not the client
        return _no_store(jsonify({"status": "unavailable", "message": "There is no publication to serve yet: run `kg build` first."}), 503)
    manifest, served = version.manifest, version.manifest.endpoint
    body = {
        "status": "ok",
        "version": version.id,
        "triples": served.triples,
        "graphs": len(served.graphs),
        "dumps": {"triples": manifest.triples, "graphs": len(manifest.graphs)},
    }
    health = store_of(current_app).health(version)  # never waits in, nor fills, the queries' queue
    body.update(health.fields)
    if not health.ok:
        body["status"] = "unavailable"
        return _no_store(jsonify(body), 503)
    return _no_store(jsonify(body), 200)


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi.document(request.url_root))


@bp.get("/metrics")
def metrics_text():
    """The metrics of every HTTP process, summed (kg.web.metrics)."""
    return _no_store(Response(metrics.exposition(), content_type=metrics.CONTENT_TYPE), 200)


def _no_store(response: Response, status: int) -> Response:
    response.status_code = status
    response.cache_control.no_store = True
    return response
