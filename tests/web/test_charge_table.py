"""The per-client charges table that the HTTP processes share (kg.web.charge_table)."""

from __future__ import annotations

import os

import pytest

from kg.errors import TooManyRequests
from kg.web.admission import ClientBudget
from kg.web.charge_table import ENTRIES, PROBES, ChargeTable


def in_forked_child(action) -> None:
    """Run `action()` in a child forked from this process, as granian forks its HTTP processes; wait for it."""
    pid = os.fork()
    if pid == 0:
        try:
            action()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_charges_made_in_one_forked_process_count_in_another():
    table = ChargeTable(slots=64)
    in_forked_child(lambda: table.add("10.0.0.1", now=100.0, seconds=7.0, window_s=60))
    in_forked_child(lambda: table.add("10.0.0.1", now=101.0, seconds=5.0, window_s=60))
    assert table.charges("10.0.0.1", now=102.0, window_s=60) == [(100.0, 7.0), (101.0, 5.0)]


def test_a_budget_spent_through_one_http_process_is_refused_by_another():
    table = ChargeTable(slots=64)
    clock = lambda: 1000.0  # noqa: E731 - one instant for both processes
    in_forked_child(lambda: ClientBudget(10, 60, clock=clock, table=table).charge("10.0.0.1", 12))
    with pytest.raises(TooManyRequests) as caught:
        ClientBudget(10, 60, clock=clock, table=table).check("10.0.0.1")
    assert caught.value.headers["Retry-After"] == "60"
    ClientBudget(10, 60, clock=clock, table=table).check("10.0.0.2")


def test_charges_that_left_the_window_are_not_counted():
    table = ChargeTable(slots=16)
    table.add("a", now=0.0, seconds=3.0, window_s=10)
    table.add("a", now=5.0, seconds=4.0, window_s=10)
    assert table.charges("a", now=10.0, window_s=10) == [(5.0, 4.0)]
    assert table.charges("a", now=15.0, window_s=10) == []


def test_past_the_slot_size_the_oldest_charges_merge_keeping_the_total_and_leaving_late():
    table = ChargeTable(slots=16)
    for i in range(ENTRIES + 5):
        table.add("a", now=float(i), seconds=1.0, window_s=1000)
    charges = table.charges("a", now=100.0, window_s=1000)
    assert len(charges) == ENTRIES
    assert sum(seconds for _, seconds in charges) == ENTRIES + 5
    assert charges[0] == (5.0, 6.0)  # the six oldest, kept until the latest of them leaves the window


def test_a_slot_whose_charges_all_left_the_window_is_given_to_a_new_client():
    table = ChargeTable(slots=1)
    table.add("a", now=0.0, seconds=1.0, window_s=10)
    table.add("b", now=20.0, seconds=2.0, window_s=10)
    assert table.charges("b", now=20.0, window_s=10) == [(20.0, 2.0)]
    assert table.charges("a", now=20.0, window_s=10) == []


def test_when_every_probed_slot_is_busy_the_least_recently_charged_client_is_forgotten():
    table = ChargeTable(slots=PROBES)
    for i in range(PROBES):
        table.add(f"client-{i}", now=float(i), seconds=1.0, window_s=1000)
    table.add("newcomer", now=100.0, seconds=1.0, window_s=1000)
    assert table.charges("newcomer", now=100.0, window_s=1000) == [(100.0, 1.0)]
    assert table.charges("client-0", now=100.0, window_s=1000) == []
    assert table.charges("client-1", now=100.0, window_s=1000) == [(1.0, 1.0)]
    assert table.clients(now=100.0, window_s=1000) == PROBES
