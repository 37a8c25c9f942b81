"""Small reports written on the fly: a facts dict and its text become the report's named graphs."""

from __future__ import annotations

from pathlib import Path

import yaml
from rdflib import Graph

from kg.build.facts import load_report
from kg.build.graph import ReportGraph, load_vocabulary
from kg.config import BuildConfig
from kg.iris import Minter
from kg.publication.dataset import load_dataset
from tests.conftest import BASE


def quote_in(text: str):
    """`at(words)`: the evidence item quoting `words` at their first position in `text`."""
    return lambda words: {"quote": words, "at": text.index(words)}


def report_graphs(folder: Path, facts: dict, text: str) -> list[Graph]:
    """Write `facts` and `text` as the report folder `folder/<report id>`, and build its graphs (claims, curation)."""
    folder = Path(folder) / facts["report"]["id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / facts["report"]["text"]).write_text(text, encoding="utf-8")
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = BuildConfig()
    curator = load_dataset(config.data_dir).publisher  # the project's own dataset.yaml
    return ReportGraph(load_report(folder), Minter(BASE), load_vocabulary(config.ontology_dir, BASE), curator).graphs()
