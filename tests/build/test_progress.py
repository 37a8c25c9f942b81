"""The build's progress line: drawn on a terminal, silent anywhere else."""

from __future__ import annotations

import io

from kg.build.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_written_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    progress.stage("reports", 10, "reports")
    for _ in range(10):
        progress.advance()
    progress.finish()
    assert stream.getvalue() == ""


def test_on_a_terminal_the_line_shows_stage_counts_share_and_rate():
    stream, clock = Terminal(), Clock()
    progress = Progress(stream, interval=0.0, clock=clock)
    progress.stage("reports", 8, "reports")
    clock.now += 2.0
    progress.advance(4)
    last = stream.getvalue().split("\r")[-1]
    assert "reports" in last and "4/8 reports" in last and "50%" in last and "2.0 reports/s" in last


def test_redraws_wait_for_the_interval_but_the_last_step_is_always_drawn():
    stream, clock = Terminal(), Clock()
    progress = Progress(stream, interval=10.0, clock=clock)
    progress.stage("dumps", 3, "files")
    drawn = stream.getvalue().count("\r")
    progress.advance()
    assert stream.getvalue().count("\r") == drawn
    progress.advance(2)
    assert "3/3 files" in stream.getvalue().split("\r")[-1]


def test_each_stage_ends_its_line():
    stream = Terminal()
    progress = Progress(stream)
    progress.stage("store")
    progress.stage("checks")
    progress.finish()
    assert stream.getvalue().count("\n") == 2
