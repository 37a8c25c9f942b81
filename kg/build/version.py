"""The version id of a publication: the digest of everything it is made from, the build's own code included.

The code that counts is an explicit list (`PUBLICATION_CODE`): the packages and modules whose
changes can change a published file. The CLI, the stores and the web layer do not count (a new
help text is no new version); a module added to a listed package counts at once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import kg
from kg.build.facts import discover_reports
from kg.build.graph import VOCABULARY_FILES
from kg.build.validate import SHAPES_FILES
from kg.config import BuildConfig
from kg.publication.dataset import dataset_file
from kg.publication.layout import CURRENT, read_manifest

PACKAGE_DIR = Path(kg.__file__).resolve().parent
#: What makes a publication, relative to the kg package: packages (every module below them) and modules.
PUBLICATION_CODE = ("build", "publication", "iris.py", "namespaces.py", "config.py")


def code_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every Python file of PUBLICATION_CODE, sorted."""
    files: list[Path] = []
    for name in PUBLICATION_CODE:
        path = package_dir / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def vocabulary_files(config: BuildConfig) -> list[Path]:
    """The ontology and the shapes every report is built and checked with."""
    return [config.ontology_dir / name for name in VOCABULARY_FILES] + [config.shapes_dir / name for name in SHAPES_FILES]


def input_files(config: BuildConfig) -> list[tuple[str, Path]]:
    """Every file the publication is made from, the build's own code included, each with a name that does not
    depend on where it is installed: its place in its own folder (`reports/<id>/facts.yaml`, `ontology/kg.ttl`,
    `kg/build/graph.py`), so a repository checkout and an installed package give one version id."""
    named = [
        (f"reports/{folder.name}/{p.name}", p) for folder in discover_reports(config.reports_dir) for p in sorted(folder.iterdir()) if p.is_file()
    ]
    named += [(f"ontology/{name}", config.ontology_dir / name) for name in VOCABULARY_FILES]
    named += [(f"shapes/{name}", config.shapes_dir / name) for name in SHAPES_FILES]
    named += [("dataset.yaml", dataset_file(config.data_dir))]
    named += [(f"queries/{p.name}", p) for p in sorted(config.queries_dir.glob("*.rq"))]
    return named + [(f"kg/{p.relative_to(PACKAGE_DIR).as_posix()}", p) for p in code_files()]


def compute_version(config: BuildConfig) -> str:
    """A version id derived from the inputs and the base IRI: same inputs, same version."""
    digest = hashlib.sha256(f"kg {kg.__version__}\nbase {config.base}\n".encode())
    for name, path in input_files(config):
        digest.update(f"\n{name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def is_current(config: BuildConfig) -> bool:
    """Whether the live publication was built from exactly the present inputs."""
    link = config.output_dir / CURRENT
    try:
        return read_manifest(link.resolve(strict=True)).version == compute_version(config)
    except (OSError, ValueError, KeyError):
        return False
