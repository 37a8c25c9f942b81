"""The `kg` command: each subcommand's output and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from tests.conftest import BASE


def test_the_console_script_is_installed_and_answers_help():
    script = Path(sys.executable).parent / "kg"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("build", "validate", "query", "stats", "evidence", "serve"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["build", "validate", "query", "stats", "evidence", "serve"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: kg " + command in capsys.readouterr().out


def test_no_subcommand_prints_usage_and_exits_2(capsys):
    assert main([]) == EXIT_USAGE


def test_build_if_needed_does_nothing_when_up_to_date(publication_dir, capsys):
    assert main(["build", "--if-needed", "--output", str(publication_dir), "--base", BASE]) == EXIT_OK
    assert "up to date" in capsys.readouterr().out


def test_validate_reports_conformance(capsys):
    assert main(["validate", "--base", BASE]) == EXIT_OK
    assert capsys.readouterr().out.startswith("conforms:")


def test_query_prints_a_table(publication_dir, capsys):
    query = "SELECT ?v WHERE { <id/observation/binh-phuoc-2012-ict/computers-total> <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v }"
    assert main(["query", "--output", str(publication_dir), query]) == EXIT_OK
    out = capsys.readouterr().out
    assert "3339" in out and "(1 row)" in out


def test_query_prints_json(publication_dir, capsys):
    query = "SELECT ?name WHERE { <id/person/nguyen-minh-hong> <http://xmlns.com/foaf/0.1/name> ?name }"
    assert main(["query", "--format", "json", "--output", str(publication_dir), query]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == [{"name": "Nguyễn Minh Hồng"}]


def test_query_prints_csv_with_a_header(publication_dir, capsys):
    query = "SELECT ?v WHERE { <id/observation/binh-phuoc-2012-ict/web-portals> <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v }"
    assert main(["query", "--format", "csv", "--output", str(publication_dir), query]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == ["v", "32"]


def test_a_bad_query_exits_2_with_the_parser_message(publication_dir, capsys):
    assert main(["query", "--output", str(publication_dir), "SELECT WHERE {"]) == EXIT_USAGE
    assert "bad query" in capsys.readouterr().err


def test_query_without_a_publication_says_to_build_first(tmp_path, capsys):
    assert main(["query", "--output", str(tmp_path), "ASK {}"]) == EXIT_DATA
    assert "kg build" in capsys.readouterr().err


def test_stats_lists_triples_graphs_and_classes(publication_dir, built, capsys):
    assert main(["stats", "--output", str(publication_dir)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"; {built.triples} of data, as in the dumps" in out
    assert "http://purl.org/linked-data/cube#Observation" in out


def test_stats_counts_the_triples_and_graphs_the_endpoint_serves(publication_dir, built, store, capsys):
    served = next(
        iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", use_default_graph_as_union=True))
    )["n"].value
    graphs = [g.value for g in store.named_graphs()]
    assert main(["stats", "--output", str(publication_dir)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"triples   {served} served by the endpoint; {built.triples} of data, as in the dumps" in out
    assert sorted(line.split()[1] for line in out.splitlines() if line.startswith("graph ")) == sorted(graphs)
    assert f"graph     {BASE}graph/description " in out and out.count("(the dataset description, void.ttl)") == 1


def test_evidence_prints_every_position_of_some_words(capsys):
    assert main(["evidence", "Nguyễn Minh Hồng"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["at: 247", "at: 586"]


def test_evidence_of_absent_words_exits_1(capsys):
    assert main(["evidence", "không có trong bài"]) == EXIT_DATA
