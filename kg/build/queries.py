"""The competency questions: SPARQL files with a bilingual title and description in their header.

A query file starts with comment lines of the form ``# title@vi: ...``, ``# title@en: ...``,
``# description@vi: ...``, ``# description@en: ...``; the rest is the query. Relative IRIs in a
query resolve against the publication's base IRI (run it with that base).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

_HEADER = re.compile(r"^#\s*(title|description)@(vi|en)\s*:\s*(.+?)\s*$")


class QueryFileError(ValueError):
    """A query file lacks its title or description in one language."""


@dataclass(frozen=True)
class CompetencyQuestion:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    query: str


def load_question(path: Path) -> CompetencyQuestion:
    """Read one .rq file; QueryFileError names what is missing."""
    text = Path(path).read_text(encoding="utf-8")
    fields: dict[str, dict[str, str]] = {"title": {}, "description": {}}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)][match.group(2)] = match.group(3)
    missing = [f"{k}@{lang}" for k in fields for lang in ("vi", "en") if lang not in fields[k]]
    if missing:
        raise QueryFileError(f"{path}: missing header line(s): {', '.join(missing)}")
    return CompetencyQuestion(Path(path).stem, fields["title"], fields["description"], text)


def load_questions(queries_dir: Path) -> list[CompetencyQuestion]:
    """Every competency question of a folder, ordered by file name."""
    return [load_question(p) for p in sorted(Path(queries_dir).glob("*.rq"))]


def questions_json(questions: list[CompetencyQuestion]) -> bytes:
    """queries.json of the publication."""
    return (json.dumps([asdict(q) for q in questions], ensure_ascii=False, indent=2) + "\n").encode("utf-8")
