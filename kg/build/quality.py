"""Data quality: the sums and bounds a report allows, checked, stated with DQV, and flagged when they fail."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.namespaces import DQV, LDQD, OA

DIMENSIONS = {"completeness": LDQD.completeness, "consistency": LDQD.consistency, "semantic-accuracy": LDQD.semanticAccuracy}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: what was compared and whether it holds."""

    check_id: str
    kind: str  # "sum" or "bound"
    target: str  # figure id of the total (sum) or the whole (bound)
    parts: tuple[str, ...]
    part_values: tuple[Decimal, ...]
    target_value: Decimal
    parts_sum: Decimal
    holds: bool

    def message(self, labels: dict[str, dict[str, str]]) -> dict[str, str]:
        """What the check found, in both languages, with the figures as reported."""
        total = labels[self.target]
        if self.kind == "sum":
            terms = {lang: " + ".join(_fmt(v, lang) for v in self.part_values) for lang in ("vi", "en")}
            if self.holds:
                return {
                    "vi": f"Các thành phần cộng lại đúng bằng tổng: {terms['vi']} = {_fmt(self.target_value, 'vi')} ({total['vi']}).",
                    "en": f"The parts add up to the total: {terms['en']} = {_fmt(self.target_value, 'en')} ({total['en']}).",
                }
            diff = self.target_value - self.parts_sum
            return {
                "vi": (
                    f"Các thành phần không cộng lại bằng tổng: {terms['vi']} = {_fmt(self.parts_sum, 'vi')}, "
                    f"nhưng báo cáo ghi tổng là {_fmt(self.target_value, 'vi')} (chênh lệch {_fmt(diff, 'vi')}). "
                    "Số liệu được công bố đúng như báo cáo."
                ),
                "en": (
                    f"The parts do not add up to the total: {terms['en']} = {_fmt(self.parts_sum, 'en')}, "
                    f"but the report gives {_fmt(self.target_value, 'en')} as the total (difference {_fmt(diff, 'en')}). "
                    "The figures are published as reported."
                ),
            }
        part = _fmt(self.parts_sum, "vi"), _fmt(self.parts_sum, "en")
        whole = _fmt(self.target_value, "vi"), _fmt(self.target_value, "en")
        relation = ("không vượt quá", "does not exceed") if self.holds else ("vượt quá", "exceeds")
        return {
            "vi": f"Phần ({part[0]}) {relation[0]} tổng thể ({whole[0]}, {total['vi']}).",
            "en": f"The part ({part[1]}) {relation[1]} the whole ({whole[1]}, {total['en']}).",
        }


def run_check(check: dict, figures: dict[str, dict]) -> CheckResult:
    """Evaluate one `checks` entry against the report's figures (by id)."""
    if "total" in check:
        values = tuple(Decimal(str(figures[p]["value"])) for p in check["parts"])
        total = Decimal(str(figures[check["total"]]["value"]))
        return CheckResult(check["id"], "sum", check["total"], tuple(check["parts"]), values, total, sum(values), sum(values) == total)
    else:
        part = Decimal(str(figures[check["part"]]["value"]))
        whole = Decimal(str(figures[check["whole"]]["value"]))
    return CheckResult(check["id"], "bound", check["whole"], (check["part"],), (part,), whole, part, part <= whole)


def add_measurement(
    graph: Graph, measurement: URIRef, metric: URIRef, result: CheckResult, observations: dict[str, URIRef], message: dict[str, str], kg_ns
) -> None:
    """The check as a dqv:QualityMeasurement on the total (or whole), whatever its outcome."""
    total = observations[result.target]
    graph.add((measurement, RDF.type, DQV.QualityMeasurement))
    graph.add((measurement, DQV.computedOn, total))
    graph.add((measurement, DQV.isMeasurementOf, metric))
    graph.add((measurement, DQV.value, Literal(result.holds)))
    graph.add((measurement, kg_ns.partsSum, decimal_literal(result.parts_sum)))
    for part in result.parts:
        graph.add((measurement, kg_ns.checkedPart, observations[part]))
    graph.add((total, DQV.hasQualityMeasurement, measurement))
    label = {"vi": f"Kiểm tra: {result.check_id}", "en": f"Check: {result.check_id}"}
    for lang in ("vi", "en"):
        graph.add((measurement, RDFS.label, Literal(label[lang], lang=lang)))
        graph.add((measurement, RDFS.comment, Literal(message[lang], lang=lang)))


def add_quality_annotation(
    graph: Graph, annotation: URIRef, dimension: URIRef, targets: list[URIRef], text: dict[str, str], label: dict[str, str]
) -> None:
    """A dqv:QualityAnnotation on `targets`, its text a textual body per language (…#body-vi, …#body-en)."""
    graph.add((annotation, RDF.type, DQV.QualityAnnotation))
    graph.add((annotation, OA.motivatedBy, DQV.qualityAssessment))
    graph.add((annotation, DQV.inDimension, dimension))
    for lang in ("vi", "en"):
        body = URIRef(f"{annotation}#body-{lang}")
        graph.add((annotation, OA.hasBody, body))
        graph.add((body, RDF.type, OA.TextualBody))
        graph.add((body, RDF.value, Literal(text[lang], lang=lang)))
        graph.add((annotation, RDFS.label, Literal(label[lang], lang=lang)))
        graph.add((annotation, RDFS.comment, Literal(text[lang], lang=lang)))
    for target in targets:
        graph.add((annotation, OA.hasTarget, target))
        graph.add((target, DQV.hasQualityAnnotation, annotation))


def decimal_literal(value: Decimal) -> Literal:
    """A number as xsd:integer when whole, else xsd:decimal in canonical form.

    A whole xsd:decimal has no lexical form that both rdflib's Turtle writer ('3338.0') and
    pyoxigraph's store ('3338') keep, so dumps and store would disagree; an integer they agree on.
    """
    if value == value.to_integral_value():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)


def _fmt(value: Decimal, lang: str) -> str:
    """A number the way each language writes it: 3.339 in Vietnamese, 3,339 in English."""
    integral = value == value.to_integral_value()
    text = f"{int(value):,}" if integral else f"{value:,}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


format_number = _fmt
