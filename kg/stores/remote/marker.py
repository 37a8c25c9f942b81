"""The version marker a remote store holds: which publication version is live there, and its graphs.

It lives in its own named graph, `<base>graph/publication-state`, and is written last by
`kg publish --to` (kg.stores.remote.loader), in the same SPARQL Update request that moves the new graphs
into place, so a half-finished load is never taken for a new version::

    <…/graph/publication-state> owl:versionInfo "<version>" ;
        dcterms:hasPart <…/graph/report-a>, <…/graph/vocabulary>, … ;
        dcterms:modified "2024-…"^^xsd:dateTime .

The server (kg.stores.remote.store) reads it to know the version and to give every query the live graphs
as its dataset, so graphs being loaded (staged under their own names) are never seen by a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

STATE_PATH = "graph/publication-state"
VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"
HAS_PART = "http://purl.org/dc/terms/hasPart"
MODIFIED = "http://purl.org/dc/terms/modified"


@dataclass(frozen=True)
class StoreState:
    """What the marker says: the live version and its named graphs."""

    version: str
    graphs: tuple[str, ...]


def state_graph(base: str) -> str:
    """The IRI of the marker's graph (also the marker's subject) for a publication minted under `base`."""
    return base + STATE_PATH


def staging_graph(base: str, version: str, index: int) -> str:
    """Where graph number `index` of `version` is loaded before it is moved to its own name."""
    return f"{state_graph(base)}/staging/{version}/{index}"


def marker_query(base: str) -> str:
    """The SELECT that reads the marker: one row per live graph (or one row without ?graph)."""
    state = state_graph(base)
    return (
        f"SELECT ?version ?graph WHERE {{ GRAPH <{state}> {{ <{state}> <{VERSION_INFO}> ?version . OPTIONAL {{ <{state}> <{HAS_PART}> ?graph }} }} }}"
    )


def read_marker(results: dict) -> StoreState | None:
    """The StoreState in the SPARQL JSON results of marker_query, or None when the store has no marker.

    Two versions in the marker (never written by us) are refused as unreadable (ValueError).
    """
    rows = results.get("results", {}).get("bindings", [])
    versions = {row["version"]["value"] for row in rows if "version" in row}
    if not versions:
        return None
    if len(versions) > 1:
        raise ValueError(f"the store's version marker names {len(versions)} versions")
    graphs = sorted({row["graph"]["value"] for row in rows if "graph" in row})
    return StoreState(versions.pop(), tuple(graphs))


def marker_update(base: str, version: str, graphs, now: datetime | None = None) -> str:
    """SPARQL Update operations that replace the marker by one naming `version` and its `graphs`."""
    state = state_graph(base)
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = "".join(f" <{state}> <{HAS_PART}> <{g}> ." for g in sorted(graphs))
    return (
        f"DROP SILENT GRAPH <{state}> ;\n"
        f"INSERT DATA {{ GRAPH <{state}> {{ <{state}> <{VERSION_INFO}> {_string(version)} ."
        f'{parts} <{state}> <{MODIFIED}> "{when}"^^<http://www.w3.org/2001/XMLSchema#dateTime> . }} }}'
    )


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
