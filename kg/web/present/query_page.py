"""What the SPARQL query page shows: its words in two languages, the example queries, the result table.

Plain functions over plain data, so the template stays dumb: results arrive as SPARQL JSON and
leave as rows of `Cell`s whose IRIs link to their local page (minted IRIs, on any host/port) or
to the outside world (foreign http(s) IRIs); literals keep their language and datatype.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from kg.iris import Minter
from kg.web.present import query_vocabulary

UI = {
    "vi": {
        "title": "Truy vấn SPARQL",
        "run": "Chạy truy vấn",
        "examples": "Truy vấn mẫu",
        "results": "Kết quả",
        "intro": "Viết một truy vấn SPARQL 1.1 (chỉ đọc). Đồ thị mặc định là hợp của mọi đồ thị có tên.",
        "limits": "Giới hạn: {timeout:g} giây mỗi truy vấn, tối đa {rows} dòng.",
        "rows": "{n} dòng",
        "none": "Không có kết quả.",
        "error": "Truy vấn không chạy được",
        "truncated": "Kết quả đã bị cắt: chỉ có {limit} dòng đầu tiên.",
        "download": "Tải kết quả:",
        "true": "Có (true)",
        "false": "Không (false)",
        "describe": "Mô tả dịch vụ",
        "other": "English",
        "editor": "Truy vấn",
        "chart": "Biểu đồ",
        "chart_title": "{number} theo {label}",
        "chart_left_out": "Biểu đồ chỉ vẽ {shown} dòng đầu; {n} dòng còn lại chỉ có trong bảng.",
        "editor_help": "Ctrl+Space gợi ý tiền tố và các lớp, thuộc tính của bộ từ vựng; bấm một truy vấn mẫu để đưa nó vào trình soạn thảo.",
        "kind_class": "lớp",
        "kind_property": "thuộc tính",
        "kind_prefix": "tiền tố",
        "example_loaded": "Đã đưa truy vấn mẫu vào trình soạn thảo: bấm “Chạy truy vấn”.",
    },
    "en": {
        "title": "SPARQL query",
        "run": "Run query",
        "examples": "Example queries",
        "results": "Results",
        "intro": "Write a SPARQL 1.1 query (read-only). The default graph is the union of all named graphs.",
        "limits": "Limits: {timeout:g} s per query, at most {rows} rows.",
        "rows": "{n} rows",
        "none": "No results.",
        "error": "The query could not run",
        "truncated": "Results truncated: only the first {limit} rows are here.",
        "download": "Download the results:",
        "true": "Yes (true)",
        "false": "No (false)",
        "describe": "Service description",
        "other": "Tiếng Việt",
        "editor": "Query",
        "chart": "Chart",
        "chart_title": "{number} by {label}",
        "chart_left_out": "The chart shows the first {shown} rows only; the other {n} are in the table.",
        "editor_help": "Ctrl+Space completes prefixes and the classes and properties of our vocabulary; click an example query to put it in the editor.",
        "kind_class": "class",
        "kind_property": "property",
        "kind_prefix": "prefix",
        "example_loaded": "The example query is in the editor: press “Run query”.",
    },
}

#: The words the editor's script shows (passed to it in the page's inline JSON).
EDITOR_WORDS = ("kind_class", "kind_property", "kind_prefix", "example_loaded")

DEFAULT_BODY = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 20\n"


@dataclass(frozen=True)
class Cell:
    """One value of a result table."""

    kind: str  # uri bnode literal triple empty
    text: str
    href: str | None = None
    title: str | None = None  # the full IRI, when `text` is shortened
    lang: str | None = None
    datatype: str | None = None
    external: bool = False


@dataclass(frozen=True)
class Example:
    id: str
    title: str
    description: str
    query: str


def prefix_block(prefixes: dict[str, str]) -> str:
    """PREFIX lines for every prefix, for the editor."""
    width = max(len(p) for p in prefixes)
    return "".join(f"PREFIX {(p + ':').ljust(width + 1)} <{ns}>\n" for p, ns in prefixes.items())


@functools.lru_cache(maxsize=8)
def _questions(path: Path) -> tuple[dict, ...]:
    if not path.is_file():
        return ()
    return tuple(json.loads(path.read_text(encoding="utf-8")))


def examples(version_path: Path, lang: str) -> list[Example]:
    """The publication's example queries (queries.json), titled in `lang`."""

    def pick(texts: dict) -> str:
        return texts.get(lang) or next(iter(texts.values()), "")

    return [Example(q["id"], pick(q["title"]), pick(q["description"]), q["query"]) for q in _questions(Path(version_path) / "queries.json")]


def editor_data(version, prefixes: dict[str, str], lang: str) -> dict:
    """What the editor's script reads (inline JSON): the prefixes, our ontology's terms in `lang`, its words."""
    ontology = query_vocabulary.ontology_file(version.path, version.manifest.files)
    terms = query_vocabulary.read_terms(ontology) if ontology else ()
    return query_vocabulary.editor_data(terms, prefixes, lang, {k: UI[lang][k] for k in EDITOR_WORDS})


class CellMaker:
    """Turns SPARQL JSON terms into cells, compacting IRIs with the publication's prefixes."""

    def __init__(self, minter: Minter, prefixes: dict[str, str]):
        self.minter = minter
        self.namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def short(self, iri: str) -> str:
        """prefix:local for a known namespace, the path for another minted IRI, else the IRI."""
        for prefix, ns in self.namespaces:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return self.minter.path_of(iri) or iri

    def cell(self, term: dict | None) -> Cell:
        if term is None:
            return Cell("empty", "")
        kind, value = term["type"], term["value"]
        if kind == "uri":
            local = self.minter.path_of(value)
            external = local is None and value.startswith(("http://", "https://"))
            return Cell("uri", self.short(value), local or (value if external else None), value, external=external)
        if kind == "bnode":
            return Cell("bnode", f"_:{value}")
        if kind == "triple":
            parts = [self.cell(value[k]).text for k in ("subject", "predicate", "object")]
            return Cell("triple", "<< " + " ".join(parts) + " >>")
        datatype = term.get("datatype")
        return Cell("literal", value, lang=term.get("xml:lang"), datatype=self.short(datatype) if datatype else None)

    def table(self, results: dict) -> tuple[list[str], list[list[Cell]]]:
        """(column names, rows of cells) of SPARQL JSON results."""
        columns = results["head"].get("vars", [])
        rows = [[self.cell(b.get(c)) for c in columns] for b in results.get("results", {}).get("bindings", [])]
        return columns, rows
