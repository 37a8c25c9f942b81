"""Reading a store back: every quad as loaded, term for term, or a StoreDiffers that names each one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.publication.dumps import NQ, sorted_lines
from kg.publication.readback import Difference, StoreDiffers, check, differences, quad_lines, store_lines

XSD = "http://www.w3.org/2001/XMLSchema#"
G = ox.NamedNode("http://example.org/graph")


def quad(subject: str, value: str, datatype: str = "integer", predicate: str = "http://example.org/p") -> ox.Quad:
    return ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)), G)


def loaded_and_stored(quads: list[ox.Quad]) -> tuple[bytes, bytes]:
    """The quads' lines, and what a pyoxigraph store gives back after loading them."""
    store = ox.Store()
    store.bulk_load(input=ox.serialize(quads, format=NQ), format=NQ)
    return quad_lines(quads), store_lines(store)


def test_a_store_that_keeps_every_term_gives_no_difference():
    loaded, stored = loaded_and_stored([quad("http://example.org/a", "374"), quad("http://example.org/b", "1.5", "decimal")])
    assert loaded == stored
    assert differences(loaded, stored) == []
    check(loaded, stored, "the store")  # no exception


def test_a_derived_datatype_the_store_rewrites_is_named_with_both_forms():
    loaded, stored = loaded_and_stored([quad("http://example.org/a", "374", "nonNegativeInteger")])
    [difference] = differences(loaded, stored)
    assert f'"374"^^<{XSD}nonNegativeInteger>' in difference.loaded
    assert f'"374"^^<{XSD}integer>' in difference.stored
    assert difference.loaded.startswith("<http://example.org/a> <http://example.org/p>")


def test_a_lexical_form_the_store_canonicalises_is_a_difference():
    loaded, stored = loaded_and_stored([quad("http://example.org/a", "007")])
    [difference] = differences(loaded, stored)
    assert '"007"' in difference.loaded and f'"7"^^<{XSD}integer>' in difference.stored


def test_a_statement_the_store_drops_or_adds_is_named_on_its_side_only():
    kept = quad("http://example.org/a", "1")
    loaded = quad_lines([kept, quad("http://example.org/b", "2")])
    stored = quad_lines([kept, quad("http://example.org/c", "3")])
    found = differences(loaded, stored)
    assert [(d.loaded is None, d.stored is None) for d in found] == [(False, True), (True, False)]
    assert "<http://example.org/b>" in found[0].loaded and "<http://example.org/c>" in found[1].stored


def test_check_raises_store_differs_naming_where_the_quad_and_both_forms():
    loaded, stored = loaded_and_stored([quad("http://example.org/a", "5", "int")])
    with pytest.raises(StoreDiffers) as raised:
        check(loaded, stored, "the store of version v1")
    message = str(raised.value)
    assert message.startswith("the store of version v1: 1 statement(s) differ")
    assert f'loaded <http://example.org/a> <http://example.org/p> "5"^^<{XSD}int>' in message
    assert f'the store gives <http://example.org/a> <http://example.org/p> "5"^^<{XSD}integer>' in message
    assert raised.value.differences == [Difference(loaded.decode().strip(), stored.decode().strip())]


def test_the_message_names_ten_differences_and_counts_the_rest():
    quads = [quad(f"http://example.org/s{i:02}", str(i), "nonNegativeInteger") for i in range(25)]
    with pytest.raises(StoreDiffers) as raised:
        check(*loaded_and_stored(quads), "the store")
    message = str(raised.value)
    assert message.count("\n    the store gives") == 10
    assert message.endswith("... and 15 more")
    assert len(raised.value.differences) == 25


def test_quad_lines_are_sorted_canonical_lines_without_duplicates():
    a, b = quad("http://example.org/b", "1"), quad("http://example.org/a", "1")
    assert quad_lines([a, b, a]) == sorted_lines(ox.serialize([b, a], format=NQ))
    assert quad_lines([a, b, a]).count(b"\n") == 2
