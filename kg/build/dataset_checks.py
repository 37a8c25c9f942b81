"""Whole-dataset checks: what no single report's validation can see, as SPARQL over the query store.

Each report is validated on its own (kg.build.report); what spans reports is checked here, after
the N-Quads are loaded, by the engine: a shared entity (a place, a ministry, a person) labelled
differently by two reports, an IRI given different types by two graphs, and two reports giving a
figure for the same cell (indicator, area, period, level). Each finding becomes a SHACL validation
result (severity Violation) of the build's validation report, so a dataset that breaks one is not
published, exactly as a report that breaks a shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.iris import Minter
from kg.namespaces import prefixes


@dataclass(frozen=True)
class DatasetCheck:
    """A SPARQL query whose every row is a violation: ?focus, and ?detail to fill the messages."""

    name: str
    query: str
    message: dict[str, str]  # with {detail}


CHECKS = (
    DatasetCheck(
        "OneLabelPerLanguageAcrossReports",
        """SELECT ?focus (GROUP_CONCAT(DISTINCT CONCAT('"', STR(?label), '"@', LANG(?label)); separator=" / ") AS ?detail)
           WHERE { GRAPH ?g { ?focus rdfs:label ?label } }
           GROUP BY ?focus (LANG(?label) AS ?lang)
           HAVING (COUNT(DISTINCT ?label) > 1)""",
        {
            "vi": "Hai đồ thị đặt cho cùng một IRI hai nhãn khác nhau trong cùng một thứ tiếng: {detail}. Một thực thể dùng chung phải được mọi báo cáo gọi cùng một tên (tên khác ghi vào alt_label).",
            "en": "Two graphs give one IRI different labels in the same language: {detail}. A shared entity must be named alike by every report (put other names in alt_label).",
        },
    ),
    DatasetCheck(
        "SameTypesAcrossGraphs",
        """SELECT ?focus (STR(?g) AS ?detail) WHERE {
             { SELECT ?focus (COUNT(DISTINCT ?t) AS ?all) WHERE { GRAPH ?x { ?focus a ?t } } GROUP BY ?focus }
             { SELECT ?focus ?g (COUNT(DISTINCT ?t) AS ?here) WHERE { GRAPH ?g { ?focus a ?t } } GROUP BY ?focus ?g }
             FILTER (?here < ?all)
           }""",
        {
            "vi": "IRI này được gán các loại khác nhau trong các đồ thị khác nhau: đồ thị {detail} thiếu một số loại mà đồ thị khác gán cho nó (cùng một IRI được tạo cho hai thứ khác nhau?).",
            "en": "This IRI is given different types by different graphs: graph {detail} lacks some of the types another graph gives it (one IRI minted for two different things?).",
        },
    ),
    DatasetCheck(
        "OneFigurePerCellAcrossReports",
        """SELECT (SAMPLE(?obs) AS ?focus) (GROUP_CONCAT(STR(?obs); separator=" ") AS ?detail) WHERE {
             GRAPH ?g { ?obs qb:dataSet ?dataset ; kg:indicator ?indicator ; sdmx-dimension:refArea ?area ;
                            sdmx-dimension:refPeriod ?period ; kg:adminLevel ?level }
           }
           GROUP BY ?indicator ?area ?period ?level
           HAVING (COUNT(DISTINCT ?dataset) > 1)""",
        {
            "vi": "Nhiều báo cáo cùng đưa số liệu cho một ô (cùng chỉ tiêu, địa bàn, kỳ và cấp hành chính): {detail}.",
            "en": "Several reports give a figure for the same cell (same indicator, area, period and level): {detail}.",
        },
    ),
)


def run_dataset_checks(store: pyoxigraph.Store, minter: Minter) -> Graph:
    """Run every whole-dataset check over the named graphs of `store`; a SHACL-style report graph of the findings."""
    report = Graph()
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    found = 0
    for check in CHECKS:
        shape = URIRef(minter.page(f"def/shapes/{check.name}"))
        for row in store.query(check.query, prefixes=prefixes(minter.base)):
            found += 1
            result = BNode()
            report.add((root, SH.result, result))
            report.add((result, RDF.type, SH.ValidationResult))
            report.add((result, SH.focusNode, URIRef(row["focus"].value)))
            report.add((result, SH.resultSeverity, SH.Violation))
            report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            report.add((result, SH.sourceShape, shape))
            detail = row["detail"].value if row["detail"] is not None else ""
            for lang, text in check.message.items():
                report.add((result, SH.resultMessage, Literal(text.format(detail=detail), lang=lang)))
            report.add((result, RDFS.comment, Literal(check.name)))
    report.add((root, SH.conforms, Literal(found == 0)))
    return report
