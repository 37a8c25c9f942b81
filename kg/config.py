"""Settings of the build and of the server, declared as data in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE = "http://127.0.0.1:8080/"


def _check_base(base: str) -> str:
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {base!r}")
    return base


@dataclass(frozen=True)
class BuildConfig:
    """Where the build reads its inputs and writes the publication, and the IRI base it mints under."""

    base: str = DEFAULT_BASE
    data_dir: Path = PROJECT_ROOT / "data"
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    queries_dir: Path = PROJECT_ROOT / "queries"
    output_dir: Path = PROJECT_ROOT / "publication"
    workers: int = 0  # processes building reports in parallel; 0: one per CPU (a single report: none)
    reuse_reports: bool = True  # take unchanged reports from the output folder's cache (kg.report_cache)

    def __post_init__(self) -> None:
        _check_base(self.base)

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "BuildConfig":
        """Defaults, then KG_BASE / KG_OUTPUT / KG_DATA from the environment, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict = {}
        if env.get("KG_BASE"):
            values["base"] = env["KG_BASE"]
        if env.get("KG_OUTPUT"):
            values["output_dir"] = Path(env["KG_OUTPUT"])
        if env.get("KG_DATA"):
            values["data_dir"] = Path(env["KG_DATA"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        for f in fields(cls):
            if f.name in values and f.type in ("Path",) and not isinstance(values[f.name], Path):
                values[f.name] = Path(values[f.name])
        return cls(**values)
