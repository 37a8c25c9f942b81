"""The per-client budget: query seconds per sliding window; past it, 429 with the seconds until it frees up."""

from __future__ import annotations

import pytest

from kg.errors import TooManyRequests
from kg.web.admission import ClientBudget, budget_for
from kg.web.charge_table import ChargeTable


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def budget(budget_s: float = 10, window_s: float = 60, clock: Clock | None = None) -> tuple[ClientBudget, Clock]:
    clock = clock or Clock()
    return ClientBudget(budget_s, window_s, clock=clock, table=ChargeTable(slots=16)), clock


def test_a_client_under_its_budget_may_query():
    b, _clock = budget()
    b.charge("a", 9.5)
    b.check("a")
    assert b.spent("a") == 9.5


def test_a_client_at_its_budget_gets_429_with_the_seconds_until_it_frees_up():
    b, clock = budget(10, 60)
    b.charge("a", 4)
    clock.now += 20
    b.charge("a", 6)  # 10 s spent: the first 4 s leave the window 40 s from now
    clock.now += 5
    with pytest.raises(TooManyRequests) as refused:
        b.check("a")
    assert refused.value.status == 429
    assert refused.value.headers == {"Retry-After": "35"}
    assert refused.value.message == (
        "This client has used 10 s of query time in the last 60 s; the budget is 10 s (settings client_budget_s, client_window_s). Try again in 35 s."
    )


def test_the_wait_counts_every_charge_that_must_leave_the_window():
    b, clock = budget(10, 60)
    for _ in range(3):
        b.charge("a", 5)  # 15 s: two charges must leave before it is under 10 s again
        clock.now += 10
    with pytest.raises(TooManyRequests) as refused:
        b.check("a")
    assert refused.value.headers["Retry-After"] == "40"  # the second charge (at t+10) leaves at t+70; now is t+30


def test_retry_after_is_at_least_one_second():
    b, clock = budget(10, 60)
    b.charge("a", 10)
    clock.now += 59.9
    with pytest.raises(TooManyRequests) as refused:
        b.check("a")
    assert refused.value.headers["Retry-After"] == "1"


def test_charges_leave_the_window_and_the_client_may_query_again():
    b, clock = budget(10, 60)
    b.charge("a", 12)
    clock.now += 61
    b.check("a")
    assert b.spent("a") == 0


def test_each_client_has_its_own_budget():
    b, _clock = budget(10, 60)
    b.charge("a", 10)
    b.check("b")
    with pytest.raises(TooManyRequests):
        b.check("a")


def test_nothing_or_less_is_not_charged():
    b, _clock = budget()
    b.charge("a", 0)
    b.charge("a", -3)
    assert b.spent("a") == 0 and b.clients() == 0


def test_clients_counts_those_with_time_in_the_window():
    b, clock = budget(10, 60)
    b.charge("a", 1)
    clock.now += 30
    b.charge("b", 1)
    assert b.clients() == 2
    clock.now += 31
    assert b.clients() == 1


@pytest.mark.parametrize("budget_s, window_s", [(0, 60), (10, 0)])
def test_a_budget_or_window_of_zero_turns_the_budget_off(budget_s, window_s):
    b, _clock = budget(budget_s, window_s)
    assert not b.enabled
    b.charge("a", 1000)
    b.check("a")
    assert b.spent("a") == 0


def test_a_budget_keeps_its_own_table_when_none_is_shared():
    first, second = ClientBudget(10, 60), ClientBudget(10, 60)
    first.charge("a", 10)
    second.check("a")
    assert first.table is not second.table and first.enabled


def test_the_app_holds_its_budget(make_app):
    app = make_app(client_budget_s=7, client_window_s=30)
    assert (budget_for(app).budget_s, budget_for(app).window_s) == (7, 30)


def test_when_no_charge_can_bring_the_client_under_its_budget_the_wait_is_the_whole_window():
    """Rounding can leave the spent time above a tiny budget after every charge is taken off."""
    b, _clock = budget(1e-17, 60)
    for seconds in (0.1, 0.2, 0.3):
        b.charge("a", seconds)
    with pytest.raises(TooManyRequests) as refused:
        b.check("a")
    assert refused.value.headers["Retry-After"] == "60"
    assert refused.value.message.endswith("Try again in 60 s.")
