"""Reports built by an earlier build, kept by the digest of all they are made from: a rebuild redoes only changed reports.

A built report (its graph's N-Quads, checked, and a validation that conformed) depends on its own
folder and on what every report shares: the base IRI, the vocabulary, the shapes, the build's code,
the dataset's publisher (the curator of its readings, from dataset.yaml) and the versions of rdflib, pyshacl and pyoxigraph. An entry is named by the digest of all of
them, so any change to any of them is a different name: nothing is ever invalidated by hand. Only
conforming reports are kept (a report that breaks a shape is rebuilt, and refused, every time).
An entry that cannot be read back exactly as written is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version as package_version
from pathlib import Path

import kg
from kg.build.report import BuiltReport

CACHE_DIR = Path(".cache") / "reports"
ENTRY_FORMAT = 2  # 2: a report's named graphs (claims, curator's readings) with their counts
LIBRARIES = ("rdflib", "pyshacl", "pyoxigraph")
SUFFIX = ".json"


def shared_digest(base: str, shared_files: list[Path], publisher: str = "") -> str:
    """The digest of what every report is built with: base IRI, libraries, the files given (vocabulary, shapes, code)
    and the dataset's publisher (dataset.yaml), who curates the readings."""
    digest = hashlib.sha256(f"report cache {ENTRY_FORMAT}\nkg {kg.__version__}\nbase {base}\npublisher {publisher}\n".encode())
    for library in LIBRARIES:
        digest.update(f"{library} {package_version(library)}\n".encode())
    for path in shared_files:
        digest.update(f"\n{path.name} {path.stat().st_size}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ReportCache:
    """Conforming built reports, one JSON file each under `directory`, named by the digest of their inputs.

    `read=False` (`kg build --no-cache`) finds nothing kept but still keeps what is built.
    """

    def __init__(self, directory: Path, shared: str, read: bool = True):
        self.directory = Path(directory)
        self.shared = shared
        self.read = read
        self.asked: set[str] = set()  # the keys of this build's reports

    def key(self, folder: Path) -> str:
        """The name of `folder`'s entry: the shared digest and every file of the folder, by name and content."""
        digest = hashlib.sha256(f"{self.shared}\n{folder.name}\n".encode())
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            digest.update(f"\n{path.name} {path.stat().st_size}\n".encode())
            digest.update(path.read_bytes())
        key = digest.hexdigest()
        self.asked.add(key)
        return key

    def get(self, key: str) -> BuiltReport | None:
        """The report kept under `key`, or None when there is none or it does not read back whole."""
        if not self.read:
            return None
        try:
            entry = json.loads((self.directory / f"{key}{SUFFIX}").read_text(encoding="utf-8"))
            nquads = entry["nquads"].encode("utf-8")
            if entry["format"] != ENTRY_FORMAT or hashlib.sha256(nquads).hexdigest() != entry["nquads_sha256"]:
                return None
            return BuiltReport(
                id=entry["id"],
                graph=entry["graph"],
                area=entry["area"],
                period=entry["period"],
                text=entry["text"],
                graphs=tuple((str(name), int(count)) for name, count in entry["graphs"]),
                nquads=nquads,
                conforms=True,
                violations=(),
                report_ntriples=b"",
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, built: BuiltReport) -> None:
        """Keep `built` under `key` (a report that did not conform is not kept); written aside, then renamed."""
        if not built.conforms:
            return
        entry = {
            "format": ENTRY_FORMAT,
            "id": built.id,
            "graph": built.graph,
            "area": built.area,
            "period": built.period,
            "text": built.text,
            "graphs": [list(g) for g in built.graphs],
            "nquads_sha256": hashlib.sha256(built.nquads).hexdigest(),
            "nquads": built.nquads.decode("utf-8"),
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        final = self.directory / f"{key}{SUFFIX}"
        partial = final.with_name(f".{final.name}.{os.getpid()}")
        partial.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, final)

    def prune(self) -> None:
        """Remove every entry (and any partial file a killed build left) but those of the reports keyed here.

        Called once a build is published: a build refused for one bad report keeps what the others
        conformed with, and a fixed rebuild redoes only the fixed report.
        """
        if not self.directory.is_dir():
            return
        for path in self.directory.iterdir():
            if path.suffix != SUFFIX or path.stem not in self.asked:
                path.unlink(missing_ok=True)
