"""Per-client query-time budgets: each client may hold query workers for so many seconds per window.

A client is the peer address of the connection; behind `trusted_proxies` reverse proxies, the
address those proxies put in X-Forwarded-For (werkzeug's ProxyFix, installed by create_app), never
a header a client sets itself. Every query is charged the time it held a worker, whatever came of
it (a query stopped at the time limit costs the whole limit). Before a query runs, a client whose
charges over the last `window_s` seconds reach `budget_s` gets 429 with Retry-After: the seconds
until enough of its charges fall out of the window. Wikidata's query service works the same way.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from kg.web.errors import TooManyRequests

MAX_CLIENTS = 100_000  # past this many tracked clients, those with nothing in the window are forgotten


class ClientBudget:
    """Sliding-window accounting of query seconds per client (thread-safe)."""

    def __init__(self, budget_s: float, window_s: float, clock=time.monotonic):
        self.budget_s, self.window_s, self.clock = budget_s, window_s, clock
        self._lock = threading.Lock()
        self._charges: dict[str, deque[tuple[float, float]]] = {}  # client -> (when, seconds), oldest first
        self._spent: dict[str, float] = {}

    @property
    def enabled(self) -> bool:
        return self.budget_s > 0 and self.window_s > 0

    def check(self, client: str) -> None:
        """TooManyRequests (429, Retry-After) when the client has spent its budget in the window."""
        if not self.enabled:
            return
        with self._lock:
            now = self.clock()
            spent = self._expire(client, now)
            if spent < self.budget_s:
                return
            retry = self._free_at(client, spent) - now
        raise TooManyRequests(
            f"This client has used {spent:.0f} s of query time in the last {self.window_s:g} s; the budget is "
            f"{self.budget_s:g} s (settings client_budget_s, client_window_s). Try again in {math.ceil(retry)} s.",
            headers={"Retry-After": str(max(1, math.ceil(retry)))},
        )

    def charge(self, client: str, seconds: float) -> None:
        if not self.enabled or seconds <= 0:
            return
        with self._lock:
            now = self.clock()
            if client not in self._charges and len(self._charges) >= MAX_CLIENTS:
                self._forget_idle(now)
            self._charges.setdefault(client, deque()).append((now, seconds))
            self._spent[client] = self._spent.get(client, 0.0) + seconds

    def spent(self, client: str) -> float:
        with self._lock:
            return self._expire(client, self.clock())

    def _expire(self, client: str, now: float) -> float:
        charges = self._charges.get(client)
        if not charges:
            return 0.0
        while charges and charges[0][0] <= now - self.window_s:
            self._spent[client] -= charges.popleft()[1]
        if not charges:
            del self._charges[client], self._spent[client]
            return 0.0
        return self._spent[client]

    def _free_at(self, client: str, spent: float) -> float:
        """When enough charges leave the window for the client to be under budget again."""
        for when, seconds in self._charges[client]:
            spent -= seconds
            if spent < self.budget_s:
                return when + self.window_s
        return self.clock() + self.window_s

    def _forget_idle(self, now: float) -> None:
        for client in list(self._charges):
            self._expire(client, now)


def budget_for(app) -> ClientBudget:
    """The client budget of an app made by create_app."""
    return app.extensions["kg.client_budget"]
