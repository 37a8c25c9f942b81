"""deploy/systemd/kg.service agrees with the server: its stop timeout outlasts the server's graceful stop,
its settings are real KG_* settings, and systemd (where installed) accepts it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.web.server import granian_options
from kg.web.settings import ServerConfig
from tests.hardening.conftest import ENV_NAMES

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "kg.service"


def directives() -> dict[str, list[str]]:
    """Every `Key=value` of the unit, by key (a key may be given several times)."""
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+)(s|min)?", value)
    assert match, f"unexpected time span {value!r}"
    return int(match.group(1)) * (60 if match.group(2) == "min" else 1)


def test_systemd_waits_longer_than_the_servers_graceful_stop_before_it_kills():
    unit = directives()
    kill_timeout = granian_options(ServerConfig())["workers_kill_timeout"]  # query + queue limits + 5 s
    assert seconds(unit["TimeoutStopSec"][-1]) >= kill_timeout + 5
    assert unit["KillSignal"] == ["SIGTERM"]  # granian's graceful stop
    assert unit["KillMode"] == ["mixed"]  # to the main process only; systemd's SIGKILL reaches the rest


def test_the_unit_reads_its_settings_from_an_environment_file_and_restarts_on_failure():
    unit = directives()
    assert unit["EnvironmentFile"] and unit["ExecStart"][0].split()[-1] == "serve"
    assert unit["Restart"] == ["on-failure"]
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "PrivateTmp": "yes"}.items():
        assert unit[key] == [value]


def test_the_settings_the_unit_names_are_real_settings():
    named = set(re.findall(r"\b(KG_[A-Z_]+|PORT)=", UNIT.read_text(encoding="utf-8")))
    assert named and named <= set(ENV_NAMES.values()), named - set(ENV_NAMES.values())


def test_systemd_accepts_the_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    text = UNIT.read_text(encoding="utf-8")
    command = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    # an ExecStart that exists here: systemd-analyze checks that the program is executable
    (tmp_path / "kg.service").write_text(text.replace(command, f"ExecStart={sys.executable} -m kg.cli serve"), encoding="utf-8")
    checked = subprocess.run([analyze, "verify", str(tmp_path / "kg.service")], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr
