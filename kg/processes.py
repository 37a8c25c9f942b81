"""Child processes end with the process that started them: one watcher thread, the same everywhere.

A build's pool workers (forked, blocked on a pipe whose write end they hold themselves) and the
server's query workers (started from whichever thread needed one) would both outlive a parent
killed with SIGKILL. Each calls `end_with_parent` once it runs: a daemon thread polls its parent
and ends the process as soon as the parent is gone. The kernel's PR_SET_PDEATHSIG is not used:
it fires when the *thread* that started the child ends, and the server starts replacement
workers from short-lived threads.
"""

from __future__ import annotations

import os
import threading
import time

POLL_S = 0.5  # how often the watcher looks at its parent


def end_with_parent(parent_pid: int, poll_s: float = POLL_S) -> None:
    """End this process (exit status 1) when `parent_pid`, the process that started it, ends."""
    if os.getppid() != parent_pid:  # the parent died before the watcher started
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_s)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()
