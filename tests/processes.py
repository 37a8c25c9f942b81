"""Stopping the processes tests start: SIGTERM, a grace period, then SIGKILL, always reaped."""

from __future__ import annotations

import subprocess


def stop_process(process: subprocess.Popen, grace_s: float = 30) -> int:
    """Terminate `process` (if still running), kill it past `grace_s`, and return its exit status."""
    if process.poll() is None:
        process.terminate()
        try:
            return process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()
