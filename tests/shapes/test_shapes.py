"""The SHACL shapes (shapes/kg-shapes.ttl): each invalid graph is rejected for the reason it was written for.

Data-driven, in the style of pySHACL's own suite: tests/shapes/invalid/*.ttl each break one shape of a
conforming baseline (tests/shapes/valid/*.ttl) and state the violation they expect; see cases.py.
"""

from __future__ import annotations

import functools
import logging
import re
import warnings

import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.build.validate import SHAPES_FILES, load_shapes, validate
from kg.namespaces import SDMX_MEASURE

from .cases import BASE, SHAPES_DIR, Result, apply, baseline, invalid_cases, load_case, reporting_shapes, results_of, top_level_results

SHAPES_FILE = SHAPES_DIR / SHAPES_FILES[0]
CASES = invalid_cases()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR, BASE)


@pytest.fixture(scope="module")
def base_graph() -> Graph:
    return baseline()


@pytest.fixture(scope="module")
def validated(shapes, base_graph):
    """Validate a case once per module, however many tests look at its report."""

    @functools.cache
    def run(name: str):
        case = load_case(next(p for p in CASES if p.stem == name))
        return case, validate(apply(base_graph, case), shapes)

    return run


# -- the shapes file ---------------------------------------------------------------------------


def test_the_shapes_file_holds_no_absolute_iri_of_the_server_and_no_base_directive():
    text = SHAPES_FILE.read_text(encoding="utf-8")
    assert "127.0.0.1" not in text and "localhost" not in text
    assert not re.search(r"^\s*(@base|BASE)\b", text, re.MULTILINE | re.IGNORECASE)


def test_shape_iris_resolve_against_the_base_given_at_parse_time(shapes):
    named = reporting_shapes(shapes)
    assert named and all(str(s).startswith(BASE + "def/shapes/") for s in named)
    assert (None, SH.hasValue, URIRef(BASE + "def/unit/percent")) not in shapes  # percent is a target parameter
    assert (None, URIRef(BASE + "def/shapes/unit"), URIRef(BASE + "def/unit/percent")) in shapes


def test_the_shapes_graph_conforms_to_shacl_shacl(shapes):
    conforms, _report, text = meta_validate(shapes, inference="none")
    assert conforms, text


def test_every_reporting_shape_has_an_iri(shapes):
    assert not [s for s in reporting_shapes(shapes) if isinstance(s, BNode)]


@pytest.mark.parametrize("prop", [RDFS.label, SH.message], ids=["label", "message"])
def test_every_reporting_shape_has_one_text_in_vietnamese_and_one_in_english(shapes, prop):
    missing = {
        str(shape): sorted(str(o.language) for o in shapes.objects(shape, prop) if isinstance(o, Literal)) for shape in reporting_shapes(shapes)
    }
    assert {s: langs for s, langs in missing.items() if langs != ["en", "vi"]} == {}


def test_every_reporting_shape_has_an_invalid_graph_that_breaks_it(shapes):
    covered = {r.shape for path in CASES for r in load_case(path).expected}
    untested = sorted(str(s).removeprefix(BASE) for s in reporting_shapes(shapes) if str(s) not in covered)
    assert untested == []


def test_every_expected_shape_exists(shapes):
    named = {str(s) for s in reporting_shapes(shapes)}
    unknown = sorted({f"{p.name}: {r.shape}" for p in CASES for r in load_case(p).expected if r.shape not in named})
    assert unknown == []


# -- the baseline -------------------------------------------------------------------------------


def test_the_baseline_conforms(shapes, base_graph):
    result = validate(base_graph, shapes)
    assert result.conforms, "\n".join(map(str, result.violations))


def test_the_baseline_holds_an_instance_of_every_targeted_class(shapes, base_graph):
    classes = set(shapes.objects(None, SH.targetClass))
    assert {str(c) for c in classes if (None, RDF.type, c) not in base_graph} == set()


def test_validation_runs_without_a_pyshacl_warning(shapes, base_graph, caplog):
    with caplog.at_level(logging.WARNING), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validate(base_graph, shapes)
    # rdflib's own deprecation notices say nothing about the shapes; anything else (a recursion
    # warning, a shape pyshacl skips, a logged problem) does
    assert [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)] == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


# -- the invalid graphs -------------------------------------------------------------------------


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_an_invalid_graph_is_rejected_with_exactly_the_violations_it_expects(validated, case_file):
    case, result = validated(case_file.stem)
    assert not result.conforms
    assert sorted(results_of(result.report)) == sorted(case.expected)


def test_a_figure_given_as_yaml_true_is_rejected(shapes, base_graph):
    # facts.py takes `value: true` for a number (a bool is an int in Python) and graph.py writes
    # Literal(True, datatype=xsd:integer), which rdflib holds well-typed; no Turtle file can say that.
    observation = URIRef(BASE + "id/observation/test/computers-total")
    graph = Graph()
    for triple in base_graph:
        graph.add(triple)
    graph.set((observation, SDMX_MEASURE.obsValue, Literal(True, datatype=XSD.integer)))
    assert results_of(validate(graph, shapes).report) == {
        Result(str(observation), f"<{SDMX_MEASURE.obsValue}>", BASE + "def/shapes/Observation-obsValue")
    }


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_every_violation_gives_the_message_of_its_shape_in_vietnamese_and_english(validated, shapes, case_file):
    _case, result = validated(case_file.stem)
    report = result.report
    for node in top_level_results(report):
        shape = report.value(node, SH.sourceShape)
        templates = sorted(shapes.objects(shape, SH.message), key=lambda m: m.language)
        messages = sorted(report.objects(node, SH.resultMessage))
        assert [t.language for t in templates] == ["en", "vi"]
        assert len(messages) == 2, messages
        if (shape, SH.sparql, None) in shapes:
            # pyshacl fills in {?var} and drops the language tag: the words must still be the template's
            assert all(any(_fills(t, m) for m in messages) for t in templates), messages
        else:
            assert set(messages) == set(templates)


def _fills(template: Literal, message: Literal) -> bool:
    """Whether `message` is `template` with its {?var} / {$var} placeholders filled in."""
    pattern = ".+".join(re.escape(part) for part in re.split(r"\{[?$]\w+\}", str(template)))
    return re.fullmatch(pattern, str(message), re.DOTALL) is not None
