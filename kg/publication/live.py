"""The live publication as the server sees it: the current version's manifest, files and store.

No publication is `NoPublication`; one whose folder, link, version folder or manifest cannot be read
is `UnreadablePublication` (kg.publication.layout), a 503 that names the part.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.iris import Minter
from kg.publication.layout import MANIFEST, STORE, Manifest, NoPublication, UnreadablePublication, current_dir, missing, read_manifest


@dataclass(frozen=True)
class Version:
    """One complete, immutable version of the publication."""

    path: Path
    manifest: Manifest

    @property
    def id(self) -> str:
        return self.manifest.version

    @property
    def store_path(self) -> Path:
        return self.path / STORE

    @property
    def minter(self) -> Minter:
        return Minter(self.manifest.base)


class LivePublication:
    """Follows the `current` link of an output folder; a rebuild is picked up on the next request.

    Reading the link is one readlink(2) per request; the manifest is read again only when the
    link points somewhere new. Old versions stay readable until the build cleans them up.
    """

    def __init__(self, output_dir: Path):
        self.output_dir = Path(output_dir)
        self._lock = threading.Lock()
        self._target: str | None = None
        self._version: Version | None = None

    def current(self) -> Version:
        """The live version: NoPublication when there is none, UnreadablePublication when it cannot be read."""
        link = self.output_dir / "current"
        try:
            target = os.readlink(link)
        except OSError:
            target = None
        with self._lock:
            if self._version is None or target != self._target:
                path = current_dir(self.output_dir)
                self._version = Version(path, self._manifest(path))
                self._target = target
            return self._version

    def _manifest(self, path: Path) -> Manifest:
        try:
            return read_manifest(path)
        except OSError as exc:
            if missing(exc):
                raise NoPublication(f"{path} has no {MANIFEST}") from exc
            raise UnreadablePublication.of("manifest", path / MANIFEST, exc, self.output_dir) from exc
