"""The dumps prepared in background processes: the same bytes as one after another, and a failed check still fails."""

from __future__ import annotations

import gzip

import pytest

from kg.build import dump_jobs
from kg.build.dump_jobs import DumpJobs
from kg.namespaces import prefixes
from kg.publication.dumps import DUMP_FORMATS, Reference
from tests.conftest import BASE


@pytest.fixture(scope="module")
def inputs(built):
    nquads = (built.path / "kg.nq").read_bytes()
    return nquads, Reference.of(nquads), prefixes(BASE)


def test_a_pool_of_workers_prepares_the_same_bytes_as_one_process(inputs):
    with DumpJobs(*inputs, workers=1) as one:
        alone = [(fmt.filename, data, packed) for fmt, data, packed in one.results()]
    with DumpJobs(*inputs, workers=2) as two:
        pooled = [(fmt.filename, data, packed) for fmt, data, packed in two.results()]
    assert [name for name, _, _ in pooled] == [fmt.filename for fmt in DUMP_FORMATS]
    assert pooled == alone
    for _name, data, packed in pooled:
        assert gzip.decompress(packed) == data


@pytest.mark.parametrize("workers", [1, 2])
def test_a_dump_that_does_not_read_back_fails_in_the_pool_too(inputs, monkeypatch, workers):
    real = dump_jobs.serialise

    def lossy(fmt, nquads, reference, table):
        data = real(fmt, nquads, reference, table)
        return data if fmt.filename != "kg.ttl" else data.replace(b'"all levels"@en', b'"all the levels"@en', 1)

    # Forked workers inherit the patched module.
    monkeypatch.setattr(dump_jobs, "serialise", lossy)
    with DumpJobs(*inputs, workers=workers) as jobs:
        with pytest.raises(AssertionError, match="kg.ttl: .* differ after reading the dump back"):
            for _ in jobs.results():
                pass
