"""CSV on the Web metadata (W3C tabular-metadata) for figures.csv, generated from its column list.

Each column says what statement of the graph its cell is: about the observation (`aboutUrl`
"{+observation}") or about the concept or place it names, with the property the graph uses
(qb, sdmx, skos, rdfs, prov, dqv, kg:) and, for an IRI, a `valueUrl`; so a CSVW processor turns
the table back into the graph's own triples. Columns that are not statements of the graph (the
quote, its sentence, the quality notes) are `suppressOutput`, and say what they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.publication.figures_table import COLUMNS, ESCAPE, FIGURES_CSV

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
CSVW_RECOMMENDATION = "https://www.w3.org/TR/tabular-metadata/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
QB = "http://purl.org/linked-data/cube#"
SDMX = "http://purl.org/linked-data/sdmx/2009/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PROV = "http://www.w3.org/ns/prov#"
DQV = "http://www.w3.org/ns/dqv#"
SAFE_NOTE = {
    "vi": f"Ô văn bản bắt đầu bằng =, +, -, @, tab, CR hoặc {ESCAPE} được ghi thêm một dấu {ESCAPE} ở đầu để bảng tính không chạy nó như công thức; bỏ dấu đó đi là được văn bản gốc.",
    "en": f"A text cell beginning with =, +, -, @, a tab, a carriage return or {ESCAPE} is written with one {ESCAPE} before it so that no spreadsheet runs it as a formula; drop that {ESCAPE} to get the text.",
}


@dataclass(frozen=True)
class Column:
    """What one column of figures.csv states: its titles, datatype and the triple its cell makes (or none)."""

    vi: str
    en: str
    datatype: str = "string"
    property: str | None = None  # the predicate; None: the cell states nothing in the graph (suppressOutput)
    value: str | None = None  # valueUrl template when the cell names an IRI
    about: str = "{+observation}"
    lang: str | None = None
    separator: str | None = None
    note_vi: str = ""
    note_en: str = ""


def columns(base: str) -> dict[str, Column]:
    """Every column of figures.csv, in order, for a publication minted under `base`."""
    kg = f"{base}def/kg/"
    level, unit = base + "def/admin-level/{level}", base + "def/unit/{unit}"
    note = "Không phải một phát biểu của đồ thị", "Not a statement of the graph"
    spec = {
        "observation": Column("Quan sát (IRI)", "Observation (IRI)", "anyURI", RDF_TYPE, QB + "Observation"),
        "indicator": Column("Mã chỉ tiêu", "Indicator code", property=SKOS + "notation", about="{+indicator_iri}"),
        "indicator_iri": Column("Chỉ tiêu (IRI)", "Indicator (IRI)", "anyURI", kg + "indicator", "{+indicator_iri}"),
        "indicator_label_vi": Column(
            "Tên chỉ tiêu (tiếng Việt)", "Indicator (Vietnamese)", property=SKOS + "prefLabel", about="{+indicator_iri}", lang="vi"
        ),
        "indicator_label_en": Column(
            "Tên chỉ tiêu (tiếng Anh)", "Indicator (English)", property=SKOS + "prefLabel", about="{+indicator_iri}", lang="en"
        ),
        "area": Column("Địa bàn (IRI)", "Area (IRI)", "anyURI", SDMX + "dimension#refArea", "{+area}"),
        "area_label_vi": Column("Địa bàn (tiếng Việt)", "Area (Vietnamese)", property=RDFS_LABEL, about="{+area}", lang="vi"),
        "area_label_en": Column("Địa bàn (tiếng Anh)", "Area (English)", property=RDFS_LABEL, about="{+area}", lang="en"),
        "period": Column("Kỳ (năm-tháng)", "Period (year-month)", "gYearMonth", SDMX + "dimension#refPeriod"),
        "level": Column("Cấp hành chính (mã)", "Administrative level (code)", property=kg + "adminLevel", value=level),
        "value": Column("Giá trị (như báo cáo ghi)", "Value (as reported)", "decimal", SDMX + "measure#obsValue"),
        "unit": Column("Đơn vị tính (mã)", "Unit (code)", property=SDMX + "attribute#unitMeasure", value=unit),
        "unit_label_vi": Column("Đơn vị tính (tiếng Việt)", "Unit (Vietnamese)", property=SKOS + "prefLabel", about=unit, lang="vi"),
        "unit_label_en": Column("Đơn vị tính (tiếng Anh)", "Unit (English)", property=SKOS + "prefLabel", about=unit, lang="en"),
        "quality_flag": Column(
            "Cảnh báo chất lượng (IRI)",
            "Quality warnings (IRIs)",
            "anyURI",
            DQV + "hasQualityAnnotation",
            "{+quality_flag}",
            separator=" ",
            note_vi="Các chú thích chất lượng dữ liệu (dqv:QualityAnnotation) về số liệu, cách nhau bởi dấu cách; trống khi không có.",
            note_en="The data-quality annotations (dqv:QualityAnnotation) on the figure, separated by spaces; empty when there is none.",
        ),
        "quality_note_vi": Column(
            "Nội dung cảnh báo (tiếng Việt)",
            "Warning (Vietnamese)",
            note_vi=f"{note[0]}: rdfs:comment của các chú thích chất lượng, nối bằng “ | ”.",
            note_en=f"{note[1]}: the rdfs:comment of the quality annotations, joined by “ | ”.",
        ),
        "quality_note_en": Column(
            "Nội dung cảnh báo (tiếng Anh)",
            "Warning (English)",
            note_vi=f"{note[0]}: rdfs:comment của các chú thích chất lượng, nối bằng “ | ”.",
            note_en=f"{note[1]}: the rdfs:comment of the quality annotations, joined by “ | ”.",
        ),
        "quote": Column(
            "Câu trích nguyên văn",
            "Quote (verbatim)",
            note_vi=f"{note[0]} về quan sát: oa:exact của chú thích (oa:Annotation) đầu tiên làm căn cứ, theo thứ tự trong bài.",
            note_en=f"{note[1]} about the observation: the oa:exact of its first evidence annotation (oa:Annotation) in reading order.",
        ),
        "sentence": Column(
            "Câu chứa trích dẫn",
            "Sentence holding the quote",
            note_vi=f"{note[0]}: câu của văn bản nguồn chứa câu trích, để tô sáng.",
            note_en=f"{note[1]}: the sentence of the source text that holds the quote, for highlighting.",
        ),
        "source_document": Column(
            "Tài liệu nguồn (IRI)",
            "Source document (IRI)",
            "anyURI",
            PROV + "hadPrimarySource",
            "{+source_document}",
            note_vi="Tài liệu mà bài ghi nhận số liệu là của nó (prov:hadPrimarySource); trống khi bài không nói.",
            note_en="The document the article credits the figure to (prov:hadPrimarySource); empty when it names none.",
        ),
        "report": Column("Bài báo cáo (IRI)", "Report (IRI)", "anyURI", PROV + "wasDerivedFrom", "{+report}"),
    }
    if tuple(spec) != COLUMNS:
        raise AssertionError(f"the CSVW columns {tuple(spec)} are not the table's {COLUMNS}")
    return spec


def column_json(name: str, col: Column) -> dict:
    """One column's CSVW description: name, titles in both languages, datatype and the statement it makes."""
    out: dict = {"name": name, "titles": {"vi": col.vi, "en": col.en, "und": name}, "datatype": col.datatype, "required": name == "observation"}
    described = {"vi": " ".join(filter(None, [col.note_vi, SAFE_NOTE["vi"]])), "en": " ".join(filter(None, [col.note_en, SAFE_NOTE["en"]]))}
    if name == "value":
        described = {"vi": "Số thập phân, không bao giờ có dấu đặt trước.", "en": "A plain decimal number, never prefixed."}
    out["dc:description"] = [{"@value": described[lang], "@language": lang} for lang in ("vi", "en")]
    if col.property is None:
        out["suppressOutput"] = True
        return out
    out["aboutUrl"] = col.about
    out["propertyUrl"] = col.property
    if col.value is not None:
        out["valueUrl"] = col.value
    if col.lang is not None:
        out["lang"] = col.lang
    if col.separator is not None:
        out["separator"] = col.separator
    return out


def csvw_metadata(base: str, title: dict[str, str], description: dict[str, str], licence: str, url: str = FIGURES_CSV) -> dict:
    """The CSVW metadata of a figures CSV at `url` (relative to the metadata file): table, columns, key, licence."""
    return {
        "@context": [CSVW_CONTEXT, {"@language": "en"}],
        "url": url,
        "dc:title": [{"@value": title[lang], "@language": lang} for lang in ("vi", "en")],
        "dc:description": [{"@value": description[lang], "@language": lang} for lang in ("vi", "en")],
        "dc:license": {"@id": licence},
        "dc:conformsTo": {"@id": CSVW_RECOMMENDATION},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n", "\n"], "doubleQuote": True},
        "tableSchema": {
            "columns": [column_json(name, col) for name, col in columns(base).items()],
            "primaryKey": "observation",
            "aboutUrl": "{+observation}",
        },
    }
