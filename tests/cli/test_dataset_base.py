"""The base IRI of `kg build`: --base, else KG_BASE, else the one dataset.yaml declares, else the default."""

from __future__ import annotations

import argparse

import yaml

from kg.cli.commands import _build_config
from kg.config import DEFAULT_BASE, BuildConfig

DECLARED = "https://data.example.vn/kg/"


def data_folder(tmp_path, base: str | None):
    described = yaml.safe_load((BuildConfig().data_dir / "dataset.yaml").read_text(encoding="utf-8"))
    if base:
        described["base"] = base
    (tmp_path / "dataset.yaml").write_text(yaml.safe_dump(described, allow_unicode=True), encoding="utf-8")
    return tmp_path


def args(data, base=None):
    return argparse.Namespace(output=None, data=data, base=base)


def test_the_base_dataset_yaml_declares_is_used_when_neither_flag_nor_environment_says_one(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_BASE", raising=False)
    assert _build_config(args(data_folder(tmp_path, DECLARED))).base == DECLARED


def test_the_flag_and_the_environment_win_over_dataset_yaml(tmp_path, monkeypatch):
    data = data_folder(tmp_path, DECLARED)
    assert _build_config(args(data, base="https://other.example.org/")).base == "https://other.example.org/"
    monkeypatch.setenv("KG_BASE", "https://env.example.org/")
    assert _build_config(args(data)).base == "https://env.example.org/"


def test_without_a_declared_base_the_default_stays(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_BASE", raising=False)
    assert _build_config(args(data_folder(tmp_path, None))).base == DEFAULT_BASE
