"""What a store gives back, compared term for term with what was loaded into it.

A store may rewrite what it loads: pyoxigraph keeps derived datatypes as their primitive
(`"374"^^xsd:nonNegativeInteger` comes back as `xsd:integer`, `xsd:dateTimeStamp` as `xsd:dateTime`)
and numbers, booleans and language tags in their canonical form; other stores have rules of their
own. The dumps are the publication's truth, so a store that answers with other terms would publish
a second dataset. The build reads every quad of its store back and compares it with the checked
N-Quads; `kg publish --to` does the same with a remote store. Any difference is `StoreDiffers`,
naming each quad as loaded and as the store gives it.

Both sides are compared as sorted canonical N-Quads lines (kg.publication.dumps.sorted_lines):
pyoxigraph's serialiser writes a term one way only, so equal lines mean equal terms (lexical form,
datatype and language tag).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph

from kg.publication.dumps import NQ, sorted_lines

SHOWN = 10  # differences named in the message; the rest are counted


@dataclass(frozen=True)
class Difference:
    """One statement that is not the same on both sides: as loaded, and as the store gives it back (None: absent)."""

    loaded: str | None
    stored: str | None

    def describe(self) -> str:
        if self.stored is None:
            return f"loaded {self.loaded}\n    the store does not give it back"
        if self.loaded is None:
            return f"the store gives {self.stored}\n    which was never loaded"
        return f"loaded {self.loaded}\n    the store gives {self.stored}"


class StoreDiffers(RuntimeError):
    """The store does not give back what was loaded into it, term for term."""

    def __init__(self, where: str, differences: list[Difference]):
        self.where = where
        self.differences = differences
        shown = "\n  ".join(d.describe() for d in differences[:SHOWN])
        more = f"\n  ... and {len(differences) - SHOWN} more" if len(differences) > SHOWN else ""
        super().__init__(
            f"{where}: {len(differences)} statement(s) differ between what was loaded and what the store "
            f"gives back (a datatype or lexical form the store rewrites?):\n  {shown}{more}"
        )


def quad_lines(quads: Iterable[pyoxigraph.Quad]) -> bytes:
    """Quads as sorted canonical N-Quads lines, duplicates dropped."""
    return sorted_lines(pyoxigraph.serialize(quads, format=NQ))


def store_lines(store: pyoxigraph.Store) -> bytes:
    """Every quad of a pyoxigraph store, as sorted canonical N-Quads lines."""
    return quad_lines(store.quads_for_pattern(None, None, None, None))


def differences(loaded: bytes, stored: bytes) -> list[Difference]:
    """The statements that differ between two sets of sorted canonical lines, each loaded line paired with
    the stored line of the same subject, predicate and graph when there is exactly one of each."""
    if loaded == stored:
        return []
    loaded_set, stored_set = set(loaded.split(b"\n")) - {b""}, set(stored.split(b"\n")) - {b""}
    missing, extra = sorted(loaded_set - stored_set), sorted(stored_set - loaded_set)
    by_key: dict[tuple, list[list[bytes]]] = defaultdict(lambda: [[], []])
    for side, lines in enumerate((missing, extra)):
        for line in lines:
            by_key[_key(line)][side].append(line)
    found: list[Difference] = []
    for gone, new in by_key.values():
        if len(gone) == 1 and len(new) == 1:
            found.append(Difference(gone[0].decode(), new[0].decode()))
        else:
            found += [Difference(line.decode(), None) for line in gone] + [Difference(None, line.decode()) for line in new]
    return sorted(found, key=lambda d: d.loaded or d.stored or "")


def check(loaded: bytes, stored: bytes, where: str) -> None:
    """StoreDiffers when `stored` is not `loaded`, line for line (both sorted canonical N-Quads lines)."""
    found = differences(loaded, stored)
    if found:
        raise StoreDiffers(where, found)


def _key(line: bytes) -> tuple:
    quad = next(iter(pyoxigraph.parse(line + b"\n", format=NQ)))
    return quad.subject, quad.predicate, quad.graph_name
