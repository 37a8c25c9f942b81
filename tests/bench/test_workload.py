"""The benchmark's request lists (bench/workload.py): distinct queries, the right path per server, pages, words."""

from __future__ import annotations

import dataclasses
import urllib.parse

import pytest

from bench import workload
from bench.workload import DataSample

BASE = "http://127.0.0.1:8080/"
SAMPLE = DataSample(
    base=BASE,
    resources=(f"{BASE}id/place/binh-phuoc", f"{BASE}id/organisation/mic", f"{BASE}def/indicator/computers"),
    pages=("/id/place/binh-phuoc", "/id/organisation/mic"),
    words=("phước", "tỉnh"),
)


def query_of(line: str) -> str:
    method, path, accept = line.split("\t")
    return urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["query"][0]


@pytest.mark.parametrize("kind", workload.SPARQL_KINDS)
def test_every_sparql_request_of_a_list_is_a_different_query(kind):
    lines = workload.requests_for(kind, "kg", SAMPLE, length=50)
    assert len(lines) == 50
    assert len({query_of(line) for line in lines}) == 50
    assert all(line.startswith("GET\t/sparql?query=") and line.endswith("\tapplication/sparql-results+json") for line in lines)


def test_later_rounds_change_only_the_limit():
    queries = [query_of(line) for line in workload.requests_for("lookup", "kg", SAMPLE, length=7)]
    iri = SAMPLE.resources[0]
    assert queries[0] == f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 1000"
    assert queries[3] == f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 1001"
    assert queries[6].endswith("LIMIT 1002")


def test_each_server_gets_the_same_queries_on_its_own_path():
    by_server = {s: workload.requests_for("group-by", s, SAMPLE, length=5) for s in workload.SERVERS}
    assert by_server["oxigraph"][0].startswith("GET\t/query?query=")
    assert by_server["rdflib-endpoint"][0].startswith("GET\t/sparql?query=")
    assert by_server["flask-naive"] == by_server["kg"]  # the same requests, on the same path
    assert (
        [query_of(line) for line in by_server["kg"]]
        == [query_of(line) for line in by_server["oxigraph"]]
        == [query_of(line) for line in by_server["rdflib-endpoint"]]
    )


def test_queries_are_percent_encoded_whole():
    line = workload.requests_for("label-search", "kg", SAMPLE, length=1)[0]
    path = line.split("\t")[1]
    assert " " not in path and "{" not in path and "+" not in path and "ư" not in path
    assert 'CONTAINS(LCASE(STR(?label)), "phước")' in query_of(line)


def test_a_word_with_a_quote_stays_one_string_literal():
    assert r'"a\"b\\c"' in workload.label_query('a"b\\c')


def test_pages_and_dumps_exist_only_where_a_server_has_them():
    assert workload.requests_for("html", "kg", SAMPLE) == ["GET\t/id/place/binh-phuoc\ttext/html", "GET\t/id/organisation/mic\ttext/html"]
    assert workload.requests_for("html", "oxigraph", SAMPLE) is None
    assert workload.requests_for("html-1c", "rdflib-endpoint", SAMPLE) is None
    assert workload.requests_for("dump", "kg", SAMPLE) == ["GET\t/download/kg.nq.gz\t*/*"]
    assert workload.requests_for("dump", "oxigraph", SAMPLE) == ["GET\t/store\tapplication/n-quads"]
    assert workload.requests_for("dump", "rdflib-endpoint", SAMPLE) is None
    assert workload.requests_for("html", "flask-naive", SAMPLE) is None
    assert workload.requests_for("dump", "flask-naive", SAMPLE) is None
    with pytest.raises(ValueError):
        workload.requests_for("nonsense", "kg", SAMPLE)


def test_page_paths_are_minted_iris_without_fragments():
    assert workload.page_path(f"{BASE}id/place/binh-phuoc", BASE) == "/id/place/binh-phuoc"
    assert workload.page_path(f"{BASE}id/annotation/r/x#target", BASE) is None
    assert workload.page_path(f"{BASE}def/kg/Indicator", BASE) is None
    assert workload.page_path("http://www.wikidata.org/entity/Q1", BASE) is None


def test_words_are_letters_only_lower_case_and_long_enough():
    assert workload.words_of(["Tỉnh Bình Phước, 2012", "Số máy tính (cấp huyện)", "ICT_2012 abc"]) == ["bình", "huyện", "phước", "tính", "tỉnh"]


def test_the_sample_is_fixed_by_the_seed_and_bounded():
    subjects = [f"{BASE}id/thing/{i}" for i in range(100)] + ["_:b0", f"{BASE}id/thing/1#part"]
    labels = ["Alpha beta gamma", "Delta epsilon"]
    one = workload.sample_from(BASE, subjects, labels, n_resources=10, seed=0)
    assert one == workload.sample_from(BASE, list(reversed(subjects)), labels, n_resources=10, seed=0)
    assert one != workload.sample_from(BASE, subjects, labels, n_resources=10, seed=1)
    assert len(one.resources) == 10 and len(set(one.resources)) == 10
    assert all(p.startswith("/id/thing/") and "#" not in p for p in one.pages)
    assert "_:b0" not in one.resources
    assert set(one.words) == {"alpha", "beta", "gamma", "delta", "epsilon"}


def test_too_little_data_is_an_error():
    with pytest.raises(ValueError, match="too little"):
        workload.sample_from(BASE, [], ["a label"])


def test_a_request_line_holds_no_tab_or_line_break():
    with pytest.raises(ValueError):
        workload.request_line("GET", "/a\tb", "text/html")


def test_the_dump_is_the_n_quads_one_where_there_is_one():
    assert workload.choose_dump(["kg.ttl.gz", "kg.nq.gz", "kg.jsonld.gz"]) == "kg.nq.gz"
    assert workload.choose_dump(["kg.ttl.gz", "kg.jsonld.gz"]) == "kg.jsonld.gz"
    assert workload.choose_dump([]) == "kg.nq.gz"


FIGURES_CSV = "observation,indicator,area,period,value\r\nhttp://x/o1,computers,http://x/a,2012-12,3\r\nhttp://x/o2,computers,http://x/b,2012-12,4\r\nhttp://x/o3,websites,http://x/a,2011-12,5\r\n"


def test_figure_views_select_an_indicator_and_a_period_in_three_orders():
    pairs = workload.figure_pairs(FIGURES_CSV)
    assert pairs == [("computers", "2012-12"), ("computers", "2012-12"), ("websites", "2011-12")]
    views = workload.figure_views(pairs)
    assert sorted(views) == sorted(
        f"/figures?indicator={i}&period={p}{s}"
        for i, p in (("computers", "2012-12"), ("websites", "2011-12"))
        for s in ("", "&sort=value", "&sort=area")
    )
    assert len(workload.figure_views(pairs, n=4)) == 4


def test_the_figures_browser_is_asked_of_ours_only_as_a_page_over_one_connection():
    sample = dataclasses.replace(SAMPLE, figures=("/figures?indicator=computers&period=2012-12",))
    assert workload.requests_for("figures", "kg", sample) == ["GET\t/figures?indicator=computers&period=2012-12\ttext/html"]
    assert all(workload.requests_for("figures", s, sample) is None for s in workload.SERVERS if s != "kg")
    assert next(k for k in workload.KINDS if k.name == "figures").connections == 1


def test_data_without_figures_cannot_benchmark_the_browser():
    with pytest.raises(ValueError, match="no figures to browse"):
        workload.requests_for("figures", "kg", SAMPLE)
