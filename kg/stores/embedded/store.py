"""The embedded store (the default): each version's pyoxigraph store, in the publication folder.

Lookups read the store in this process (kg.stores.lookups, microseconds each); SPARQL queries run in
the pool of killable worker processes (kg.stores.embedded.pool), never in the server process.
"""

from __future__ import annotations

from kg.errors import KgError
from kg.stores import lookups
from kg.stores.base import PoolBusy, Store, StoreHealth
from kg.stores.embedded.pool import QueryRunner
from kg.stores.embedded.worker_process import START_TIMEOUT_S

HEALTH_QUERY = "ASK { ?s ?p ?o }"


class EmbeddedStore(Store):
    """The version's own pyoxigraph store, read-only."""

    kind = "embedded"
    versioned_answers = True

    def __init__(self, runner: QueryRunner):
        self.runner = runner

    @classmethod
    def from_config(cls, config) -> EmbeddedStore:
        return cls(QueryRunner.from_config(config))  # starts its processes on first use

    def lookups(self, version):
        return lookups.for_store(version.store_path, version.manifest.base)

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
        return self.runner.run(
            query,
            store_path=version.store_path,
            base_iri=version.manifest.base,
            results_format=results_format,
            graph_format=graph_format,
            max_rows=max_rows,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            prefixes=prefixes,
            max_depth=max_depth,
            row_limit_mode=row_limit_mode,
            client=client,
            charge=charge,
            queue_timeout_s=queue_timeout_s,
            queued=queued,
        )

    def health(self, version) -> StoreHealth:
        """A free query worker reads the store (only a free one: a health check never waits in the queue)."""
        try:
            self.run(
                version,
                HEALTH_QUERY,
                results_format="application/sparql-results+json",
                graph_format=None,
                max_rows=1,
                queue_timeout_s=1.0,
                queued=False,
            )
        except PoolBusy:
            return StoreHealth(True, {"store": "busy"})  # every worker is answering queries: alive, just not free
        except KgError as exc:
            return StoreHealth(False, {"store": f"unreachable: {exc.message}"})
        return StoreHealth(True, {"store": "reachable"})

    def warm(self) -> None:
        """Start the query workers and wait until they are up: a process takes no request it cannot answer."""
        self.runner.warm(wait_s=START_TIMEOUT_S)

    def close(self) -> None:
        self.runner.close()
