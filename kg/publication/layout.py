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
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CURRENT = "current"
VERSIONS = "versions"
MANIFEST = "manifest.json"
STORE = "store"


class NoPublication(RuntimeError):
    """There is no complete publication in the output folder."""


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
class Manifest:
    """manifest.json: the publication's version, base IRI, graphs, counts and files."""

    version: str
    base: str
    triples: int
    graphs: dict[str, int]  # named-graph IRI -> triple count
    files: tuple[FileEntry, ...]
    dataset: str  # IRI of the dcat:Dataset / void:Dataset

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
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        return cls(
            version=data["version"],
            base=data["base"],
            dataset=data["dataset"],
            triples=data["triples"],
            graphs=data["graphs"],
            files=tuple(FileEntry(**f) for f in data["files"]),
        )


def current_dir(output_dir: Path) -> Path:
    """The folder of the live version (resolved), or NoPublication."""
    link = Path(output_dir) / CURRENT
    try:
        target = link.resolve(strict=True)
    except (FileNotFoundError, RuntimeError) as exc:
        raise NoPublication(f"no publication in {output_dir}: run `kg build` first") from exc
    if not (target / MANIFEST).is_file():
        raise NoPublication(f"{target} has no {MANIFEST}")
    return target


def read_manifest(version_dir: Path) -> Manifest:
    """The manifest of one version folder."""
    return Manifest.from_json((Path(version_dir) / MANIFEST).read_text(encoding="utf-8"))
