"""The interface the web layer talks to, whatever holds the graph: the embedded store or a remote one.

Three things are asked of a store, for a live version of the publication (kg.publication.live.Version):

- `lookups(version)`: a kg.stores.lookups.GraphData for pages, dereferencing and search (describe,
  labels, exists, types, class counts);
- `run(version, query, ...)`: a SPARQL query under the endpoint's guards and limits, answered as a
  QueryResult (below) or one of its KgErrors (400, 406, 413, 503 …), the same whichever
  store runs it;
- `health(version)`: what /health reports about the store, and whether it can answer.

`warm()` and `close()` start and stop what the store needs (processes, connections).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from kg.errors import ServiceUnavailable


@dataclass(frozen=True)
class StoreHealth:
    """What /health says about the store: `ok` (else 503), and fields for the JSON body."""

    ok: bool
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class QueryResult:
    """A serialised result and what it is."""

    form: str  # SELECT ASK CONSTRUCT DESCRIBE
    kind: str  # bindings boolean graph
    media_type: str
    body: bytes
    truncated: bool
    rows: int  # solutions, or triples
    seconds: float  # time spent in the worker
    cached: bool = False  # answered from kg.web.result_cache, not by a worker


class QueryTimeout(ServiceUnavailable):
    """The query ran past the time limit; its worker was killed."""


class PoolBusy(ServiceUnavailable):
    """No worker became free within the admission wait, or the wait queue is full."""


class Store(ABC):
    """Where the graph data of the live publication is looked up and queried."""

    kind: str = "store"
    #: Whether an answer depends only on the version (the embedded store: the version's own files), so it may
    #: be kept for that version (kg.web.result_cache). A remote store's data can change behind our back.
    versioned_answers: bool = False

    @abstractmethod
    def lookups(self, version):
        """The GraphData of `version` (kept per version, so repeated lookups are cheap)."""

    @abstractmethod
    def run(
        self,
        version,
        query: str,
        *,
        results_format: str | None,
        graph_format: str | None,
        max_rows: int,
        default_graphs=(),
        named_graphs=(),
        prefixes=None,
        max_depth: int | None = None,
        row_limit_mode: str = "truncate",
        client=None,
        charge=None,
        queue_timeout_s: float | None = None,
        queued: bool = True,
    ):
        """Check and run one SPARQL query over `version`; a QueryResult, or a KgError saying what went wrong.

        `client`: the client's socket (a store that can stop a query when it goes away watches it).
        `charge(seconds)`: called with the time the query held a place, whatever the outcome.
        `queued=False`: take a free place at once or none (PoolBusy), never a place in the queue.
        """

    @abstractmethod
    def health(self, version) -> StoreHealth:
        """Whether the store can answer for `version` now, without waiting in the queries' queue."""

    def warm(self) -> None:  # noqa: B027 - optional: a store with nothing to start keeps this
        """Start what the store needs now rather than on first use."""

    def close(self) -> None:  # noqa: B027 - optional: a store that started nothing keeps this
        """Stop what the store started."""
