"""A progress line for long builds (stage, count of total, rate), drawn on a terminal and silent elsewhere.

Written to a stream (stderr by default) only when that stream is a terminal, so logs, pipes and
tests get nothing; redrawn at most every `interval` seconds, in place (carriage return).
"""

from __future__ import annotations

import sys
import time

BAR_WIDTH = 24


class Progress:
    """Shows how far a build has got: `Progress(stream).stage("reports", total)`, then `advance()`."""

    def __init__(self, stream=None, interval: float = 0.2, clock=time.monotonic):
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.interval = interval
        self.clock = clock
        self.name = ""
        self.total = 0
        self.done = 0
        self.unit = ""
        self._started = 0.0
        self._drawn = 0.0

    def stage(self, name: str, total: int = 0, unit: str = "") -> Progress:
        """Begin a stage of `total` steps (0: a stage without a count)."""
        self.finish()
        self.name, self.total, self.done, self.unit = name, total, 0, unit
        self._started = self._drawn = self.clock()
        self._draw()
        return self

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more steps done; redraw when the interval has passed or the stage is complete."""
        self.done += steps
        now = self.clock()
        if now - self._drawn >= self.interval or (self.total and self.done >= self.total):
            self._drawn = now
            self._draw()

    def finish(self) -> None:
        """End the current stage's line."""
        if self.name and self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        self.name = ""

    def line(self) -> str:
        """The text of the progress line as it stands."""
        elapsed = max(self.clock() - self._started, 1e-9)
        if not self.total:
            return f"{self.name}: {elapsed:.1f} s"
        share = min(self.done / self.total, 1.0)
        filled = int(share * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        rate = self.done / elapsed
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.name:<10} [{bar}] {self.done}/{self.total}{unit} {share:4.0%} {rate:.1f}{unit}/s {elapsed:.1f} s"

    def _draw(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
