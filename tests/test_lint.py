"""The code passes `ruff check` and `ruff format --check` with the project's configuration ([tool.ruff] in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"  # installed with the test extra, next to the suite's Python


def test_ruff_finds_nothing_to_fix():
    assert RUFF.exists(), f"{RUFF} is missing: the test extra of pyproject.toml installs ruff"
    done = subprocess.run(
        [str(RUFF), "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_as_ruff_format_writes_it():
    assert RUFF.exists(), f"{RUFF} is missing: the test extra of pyproject.toml installs ruff"
    done = subprocess.run([str(RUFF), "format", "--no-cache", "--check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, "run `make format`:\n" + done.stdout + done.stderr
