"""The files the build reads besides the data: the vocabulary, the shapes, the competency questions.

They live in the repository's top-level folders `ontology/`, `shapes/` and `queries/`; this package
holds a link to each (`kg/resources/ontology -> ../../ontology`, …), so an editable install reads
the repository's folders and a wheel carries copies of them as package data (pyproject.toml,
`[tool.setuptools.package-data]`). `resource_dir` finds them either way, wherever the working
directory is.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The folders shipped with the package.
RESOURCES = ("ontology", "shapes", "queries")


def resource_dir(name: str) -> Path:
    """The folder `name` (one of RESOURCES) as shipped with the package, links resolved: the repository's, or the installed copy."""
    if name not in RESOURCES:
        raise ValueError(f"no such resource folder: {name!r} (one of {', '.join(RESOURCES)})")
    return Path(str(files(__name__).joinpath(name))).resolve()
