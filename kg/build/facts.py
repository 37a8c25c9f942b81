"""Read a report's curated facts (facts.yaml + its source text) and check them before any RDF is made.

Every problem names its entry (section and id), so a civil servant editing the YAML can find it.
Checks: required fields, both languages on every label, unique ids, references resolve, codes are
codes, quotes stand at their positions, and each curator's reading (`readings`) has a reason in
both languages and the quotes it reads from.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.build.facts_schema import check_schema
from kg.build.quotes import check_evidence as _check_evidence
from kg.build.quotes import find_quote  # noqa: F401 - part of this module's interface (kg evidence)
from kg.iris import SLUG_PATTERN

FACTS_FILE = "facts.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader when built in: ten times faster
LANGUAGES = ("vi", "en")

#: section -> fields that must be present (besides id and evidence).
REQUIRED: dict[str, tuple[str, ...]] = {
    "places": ("kind", "label"),
    "organisations": ("kind", "label"),
    "people": ("name",),
    "posts": ("label", "role", "in"),
    "groups": ("label",),
    "events": ("label", "date", "participants"),
    "documents": ("label", "kind"),
    "systems": ("label", "kind"),
    "initiatives": ("label", "kind"),
    "figures": ("indicator", "value", "unit", "level", "area", "period"),
    "checks": (),
    "difficulties": ("kind", "text"),
    "recommendations": ("text", "made_by", "addressed_to"),
    "assessments": ("text", "about"),
    "quality_notes": ("dimension", "about", "text"),
}
SECTIONS = tuple(REQUIRED)
#: sections whose entries need no evidence of their own (they are computed or are about the data).
WITHOUT_EVIDENCE = {"checks", "quality_notes"}
#: fields holding the id (or ids) of another entry.
REFERENCES = tuple(
    "part_of linked_to jurisdiction located_in in held_by participants place presented_by presented_at about operator sites by instructors "
    "area population system total parts whole part made_by addressed_to responds_to publisher affiliation according_to event".split()
)
#: reference fields whose target must be an entry of one section.
REFERENCE_SECTIONS = {"according_to": "documents", "event": "events", "presented_at": "events", "presented_by": "posts"}
#: sections whose entries are statements of the report (not things it names), credited to its `according_to` document.
FINDINGS = ("figures", "difficulties", "recommendations", "assessments")
#: fields holding a {vi, en} text.
BILINGUAL = ("label", "alt_label", "text", "note", "honorific", "title", "aspect")
READINGS, NOT_READINGS = "readings", ("id", "evidence", "readings")  # the field marking curator's readings; never one
PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


class FactsError(ValueError):
    """The facts of a report are not usable; the message lists every problem found."""

    def __init__(self, source: Path, problems: list[str]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s):\n{lines}")

    def __reduce__(self):
        # raised in a worker process of the build, it must cross back to the parent whole
        return (FactsError, (self.source, self.problems))


@dataclass(frozen=True)
class Evidence:
    """A quote from the source text and where it stands (code points of the NFC text)."""

    quote: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


@dataclass
class Report:
    """One report: its metadata, its source text and its entries by section."""

    id: str
    folder: Path
    text: str
    meta: dict
    sections: dict[str, list[dict]] = field(default_factory=dict)

    def entries(self):
        """(section, entry) for every entry, in file order."""
        for section in SECTIONS:
            for entry in self.sections.get(section, []):
                yield section, entry

    def by_id(self) -> dict[str, tuple[str, dict]]:
        return {entry["id"]: (section, entry) for section, entry in self.entries()}


def evidence_of(entry: dict) -> list[Evidence]:
    return [Evidence(e["quote"], e["at"]) for e in entry.get("evidence") or []]


def load_report(folder: Path) -> Report:
    """Load and check one report folder (facts.yaml + the text it names); FactsError lists every problem."""
    folder = Path(folder)
    source = folder / FACTS_FILE
    try:
        data = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError as exc:
        raise FactsError(source, ["file not found"]) from exc
    except yaml.YAMLError as exc:
        raise FactsError(source, [f"not valid YAML: {exc}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("report"), dict):
        raise FactsError(source, ["the file must start with a `report:` section"])
    problems = check_schema(data, only_unknown=True)  # a misspelt field or section: kg/build/facts.schema.json
    meta = data["report"]
    text = _read_text(folder, meta, problems)
    report = Report(id=str(meta.get("id", "")), folder=folder, text=text, meta=meta)
    for section in SECTIONS:
        entries = data.get(section) or []
        if not isinstance(entries, list):
            problems.append(f"section `{section}` must be a list of entries")
            continue
        report.sections[section] = entries
    problems += _check_report_meta(meta, text)
    problems += _check_entries(report)
    if problems:
        raise FactsError(source, list(dict.fromkeys(problems)))
    return report


def _read_text(folder: Path, meta: dict, problems: list[str]) -> str:
    name = meta.get("text")
    if not name:
        problems.append("report: `text` (the source text file) is missing")
        return ""
    path = folder / name
    try:
        raw = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        problems.append(f"report: cannot read source text {path.name}: {exc}")
        return ""
    if unicodedata.normalize("NFC", raw) != raw:
        problems.append(f"report: {path.name} is not NFC-normalised (normalise it once and commit it)")
    return raw


def _check_report_meta(meta: dict, text: str) -> list[str]:
    problems = []
    for name in ("id", "title", "published", "language", "publisher", "area", "period", "evidence"):
        if meta.get(name) in (None, "", []):
            problems.append(f"report: `{name}` is missing")
    if meta.get("id") and not SLUG_PATTERN.match(str(meta["id"])):
        problems.append(f"report: id {meta['id']!r} is not lower-case ASCII words joined by '-'")
    if meta.get("published") and not isinstance(meta["published"], dt.date):
        problems.append("report: `published` must be a date written YYYY-MM-DD")
    if meta.get("period") and not PERIOD.match(str(meta["period"])):
        problems.append("report: `period` must be written YYYY-MM")
    problems += _check_bilingual("report", meta, skip=("text",))
    problems += _check_evidence("report", meta, text)
    if READINGS in meta:  # the build reads `readings` of entries only: here it would be silently ignored
        problems.append(
            f"report: `{READINGS}` is for the entries of the sections; the report's own fields describe the document and cannot be the curator's reading"
        )
    return problems


def _check_entries(report: Report) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for section, entry in report.entries():
        if not isinstance(entry, dict):
            problems.append(f"{section}: an entry is not a mapping of fields: {entry!r}")
            continue
        ident = entry.get("id")
        where = f"{section} `{ident}`"
        if not ident or not SLUG_PATTERN.match(str(ident)):
            problems.append(f"{section}: id {ident!r} is not lower-case ASCII words joined by '-'")
            continue
        if ident in seen:
            problems.append(f"{where}: id already used in {seen[ident]}")
        seen[ident] = section
        for name in REQUIRED[section]:
            if entry.get(name) in (None, "", []):
                problems.append(f"{where}: `{name}` is missing")
        problems += _check_bilingual(where, entry)
        problems += _check_readings(where, section, entry, report.text)
        if section not in WITHOUT_EVIDENCE or "evidence" in entry:
            problems += _check_evidence(where, entry, report.text)
        value = entry.get("value")
        if section == "figures" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.append(f"{where}: `value` must be a number, written without thousands separators")
        if section == "figures" and entry.get("period") and not PERIOD.match(str(entry["period"])):
            problems.append(f"{where}: `period` must be written YYYY-MM")
        for name in ("date", "held_during"):
            if entry.get(name) and not DATE.match(str(entry[name])):
                problems.append(f"{where}: `{name}` must be written YYYY-MM or YYYY-MM-DD")
        if section == "checks" and not (("total" in entry and "parts" in entry) or ("whole" in entry and "part" in entry)):
            problems.append(f"{where}: a check needs either `total` and `parts`, or `whole` and `part`")
    for section, entry in report.entries():
        if isinstance(entry, dict):
            problems += _check_references(f"{section} `{entry.get('id')}`", entry, REFERENCES, seen)
    return problems + _check_references("report", report.meta, ("publisher", "area", "according_to"), seen)


def _check_references(where: str, entry: dict, names: tuple[str, ...], sections: dict[str, str]) -> list[str]:
    problems = []
    for name in names:
        for ref in _as_list(entry.get(name)):
            if not isinstance(ref, str) or ref not in sections:
                problems.append(f"{where}: `{name}` refers to {ref!r}, which is no entry's id")
            elif name in REFERENCE_SECTIONS and sections[ref] != REFERENCE_SECTIONS[name]:
                problems.append(f"{where}: `{name}` refers to {ref!r}, an entry of {sections[ref]}, not of {REFERENCE_SECTIONS[name]}")
    return problems


def _check_bilingual(where: str, entry: dict, skip: tuple[str, ...] = (), names: tuple[str, ...] = BILINGUAL) -> list[str]:
    problems = []
    for name in names:
        if name not in entry or name in skip:
            continue
        value = entry[name]
        if not isinstance(value, dict):
            problems.append(f"{where}: `{name}` must give both languages, as {{vi: ..., en: ...}}")
            continue
        for lang in LANGUAGES:
            if not str(value.get(lang) or "").strip():
                problems.append(f"{where}: `{name}` has no {lang} text")
    return problems


def readings_of(entry: dict) -> dict[str, dict]:
    """The fields of `entry` marked as the curator's readings: field -> {reason: {vi, en}, evidence: [...]}."""
    return entry.get(READINGS) or {}


def _check_readings(where: str, section: str, entry: dict, text: str) -> list[str]:
    readings, problems = entry.get(READINGS), []
    if readings is not None and (not isinstance(readings, dict) or not readings):
        return [f"{where}: `{READINGS}` must map each field that is the curator's reading to {{reason, evidence}}"]
    for name, reading in (readings or {}).items():
        at = f"{where}: `{READINGS}.{name}`"
        if name in NOT_READINGS or name in REQUIRED[section]:
            problems.append(f"{at}: `{name}` cannot be a reading (a required field makes the entry: if it is not the report's, the entry is not)")
        elif entry.get(name) in (None, "", []):
            problems.append(f"{at}: the entry has no `{name}` to be a reading")
        elif not isinstance(reading, dict):
            problems.append(f"{at}: must be {{reason: {{vi, en}}, evidence: [{{quote, at}}]}}")
        elif reading.get("reason") in (None, "", {}):
            problems.append(f"{at}: no `reason` (say, in both languages, why this is the curator's reading and not what the report says)")
        else:
            problems += _check_bilingual(at, reading, names=("reason",)) + _check_evidence(at, reading, text)
    return problems


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def discover_reports(reports_dir: Path) -> list[Path]:
    """Every report folder (one holding a facts.yaml) under `reports_dir`, sorted by name."""
    return sorted(p.parent for p in Path(reports_dir).glob(f"*/{FACTS_FILE}"))
