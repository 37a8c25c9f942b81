"""Unreadable files, simulated: one os, pathlib or open call fails with PermissionError for one path.

Never chmod: CI runs as root, and root reads a file whatever its mode. `deny(monkeypatch, os, "stat",
path)` makes `os.stat(path)` raise what the kernel would (EACCES, with the path as filename); calls
for any other path go through.
"""

from __future__ import annotations

import errno
import os


def deny(monkeypatch, owner, name: str, path) -> None:
    """Make `owner.name(path, ...)` raise PermissionError (EACCES) for `path`, and only for it."""
    original = getattr(owner, name)
    denied = os.path.abspath(path)

    def guarded(target, *args, **kwargs):
        if isinstance(target, (str, os.PathLike)) and os.path.abspath(os.fspath(target)) == denied:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(target))
        return original(target, *args, **kwargs)

    monkeypatch.setattr(owner, name, guarded)
