"""Admission control on the real server: a bounded queue (503 + Retry-After at once when full), a
per-client budget of query time (429 + Retry-After), and a client that disconnects frees its worker.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse

import pytest

from kg.errors import TooManyRequests
from kg.web.admission import ClientBudget
from tests.hardening.conftest import CHEAP, SLOW

pytestmark = pytest.mark.e2e

LOOKUP = "ASK { <http://data.example.org/id/dataset/kg> ?p ?o }"  # a bounded lookup of bulk_output


def in_background(server, query: str, results: list, **kwargs) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(server.query(query, **kwargs)), daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("workers, queue_size", [(2, 0), (2, 2)])
def test_when_workers_and_queue_are_full_the_next_query_gets_503_with_retry_after_at_once(serve, bulk_output, workers, queue_size):
    server = serve(
        bulk_output, workers=workers, queue_size=queue_size, query_timeout_s=4, queue_timeout_s=10, client_budget_s=0, threads=16, http_processes=1
    )
    results: list = []
    threads = [in_background(server, SLOW, results) for _ in range(workers + queue_size)]
    time.sleep(0.8)  # every slow query holds a worker or a place in the queue
    reply = server.query(CHEAP)
    assert reply.status == 503, reply.text()
    assert reply.seconds < 10 / 4, f"the extra query waited {reply.seconds:.2f} s"  # at once, not after queue_timeout_s
    assert reply.headers["retry-after"] == "4"
    assert "queue_size" in reply.json()["message"]
    lookup = server.query(LOOKUP)  # a bounded lookup takes the fast lane: no worker, no place in the queue
    assert lookup.status == 200 and lookup.headers["content-type"].startswith("application/sparql-results+json")
    for thread in threads:
        thread.join(30)
    # the first `workers` ran into the time limit; the queued ones then got a worker and did too
    assert sorted(r.status for r in results) == [503] * (workers + queue_size)
    assert all("time limit" in r.json()["message"] for r in results)
    deadline = time.monotonic() + 10  # the killed workers' replacements start (with no queue, nobody waits for them)
    while (status := server.query(CHEAP).status) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status == 200


def test_a_queued_query_runs_when_a_worker_frees_up(serve, bulk_output):
    server = serve(bulk_output, workers=1, queue_size=1, query_timeout_s=1.5, queue_timeout_s=10, client_budget_s=0, http_processes=1)
    results: list = []
    slow = threading.Thread(target=lambda: results.append((server.query(SLOW), time.monotonic())), daemon=True)
    slow.start()
    time.sleep(0.4)
    reply = server.query("ASK { ?s ?p ?o }")
    answered_at = time.monotonic()
    slow.join()
    [(slow_reply, slow_answered_at)] = results
    assert reply.status == 200
    assert slow_reply.status == 503 and "time limit" in slow_reply.json()["message"]
    assert slow_answered_at < answered_at  # ours waited in the queue until the slow query's worker was freed


def test_a_client_past_its_budget_gets_429_with_retry_after_and_others_do_not(serve, bulk_output):
    server = serve(bulk_output, workers=2, query_timeout_s=1, client_budget_s=1.5, client_window_s=30, trusted_proxies=1)
    greedy, other = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8"}
    assert server.query(SLOW, headers=greedy).status == 503  # 1 s charged
    assert server.query(SLOW, headers=greedy).status == 503  # 2 s charged: over 1.5 s
    reply = server.query(CHEAP, headers=greedy)
    assert reply.status == 429, reply.text()
    assert 1 <= int(reply.headers["retry-after"]) <= 30
    assert "client_budget_s" in reply.json()["message"]
    assert reply.seconds < 0.5
    assert server.query(CHEAP, headers=other).status == 200
    page = server.query(CHEAP, headers=greedy, accept="text/html")
    assert page.status == 429 and "retry-after" in page.headers


def test_x_forwarded_for_is_ignored_unless_the_server_is_behind_a_trusted_proxy(serve, bulk_output):
    server = serve(bulk_output, workers=2, query_timeout_s=1, client_budget_s=1.5, client_window_s=30)
    for address in ("198.51.100.1", "198.51.100.2"):
        assert server.query(SLOW, headers={"X-Forwarded-For": address}).status == 503
    # both were charged to the real peer, 127.0.0.1: a made-up header does not buy a fresh budget
    assert server.query(CHEAP, headers={"X-Forwarded-For": "198.51.100.3"}).status == 429


def test_with_a_trusted_proxy_the_client_is_the_address_the_proxy_appended(serve, bulk_output):
    server = serve(bulk_output, workers=2, query_timeout_s=1, client_budget_s=1.5, client_window_s=30, trusted_proxies=1)
    spoofed = {"X-Forwarded-For": "10.9.9.9, 192.0.2.50"}  # a client's own entry, then the proxy's
    assert server.query(SLOW, headers=spoofed).status == 503
    assert server.query(SLOW, headers={"X-Forwarded-For": "10.9.9.8, 192.0.2.50"}).status == 503
    assert server.query(CHEAP, headers={"X-Forwarded-For": "192.0.2.50"}).status == 429


def test_a_client_that_disconnects_frees_its_worker_at_once(serve, bulk_output):
    server = serve(bulk_output, workers=1, query_timeout_s=30, queue_timeout_s=20, client_budget_s=0, http_processes=1)
    [before] = server.wait_for_workers(1)
    sock = socket.create_connection(("127.0.0.1", server.port))
    path = "/sparql?" + urllib.parse.urlencode({"query": SLOW})
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n".encode())
    time.sleep(1.0)  # the slow query runs in the only worker
    sock.close()
    reply = server.query("ASK { ?s ?p ?o }")
    assert reply.status == 200
    assert reply.seconds < 5, f"the next query waited {reply.seconds:.1f} s for the abandoned one"
    assert server.query_workers() != {before}  # the abandoned query's worker was killed and replaced


# -- the budget's arithmetic, with a clock of our own -------------------------------------------------
class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_budget_is_a_sliding_window():
    clock = Clock()
    budget = ClientBudget(10, 60, clock=clock)
    budget.charge("a", 6)
    clock.now += 30
    budget.charge("a", 5)
    with pytest.raises(TooManyRequests) as caught:
        budget.check("a")
    assert caught.value.status == 429 and caught.value.headers["Retry-After"] == "30"  # when the 6 s leave
    budget.check("b")
    clock.now += 30
    budget.check("a")  # the first charge left the window
    assert budget.spent("a") == 5


def test_a_zero_budget_means_no_budget():
    budget = ClientBudget(0, 60)
    budget.charge("a", 1e9)
    budget.check("a")


def test_clients_with_nothing_in_the_window_are_forgotten():
    clock = Clock()
    budget = ClientBudget(10, 60, clock=clock)
    for i in range(100):
        budget.charge(str(i), 1)
    clock.now += 61
    for i in range(100):
        assert budget.spent(str(i)) == 0
    assert budget.clients() == 0


def test_health_checks_never_wait_in_nor_fill_the_queue(serve, bulk_output):
    server = serve(bulk_output, workers=1, queue_size=1, query_timeout_s=3, queue_timeout_s=10, client_budget_s=0, http_processes=1)
    results: list = []
    slow = in_background(server, SLOW, results)
    time.sleep(0.5)
    health = [server.request("GET", "/health") for _ in range(5)]
    assert all(h.status == 200 and h.json()["store"] == "busy" and h.seconds < 0.5 for h in health)
    waiting = in_background(server, CHEAP, results)  # the one place in the queue is still free
    waiting.join(10)
    slow.join(10)
    assert sorted(r.status for r in results) == [200, 503]


def test_a_client_running_client_concurrency_queries_gets_429_while_others_are_answered(serve, bulk_output):
    server = serve(
        bulk_output, workers=2, query_timeout_s=3, queue_timeout_s=10, client_budget_s=0, client_concurrency=1, trusted_proxies=1, http_processes=2
    )
    results = []
    slow = in_background(server, SLOW, results, headers={"X-Forwarded-For": "192.0.2.1"})
    time.sleep(1.0)  # the slow query runs, in whichever HTTP process took it
    for _ in range(4):  # new connections: whichever process takes them, the client's running query counts
        again = server.query("ASK { ?s ?p ?o }", headers={"X-Forwarded-For": "192.0.2.1"})
        assert again.status == 429 and again.headers["retry-after"] == "1"
        assert "setting client_concurrency" in again.json()["message"]
    other = server.query("ASK { ?s ?p ?o }", headers={"X-Forwarded-For": "192.0.2.2"})
    assert other.status == 200
    slow.join(30)
    assert results[0].status == 503  # the slow query ran to its time limit
    assert server.query("ASK { ?s ?p ?o }", headers={"X-Forwarded-For": "192.0.2.1"}).status == 200
