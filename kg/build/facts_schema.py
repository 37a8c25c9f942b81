"""The facts file's schema (kg/build/facts.schema.json, JSON Schema 2020-12), applied before the build's own checks.

Every object of the file is closed (`additionalProperties: false`), so a misspelt or unknown field
is an error naming the field, its place (section and entry id) and the fields allowed there. The
schema is package data, published by the server at /schemas/facts.schema.json; a facts.yaml names
it in its first line (`# yaml-language-server: $schema=...`) so that editors check and explain it.

The schema sees the file as YAML loads it, except that dates are written as text: an unquoted
`published: 2013-01-22` is loaded as a date and `date: 2012-12` as text, so every date and
datetime is turned into its ISO form (YYYY-MM-DD) before validating, as an editor sees it.
What the schema cannot say (that a reference resolves, a quote stands at its position, a code is
in its code list) is left to kg.build.facts and kg.build.graph.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
from importlib import resources

import jsonschema

SCHEMA_FILE = "facts.schema.json"
MEDIA_TYPE = "application/schema+json"
_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}
# as kg.build.facts says them, so that a build that also checks readings itself can drop the repeats
_NOT_A_READING = "a required field makes the entry: if it is not the report's, the entry is not"
_REPORT_READINGS = "the report's own fields describe the document and cannot be the curator's reading"


@functools.cache
def schema_bytes() -> bytes:
    """The schema file as shipped in the package (kg/build/facts.schema.json)."""
    return resources.files("kg.build").joinpath(SCHEMA_FILE).read_bytes()


@functools.cache
def schema() -> dict:
    """The schema, parsed."""
    return json.loads(schema_bytes())


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def as_loaded(value):
    """`value` (YAML as loaded) as the schema sees it: dates and datetimes as ISO text, keys as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): as_loaded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_loaded(item) for item in value]
    return value


def check_schema(data: dict, *, only_unknown: bool = False) -> list[str]:
    """Every way `data` (a facts.yaml as loaded) departs from the schema, each naming the field and its place.

    With `only_unknown`, only the unknown (or misspelt) sections and fields: for a build that checks
    the rest (required fields, types, ids, dates) itself, in its own words.
    """
    plain = as_loaded(data)
    errors = [e for e in _validator().iter_errors(plain) if not only_unknown or e.validator == "additionalProperties"]
    unknown = {tuple(e.absolute_path): _extras(e) for e in errors if e.validator == "additionalProperties"}
    problems: list[str] = []
    for error in errors:
        for problem in _messages(plain, error, unknown):
            if problem not in problems:  # one field, one problem
                problems.append(problem)
    return problems


def _extras(error: jsonschema.ValidationError) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [name for name in error.instance if name not in allowed]


def _messages(data, error: jsonschema.ValidationError, unknown: dict[tuple, list[str]]) -> list[str]:
    path, kind, schema_here, value = list(error.absolute_path), error.validator, error.schema, error.instance
    if kind == "additionalProperties":
        allowed = sorted(schema_here.get("properties", {}))
        out = []
        for name in _extras(error):
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
            hint = f", did you mean `{close[0]}`?" if close and close[0] not in value else ""
            if path[-1:] == ["readings"] and name in _fields_of(path[0]):  # a field of the entry, but not one a reading can be
                out.append(_at(data, [*path, name], f"`{name}` cannot be a reading ({_NOT_A_READING})"))
            elif path == ["report"] and name == "readings":
                out.append(f"report: `readings` is for the entries of the sections; {_REPORT_READINGS}")
            else:
                noun = "section" if not path else "field"
                out.append(_at(data, path, f"unknown {noun} `{name}`{hint} (allowed here: {', '.join(allowed)})"))
        return out
    if kind == "required":
        extras = unknown.get(tuple(path), [])
        missing = [name for name in error.validator_value if name not in value]
        return [
            _at(data, path, f"`{name}` is missing") for name in missing if not difflib.get_close_matches(name, extras, n=1, cutoff=0.75)
        ]  # said as "did you mean" above
    if kind in ("anyOf", "oneOf"):
        return [_at(data, path, schema_here.get("errorMessage") or f"does not match any of the forms allowed here: {error.message}")]
    if kind == "minProperties":
        return [_at(data, path[:-1], f"{_subject(path)} is empty")]
    where, subject = path[:-1], _subject(path)
    if len(path) == 2 and isinstance(path[1], int):  # an entry that is no mapping: "posts, entry 2 must be ..."
        where, subject = [], _place(data, path)
    expected = schema_here.get("title") or _type_words(schema_here.get("type"))
    if not path:
        expected = "a mapping of sections (report:, places:, ...)"
    if kind in ("type", "minimum"):
        detail = f"{subject} must be {expected}, not {_describe(value)}"
    elif kind == "pattern":
        detail = f"{subject} {_shown(value)}: {schema_here.get('patternErrorMessage') or 'must match ' + error.validator_value}"
    elif kind in ("minItems", "minLength"):
        detail = f"{subject} is empty" + (f" (give {expected})" if kind == "minItems" else "")
    elif kind == "enum":
        detail = f"{subject} must be one of {', '.join(map(str, error.validator_value))}, not {_describe(value)}"
    else:
        detail = f"{subject}: {error.message}"
    return [_at(data, where, detail)]


def _fields_of(section) -> dict:
    """The fields an entry of `section` may have, as the schema lists them."""
    return schema()["$defs"].get(str(section), {}).get("properties", {})


def _at(data, path: list, detail: str) -> str:
    place = _place(data, path)
    return f"{place}: {detail}" if place else detail


def _place(data, path: list) -> str:
    """Where `path` points in the file: `section `id``, then the fields and items inside the entry."""
    if not path:
        return ""
    head, rest = path[0], path[1:]
    if head == "report":
        place = "report"
    elif rest and isinstance(rest[0], int):
        entry = (data.get(head) or [None] * (rest[0] + 1))[rest[0]] if isinstance(data, dict) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        place = f"{head} `{ident}`" if isinstance(ident, str) and ident else f"{head}, entry {rest[0] + 1}"
        rest = rest[1:]
    else:
        place = f"section `{head}`"
    return ": ".join([place, *_inner(rest)])


def _inner(path: list) -> list[str]:
    """Fields inside an entry: names joined by dots, a list's items counted from 1 (`evidence` item 2)."""
    parts, names = [], []
    for step in path:
        if isinstance(step, int):
            parts.append(f"`{'.'.join(names)}` item {step + 1}" if names else f"item {step + 1}")
            names = []
        else:
            names.append(str(step))
    return parts + ([f"`{'.'.join(names)}`"] if names else [])


def _subject(path: list) -> str:
    """How a message names the value at `path` after naming its place."""
    if not path:
        return "the file"
    if len(path) == 1 and path[0] != "report":
        return f"section `{path[0]}`"
    return f"item {path[-1] + 1}" if isinstance(path[-1], int) else f"`{path[-1]}`"


def _type_words(types) -> str:
    names = types if isinstance(types, list) else [types]
    return " or ".join(_TYPES.get(name, str(name)) for name in names if name)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {_shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return f"a {type(value).__name__}"
