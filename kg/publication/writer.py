"""Write a publication version aside, then switch it live atomically; a failed build changes nothing.

Each file is written to a temporary folder and fsynced; the folder is renamed to versions/<version>;
then a new symlink is made beside `current` and renamed over it (rename(2) is atomic; `ln -sfn` is
not). A build killed at any moment leaves `current` pointing at a complete version; the next build
removes the leftovers. One build at a time (a lock on <output>/.build.lock).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from kg.publication.layout import CURRENT, MANIFEST, VERSIONS, FileEntry, Manifest

TMP_PREFIX = ".tmp-"
KEEP_VERSIONS = 3  # the live one and two before it, for readers still on an older version


class BuildLocked(RuntimeError):
    """Another build is writing to the same output folder."""


_locked_here: set[Path] = set()  # output folders this process is building into
_locked_here_guard = threading.Lock()


@contextmanager
def build_lock(output_dir: Path):
    """Hold the output folder's build lock for the duration of a build.

    A POSIX record lock (lockf), which belongs to this process: the build's forked pool workers do
    not inherit it, and the kernel releases it the moment the build dies, however it dies. Such a
    lock does not exclude the process holding it, hence the set of folders locked here.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    key = output_dir.resolve()
    with _locked_here_guard:
        if key in _locked_here:
            raise BuildLocked(f"another build is running in {output_dir}")
        _locked_here.add(key)
    try:
        with open(output_dir / ".build.lock", "w") as handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                raise BuildLocked(f"another build is running in {output_dir}") from exc
            try:
                yield
            finally:
                fcntl.lockf(handle, fcntl.LOCK_UN)
    finally:
        with _locked_here_guard:
            _locked_here.discard(key)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class VersionWriter:
    """Writes the files of one version into a temporary folder, then publishes it."""

    def __init__(self, output_dir: Path, version: str):
        self.output_dir = Path(output_dir)
        self.version = version
        self.versions_dir = self.output_dir / VERSIONS
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        self.tmp = self.versions_dir / f"{TMP_PREFIX}{version}-{os.getpid()}"
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self.tmp.mkdir()
        self.files: list[FileEntry] = []

    def path(self, relative: str) -> Path:
        return self.tmp / relative

    def write(self, relative: str, data: bytes, media_type: str, fmt: str, role: str, encoding: str | None = None) -> FileEntry:
        """Write one file (fsynced) and record it for the manifest."""
        target = self.tmp / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        entry = FileEntry(relative, media_type, fmt, len(data), hashlib.sha256(data).hexdigest(), encoding, role)
        self.files.append(entry)
        return entry

    def publish(self, manifest: Manifest) -> Path:
        """Write the manifest last, move the folder into place and switch `current` to it."""
        data = manifest.to_json().encode("utf-8")
        with open(self.tmp / MANIFEST, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for folder in sorted({p.parent for p in self.tmp.rglob("*")}, reverse=True):
            fsync_dir(folder)
        final = self.versions_dir / self.version
        if final.exists():
            # Same inputs, same version: the files are the same; keep the folder readers may have open.
            shutil.rmtree(self.tmp)
        else:
            os.rename(self.tmp, final)
        fsync_dir(self.versions_dir)
        switch_current(self.output_dir, final)
        return final

    def abandon(self) -> None:
        """Remove the temporary folder of a build that failed."""
        shutil.rmtree(self.tmp, ignore_errors=True)


def switch_current(output_dir: Path, version_dir: Path) -> None:
    """Point `current` at `version_dir` with one rename(2)."""
    link = output_dir / CURRENT
    tmp_link = output_dir / f"{TMP_PREFIX}{CURRENT}-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(os.path.relpath(version_dir, output_dir), tmp_link)
    os.replace(tmp_link, link)
    fsync_dir(output_dir)


def clean_up(output_dir: Path, keep: int = KEEP_VERSIONS) -> list[Path]:
    """Remove leftovers of killed builds and all but the newest `keep` versions (never the live one)."""
    output_dir = Path(output_dir)
    removed: list[Path] = []
    for leftover in output_dir.glob(f"{TMP_PREFIX}*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    versions_dir = output_dir / VERSIONS
    if not versions_dir.is_dir():
        return removed
    for leftover in versions_dir.glob(f"{TMP_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    live = (output_dir / CURRENT).resolve() if (output_dir / CURRENT).exists() else None
    complete = [p for p in versions_dir.iterdir() if p.is_dir() and (p / MANIFEST).is_file()]
    complete.sort(key=lambda p: (p / MANIFEST).stat().st_mtime, reverse=True)
    for old in complete[keep:]:
        if live is not None and old.resolve() == live:
            continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def touch(path: Path) -> None:
    """Mark a version as the newest (its manifest's mtime orders versions for clean-up)."""
    now = time.time()
    os.utime(path / MANIFEST, (now, now))
