"""Publishing loses nothing: a build killed at any moment leaves the live version intact."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.build.pipeline import build
from kg.config import BuildConfig
from kg.publication.layout import current_dir
from kg.publication.writer import TMP_PREFIX, BuildLocked, build_lock, switch_current
from tests.build.test_build import snapshot
from tests.conftest import BASE
from tests.processes import stop_process


def test_switching_current_replaces_the_link_in_one_rename(tmp_path):
    (tmp_path / "versions" / "a").mkdir(parents=True)
    (tmp_path / "versions" / "b").mkdir()
    switch_current(tmp_path, tmp_path / "versions" / "a")
    inode_before = os.lstat(tmp_path / "current").st_ino
    switch_current(tmp_path, tmp_path / "versions" / "b")
    assert os.readlink(tmp_path / "current") == "versions/b"
    assert os.lstat(tmp_path / "current").st_ino != inode_before  # a new link renamed over the old one
    assert not list(tmp_path.glob(f"{TMP_PREFIX}*"))


SWITCHES = 3000


def _read_current_until(output_dir: str, stop_file: str, counts) -> None:
    """A reader (its own process): resolve `current` again and again; count reads and the times it was missing."""
    link = os.path.join(output_dir, "current")
    reads = missing = 0
    while not os.path.exists(stop_file):
        try:
            os.readlink(link)
        except FileNotFoundError:
            missing += 1
        reads += 1
    counts[0], counts[1] = reads, missing


def test_a_reader_never_finds_current_missing_across_thousands_of_switches(tmp_path):
    import multiprocessing

    for name in ("a", "b"):
        (tmp_path / "versions" / name).mkdir(parents=True, exist_ok=True)
    switch_current(tmp_path, tmp_path / "versions" / "a")
    counts = multiprocessing.get_context("fork").Array("q", 2)
    stop = tmp_path / "stop"
    reader = multiprocessing.get_context("fork").Process(target=_read_current_until, args=(str(tmp_path), str(stop), counts))
    reader.start()
    try:
        for i in range(SWITCHES):
            switch_current(tmp_path, tmp_path / "versions" / ("b" if i % 2 == 0 else "a"))
    finally:
        stop.touch()
        reader.join(30)
    reads, missing = counts[0], counts[1]
    assert reader.exitcode == 0
    assert reads > SWITCHES  # the reader really ran alongside the switches
    assert missing == 0
    assert os.readlink(tmp_path / "current") == "versions/a"


def test_a_second_build_in_the_same_folder_is_refused_while_one_runs(tmp_path):
    with build_lock(tmp_path):
        with pytest.raises(BuildLocked):
            with build_lock(tmp_path):
                pass


def test_the_build_lock_is_free_once_its_build_dies_though_a_process_it_forked_lives_on(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from kg.publication.writer import build_lock
        with build_lock(Path({str(tmp_path)!r})):
            worker = os.fork()
            if worker == 0:  # a process that outlives the build, as a stray pool worker would
                time.sleep(120)
                os._exit(0)
            print(worker, flush=True)
            time.sleep(120)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    worker = int(holder.stdout.readline())
    try:
        with pytest.raises(BuildLocked):
            with build_lock(tmp_path):
                pass
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        with build_lock(tmp_path):
            pass
    finally:
        stop_process(holder)
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGKILL)


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.2, 1.6, 2.0, 2.5])
def test_a_build_killed_with_sigkill_leaves_the_live_version_byte_identical(tmp_path, delay):
    output = tmp_path / "out"
    live = build(BuildConfig(base=BASE, output_dir=output))
    before = snapshot(live.path)
    data = tmp_path / "data"
    shutil.copytree(BuildConfig().data_dir, data)
    facts = data / "reports" / "binh-phuoc-2012-ict" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# another version\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", "--output", str(output), "--data", str(data), "--base", BASE],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    live_now = current_dir(output)
    # Killed before the switch: the old version is live, untouched. After it: the new one, complete.
    if live_now == live.path.resolve():
        assert snapshot(live.path) == before
    else:
        assert (live_now / "manifest.json").is_file()
    rebuilt = build(BuildConfig(base=BASE, output_dir=output, data_dir=data))
    assert current_dir(output) == rebuilt.path.resolve()
    assert not list((output / "versions").glob(f"{TMP_PREFIX}*"))
    assert snapshot(live.path) == before
