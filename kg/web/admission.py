"""Per-client query-time budgets: each client may hold query workers for so many seconds per window.

A client is the peer address of the connection; behind `trusted_proxies` reverse proxies, the
address those proxies put in X-Forwarded-For (werkzeug's ProxyFix, installed by create_app), never
a header a client sets itself. Every query is charged the time it held a worker, whatever came of
it (a query stopped at the time limit costs the whole limit). Before a query runs, a client whose
charges over the last `window_s` seconds reach `budget_s` gets 429 with Retry-After: the seconds
until enough of its charges fall out of the window. Wikidata's query service works the same way.
The charges are kept in memory shared by the server's HTTP processes, so a client has one budget
whichever process answers it. Each 429 is counted (kg.web.metrics).
"""

from __future__ import annotations

import math
import time
from contextlib import contextmanager

from kg.errors import TooManyRequests
from kg.web.charge_table import ChargeTable
from kg.web.metrics import ADMISSION_REFUSALS
from kg.web.running_table import RunningTable


class ClientBudget:
    """Sliding-window accounting of query seconds per client, shared by the HTTP processes (kg.web.charge_table)."""

    def __init__(self, budget_s: float, window_s: float, clock=time.monotonic, table: ChargeTable | None = None):
        """`table`: the charges, shared with the other HTTP processes when made before they were forked.

        The clock must read the same in every process: Linux's monotonic clock is system-wide.
        """
        self.budget_s, self.window_s, self.clock = budget_s, window_s, clock
        self.table = table if table is not None else ChargeTable(slots=1024)

    @property
    def enabled(self) -> bool:
        return self.budget_s > 0 and self.window_s > 0

    def check(self, client: str) -> None:
        """TooManyRequests (429, Retry-After) when the client has spent its budget in the window."""
        if not self.enabled:
            return
        now = self.clock()
        charges = self.table.charges(client, now, self.window_s)
        spent = sum(seconds for _, seconds in charges)
        if spent < self.budget_s:
            return
        retry = self._free_at(charges, spent) - now
        ADMISSION_REFUSALS.labels("budget").inc()
        raise TooManyRequests(
            f"This client has used {spent:.0f} s of query time in the last {self.window_s:g} s; the budget is "
            f"{self.budget_s:g} s (settings client_budget_s, client_window_s). Try again in {math.ceil(retry)} s.",
            headers={"Retry-After": str(max(1, math.ceil(retry)))},
        )

    def charge(self, client: str, seconds: float) -> None:
        if not self.enabled or seconds <= 0:
            return
        self.table.add(client, self.clock(), seconds, self.window_s)

    def spent(self, client: str) -> float:
        return sum(seconds for _, seconds in self.table.charges(client, self.clock(), self.window_s))

    def clients(self) -> int:
        """How many clients have query time in the window."""
        return self.table.clients(self.clock(), self.window_s)

    def _free_at(self, charges: list[tuple[float, float]], spent: float) -> float:
        """When enough charges leave the window for the client to be under budget again."""
        for when, seconds in charges:
            spent -= seconds
            if spent < self.budget_s:
                return when + self.window_s
        return self.clock() + self.window_s


class ClientConcurrency:
    """At most `limit` queries of one client run at once, counted across the HTTP processes (kg.web.running_table)."""

    def __init__(self, limit: int, table: RunningTable | None = None):
        """`table`: the running queries, shared with the other HTTP processes when made before they were forked."""
        self.limit = limit
        self.table = table if table is not None else RunningTable(rows=256)

    @contextmanager
    def hold(self, client: str):
        """Run the body as one of the client's queries; TooManyRequests (429, Retry-After) past the limit."""
        if self.limit <= 0:
            yield
            return
        row = self.table.enter(client, self.limit)
        if row is None:
            ADMISSION_REFUSALS.labels("concurrency").inc()
            raise TooManyRequests(
                f"This client already runs {self.limit} queries at once (setting client_concurrency); wait for one to finish.",
                headers={"Retry-After": "1"},
            )
        try:
            yield
        finally:
            self.table.leave(row)


def concurrency_for(app) -> ClientConcurrency:
    """The per-client cap on running queries of an app made by create_app."""
    return app.extensions["kg.client_concurrency"]


def budget_for(app) -> ClientBudget:
    """The client budget of an app made by create_app."""
    return app.extensions["kg.client_budget"]
