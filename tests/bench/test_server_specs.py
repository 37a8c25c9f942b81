"""How the benchmark starts our server: shipped settings, but for the per-client budget and cap."""

from __future__ import annotations

from bench import run


def test_our_server_runs_with_shipped_settings_but_no_per_client_limit_one_client_reaches(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_WORKERS", "7")  # a setting of the caller's shell must not leak into the benchmark
    spec = run.server_spec("kg", tmp_path, 8123, 10_000)
    settings = {k: v for k, v in spec["env"].items() if k.startswith("KG_")}
    assert settings == {"KG_CLIENT_BUDGET": run.KG_BENCH_BUDGET_S, "KG_CLIENT_CONCURRENCY": "0"}  # wrk is one client
    assert float(run.KG_BENCH_BUDGET_S) >= 1e6
    assert spec["command"][1:3] == ["serve", "--output"]
