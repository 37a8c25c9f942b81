"""The query runner: queries run in worker processes, with a deadline, a row cap and bounded admission."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from kg.errors import BadRequest
from kg.stores.embedded.failures import ClientDisconnected, WorkerCrashed
from kg.stores.embedded.pool import PoolBusy, QueryRunner, QueryTimeout
from tests.web.publication_fixture import BASE, GRAPH_A, GRAPH_VOCAB, write_publication

JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def bulk_version(tmp_path_factory):
    """A publication with 3000 generated triples: a three-way cartesian product takes minutes."""
    return write_publication(tmp_path_factory.mktemp("bulk"), extra_triples=3000)


@pytest.fixture
def runner():
    runner = QueryRunner(size=2, timeout_s=5.0, queue_timeout_s=2.0)
    yield runner
    runner.close()


def run(runner, version, query, *, results=JSON, graph=TURTLE, max_rows=100, **kwargs):
    return runner.run(query, store_path=version / "store", base_iri=BASE, results_format=results, graph_format=graph, max_rows=max_rows, **kwargs)


def bindings(result) -> list[dict]:
    return json.loads(result.body)["results"]["bindings"]


def worker_pids(runner) -> list[int]:
    """The pids of the idle workers."""
    return [w.process.pid for w in list(runner._slots.queue) if w is not None]


def all_started(runner) -> set[int]:
    """The pids of every worker, once all of them are up and idle."""
    deadline = time.monotonic() + 30
    while len(worker_pids(runner)) < runner.size and time.monotonic() < deadline:
        time.sleep(0.05)
    return set(worker_pids(runner))


def test_a_select_runs_in_another_process_and_comes_back_serialised(runner, sample_output):
    result = run(
        runner,
        sample_output / "current",
        "SELECT ?l WHERE { ?s a <http://data.example.org/def/kg/Province> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
    )
    assert (result.form, result.kind, result.media_type, result.truncated, result.rows) == ("SELECT", "bindings", JSON, False, 2)
    assert {b["l"]["value"] for b in bindings(result)} == {"Bình Phước", "Binh Phuoc province"}
    assert os.getpid() not in worker_pids(runner)


def test_results_beyond_max_rows_are_cut_and_marked(runner, sample_output):
    result = run(runner, sample_output / "current", "SELECT * WHERE { ?s ?p ?o }", max_rows=3)
    data = json.loads(result.body)
    assert result.truncated and result.rows == 3 and len(data["results"]["bindings"]) == 3
    assert data["kg:truncated"] is True and data["kg:rowLimit"] == 3


def test_exactly_max_rows_is_not_truncated(runner, sample_output):
    result = run(runner, sample_output / "current", "SELECT * WHERE { ?s ?p ?o } LIMIT 3", max_rows=3)
    assert not result.truncated and "kg:truncated" not in json.loads(result.body)


def test_graph_results_are_cut_at_max_rows_triples(runner, sample_output):
    result = run(runner, sample_output / "current", "CONSTRUCT WHERE { ?s ?p ?o }", max_rows=4, graph="application/n-triples")
    assert result.kind == "graph" and result.truncated and len(result.body.decode().splitlines()) == 4


def test_an_ask_query_gives_a_boolean(runner, sample_output):
    result = run(runner, sample_output / "current", "ASK { ?s ?p ?o }")
    assert result.kind == "boolean" and json.loads(result.body)["boolean"] is True


def test_turtle_output_declares_only_the_prefixes_it_uses(runner, sample_output):
    prefixes = {"kg": BASE + "def/kg/", "foaf": "http://xmlns.com/foaf/0.1/"}
    result = run(runner, sample_output / "current", "CONSTRUCT WHERE { ?s a ?t }", prefixes=prefixes)
    assert "@prefix kg:" in result.body.decode() and "foaf" not in result.body.decode()


def test_relative_iris_resolve_against_the_publication_base(runner, sample_output):
    result = run(runner, sample_output / "current", "PREFIX kg: <def/kg/> SELECT ?s WHERE { ?s a kg:Province }")
    assert bindings(result) == [{"s": {"type": "uri", "value": BASE + "id/place/binh-phuoc"}}]


def test_the_default_graph_is_the_union_of_the_named_graphs(runner, sample_output):
    result = run(runner, sample_output / "current", "SELECT ?t WHERE { ?x a ?t . ?t a <http://www.w3.org/2002/07/owl#Class> }")
    assert result.rows == 2  # instances in one graph, their classes in the other


def test_default_graph_uri_restricts_the_default_graph(runner, sample_output):
    result = run(runner, sample_output / "current", "SELECT DISTINCT ?g WHERE { ?s a ?t BIND(STR(?t) AS ?g) }", default_graphs=[GRAPH_VOCAB])
    assert {b["g"]["value"] for b in bindings(result)} == {"http://www.w3.org/2002/07/owl#Class"}


def test_named_graph_uri_restricts_the_named_graphs(runner, sample_output):
    result = run(runner, sample_output / "current", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[GRAPH_A])
    assert [b["g"]["value"] for b in bindings(result)] == [GRAPH_A]


def test_a_bad_query_is_a_bad_request(runner, sample_output):
    with pytest.raises(BadRequest, match="line 1"):
        run(runner, sample_output / "current", "SELECT * WHERE { ?s ?p }")


def test_a_query_past_the_deadline_is_stopped_and_its_worker_killed(bulk_version):
    runner = QueryRunner(size=1, timeout_s=1.0, queue_timeout_s=5.0)
    try:
        run(runner, bulk_version, "ASK {}")
        [pid] = worker_pids(runner)
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="1 s"):
            run(runner, bulk_version, SLOW)
        assert time.monotonic() - started < 10 * runner.timeout_s  # stopped at its deadline (alone, SLOW runs for minutes)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        assert run(runner, bulk_version, "ASK { ?s ?p ?o }").kind == "boolean"  # replaced, answering
    finally:
        runner.close()


def test_each_replaced_worker_is_reported_to_on_restart_but_not_the_first_starts(bulk_version):
    runner = QueryRunner(size=1, timeout_s=1.0, queue_timeout_s=5.0)
    restarts = []
    runner.on_restart = lambda: restarts.append(True)
    try:
        run(runner, bulk_version, "ASK {}")
        assert restarts == []
        with pytest.raises(QueryTimeout):
            run(runner, bulk_version, SLOW)
        assert restarts == [True]
    finally:
        runner.close()


def test_a_worker_that_dies_mid_query_gives_worker_crashed_and_is_replaced(bulk_version):
    runner = QueryRunner(size=1, timeout_s=30.0, queue_timeout_s=10.0)
    try:
        run(runner, bulk_version, "ASK {}")
        [pid] = worker_pids(runner)
        threading.Timer(0.5, os.kill, (pid, signal.SIGSEGV)).start()
        with pytest.raises(WorkerCrashed) as caught:
            run(runner, bulk_version, SLOW)
        assert caught.value.status == 503
        assert run(runner, bulk_version, "ASK {}").kind == "boolean"
    finally:
        runner.close()


def hold_a_worker(runner, version) -> tuple[threading.Thread, list]:
    """Start SLOW in a thread (it holds a worker until its deadline); the thread, and the QueryTimeout it ends with."""
    timeouts: list = []

    def slow():
        try:
            run(runner, version, SLOW)
        except QueryTimeout as exc:
            timeouts.append(exc)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    return thread, timeouts


def test_when_every_worker_stays_busy_the_caller_is_told_to_retry(bulk_version):
    runner = QueryRunner(size=1, timeout_s=1.5, queue_timeout_s=0.3)
    try:
        run(runner, bulk_version, "ASK {}")
        busy, outcome = hold_a_worker(runner, bulk_version)
        with pytest.raises(PoolBusy) as caught:
            run(runner, bulk_version, "ASK {}")
        assert caught.value.status == 503 and caught.value.headers["Retry-After"] == "2"
        busy.join()
        assert len(outcome) == 1  # the slow query itself ran into its deadline
    finally:
        runner.close()


def test_callers_arriving_while_the_pool_starts_wait_for_it_even_with_no_queue(sample_output):
    runner = QueryRunner(size=2, timeout_s=5.0, queue_timeout_s=0.1, queue_size=0)
    try:
        outcomes: list = []

        def ask():
            try:
                outcomes.append(run(runner, sample_output / "current", "ASK {}").kind)
            except PoolBusy as exc:
                outcomes.append(exc)

        callers = [threading.Thread(target=ask) for _ in range(2)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join(30)
        assert outcomes == ["boolean", "boolean"]  # two workers on their way are two free places
    finally:
        runner.close()


def test_a_query_whose_client_leaves_while_it_waits_gives_up_its_place_in_the_queue(bulk_version):
    runner = QueryRunner(size=1, timeout_s=3.0, queue_timeout_s=10.0, queue_size=1)
    try:
        run(runner, bulk_version, "ASK {}")
        busy, held = hold_a_worker(runner, bulk_version)
        ours, theirs = socket.socketpair()
        outcome = []

        def waiting():
            try:
                run(runner, bulk_version, "ASK {}", client=ours)
            except ClientDisconnected as exc:
                outcome.append((exc, busy.is_alive()))

        waiter = threading.Thread(target=waiting)
        waiter.start()
        time.sleep(0.3)
        theirs.close()  # the client goes away
        waiter.join(5)
        assert outcome and outcome[0][1]  # it gave up while the worker was still held, not when the worker came free
        assert runner._waiting == 0  # the place is free for the next caller
        busy.join()
        assert len(held) == 1  # the query holding the worker ran into its own deadline
        ours.close()
    finally:
        runner.close()


def test_consecutive_queries_reuse_the_same_worker_processes(runner, sample_output):
    """What keeps a query cheap: no process is started and no store opened per query (speed itself: make bench)."""
    run(runner, sample_output / "current", "ASK { ?s ?p ?o }")
    workers = all_started(runner)
    answers = [run(runner, sample_output / "current", "ASK { ?s ?p ?o }").kind for _ in range(30)]
    assert answers == ["boolean"] * 30
    assert all_started(runner) == workers


def test_a_new_version_is_read_from_its_own_store(runner, tmp_path):
    first = write_publication(tmp_path, version="v1")
    second = write_publication(tmp_path, version="v2", trig="<http://ex.org/g> { <http://ex.org/only-in-v2> a <http://ex.org/T> }")
    assert run(runner, first, "ASK { <http://ex.org/only-in-v2> ?p ?o }").body.endswith(b"false}")
    assert run(runner, second, "ASK { <http://ex.org/only-in-v2> ?p ?o }").body.endswith(b"true}")


def test_close_stops_the_worker_processes(sample_output):
    runner = QueryRunner(size=2, timeout_s=5.0)
    run(runner, sample_output / "current", "ASK {}")
    pids = all_started(runner)
    runner.close()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_closed_runner_starts_again_on_the_next_query(sample_output):
    runner = QueryRunner(size=1, timeout_s=5.0)
    try:
        run(runner, sample_output / "current", "ASK {}")
        runner.close()
        assert run(runner, sample_output / "current", "ASK {}").kind == "boolean"
    finally:
        runner.close()


def kernel_allows_a_network_namespace() -> bool:
    """Whether a fresh process here may move itself into a new network namespace (the worker's own call)."""
    probe = "import sys\nfrom kg.stores.embedded.worker import isolate_network\nsys.exit(0 if isolate_network() else 3)"
    return subprocess.run([sys.executable, "-c", probe], timeout=60).returncode == 0


def test_workers_are_cut_off_the_network_wherever_the_kernel_allows_it(runner, sample_output):
    run(runner, sample_output / "current", "ASK {}")
    worker = next(w for w in list(runner._slots.queue) if w is not None)
    allowed = kernel_allows_a_network_namespace()
    assert worker.hello["network_isolated"] is allowed
    own, workers = os.readlink("/proc/self/ns/net"), os.readlink(f"/proc/{worker.hello['pid']}/ns/net")
    assert (workers != own) is allowed  # the worker really is in a namespace of its own


def test_a_forked_child_starts_its_own_workers(runner, sample_output):
    run(runner, sample_output / "current", "ASK {}")
    parent_workers = all_started(runner)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: like a gunicorn worker forked after the app was loaded
        try:
            result = run(runner, sample_output / "current", "ASK { ?s ?p ?o }")
            mine = all_started(runner)
            ok = result.kind == "boolean" and mine and not (mine & parent_workers)
            os.write(write, b"ok" if ok else b"no")
            runner.close()
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 2)
    os.waitpid(child, 0)
    assert answer == b"ok"
    assert set(worker_pids(runner)) == parent_workers  # the parent's pool is untouched
