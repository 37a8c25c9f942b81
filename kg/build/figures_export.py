"""The figures of the built store as a tidy table: one `FigureRow` per qb:Observation, written into the version.

A few plain SPARQL queries over the union of the store's graphs (the observations, the labels and
codes of what they name, their evidence, their quality annotations, the texts they quote), joined
here; the rows sorted by report, indicator, area, period and observation, so two builds of the same
inputs write the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import Decimal

import pyoxigraph

from kg.publication.dataset import DatasetDescription
from kg.publication.figures_metadata import csvw_metadata
from kg.publication.figures_table import FIGURES_CSV, FIGURES_METADATA, FigureRow, write_figures_csv
from kg.publication.void import Distribution
from kg.publication.writer import VersionWriter

PREFIXES = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dqv: <http://www.w3.org/ns/dqv#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
"""
OBSERVATIONS = """SELECT ?o ?indicator ?area ?period ?level ?value ?unit ?report ?primary WHERE {
  ?o a qb:Observation ; kg:indicator ?indicator ; sdmx-dimension:refArea ?area ; sdmx-dimension:refPeriod ?period ;
     kg:adminLevel ?level ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit .
  OPTIONAL { ?o qb:dataSet/dcterms:source ?report }
  OPTIONAL { ?o prov:hadPrimarySource ?primary }
}"""
LABELS = """SELECT DISTINCT ?s ?p ?label WHERE {
  { ?o a qb:Observation ; kg:indicator|kg:adminLevel|sdmx-attribute:unitMeasure ?s . ?s skos:prefLabel ?label . BIND(CONCAT("label-", lang(?label)) AS ?p) }
  UNION
  { ?o a qb:Observation ; kg:indicator|kg:adminLevel|sdmx-attribute:unitMeasure ?s . ?s skos:notation ?label . BIND("code" AS ?p) }
  UNION
  { ?o a qb:Observation ; sdmx-dimension:refArea ?s . ?s rdfs:label ?label . BIND(CONCAT("label-", lang(?label)) AS ?p) }
}"""
EVIDENCE = """SELECT ?o ?document ?exact ?start ?end WHERE {
  ?o a qb:Observation . ?annotation oa:hasBody ?o ; oa:hasTarget ?target .
  ?target oa:hasSource ?document ; oa:hasSelector ?words, ?at . ?words oa:exact ?exact . ?at oa:start ?start ; oa:end ?end .
}"""
QUALITY = """SELECT ?o ?annotation WHERE { ?o a qb:Observation ; dqv:hasQualityAnnotation ?annotation }"""
TEXTS = """SELECT ?document ?text WHERE { ?document schema:text ?text FILTER EXISTS { ?target oa:hasSource ?document } }"""
SENTENCE_END = re.compile(r"[.!?…;]\s|\n")
NOTE_JOIN = " | "


def select(store: pyoxigraph.Store, query: str, kg: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of the store's graphs, each a dict of the bound variables' values."""
    results = store.query(f"PREFIX kg: <{kg}>\n" + PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding [start, end): cut after the last sentence end before it and at the first after."""
    left = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right = SENTENCE_END.search(text, end)
    stop = right.start() + 1 if right else len(text)
    return text[left:stop].strip()


def figure_rows(store: pyoxigraph.Store, base: str) -> list[FigureRow]:
    """One row per qb:Observation of the store, sorted by report, indicator, area, period and observation IRI."""
    kg = f"{base}def/kg/"
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in select(store, LABELS, kg):
        known = labels[row["s"]].get(row["p"])
        if known is None or row["label"] < known:  # several: the least, the same every build
            labels[row["s"]][row["p"]] = row["label"]
    evidence: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for row in select(store, EVIDENCE, kg):
        evidence[row["o"]].append((int(row["start"]), int(row["end"]), row["document"], row["exact"]))
    quality: dict[str, set[str]] = defaultdict(set)
    for row in select(store, QUALITY, kg):
        quality[row["o"]].add(row["annotation"])
    texts = {row["document"]: row["text"] for row in select(store, TEXTS, kg)}
    comments = _comments(store, kg)
    seen: dict[str, FigureRow] = {}
    for row in select(store, OBSERVATIONS, kg):
        candidate = _row(row, labels, evidence, quality, texts, comments)
        if row["o"] not in seen or _key(candidate) < _key(seen[row["o"]]):
            seen[row["o"]] = candidate  # an observation bound twice (two sources): keep one, the same every time
    return sorted(seen.values(), key=lambda r: (r.report, r.indicator, r.area, r.period, r.observation))


def _comments(store: pyoxigraph.Store, kg: str) -> dict[str, dict[str, str]]:
    """Each quality annotation's rdfs:comment by language."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    query = "SELECT ?a ?c WHERE { ?o a qb:Observation ; dqv:hasQualityAnnotation ?a . ?a rdfs:comment ?c }"
    results = store.query(PREFIXES + query, use_default_graph_as_union=True)
    for row in results:
        comment = row["c"]
        lang = getattr(comment, "language", None) or ""
        if lang not in out[row["a"].value] or comment.value < out[row["a"].value][lang]:
            out[row["a"].value][lang] = comment.value
    return out


def _key(row: FigureRow) -> tuple:
    return tuple(str(v) for v in row.__dict__.values())


def _row(row: dict, labels: dict, evidence: dict, quality: dict, texts: dict, comments: dict) -> FigureRow:
    o = row["o"]
    ind, area, unit, level = (labels.get(row[k], {}) for k in ("indicator", "area", "unit", "level"))
    quote = sentence = ""
    if evidence.get(o):
        start, end, document, quote = min(evidence[o])
        text = texts.get(document)
        if text is not None and text[start:end] == quote:
            sentence = sentence_of(text, start, end)
    flags = sorted(quality.get(o, {}))
    notes = {lang: NOTE_JOIN.join(comments[a][lang] for a in flags if lang in comments.get(a, {})) for lang in ("vi", "en")}
    return FigureRow(
        observation=o,
        indicator=ind.get("code") or _last(row["indicator"]),
        indicator_iri=row["indicator"],
        indicator_label_vi=ind.get("label-vi", ""),
        indicator_label_en=ind.get("label-en", ""),
        area=row["area"],
        area_label_vi=area.get("label-vi", ""),
        area_label_en=area.get("label-en", ""),
        period=row["period"],
        level=level.get("code") or _last(row["level"]),
        value=Decimal(row["value"]),
        unit=unit.get("code") or _last(row["unit"]),
        unit_label_vi=unit.get("label-vi", ""),
        unit_label_en=unit.get("label-en", ""),
        quality_flag=" ".join(flags),
        quality_note_vi=notes["vi"],
        quality_note_en=notes["en"],
        quote=quote,
        sentence=sentence,
        source_document=row.get("primary", ""),
        report=row.get("report", ""),
    )


def _last(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def write_figures(writer: VersionWriter, store: pyoxigraph.Store, base: str, dataset: DatasetDescription) -> list[Distribution]:
    """Write figures.csv and its CSVW metadata into the version; their distributions for the description."""
    data = write_figures_csv(figure_rows(store, base))
    title = {"vi": f"Số liệu dạng bảng: {dataset.title['vi']}", "en": f"Figures as a table: {dataset.title['en']}"}
    text = {
        "vi": "Mỗi dòng một quan sát (qb:Observation): chỉ tiêu, địa bàn, kỳ, cấp, giá trị như báo cáo ghi, đơn vị, cảnh báo chất lượng, câu trích và nguồn.",
        "en": "One row per observation (qb:Observation): indicator, area, period, level, value as reported, unit, quality warning, quote and source.",
    }
    metadata = csvw_metadata(base, title, text, dataset.licence)
    meta = json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"
    written = [
        writer.write(FIGURES_CSV, data, "text/csv", "csv", "table"),
        writer.write(FIGURES_METADATA, meta, "application/csvm+json", "csvw", "description"),
    ]
    conforms = {FIGURES_METADATA: "https://www.w3.org/TR/tabular-metadata/", FIGURES_CSV: "https://www.rfc-editor.org/rfc/rfc4180"}
    return [Distribution(f.path, f.media_type, f.bytes, f.sha256, role=f.role, conforms_to=conforms[f.path]) for f in written]
