"""Settings declared as data: each a dataclass field with its default, environment variable and help.

`Settings` reads them (defaults, then the environment, then explicit overrides, each converted to
its field's type); `BuildConfig` here holds the build's, `kg.web.settings.ServerConfig` the
server's. They are read once, by the CLI or an app factory, and passed in from there.

Paths: the data and output folders default to `./data` and `./publication` in the working directory;
the ontology, shapes and queries to the copies shipped with the package (kg.resources).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kg.resources import resource_dir

DEFAULT_BASE = "http://127.0.0.1:8080/"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def setting(default, help: str, env: str | None = None):  # noqa: A002 - the field's help text
    """A settings field: its default, its help text, and the environment variable that sets it (if any)."""
    metadata = {"help": help, **({"env": env} if env else {})}
    return field(default=default, metadata=metadata)


class Settings:
    """Reading for frozen dataclasses of settings declared with `setting`."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides):
        """Defaults, overlaid by the environment, overlaid by explicit (non-None) overrides."""
        env = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            name = f.metadata.get("env")
            if name and env.get(name):
                values[f.name] = env[name]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls().with_values(values)

    def with_values(self, values: dict):
        """A copy with some settings changed, each converted to its field's type (ValueError if it cannot be)."""
        converted = {}
        names = {f.name for f in fields(self)}
        for name, value in values.items():
            if name not in names:
                raise ValueError(f"unknown setting: {name}")
            converted[name] = _convert(name, value, type(getattr(self, name)))
        return replace(self, **converted)


def _convert(name: str, value, kind: type):
    if isinstance(value, kind):
        return value
    if kind is bool and isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"setting {name}: cannot read {value!r} as {kind.__name__}") from exc


def settings_table(cls) -> list[tuple[str, str, object, str]]:
    """(field, environment variable, default, help) for every setting of `cls`: the README documents these."""
    defaults = cls()
    return [(f.name, f.metadata.get("env", ""), getattr(defaults, f.name), f.metadata.get("help", "")) for f in fields(cls)]


def _check_base(base: str) -> str:
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {base!r}")
    return base


@dataclass(frozen=True)
class BuildConfig(Settings):
    """Where the build reads its inputs and writes the publication, and the IRI base it mints under."""

    base: str = setting(DEFAULT_BASE, "The IRI everything is minted under (http(s), ending in '/').", env="KG_BASE")
    data_dir: Path = setting(
        Path("data"), "Folder holding dataset.yaml (the dataset's description) and reports/<report>/{facts.yaml,article.txt}.", env="KG_DATA"
    )
    ontology_dir: Path = setting(resource_dir("ontology"), "Folder of the vocabulary (ontology and code lists).")
    shapes_dir: Path = setting(resource_dir("shapes"), "Folder of the SHACL shapes.")
    queries_dir: Path = setting(resource_dir("queries"), "Folder of the competency questions (*.rq).")
    output_dir: Path = setting(Path("publication"), "Folder the publication is written to.", env="KG_OUTPUT")
    workers: int = setting(0, "Processes building reports in parallel; 0: one per CPU (a single report: none).")
    reuse_reports: bool = setting(True, "Take unchanged reports from the output folder's cache (kg.build.report_cache).")

    def __post_init__(self) -> None:
        _check_base(self.base)

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"
