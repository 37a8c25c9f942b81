"""The dataset as its team describes it: `dataset.yaml` at the top of the data folder, checked against a schema.

Title and description (vi, en), the publishing organisation and its contact point, the licence of
what the team made and the rights of the sources, themes and keywords, spatial and temporal
coverage, the dates of first publication and of the last change, and optionally the base IRI. The
VoID/DCAT description (kg.publication.void, kg.publication.catalog), the home page and the citation
come from it. The file is checked against `dataset.schema.json` (JSON Schema 2020-12) before
anything is built: a missing file, an unknown field or a missing one is a DatasetError naming the
file and each field, and nothing is published.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import yaml

FILENAME = "dataset.yaml"
SCHEMA_PATH = Path(__file__).with_name("dataset.schema.json")
LANGS = ("vi", "en")


class DatasetError(ValueError):
    """dataset.yaml is missing or does not fit the schema: every problem, each naming its field."""

    def __init__(self, source: Path, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems) if len(problems) == 1 else f"{source}:\n" + "\n".join(f"  - {p}" for p in problems))

    def __reduce__(self):
        return (DatasetError, (self.source, self.problems))


@dataclass(frozen=True)
class Contact:
    """The publisher's contact point (dcat:contactPoint): a vcard:Organization with an e-mail address."""

    name: dict[str, str]
    email: str
    url: str | None = None


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the dataset (and curates its readings): <base>id/agent/<id>."""

    id: str
    name: dict[str, str]
    contact: Contact
    homepage: str | None = None


@dataclass(frozen=True)
class Theme:
    """A SKOS concept the dataset is about (dcat:theme), in its concept scheme."""

    iri: str
    scheme: str
    label: dict[str, str]


@dataclass(frozen=True)
class DatasetDescription:
    """dataset.yaml, checked: what the description, the home page and the citation say of the dataset."""

    title: dict[str, str]
    description: dict[str, str]
    publisher: Publisher
    licence: str  # the IRI of the licence of what the team made
    licence_label: str
    rights_label: dict[str, str]
    rights_comment: dict[str, str]
    sources_rights: dict[str, str]
    themes: tuple[Theme, ...]
    keywords: dict[str, tuple[str, ...]]
    spatial: tuple[str, ...]  # place ids of the facts, or absolute IRIs
    start: dt.date
    end: dt.date
    issued: dt.date
    modified: dt.date
    base: str | None = None


@cache
def schema() -> dict:
    """The JSON Schema of dataset.yaml (package data)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def dataset_file(data_dir: Path) -> Path:
    return Path(data_dir) / FILENAME


def load_dataset(data_dir: Path) -> DatasetDescription:
    """Read and check `<data_dir>/dataset.yaml`; DatasetError lists every problem, each naming its field."""
    source = dataset_file(data_dir)
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        fields = ", ".join(schema()["required"])
        raise DatasetError(
            source, [f"file not found: every data folder describes its dataset in {FILENAME} (fields: {fields}; see README, 'The publication')"]
        ) from exc
    except yaml.YAMLError as exc:
        raise DatasetError(source, [f"not valid YAML: {exc}"]) from exc
    data = _plain(raw)
    problems = schema_problems(data)
    if not problems:
        problems = _order_problems(data)
    if problems:
        raise DatasetError(source, problems)
    return _description(data)


def _lenient(data_dir: Path) -> dict:
    """dataset.yaml as it stands, or {} when it is missing or not a mapping (load_dataset says what is wrong)."""
    try:
        raw = yaml.safe_load(dataset_file(data_dir).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return _plain(raw) if isinstance(raw, dict) else {}


def declared_base(data_dir: Path) -> str | None:
    """The `base` dataset.yaml declares, if the file is there and says one."""
    base = _lenient(data_dir).get("base")
    return base if isinstance(base, str) and base else None


def publisher_text(data_dir: Path) -> str:
    """The publisher section as canonical JSON: what of dataset.yaml each report's graph depends on (its curator)."""
    return json.dumps(_lenient(data_dir).get("publisher"), sort_keys=True, ensure_ascii=False)


def schema_problems(data) -> list[str]:
    """What does not fit the schema, one line per problem, each starting with the field's path (`title.en`)."""
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        problems += _messages(error)
    return problems


def _messages(error: jsonschema.ValidationError) -> list[str]:
    where = ".".join(str(p) for p in error.absolute_path)

    def field(name) -> str:
        return f"{where}.{name}" if where else str(name)

    if error.validator == "required" and isinstance(error.instance, dict):
        return [f"{field(name)}: missing (required)" for name in error.validator_value if name not in error.instance]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(error.schema.get("properties", {}))
        return [f"{field(name)}: unknown field (known here: {', '.join(known)})" for name in error.instance if name not in known]
    return [f"{where or '(top)'}: {error.message}"]


def _order_problems(data: dict) -> list[str]:
    """What the schema cannot say: real dates, in order."""
    problems = []
    dates = {}
    for name, value in (
        ("issued", data["issued"]),
        ("modified", data["modified"]),
        ("temporal.start", data["temporal"]["start"]),
        ("temporal.end", data["temporal"]["end"]),
    ):
        try:
            dates[name] = dt.date.fromisoformat(value)
        except ValueError:
            problems.append(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
    if {"issued", "modified"} <= dates.keys() and dates["modified"] < dates["issued"]:
        problems.append(f"modified: {dates['modified']} is before issued ({dates['issued']})")
    if {"temporal.start", "temporal.end"} <= dates.keys() and dates["temporal.end"] < dates["temporal.start"]:
        problems.append(f"temporal.end: {dates['temporal.end']} is before temporal.start ({dates['temporal.start']})")
    return problems


def _plain(value):
    """YAML as JSON sees it: dates (which YAML reads as dates) as their ISO text, so the schema checks them."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _texts(value: dict) -> dict[str, str]:
    return {lang: str(value[lang]).strip() for lang in LANGS}


def _description(data: dict) -> DatasetDescription:
    publisher, contact = data["publisher"], data["publisher"]["contact"]
    return DatasetDescription(
        title=_texts(data["title"]),
        description=_texts(data["description"]),
        publisher=Publisher(
            id=publisher["id"],
            name=_texts(publisher["name"]),
            homepage=publisher.get("homepage"),
            contact=Contact(name=_texts(contact["name"]), email=contact["email"], url=contact.get("url")),
        ),
        licence=data["licence"]["iri"],
        licence_label=data["licence"]["label"],
        rights_label=_texts(data["rights"]["label"]),
        rights_comment=_texts(data["rights"]["comment"]),
        sources_rights=_texts(data["rights"]["sources"]),
        themes=tuple(Theme(t["iri"], t["scheme"], _texts(t["label"])) for t in data["themes"]),
        keywords={lang: tuple(str(w).strip() for w in data["keywords"][lang]) for lang in LANGS},
        spatial=tuple(data["spatial"]),
        start=dt.date.fromisoformat(data["temporal"]["start"]),
        end=dt.date.fromisoformat(data["temporal"]["end"]),
        issued=dt.date.fromisoformat(data["issued"]),
        modified=dt.date.fromisoformat(data["modified"]),
        base=data.get("base"),
    )


def check_periods(description: DatasetDescription, data_dir: Path, periods: list[str]) -> None:
    """Every report's period lies inside the declared temporal coverage; else DatasetError naming `temporal`."""
    outside = periods_outside(description, sorted(set(periods)))
    if outside:
        raise DatasetError(
            dataset_file(data_dir), [f"temporal: the reports' period(s) {', '.join(outside)} lie outside {description.start} to {description.end}"]
        )


def periods_outside(description: DatasetDescription, periods: list[str]) -> list[str]:
    """The report periods (YYYY-MM, or YYYY) that do not lie inside the declared temporal coverage."""
    outside = []
    for period in periods:
        first, last = _period_bounds(period)
        if first is None or first < description.start or last > description.end:
            outside.append(period)
    return outside


def _period_bounds(period: str) -> tuple[dt.date | None, dt.date | None]:
    parts = str(period).split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(parts[1])
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    except (ValueError, IndexError):
        return None, None
