"""The benchmark's rebuild figure: one generated report changed, `kg build` again reuses the others."""

from __future__ import annotations

import sys
from pathlib import Path

from bench import results, run
from bench.results import Scale
from kg.synthetic import generate

KG = str(Path(sys.executable).parent / "kg")


def options(tmp_path: Path) -> run.Options:
    return run.Options(
        mode="quick",
        scales=[],
        data=None,
        duration=1,
        warmup=0,
        timeout=5,
        length=1,
        connections=1,
        threads=1,
        servers=["kg"],
        kinds=["lookup"],
        out=tmp_path / "out",
        workdir=tmp_path / "work",
        keep=False,
        seed=0,
        tools={"kg": KG},
    )


def test_the_rebuild_after_one_changed_report_reuses_every_other_report(tmp_path):
    generate(tmp_path / "data", 4500, seed=2)
    reports = len(list((tmp_path / "data" / "reports").iterdir()))
    output, logs = tmp_path / "publication", tmp_path / "logs"
    first = run.run_measured([KG, "build", "--no-cache", "--data", str(tmp_path / "data"), "--output", str(output)], logs / "build.log")
    assert first["returncode"] == 0
    seconds = run.rebuild_after_one_change(options(tmp_path), tmp_path / "data", output, logs)
    assert seconds > 0
    assert f"({reports - 1} unchanged report(s) reused)" in (logs / "rebuild.log").read_text(encoding="utf-8")


def test_the_scale_summary_shows_the_rebuild():
    scale = Scale("1M", 1_000_000, triples=939_237, build_s=480.0, rebuild_one_s=95.5)
    assert "rebuild after one report changed 95.50 s" in results.scale_summary(scale)[1]
