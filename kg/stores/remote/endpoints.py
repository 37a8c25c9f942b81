"""Where a remote store answers: its query, update and Graph Store Protocol URLs, by kind of store.

Each kind of store lays its endpoints out its own way under one base URL; `store_kind` names the
layout, and any of the three URLs can be given outright (`store_query_url`, `store_update_url`,
`store_gsp_url`) when a store is set up differently. The kind also says how the store takes a
per-request time limit, if it takes one at all.

| kind | store_url (example) | query | update | graph store |
|---|---|---|---|---|
| oxigraph | http://host:7878 | /query | /update | /store |
| fuseki | http://host:3030/ds | /ds/query | /ds/update | /ds/data |
| virtuoso | http://host:8890 | /sparql | /sparql-auth | /sparql-graph-crud-auth |
| graphdb | http://host:7200/repositories/kg | …/kg | …/kg/statements | …/kg/rdf-graphs/service |
| neptune | https://host:8182 | /sparql | /sparql | /sparql/gsp/ |
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

#: kind -> (query, update, graph store) paths under store_url, and the timeout parameter (name, unit)
LAYOUTS = {
    "oxigraph": ("/query", "/update", "/store", None),  # one server-wide limit: `oxigraph serve --timeout-s`
    "fuseki": ("/query", "/update", "/data", ("timeout", "s")),
    "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth", ("timeout", "ms")),
    "graphdb": ("", "/statements", "/rdf-graphs/service", ("timeout", "s")),
    "neptune": ("/sparql", "/sparql", "/sparql/gsp/", None),  # per-query hints only, no protocol parameter
}
STORE_KINDS = tuple(LAYOUTS)


class EndpointError(ValueError):
    """A store setting that cannot be used (an unknown kind, a URL that is no http(s) URL)."""


@dataclass(frozen=True)
class StoreEndpoints:
    """The URLs of one remote store and how it takes a time limit."""

    kind: str
    query_url: str
    update_url: str
    gsp_url: str
    timeout_param: tuple[str, str] | None

    @classmethod
    def from_settings(cls, store_url: str, kind: str = "oxigraph", query_url: str = "", update_url: str = "", gsp_url: str = "") -> StoreEndpoints:
        """The endpoints for `store_url` laid out as `kind`, each overridden by an explicit URL."""
        if kind not in LAYOUTS:
            raise EndpointError(f"setting store_kind: {kind!r} is not one of {', '.join(STORE_KINDS)}")
        base = store_url.rstrip("/")
        query, update, gsp, timeout = LAYOUTS[kind]
        urls = [query_url or base + query, update_url or base + update, gsp_url or base + gsp]
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise EndpointError(f"{url!r} is not an http(s) URL of a triple store")
        return cls(kind, *urls, timeout)

    def timeout_params(self, seconds: float) -> dict[str, str]:
        """The store's own per-request time limit, as a protocol parameter, where it takes one."""
        if self.timeout_param is None or seconds <= 0:
            return {}
        name, unit = self.timeout_param
        return {name: str(max(1, int(seconds * 1000))) if unit == "ms" else f"{seconds:g}"}
