"""SHACL validation with pyshacl: a result (conforms, violations, report graph), never a crash mistaken for data."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

SHAPES_FILES = ("kg-shapes.ttl",)


class ValidatorError(RuntimeError):
    """pyshacl itself failed (bad shapes, an internal error): not the same as data that does not conform."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str
    shape: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: tuple[Violation, ...]
    report: Graph


def load_shapes(shapes_dir: Path, base: str) -> Graph:
    """The SHACL shapes, relative IRIs resolved against `base`."""
    shapes = Graph()
    for name in SHAPES_FILES:
        shapes.parse(Path(shapes_dir) / name, format="turtle", publicID=base)
    return shapes


class Validator:
    """The shapes, loaded once, applied to one data graph after another."""

    def __init__(self, shapes: Graph):
        self.shapes = shapes

    def validate(self, data: Graph) -> ValidationResult:
        """Validate `data` (a graph the caller gives away: it is validated in place, not copied)."""
        return validate(data, self.shapes, inplace=True)


def validate(data: Graph, shapes: Graph, inplace: bool = False) -> ValidationResult:
    """Validate `data` (a report's graph with the vocabulary, or the union of every graph) against `shapes`."""
    try:
        conforms, report, _text = pyshacl_validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, abort_on_first=False, inplace=inplace
        )
    except Exception as exc:  # pyshacl raises many kinds; all mean "could not validate"
        raise ValidatorError(f"the SHACL validator failed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(report, Graph):
        raise ValidatorError("the SHACL validator returned no report graph")
    reports = list(report.subjects(RDF.type, SH.ValidationReport))
    if len(reports) != 1:
        raise ValidatorError("the SHACL validator's report has no sh:ValidationReport")
    violations = tuple(sorted(_violations(report, reports[0]), key=lambda v: (v.focus, v.path, v.message)))
    # pyshacl answers conforms=False on its own errors too; trust only a report whose results say so.
    if not conforms and not violations:
        raise ValidatorError("the SHACL validator said 'does not conform' without naming a single result")
    return ValidationResult(bool(conforms), violations, report)


def merge_results(results: list[ValidationResult], extra: Graph | None = None) -> ValidationResult:
    """One validation result of several (one per report, and the whole-dataset checks in `extra`).

    The report graph holds one sh:ValidationReport with every result of the parts, nested details
    included; it conforms when every part does and `extra` names no violation.
    """
    merged = Graph()
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    parts = [r.report for r in results] + ([extra] if extra is not None else [])
    for part in parts:
        for own in list(part.subjects(RDF.type, SH.ValidationReport)):
            for result in part.objects(own, SH.result):
                merged.add((report, SH.result, result))
        for s, p, o in part:
            if p == SH.conforms or (p == RDF.type and o == SH.ValidationReport) or p == SH.result and (s, RDF.type, SH.ValidationReport) in part:
                continue
            merged.add((s, p, o))
    violations = tuple(sorted((v for r in results for v in r.violations), key=lambda v: (v.focus, v.path, v.message)))
    if extra is not None:
        found = list(extra.subjects(RDF.type, SH.ValidationReport))
        violations += tuple(sorted(_violations(extra, found[0]), key=lambda v: (v.focus, v.path, v.message))) if found else ()
    conforms = all(r.conforms for r in results) and not violations
    merged.add((report, SH.conforms, Literal(conforms)))
    return ValidationResult(conforms, violations, merged)


def _violations(report: Graph, validation_report):
    # Only the report's own results: those nested under sh:detail restate them.
    for result in report.objects(validation_report, SH.result):
        severity = report.value(result, SH.resultSeverity)
        if severity != SH.Violation:
            continue
        yield Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=_path_text(report, report.value(result, SH.resultPath)),
            message="; ".join(sorted(str(m) for m in report.objects(result, SH.resultMessage))) or "(no message)",
            severity=str(severity).rsplit("#", 1)[-1],
            shape=str(report.value(result, SH.sourceShape)),
        )


def _path_text(report: Graph, path) -> str:
    if path is None:
        return ""
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^<{inverse}>"
    return f"<{path}>"


def print_violations(result: ValidationResult, out=None) -> None:
    """Write each violation of `result` (focus node, path, message) to `out`, standard error by default."""
    for violation in result.violations:
        print(f"  focus: {violation.focus}\n  path:  {violation.path}\n  {violation.message}\n", file=out or sys.stderr)
