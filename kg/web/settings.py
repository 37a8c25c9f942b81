"""Server settings, declared as data (kg.config.Settings): name, default, help. Read once, in the factory or the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from kg.config import Settings
from kg.config import settings_table as table_of


@dataclass(frozen=True)
class ServerConfig(Settings):
    """Every setting of the server. The README's settings table documents each field (a test checks)."""

    output_dir: Path = field(
        default=Path("publication"),  # in the working directory, as `kg build` writes it
        metadata={"env": "KG_OUTPUT", "help": "Folder of the publication written by `kg build`."},
    )
    host: str = field(default="127.0.0.1", metadata={"env": "KG_HOST", "help": "Address to listen on."})
    port: int = field(default=8080, metadata={"env": "PORT", "help": "Port to listen on."})
    http_processes: int = field(
        default=2,
        metadata={
            "env": "KG_HTTP_PROCESSES",
            "help": "HTTP server processes (granian workers), each with its own `threads` and query workers; the "
            "per-client budget is shared by all of them.",
        },
    )
    workers: int = field(
        default=2,
        metadata={
            "env": "KG_WORKERS",
            "help": "Query worker processes of each HTTP process (each opens the store read-only); with a remote store (`store_url`), the queries each HTTP process sends to it at once.",
        },
    )
    query_timeout_s: float = field(default=10.0, metadata={"env": "KG_QUERY_TIMEOUT", "help": "Wall-clock limit of one SPARQL query, in seconds."})
    max_rows: int = field(
        default=10_000,
        metadata={
            "env": "KG_MAX_ROWS",
            "help": "Most result rows (or triples) returned; more are cut and marked truncated "
            '(header `X-KG-Truncated: true`; in JSON results also `"kg:truncated": true`).',
        },
    )
    row_limit_mode: str = field(
        default="truncate",
        metadata={
            "env": "KG_ROW_LIMIT_MODE",
            "help": "What a result over `max_rows` gets: `truncate` (cut and marked as above) or `refuse` (400 naming the limit, nothing sent).",
        },
    )
    queue_timeout_s: float = field(
        default=5.0, metadata={"env": "KG_QUEUE_TIMEOUT", "help": "Longest wait for a free query worker before answering 503, in seconds."}
    )
    queue_size: int = field(
        default=8,
        metadata={
            "env": "KG_QUEUE_SIZE",
            "help": "Queries that may wait for a free worker in each HTTP process; when that many wait, the next one "
            "gets 503 with Retry-After at once. Keep `workers + queue_size` below `threads`, so pages always have a thread.",
        },
    )
    worker_memory_bytes: int = field(
        default=2 << 30,
        metadata={
            "env": "KG_WORKER_MEMORY",
            "help": "Address-space limit (RLIMIT_AS) of each query worker, in bytes (default 2 GiB); a query that "
            "needs more stops its worker and gets 503 naming the limit. 0: no limit.",
        },
    )
    max_depth: int = field(
        default=64,
        metadata={
            "env": "KG_MAX_DEPTH",
            "help": "Deepest nesting accepted in a query: brackets `{ ( [` and chained unary operators (`!`, `-`, `+`) "
            "count; deeper is 400 (pyoxigraph's parser overflows its stack some thousands deep).",
        },
    )
    client_budget_s: float = field(
        default=60.0,
        metadata={
            "env": "KG_CLIENT_BUDGET",
            "help": "Seconds of query time (a worker held) one client may use per `client_window_s`; past it, 429 with Retry-After. 0: no budget.",
        },
    )
    client_window_s: float = field(default=60.0, metadata={"env": "KG_CLIENT_WINDOW", "help": "The sliding window of `client_budget_s`, in seconds."})
    fast_lane: bool = field(
        default=True,
        metadata={
            "env": "KG_FAST_LANE",
            "help": "Answer GET lookups that a syntax check proves bounded (kg.stores.bounded_lookup) in the HTTP "
            "process, without the query pool; they are not charged to the client's budget. Embedded store only.",
        },
    )
    client_concurrency: int = field(
        default=2,
        metadata={
            "env": "KG_CLIENT_CONCURRENCY",
            "help": "Queries one client may run at once, across the HTTP processes; one more gets 429 with Retry-After. 0: no cap.",
        },
    )
    trusted_proxies: int = field(
        default=0,
        metadata={
            "env": "KG_TRUSTED_PROXIES",
            "help": "Reverse proxies in front of the server. 0: the client is the peer address and X-Forwarded-For and "
            "X-Forwarded-Proto are ignored; n: the client is the n-th address from the right of X-Forwarded-For, "
            "and the scheme of the URLs the server writes is the n-th from the right of X-Forwarded-Proto.",
        },
    )
    threads: int = field(
        default=12,
        metadata={"env": "KG_THREADS", "help": "Python threads answering requests in each HTTP process (queries wait on workers, pages do not)."},
    )
    read_timeout_s: float = field(
        default=10.0,
        metadata={
            "env": "KG_READ_TIMEOUT",
            "help": "Longest time a client may take to send a request's headers, and again its body (then 408), and "
            "longest a keep-alive connection may stay idle, in seconds; then the server closes the connection.",
        },
    )
    max_connections: int = field(
        default=1000,
        metadata={
            "env": "KG_MAX_CONNECTIONS",
            "help": "Connections each HTTP process serves at once (the HTTP front's backpressure); more wait in the "
            "kernel's queue until one closes. The server raises its open-files limit to fit them when it may.",
        },
    )
    max_query_bytes: int = field(default=20_000, metadata={"env": "KG_MAX_QUERY_BYTES", "help": "Longest accepted query text, in bytes."})
    max_request_bytes: int = field(default=100_000, metadata={"env": "KG_MAX_REQUEST_BYTES", "help": "Largest accepted request body, in bytes."})
    page_size: int = field(default=50, metadata={"env": "KG_PAGE_SIZE", "help": "Rows per page of inverse links on resource pages."})
    cache_max_age_s: int = field(default=300, metadata={"env": "KG_CACHE_MAX_AGE", "help": "max-age of Cache-Control on published data, in seconds."})
    result_cache_bytes: int = field(
        default=32 << 20,
        metadata={
            "env": "KG_RESULT_CACHE",
            "help": "Bytes of SPARQL answers and resource pages each HTTP process keeps for the live version of the "
            "embedded store (a repeated query is answered without a worker, header `X-KG-Cache: hit`); answers over 1 MiB and queries calling NOW, RAND, UUID, "
            "STRUUID or BNODE are never kept. 0: no cache.",
        },
    )
    store_url: str = field(
        default="",
        metadata={
            "env": "KG_STORE_URL",
            "help": "A remote SPARQL store holding the graph data (loaded by `kg publish --to`), laid out as `store_kind` "
            'says; empty: each version\'s own embedded store. See "Running on another triple store".',
        },
    )
    store_kind: str = field(
        default="oxigraph",
        metadata={
            "env": "KG_STORE_KIND",
            "help": "How the remote store lays out its endpoints and takes a time limit: `oxigraph`, `fuseki`, `virtuoso`, `graphdb` or `neptune`.",
        },
    )
    store_query_url: str = field(
        default="", metadata={"env": "KG_STORE_QUERY_URL", "help": "The store's SPARQL query endpoint, when not where `store_kind` puts it."}
    )
    store_update_url: str = field(
        default="",
        metadata={"env": "KG_STORE_UPDATE_URL", "help": "The store's SPARQL Update endpoint (publishing only), when not where `store_kind` puts it."},
    )
    store_gsp_url: str = field(
        default="",
        metadata={
            "env": "KG_STORE_GSP_URL",
            "help": "The store's Graph Store Protocol endpoint (publishing only), when not where `store_kind` puts it.",
        },
    )
    store_refresh_s: float = field(
        default=2.0,
        metadata={
            "env": "KG_STORE_REFRESH",
            "help": "How often the server reads the remote store's version marker again, in seconds (a new load is seen within this time).",
        },
    )
    log_level: str = field(
        default="INFO",
        metadata={
            "env": "KG_LOG_LEVEL",
            "help": "Least severe messages logged (on stderr, one handler for the app, the "
            "stores and granian): `DEBUG`, `INFO`, `WARNING`, `ERROR` or `CRITICAL`.",
        },
    )
    access_log: str = field(
        default="json",
        metadata={
            "env": "KG_ACCESS_LOG",
            "help": "The access log on stdout: `json` (one JSON object per request: time, "
            "client, method, path, status, bytes, duration_ms, kind, request_id) or `off`.",
        },
    )

    def __post_init__(self):
        if self.row_limit_mode not in ROW_LIMIT_MODES:
            raise ValueError(f"setting row_limit_mode: {self.row_limit_mode!r} is not one of {', '.join(ROW_LIMIT_MODES)}")
        if self.log_level.upper() not in LOG_LEVELS:
            raise ValueError(f"setting log_level: {self.log_level!r} is not one of {', '.join(LOG_LEVELS)}")
        if self.access_log not in ACCESS_LOG_MODES:
            raise ValueError(f"setting access_log: {self.access_log!r} is not one of {', '.join(ACCESS_LOG_MODES)}")
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (int, float)) and value < 0:
                raise ValueError(f"setting {f.name}: {value!r} is negative")
        if self.workers < 1:
            raise ValueError("setting workers: at least 1 query worker is needed")
        if self.http_processes < 1:
            raise ValueError("setting http_processes: at least 1 HTTP process is needed")
        if self.store_url or self.store_kind != "oxigraph":
            from kg.stores.remote.endpoints import StoreEndpoints

            StoreEndpoints.from_settings(
                self.store_url or "http://127.0.0.1", self.store_kind, self.store_query_url, self.store_update_url, self.store_gsp_url
            )  # ValueError naming the setting


ROW_LIMIT_MODES = ("truncate", "refuse")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ACCESS_LOG_MODES = ("off", "json")


def settings_table() -> list[tuple[str, str, object, str]]:
    """(field, environment variable, default, help) for every server setting: the README documents these."""
    return table_of(ServerConfig)


def settings_markdown() -> str:
    """The README's table of settings (paste it under "## Server settings" when a setting changes)."""
    rows = ["| Setting | Environment variable | Default | Meaning |", "|---|---|---|---|"]
    for name, env, default, help_text in settings_table():
        shown = "./publication" if name == "output_dir" else default
        rows.append(f"| `{name}` | `{env}` | `{shown}` | {help_text} |")
    return "\n".join(rows) + "\n"
