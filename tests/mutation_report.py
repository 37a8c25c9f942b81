"""The report of `make mutation`: mutmut's results as a score per module, every survivor listed.

Reads `mutmut results --all true` (run in the project folder after `mutmut run`), counts each
module's mutants by outcome, and scores them: killed (a timeout counts as killed) over all
mutants but those `tests/mutation_equivalents.toml` explains as equivalent (a change no test can
see, because behaviour does not change). A survivor that is neither killed nor explained is
printed, with the command that shows its diff. Writes test-artifacts/mutation/score.json too.
Exit status 1 when a module scores under TARGET.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.toml")
TARGET = 0.85
KILLED = {"killed", "timeout", "segfault"}
NOT_RUN = "not checked"  # mutmut made the mutant but this run did not test it: neither killed nor survived


def mutant_module(name: str) -> str:
    """kg.stores.guard.x_check__mutmut_3 -> kg.stores.guard (the function's name starts with x_ or xǁ)."""
    parts = name.split(".")
    while parts and not parts[-1].startswith(("x_", "xǁ")):
        parts.pop()
    return ".".join(parts[:-1])


def read_results(text: str) -> dict[str, str]:
    """mutant name -> status, from mutmut's listing."""
    found = {}
    for line in text.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name and "__mutmut_" in name:
            found[name] = status.strip()
    return found


def score(results: dict[str, str], equivalents: dict[str, str]) -> dict[str, dict]:
    """Per module: counts by status, equivalents, score, and the survivors not explained."""
    by_module: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, status in sorted(results.items()):
        module = mutant_module(name)
        if name in equivalents:
            by_module[module]["equivalent"] += 1
            continue
        by_module[module]["killed" if status in KILLED else status] += 1
        if status not in KILLED and status != NOT_RUN:
            survivors[module].append(f"{name}: {status}")
    table = {}
    for module, counts in sorted(by_module.items()):
        counted = sum(n for status, n in counts.items() if status not in ("equivalent", NOT_RUN))
        table[module] = {
            "mutants": sum(counts.values()),
            **dict(counts),
            "score": round(counts["killed"] / counted, 4) if counted else None,
            "survivors": survivors[module],
        }
    return table


def main() -> int:
    listing = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    equivalents = {e["name"]: e["why"] for e in tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("equivalent", [])}
    results = read_results(listing)
    stale = sorted(set(equivalents) - set(results))
    table = score(results, equivalents)
    print(f"{'module':32} {'mutants':>8} {'killed':>7} {'equiv.':>7} {'not run':>8} {'other':>6} {'score':>7}")
    for module, row in table.items():
        killed, equivalent, not_run = row.get("killed", 0), row.get("equivalent", 0), row.get(NOT_RUN, 0)
        other = row["mutants"] - killed - equivalent - not_run
        print(
            f"{module:32} {row['mutants']:>8} {killed:>7} {equivalent:>7} {not_run:>8} {other:>6} {'n/a' if row['score'] is None else format(row['score'], '.1%'):>7}"
        )
    for row in table.values():
        for survivor in row["survivors"]:
            print(f"survived: {survivor}   (mutmut show {survivor.split(':')[0]})")
    for name in stale:
        print(f"stale: {name} is listed as equivalent but mutmut made no such mutant (renumbered? check the list)")
    out = ROOT / "test-artifacts" / "mutation"
    out.mkdir(parents=True, exist_ok=True)
    (out / "score.json").write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    complete = not any(row.get(NOT_RUN) for row in table.values())
    return 0 if complete and all((row["score"] or 0) >= TARGET for row in table.values()) and not stale else 1


if __name__ == "__main__":
    sys.exit(main())
