"""The queries each client runs now, shared by the HTTP processes (kg.web.running_table), and the cap on them."""

from __future__ import annotations

import os
import signal
import time

import pytest

from kg.errors import TooManyRequests
from kg.web.admission import ClientConcurrency
from kg.web.running_table import RunningTable
from tests.web.test_charge_table import in_forked_child


def test_a_client_gets_rows_up_to_its_limit_and_no_more():
    table = RunningTable(rows=16)
    first, second = table.enter("10.0.0.1", 2), table.enter("10.0.0.1", 2)
    assert None not in (first, second) and first != second
    assert table.enter("10.0.0.1", 2) is None
    assert table.enter("10.0.0.2", 2) is not None  # another client is counted apart
    assert table.running("10.0.0.1") == 2


def test_a_row_given_back_can_be_taken_again():
    table = RunningTable(rows=16)
    row = table.enter("10.0.0.1", 1)
    table.leave(row)
    assert table.running("10.0.0.1") == 0 and table.enter("10.0.0.1", 1) is not None


def test_a_query_running_in_another_forked_process_counts_against_the_client():
    table = RunningTable(rows=16)
    pid = os.fork()
    if pid == 0:  # the child holds a row, like an HTTP process running a query, until it is killed
        table.enter("10.0.0.1", 1)
        time.sleep(30)
        os._exit(0)
    try:
        deadline = time.monotonic() + 5
        while table.running("10.0.0.1") == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        refused = table.enter("10.0.0.1", 1)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert refused is None


def test_rows_of_a_process_that_died_are_taken_back_when_the_client_reaches_its_limit():
    table = RunningTable(rows=16)
    in_forked_child(lambda: table.enter("10.0.0.1", 1))  # the child exits holding its row
    assert table.running("10.0.0.1") == 1
    assert table.enter("10.0.0.1", 1) is not None


def test_a_full_table_admits_nobody_rather_than_overwriting():
    table = RunningTable(rows=2)
    assert table.enter("a", 5) is not None and table.enter("b", 5) is not None
    assert table.enter("c", 5) is None


def test_past_the_cap_a_client_gets_429_naming_the_setting_with_retry_after():
    cap = ClientConcurrency(1, RunningTable(rows=8))
    with cap.hold("10.0.0.1"):
        with pytest.raises(TooManyRequests) as caught:
            with cap.hold("10.0.0.1"):
                pass
        with cap.hold("10.0.0.2"):
            pass
    assert caught.value.status == 429 and caught.value.headers == {"Retry-After": "1"}
    assert caught.value.message == ("This client already runs 1 queries at once (setting client_concurrency); wait for one to finish.")
    with cap.hold("10.0.0.1"):  # given back on the way out
        pass


def test_a_query_that_fails_gives_its_place_back():
    cap = ClientConcurrency(1, RunningTable(rows=8))
    with pytest.raises(ValueError):
        with cap.hold("10.0.0.1"):
            raise ValueError("the query failed")
    assert cap.table.running("10.0.0.1") == 0


def test_a_cap_of_zero_means_no_cap():
    cap = ClientConcurrency(0, RunningTable(rows=1))
    with cap.hold("a"), cap.hold("a"), cap.hold("a"):
        assert cap.table.running("a") == 0
