"""Server settings, declared as data: name, default, help. Read once, in the factory or the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kg.config import PROJECT_ROOT


@dataclass(frozen=True)
class ServerConfig:
    """Every setting of the server. The README's settings table documents each field (a test checks)."""

    output_dir: Path = field(
        default=PROJECT_ROOT / "publication",
        metadata={"env": "KG_OUTPUT", "help": "Folder of the publication written by `kg build`."},
    )
    host: str = field(default="127.0.0.1", metadata={"env": "KG_HOST", "help": "Address to listen on."})
    port: int = field(default=8080, metadata={"env": "PORT", "help": "Port to listen on."})
    workers: int = field(
        default=2, metadata={"env": "KG_WORKERS", "help": "Query worker processes (each opens the store read-only)."}
    )
    query_timeout_s: float = field(
        default=10.0, metadata={"env": "KG_QUERY_TIMEOUT", "help": "Wall-clock limit of one SPARQL query, in seconds."}
    )
    max_rows: int = field(
        default=10_000,
        metadata={
            "env": "KG_MAX_ROWS",
            "help": "Most result rows (or triples) returned; more are cut and marked truncated "
            "(header `X-KG-Truncated: true`; in JSON results also `\"kg:truncated\": true`).",
        },
    )
    queue_timeout_s: float = field(
        default=5.0,
        metadata={"env": "KG_QUEUE_TIMEOUT", "help": "Longest wait for a free query worker before answering 503, in seconds."},
    )
    threads: int = field(
        default=8, metadata={"env": "KG_THREADS", "help": "Request threads of the HTTP server (queries wait on workers, pages do not)."}
    )
    max_query_bytes: int = field(
        default=20_000, metadata={"env": "KG_MAX_QUERY_BYTES", "help": "Longest accepted query text, in bytes."}
    )
    max_request_bytes: int = field(
        default=100_000, metadata={"env": "KG_MAX_REQUEST_BYTES", "help": "Largest accepted request body, in bytes."}
    )
    page_size: int = field(
        default=50, metadata={"env": "KG_PAGE_SIZE", "help": "Rows per page of inverse links on resource pages."}
    )
    cache_max_age_s: int = field(
        default=300, metadata={"env": "KG_CACHE_MAX_AGE", "help": "max-age of Cache-Control on published data, in seconds."}
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "ServerConfig":
        """Defaults, overlaid by the environment, overlaid by explicit (non-None) overrides."""
        env = os.environ if environ is None else environ
        config = cls()
        values: dict = {}
        for f in fields(cls):
            name = f.metadata.get("env")
            if name and env.get(name):
                values[f.name] = env[name]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return config.with_values(values)

    def with_values(self, values: dict) -> "ServerConfig":
        """A copy with some settings changed, each converted to its field's type (ValueError if it cannot be)."""
        converted = {}
        by_name = {f.name: f for f in fields(self)}
        for name, value in values.items():
            if name not in by_name:
                raise ValueError(f"unknown setting: {name}")
            kind = type(getattr(self, name))
            try:
                converted[name] = value if isinstance(value, kind) else kind(value)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"setting {name}: cannot read {value!r} as {kind.__name__}") from exc
        return replace(self, **converted)


def settings_table() -> list[tuple[str, str, object, str]]:
    """(field, environment variable, default, help) for every setting: the README documents these."""
    defaults = ServerConfig()
    return [
        (f.name, f.metadata.get("env", ""), getattr(defaults, f.name), f.metadata.get("help", ""))
        for f in fields(ServerConfig)
    ]


def settings_markdown() -> str:
    """The README's table of settings (paste it under "## Server settings" when a setting changes)."""
    rows = ["| Setting | Environment variable | Default | Meaning |", "|---|---|---|---|"]
    for name, env, default, help_text in settings_table():
        shown = "./publication" if name == "output_dir" else default
        rows.append(f"| `{name}` | `{env}` | `{shown}` | {help_text} |")
    return "\n".join(rows) + "\n"
