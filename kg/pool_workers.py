"""Build pool workers end with the build: a worker process dies when the process that started it dies.

A ProcessPoolExecutor worker forked from a build waits on a pipe whose write end it holds itself, so
it never sees the build end. A build killed with SIGKILL would leave its workers behind, holding
their memory and the build's open files. On Linux the kernel can signal a child when its parent
dies (prctl PR_SET_PDEATHSIG); elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_parent(parent_pid: int) -> None:
    """Ask the kernel to kill this process when `parent_pid`, the process that started it, ends."""
    # The running program's own symbols, the C library's among them (find_library would start ldconfig).
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is None:  # not Linux
        return
    if prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)
