"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB …) reached over the SPARQL Protocol.

The store holds the graph data, loaded by `kg publish --to` (kg.stores.remote.loader); the publication's
files (manifest, dumps, description) are still served from the local publication folder. What holds
here as with the embedded store:

- the guard runs here before anything is sent (kg.stores.remote.guard: ours, plus no store
  built-ins), so the store never sees a SERVICE, an update, or a query too long or too deep;
- at most `workers` queries are sent at once, `queue_size` wait at most `queue_timeout_s`
  (kg.stores.remote.slots: 503 + Retry-After), and the client's budget is charged the time a place was held;
- every call has our deadline (`query_timeout_s`, over connect, send and every read), and the
  store's own time limit is set where its protocol takes one (kg.stores.remote.endpoints);
- results are read as they arrive and cut at `max_rows` (marked, or refused), then written in the
  client's format by the same code as the workers' (kg.stores.results);
- a store that is down, too slow, or answers with an error gives a 503 naming it, never a hang;
  /health says so.

Which version the store holds, and which graphs are live, is read from the store's marker
(kg.stores.remote.marker), at most once every `store_refresh_s`; each query is given the live graphs as
its dataset (unless it names its own, with FROM or the protocol's parameters), so the union of the
live graphs is the default graph, as in the embedded store, and graphs being loaded stay unseen.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import BadRequest, KgError, NotAcceptable, PayloadTooLarge, ServiceUnavailable
from kg.stores.base import QueryResult, QueryTimeout, Store, StoreHealth
from kg.stores.guard import MAX_DEPTH, QueryRejected, code_only, expand_escapes, explain_syntax_error
from kg.stores.lookups import GraphData
from kg.stores.remote.client import HttpClient, StoreDeadline, StoreUnreachable
from kg.stores.remote.endpoints import StoreEndpoints
from kg.stores.remote.guard import check_remote_query
from kg.stores.remote.marker import StoreState, marker_query, read_marker
from kg.stores.remote.quads import RemoteQuads
from kg.stores.remote.slots import Slots
from kg.stores.results import serialise

log = logging.getLogger("kg.stores.remote")

JSON_RESULTS = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/n-quads;q=0.8"
FORM = "application/x-www-form-urlencoded"
HEALTH_TIMEOUT_S = 3.0
_FROM = re.compile(r"\bFROM\b", re.I)
_KEEP = 2  # versions whose lookups stay cached (the live one and the one before)


class StoreUnavailable(ServiceUnavailable):
    """The remote store cannot be reached, failed, or holds no loaded version."""


class RemoteStore(Store):
    """A SPARQL 1.1 store elsewhere, behind our guards and limits."""

    kind = "remote"

    def __init__(
        self,
        endpoints: StoreEndpoints,
        client: HttpClient,
        *,
        timeout_s: float = 10.0,
        workers: int = 2,
        queue_size: int = 4,
        queue_timeout_s: float = 5.0,
        refresh_s: float = 2.0,
    ):
        self.endpoints, self.client = endpoints, client
        self.timeout_s, self.refresh_s = timeout_s, refresh_s
        self.slots = Slots(workers, queue_size, queue_timeout_s, retry_after_s=timeout_s)
        self._lock = threading.Lock()
        self._state: tuple[float, StoreState] | None = None  # (read at, state)
        self._lookups: dict[str, GraphData] = {}

    @classmethod
    def from_config(cls, config, credentials=None) -> RemoteStore:
        endpoints = StoreEndpoints.from_settings(
            config.store_url, config.store_kind, config.store_query_url, config.store_update_url, config.store_gsp_url
        )
        client = HttpClient(credentials, pool_size=config.workers + config.threads)
        return cls(
            endpoints,
            client,
            timeout_s=config.query_timeout_s,
            workers=config.workers,
            queue_size=config.queue_size,
            queue_timeout_s=config.queue_timeout_s,
            refresh_s=config.store_refresh_s,
        )

    # -- the marker -------------------------------------------------------------------------------
    def state(self, version, fresh: bool = False, timeout_s: float | None = None) -> StoreState:
        """The store's live version and graphs (read again after `refresh_s`); StoreUnavailable if none."""
        now = time.monotonic()
        with self._lock:
            cached = self._state
        if cached is not None and not fresh and now - cached[0] < self.refresh_s:
            return cached[1]
        results = self._select(marker_query(version.manifest.base), None, timeout_s or self.timeout_s)
        try:
            state = read_marker(results)
        except (ValueError, KeyError, TypeError) as exc:
            log.error("the store's version marker cannot be read: %s", exc)
            raise StoreUnavailable("The triple store's version marker cannot be read; see the server log.") from None
        if state is None:
            raise StoreUnavailable("The triple store holds no loaded version of the publication yet (load one with `kg publish --to`).")
        with self._lock:
            self._state = (now, state)
        return state

    # -- the interface ----------------------------------------------------------------------------
    def lookups(self, version) -> GraphData:
        state = self.state(version)
        with self._lock:
            data = self._lookups.get(state.version)
            if data is None:
                select = lambda query, graphs: self._select(query, graphs, self.timeout_s)  # noqa: E731
                data = GraphData(RemoteQuads(select, state.graphs), version.manifest.base)
                self._lookups[state.version] = data
                for old in list(self._lookups)[:-_KEEP]:
                    del self._lookups[old]
        return data

    def run(
        self,
        version,
        query,
        *,
        results_format,
        graph_format,
        max_rows,
        default_graphs=(),
        named_graphs=(),
        prefixes=None,
        max_depth=None,
        row_limit_mode="truncate",
        client=None,
        charge=None,
        queue_timeout_s=None,
        queued=True,
    ):
        state = self.state(version)
        started = time.monotonic()
        try:
            with self.slots.held(queue_timeout_s, queued):
                started = time.monotonic()
                return self._run(
                    version,
                    state,
                    query,
                    results_format,
                    graph_format,
                    max_rows,
                    default_graphs,
                    named_graphs,
                    prefixes,
                    max_depth or MAX_DEPTH,
                    row_limit_mode,
                )
        finally:
            if charge is not None:
                charge(time.monotonic() - started)

    def health(self, version) -> StoreHealth:
        fields = {"store_kind": self.endpoints.kind}
        try:
            state = self.state(version, fresh=True, timeout_s=HEALTH_TIMEOUT_S)
        except KgError as exc:
            return StoreHealth(False, {**fields, "store": f"unreachable: {exc.message}"})
        fields.update(store="reachable", store_version=state.version)
        if state.version != version.id:
            fields["store"] = "reachable, holding another version than the publication folder"
        return StoreHealth(True, fields)

    def close(self) -> None:
        self.client.close()

    # -- queries ----------------------------------------------------------------------------------
    def _run(
        self, version, state, query, results_format, graph_format, max_rows, default_graphs, named_graphs, prefixes, max_depth, row_limit_mode
    ) -> QueryResult:
        try:
            checked = check_remote_query(query, max_depth)
        except QueryRejected as exc:
            raise (PayloadTooLarge if exc.status == 413 else BadRequest)(exc.message) from None
        kind = "graph" if checked.form in ("CONSTRUCT", "DESCRIBE") else "results"
        wanted = graph_format if kind == "graph" else results_format
        if not wanted:
            raise NotAcceptable(f"a {checked.form} query has no answer in the requested format")
        params = [("query", f"BASE <{version.manifest.base}> {checked.text}")]
        if default_graphs or named_graphs:
            params += [("default-graph-uri", g) for g in default_graphs] + [("named-graph-uri", g) for g in named_graphs]
        elif not _FROM.search(code_only(expand_escapes(checked.text))):
            params += [("default-graph-uri", g) for g in state.graphs] + [("named-graph-uri", g) for g in state.graphs]
        params += list(self.endpoints.timeout_params(self.timeout_s).items())
        started = time.monotonic()
        deadline = started + self.timeout_s
        response = self._post(params, JSON_RESULTS if kind == "results" else GRAPH_ACCEPT, deadline)
        try:
            self._raise_for(response, checked.text, max_depth)
            results = self._parse(response, kind)
            header, body = serialise(results, wanted, max_rows, prefixes)
        except StoreDeadline:
            raise self._timeout() from None
        except StoreUnreachable as exc:
            log.error("the store at %s broke off its answer: %s", self.endpoints.query_url, exc)
            raise StoreUnavailable("The triple store broke off its answer; try again later.") from None
        except (SyntaxError, ValueError, OSError) as exc:
            if time.monotonic() >= deadline:
                raise self._timeout() from None
            log.error("the answer of the store at %s cannot be read: %s", self.endpoints.query_url, exc)
            raise StoreUnavailable("The triple store's answer could not be read; see the server log.") from None
        finally:
            response.close()
        if header["truncated"] and row_limit_mode == "refuse":
            what = "triples" if header["kind"] == "graph" else "rows"
            raise BadRequest(
                f"The result has more than {max_rows} {what}, the limit of this endpoint (setting max_rows); "
                "nothing was sent. Add LIMIT (and OFFSET to page through it)."
            )
        return QueryResult(checked.form, header["kind"], wanted, body, header["truncated"], header["rows"], time.monotonic() - started)

    def _raise_for(self, response, text: str, max_depth: int) -> None:
        if response.header("X-SQL-State") == "S1TAT":  # Virtuoso's "anytime" answer: partial, cut at its limit
            raise self._timeout()
        if response.status == 200:
            return
        message = response.text()
        if response.status == 400:
            raise BadRequest(explain_syntax_error(text, _first_line(message), max_depth))
        log.error("the store at %s answered HTTP %s %s: %s", self.endpoints.query_url, response.status, response.reason, message)
        if response.status in (503, 504) or "timeout" in message.lower() or "timed out" in message.lower():
            raise self._timeout()
        if response.status in (401, 403):
            raise StoreUnavailable(
                f"The triple store refused the server's request (HTTP {response.status}): "
                "check the credentials (KG_STORE_USER, KG_STORE_PASSWORD); see the server log."
            )
        raise StoreUnavailable(f"The triple store failed to answer this query (HTTP {response.status}); see the server log.")

    def _parse(self, response, kind: str):
        if kind == "results":
            return ox.parse_query_results(response, format=ox.QueryResultsFormat.JSON)
        media_type = response.header("Content-Type", "application/n-triples").split(";")[0].strip()
        if media_type == "text/plain":
            media_type = "application/n-triples"
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise ValueError(f"the store answered a graph as {media_type}")
        return (getattr(q, "triple", q) for q in ox.parse(response, format=fmt))

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(f"The query did not finish within the time limit of {self.timeout_s:g} s (setting query_timeout_s) and was stopped.")

    # -- protocol calls ---------------------------------------------------------------------------
    def _post(self, params: list, accept: str, deadline: float, late=None):
        """The store's response to a POSTed query; `late()` is the error at the deadline (QueryTimeout by default)."""
        try:
            return self.client.request(
                "POST", self.endpoints.query_url, deadline=deadline, body=urlencode(params).encode(), headers={"Content-Type": FORM, "Accept": accept}
            )
        except StoreDeadline:
            raise (late or self._timeout)() from None
        except StoreUnreachable as exc:
            log.error("the store at %s cannot be reached: %s", self.endpoints.query_url, exc)
            raise StoreUnavailable("The triple store cannot be reached; try again later.", headers={"Retry-After": "5"}) from None

    def _select(self, query: str, graphs, timeout_s: float) -> dict:
        """SPARQL JSON results of a query of ours (lookups, the marker), over `graphs` as named graphs."""

        def late():
            return StoreUnavailable(f"The triple store did not answer within {timeout_s:g} s; try again later.", headers={"Retry-After": "5"})

        params = [("query", query)] + [("named-graph-uri", g) for g in graphs or ()]
        response = self._post(params, JSON_RESULTS, time.monotonic() + timeout_s, late)
        try:
            self._raise_for(response, query, MAX_DEPTH)
            return json.loads(response.read())
        except StoreDeadline:
            raise late() from None
        except StoreUnreachable as exc:
            log.error("the store at %s broke off its answer: %s", self.endpoints.query_url, exc)
            raise StoreUnavailable("The triple store broke off its answer; try again later.") from None
        except ValueError:
            raise StoreUnavailable("The triple store's answer could not be read; see the server log.") from None
        finally:
            response.close()


def _first_line(message: str) -> str:
    return next((line.strip() for line in message.splitlines() if line.strip()), "the store could not parse the query")
