"""The publication on disk: its layout, and how a reader finds the live version.

The build (kg.publication.writer) writes it; the server only reads it. Layout of the output folder::

    <output>/
      current -> versions/<version>      a symlink, switched atomically by rename(2)
      versions/<version>/
        manifest.json                    what is here: see `Manifest`
        kg.ttl kg.nt kg.nq kg.trig kg.jsonld kg.rdf  (+ .gz of each): the dumps
        void.ttl                         VoID + DCAT description of the dataset
        validation-report.ttl            the SHACL report
        ontology.ttl shapes.ttl          the ontology (with code lists) and the shapes, as published
        sources/<report-id>.txt          the source documents, as stored
        queries.json                     the competency questions (title/description vi+en, SPARQL)
        store/                           the pyoxigraph store (named graphs; union default graph)

`<version>` is derived from the inputs, so the same inputs give the same version.

A part that exists but cannot be read (permissions, I/O errors) is `UnreadablePublication`, a 503
that names the part relative to the output folder and the OS reason; `probe` checks the parts
a version needs (its folder, manifest and store folder) without running a query.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ServiceUnavailable

CURRENT = "current"
VERSIONS = "versions"
MANIFEST = "manifest.json"
STORE = "store"


#: errno values that mean "it is not there" (NoPublication), not "it cannot be read".
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.ELOOP)
RETRY_AFTER_S = 30


class NoPublication(RuntimeError):
    """There is no complete publication in the output folder."""


class UnreadablePublication(ServiceUnavailable, NoPublication):
    """A part of the publication is there but cannot be read: a 503 naming the part, never an absolute path.

    `part` is one of "output folder", "current link", "version folder", "manifest", "store", "file";
    `name` is shown relative to the output folder; `reason` is the OS's ("permission denied");
    `path` is the absolute path, for the log only.
    """

    def __init__(self, part: str, name: str, reason: str, path: Path | str | None = None):
        self.part, self.name, self.reason, self.path = part, name, reason, path
        super().__init__(
            f"The publication cannot be read: its {part} '{name}' is not readable ({reason}). Try again in {RETRY_AFTER_S} s.",
            headers={"Retry-After": str(RETRY_AFTER_S), "Cache-Control": "no-store"},
        )

    @classmethod
    def of(cls, part: str, path: Path | str, error: OSError, output_dir: Path | str | None = None) -> UnreadablePublication:
        """The error for an OSError met reading `path` (named relative to `output_dir`)."""
        return cls(part, shown_name(path, output_dir), os_reason(error), path)

    def fields(self) -> dict[str, str]:
        """What cannot be read, as JSON fields: part, name, reason."""
        return {"part": self.part, "name": self.name, "reason": self.reason}


def os_reason(error: OSError) -> str:
    """The OS's reason for an error, without the path it names: 'permission denied'."""
    text = error.strerror or (os.strerror(error.errno) if error.errno else "")
    if not text:
        text = "permission denied" if isinstance(error, PermissionError) else "input/output error"
    return text.lower()


def shown_name(path: Path | str, output_dir: Path | str | None = None) -> str:
    """`path` relative to the output folder ('.' for the folder itself), or from its `versions/` on."""
    path = Path(os.path.abspath(path))
    if output_dir is not None:
        base = Path(os.path.abspath(output_dir))
        if path == base or path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    parts = path.parts
    if VERSIONS in parts[:-1]:
        start = len(parts) - 1 - parts[::-1].index(VERSIONS)
        return Path(*parts[start:]).as_posix()
    return path.name


def missing(error: OSError) -> bool:
    """Whether an OSError says the thing is not there (rather than that it cannot be read)."""
    return isinstance(error, FileNotFoundError) or error.errno in _MISSING


def _stat(path: Path, part: str, output_dir: Path, *, follow: bool = True) -> os.stat_result:
    try:
        return os.stat(path) if follow else os.lstat(path)
    except OSError as exc:
        if missing(exc):
            raise NoPublication(f"no publication in {output_dir}: {path} is missing; run `kg build` first") from exc
        raise UnreadablePublication.of(part, path, exc, output_dir) from exc


@dataclass(frozen=True)
class FileEntry:
    """One published file: its name relative to the version folder and what it is."""

    path: str
    media_type: str
    format: str  # a short name: turtle, ntriples, nquads, trig, jsonld, rdfxml, text, json
    bytes: int
    sha256: str
    encoding: str | None = None  # "gzip" for the compressed copies
    role: str = "dump"  # dump | description | report | ontology | shapes | source | queries


@dataclass(frozen=True)
class Served:
    """What the SPARQL endpoint serves: the data of the dumps and the dataset description (void.ttl) in its own graph."""

    triples: int  # distinct triples of the union default graph
    graphs: dict[str, int]  # every named graph -> its triple count


@dataclass(frozen=True)
class Manifest:
    """manifest.json: the publication's version, base IRI, graphs, counts and files.

    `triples` and `graphs` count the data, as in the dumps (kg.nq); `served` counts what the store and
    the endpoint hold, which adds the description graph (a manifest written before it was counted
    gives the data's counts there).
    """

    version: str
    base: str
    triples: int
    graphs: dict[str, int]  # named-graph IRI -> triple count
    files: tuple[FileEntry, ...]
    dataset: str  # IRI of the dcat:Dataset / void:Dataset
    served: Served | None = None

    @property
    def endpoint(self) -> Served:
        """What the endpoint serves (the data's counts for a manifest that does not say)."""
        return self.served or Served(self.triples, dict(self.graphs))

    def file(self, path: str) -> FileEntry | None:
        return next((f for f in self.files if f.path == path), None)

    def to_json(self) -> str:
        data = {
            "version": self.version,
            "base": self.base,
            "dataset": self.dataset,
            "triples": self.triples,
            "graphs": dict(sorted(self.graphs.items())),
            "files": [f.__dict__ for f in self.files],
        }
        if self.served is not None:
            data["served"] = {"triples": self.served.triples, "graphs": dict(sorted(self.served.graphs.items()))}
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(
            version=data["version"],
            base=data["base"],
            dataset=data["dataset"],
            triples=data["triples"],
            graphs=data["graphs"],
            files=tuple(FileEntry(**f) for f in data["files"]),
            served=Served(data["served"]["triples"], data["served"]["graphs"]) if "served" in data else None,
        )


def current_dir(output_dir: Path) -> Path:
    """The folder of the live version (resolved): NoPublication if there is none,
    UnreadablePublication if the output folder, the link, the version folder or its manifest cannot be read."""
    output_dir = Path(output_dir)
    link = output_dir / CURRENT
    _stat(output_dir, "output folder", output_dir)
    _stat(link, "current link", output_dir, follow=False)
    try:
        target = output_dir / os.readlink(link)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # EINVAL: a plain folder, not a link
            raise UnreadablePublication.of("current link", link, exc, output_dir) from exc
        target = link
    _stat(target, "version folder", output_dir)
    target = target.resolve()
    if not stat.S_ISREG(_stat(target / MANIFEST, "manifest", output_dir).st_mode):
        raise NoPublication(f"{target} has no {MANIFEST}")
    return target


def probe(version_dir: Path, output_dir: Path | None = None) -> None:
    """Open the version folder, its manifest and its store folder (no query): UnreadablePublication
    naming the first that cannot be read, NoPublication if the folder or manifest has gone."""
    version_dir = Path(version_dir)
    checks = (("version folder", version_dir, os.scandir), ("manifest", version_dir / MANIFEST, open), ("store", version_dir / STORE, os.scandir))
    for part, path, opener in checks:
        try:
            with opener(path):
                pass
        except OSError as exc:
            if part == "store" and missing(exc):
                continue  # a version served by a remote store may have none; the store check says the rest
            if missing(exc):
                raise NoPublication(f"{path} is missing") from exc
            raise UnreadablePublication.of(part, path, exc, output_dir) from exc


def read_manifest(version_dir: Path) -> Manifest:
    """The manifest of one version folder."""
    return Manifest.from_json((Path(version_dir) / MANIFEST).read_text(encoding="utf-8"))
