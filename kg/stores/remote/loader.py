"""`kg publish --to URL`: load the live, validated publication into a remote SPARQL store.

The steps, each failing with the store's HTTP status and message (LoadFailed):

1. Read the store's version marker (kg.stores.remote.marker): which graphs are live there now.
2. Stage: each named graph of the version's store is sent whole as N-Triples (spooled to a
   temporary file, then streamed with its length), with one Graph Store Protocol PUT to a staging graph of its own (`…/publication-state/staging/<version>/<n>`).
   Queries never see staging graphs: the server gives every query the marker's graphs as its dataset.
3. Switch: one SPARQL Update request moves each staged graph onto its real name (MOVE replaces the
   target as a whole), drops the graphs the new version no longer has, and rewrites the marker,
   last. Stores that run an update request as one transaction (Oxigraph, Fuseki TDB2, GraphDB)
   switch atomically; on others (Virtuoso) a reader may see some graphs new and the marker old for
   the milliseconds the moves take.
4. Check: the marker is read back and must name the new version.

Between 2 and 3 each staged graph is read back (a Graph Store Protocol GET) and compared, term for
term, with what was sent (kg.publication.readback): a store that rewrites a datatype or a lexical
form fails the load, naming the statements, before anything is switched.

A load that fails in step 2 (a PUT refused, the store gone) deletes what it staged, as far as the
store lets it, and changes nothing a reader sees: the previous version stays live and queryable.
Staging graphs a crashed load left behind are dropped by the next load.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.publication.dumps import NT, sorted_lines
from kg.publication.layout import STORE, read_manifest
from kg.publication.readback import StoreDiffers, check
from kg.stores.remote.client import HttpClient, StoreDeadline, StoreUnreachable
from kg.stores.remote.endpoints import StoreEndpoints
from kg.stores.remote.marker import StoreState, marker_query, marker_update, read_marker, staging_graph, state_graph

BATCH = 5000  # triples serialised at a time into a PUT body
SPOOL_BYTES = 8 << 20  # a PUT body up to this size is kept in memory, a bigger one in a temporary file
JSON_RESULTS = "application/sparql-results+json"


class LoadFailed(Exception):
    """The load could not be completed; the message says which step, and what the store answered."""


@dataclass(frozen=True)
class LoadReport:
    """What a finished load did."""

    version: str
    graphs: dict[str, int]  # graph IRI -> triples sent
    previous: str | None  # the version the store held before
    dropped: tuple[str, ...]  # live graphs the new version no longer has
    seconds: float


class Loader:
    """Loads publication versions into one remote store."""

    def __init__(self, endpoints: StoreEndpoints, client: HttpClient, timeout_s: float = 600.0, log=None):
        self.endpoints, self.client, self.timeout_s = endpoints, client, timeout_s
        self.log = log or (lambda message: None)

    def load(self, version_dir: Path) -> LoadReport:
        """Load the version in `version_dir` (a folder of kg.publication.layout) and make it the store's live version."""
        started = time.monotonic()
        manifest = read_manifest(version_dir)
        base, version = manifest.base, manifest.version
        try:
            local = ox.Store.read_only(str(Path(version_dir) / STORE))
        except OSError as exc:
            raise LoadFailed(f"the version's store in {version_dir} cannot be read ({exc}); build the publication again") from None
        graphs = sorted(g.value for g in local.named_graphs() if isinstance(g, ox.NamedNode))
        if next(local.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
            raise LoadFailed("the version's store has triples in its default graph; only named graphs can be loaded")
        previous = self.marker(base)
        self._drop_leftovers(base)
        staged: list[str] = []
        sent: dict[str, int] = {}
        try:
            for index, graph in enumerate(graphs):
                target = staging_graph(base, version, index)
                staged.append(target)
                sent[graph] = self._put(local, graph, target)
                self._read_back(local, graph, target)
                self.log(f"staged {graph}: {sent[graph]} triples, read back the same")
        except LoadFailed as exc:
            self._forget(staged)
            live = f"version {previous.version}" if previous else "no version (none was loaded before)"
            raise LoadFailed(f"{exc}; nothing was switched: the store still serves {live}") from None
        dropped = tuple(g for g in (previous.graphs if previous else ()) if g not in sent)
        moves = [f"MOVE GRAPH <{s}> TO GRAPH <{g}>" for s, g in zip(staged, graphs, strict=True)]
        drops = [f"DROP SILENT GRAPH <{g}>" for g in dropped]
        self.update(" ;\n".join(moves + drops + [marker_update(base, version, graphs)]), step="switching to the new version")
        now = self.marker(base)
        if now is None or now.version != version:
            raise LoadFailed(f"after the switch the store's marker names {now.version if now else 'no version'}, not {version}")
        return LoadReport(version, sent, previous.version if previous else None, dropped, time.monotonic() - started)

    # -- protocol calls ---------------------------------------------------------------------------
    def marker(self, base: str) -> StoreState | None:
        """The marker the store holds now (None: no version loaded yet)."""
        body = urlencode({"query": marker_query(base)}).encode()
        response = self._call(
            "POST",
            self.endpoints.query_url,
            "reading the version marker",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON_RESULTS},
        )
        try:
            return read_marker(json.loads(response.read()))
        except ValueError as exc:
            raise LoadFailed(f"reading the version marker: the store's answer cannot be read ({exc})") from None

    def update(self, text: str, step: str) -> None:
        response = self._call(
            "POST", self.endpoints.update_url, step, body=text.encode("utf-8"), headers={"Content-Type": "application/sparql-update"}
        )
        response.read()

    def _put(self, local: ox.Store, graph: str, target: str) -> int:
        """PUT one graph as N-Triples, spooled to a temporary file (memory up to SPOOL_BYTES) and streamed from it."""
        count = 0
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as body:
            batch = []
            for quad in local.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
                batch.append(quad.triple)
                if len(batch) == BATCH:
                    body.write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES))
                    count, batch = count + len(batch), []
            if batch:
                body.write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES))
                count += len(batch)
            self._call("PUT", self._graph_url(target), f"loading graph {graph}", body=body, headers={"Content-Type": "application/n-triples"}).read()
        return count

    def _read_back(self, local: ox.Store, graph: str, target: str) -> None:
        """GET the staged graph and compare it, term for term, with the local one (LoadFailed naming what differs)."""
        sent = sorted_lines(ox.serialize((q.triple for q in local.quads_for_pattern(None, None, None, ox.NamedNode(graph))), format=NT))
        with self._call(
            "GET", self._graph_url(target), f"reading back graph {graph}", headers={"Accept": "application/n-triples, text/turtle;q=0.9"}
        ) as response:
            media_type = response.header("Content-Type", "application/n-triples").split(";")[0].strip()
            fmt = ox.RdfFormat.from_media_type(media_type)
            if fmt is None:
                raise LoadFailed(f"reading back graph {graph}: the store answered {media_type!r}, not an RDF syntax")
            try:
                triples = [q.triple for q in ox.parse(response.read(), format=fmt)]
            except SyntaxError as exc:
                raise LoadFailed(f"reading back graph {graph}: the store's {media_type} cannot be parsed ({exc})") from None
        try:
            check(sent, sorted_lines(ox.serialize(triples, format=NT)), f"reading back graph {graph}")
        except StoreDiffers as exc:
            raise LoadFailed(str(exc)) from None

    def _graph_url(self, graph: str) -> str:
        joiner = "&" if "?" in self.endpoints.gsp_url else "?"
        return self.endpoints.gsp_url + joiner + urlencode({"graph": graph})

    def _drop_leftovers(self, base: str) -> None:
        """Drop staging graphs a crashed load left behind."""
        prefix = state_graph(base) + "/staging/"
        query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
        response = self._call(
            "POST",
            self.endpoints.query_url,
            "looking for an unfinished load",
            body=urlencode({"query": query}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON_RESULTS},
        )
        rows = json.loads(response.read()).get("results", {}).get("bindings", [])
        leftovers = sorted(row["g"]["value"] for row in rows if "g" in row)
        if leftovers:
            self.log(f"dropping {len(leftovers)} staging graph(s) of an unfinished load")
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in leftovers), step="dropping an unfinished load")

    def _forget(self, staged: list[str]) -> None:
        """After a failed load: delete what was staged, as far as the store still answers."""
        for graph in staged:
            try:
                self.client.request("DELETE", self._graph_url(graph), deadline=time.monotonic() + 10).close()
            except (StoreUnreachable, StoreDeadline):
                return

    def _call(self, method: str, url: str, step: str, *, body=None, headers=None):
        try:
            response = self.client.request(method, url, deadline=time.monotonic() + self.timeout_s, headers=headers, body=body)
        except StoreUnreachable as exc:
            raise LoadFailed(f"{step}: the store at {url} cannot be reached ({exc})") from None
        except StoreDeadline:
            raise LoadFailed(f"{step}: the store at {url} did not answer within {self.timeout_s:g} s") from None
        if response.status >= 300:
            message = response.text()
            response.close()
            raise LoadFailed(f"{step}: {method} {url} answered HTTP {response.status} {response.reason}" + (f": {message}" if message else ""))
        return response
