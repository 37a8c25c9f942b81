"""Realistic synthetic reports in the source format of data/reports/, so the real pipeline runs at any scale.

`generate(out, triples, seed)` writes `out/dataset.yaml` (kg.synthetic.dataset) and
`out/reports/<report-id>/article.txt` and `facts.yaml` for as many province-years as give about
`triples` triples once built: the 63 provinces of 2012 for the
year 2012, then 2011, 2010, ... (Bình Phước 2012 is left out: the real report covers it). The same
seed gives the same files. `kg generate` runs it; the output is never committed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.synthetic.dataset import write_dataset_yaml
from kg.synthetic.places import all_provinces
from kg.synthetic.report import make_report

#: triples one generated report adds, measured on built reports (shared entities counted once)
TRIPLES_PER_REPORT = 1565
#: triples of the vocabulary graph, which every build has
VOCABULARY_TRIPLES = 1300
FIRST_YEAR, LAST_YEAR = 2000, 2012
SKIPPED = {("binh-phuoc", 2012)}  # the real report's province and year


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """YAML as a person writes it: a quote used twice is written twice, not as an anchor and alias."""

    def ignore_aliases(self, data) -> bool:
        return True


@dataclass(frozen=True)
class Generated:
    """What `generate` wrote: the report ids, in order, and the triples they should build to."""

    reports: tuple[str, ...]
    expected_triples: int


def slots(count: int) -> list[tuple]:
    """The first `count` (province, year) pairs: every province in 2012, then in 2011, and so on."""
    provinces = all_provinces()
    pairs = [(p, year) for year in range(LAST_YEAR, FIRST_YEAR - 1, -1) for p in provinces if (p.slug, year) not in SKIPPED]
    if count > len(pairs):
        raise ValueError(f"{count} reports asked for, but only {len(pairs)} province-years ({FIRST_YEAR}-{LAST_YEAR}) exist")
    return pairs[:count]


def report_count(triples: int) -> int:
    """How many reports give about `triples` triples (at least one)."""
    return max(1, round((triples - VOCABULARY_TRIPLES) / TRIPLES_PER_REPORT))


def generate(out: Path, triples: int, seed: int = 0) -> Generated:
    """Write about `triples` triples' worth of reports under `out/reports/`; the same seed gives the same files."""
    reports_dir = Path(out) / "reports"
    written = []
    chosen = slots(report_count(triples))
    reports_dir.mkdir(parents=True, exist_ok=True)
    write_dataset_yaml(out, [year for _, year in chosen], seed)
    for province, year in chosen:
        rng = random.Random(f"{seed}/{province.slug}/{year}")
        report_id, text, facts = make_report(province, year, rng)
        folder = reports_dir / report_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "article.txt").write_text(text, encoding="utf-8")
        header = f"# Synthetic report (kg generate, seed {seed}): realistic in form, invented in content.\n"
        body = yaml.dump(facts, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
        (folder / "facts.yaml").write_text(header + body, encoding="utf-8")
        written.append(report_id)
    return Generated(tuple(written), VOCABULARY_TRIPLES + TRIPLES_PER_REPORT * len(written))
