"""/figures: the figures browser (facets, table, chart), as HTML, JSON (/figures.json) and CSV (/figures.csv).

The rows are the version's published figures.csv (kg.publication.figures_table), read and indexed once
per version (kg.web.present.figure_index, kept with the version's lookups, so a rebuild or a switch
to another version is picked up). /figures.csv with no query string is that file itself, served as
/download serves it (ETag = SHA-256, conditional GET, gzip); with parameters it is the filtered view,
every matching row, in the order asked for. /figures.csv-metadata.json is the published CSVW metadata.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from kg.errors import BadRequest, NotFound
from kg.publication.figures_table import FIGURES_CSV, FIGURES_METADATA, read_figures_csv, write_figures_csv
from kg.publication.layout import UnreadablePublication
from kg.publication.live import Version
from kg.web import app_state
from kg.web.app_state import current_version
from kg.web.negotiation import best_match, negotiate_language
from kg.web.present.figure_browser import DEFAULT_SIZE, Query, browse, number, parse_query
from kg.web.present.figure_chart import chart_for
from kg.web.present.figure_index import FigureIndex, build_index, matching, page_rows
from kg.web.views.downloads import _send

bp = Blueprint("figures", __name__)

UI = {
    "vi": {
        "title": "Số liệu",
        "intro": "Mọi số liệu của phiên bản {version}: chọn chỉ tiêu, địa bàn, kỳ, cấp hoặc báo cáo để lọc; mỗi lựa chọn là một địa chỉ có thể lưu lại.",
        "facets": {"indicator": "Chỉ tiêu", "area": "Địa bàn", "period": "Kỳ", "level": "Cấp", "report": "Báo cáo"},
        "reset": "Bỏ mọi lựa chọn",
        "remove": "bỏ chọn",
        "more": "Các giá trị khác",
        "count": "{total} số liệu",
        "value": "Giá trị",
        "area": "Địa bàn",
        "indicator": "Chỉ tiêu",
        "period": "Kỳ",
        "quote": "Trích dẫn",
        "links": "Liên kết",
        "observation": "số liệu",
        "source": "văn bản nguồn",
        "warning": "Cảnh báo chất lượng",
        "none": "Không có số liệu nào trong lựa chọn này.",
        "chart": "Biểu đồ",
        "sort_value": "Sắp theo giá trị",
        "sort_area": "Sắp theo địa bàn",
        "forms": "Dạng khác",
        "csv": "Tải CSV của lựa chọn này",
        "csv_all": "Toàn bộ figures.csv",
        "metadata": "Siêu dữ liệu CSVW",
        "page": "Trang {page}/{pages}",
    },
    "en": {
        "title": "Figures",
        "intro": "Every figure of version {version}: choose an indicator, area, period, level or report to filter; every choice is an address you can bookmark.",
        "facets": {"indicator": "Indicator", "area": "Area", "period": "Period", "level": "Level", "report": "Report"},
        "reset": "Clear every choice",
        "remove": "remove",
        "more": "More values",
        "count": "{total} figures",
        "value": "Value",
        "area": "Area",
        "indicator": "Indicator",
        "period": "Period",
        "quote": "Quote",
        "links": "Links",
        "observation": "figure",
        "source": "source document",
        "warning": "Data-quality warning",
        "none": "No figures match this view.",
        "chart": "Chart",
        "sort_value": "Sort by value",
        "sort_area": "Sort by area",
        "forms": "Other formats",
        "csv": "Download this view as CSV",
        "csv_all": "The whole figures.csv",
        "metadata": "CSVW metadata",
        "page": "Page {page} of {pages}",
    },
}
SHOWN = 40  # facet values listed before the rest fold into a <details>


def _labels(data, version: Version, rows) -> dict[str, tuple[str, str]]:
    """Labels (vi, en) of the level codes and report IRIs, from the graph."""
    iris = {code: str(version.minter.concept("admin-level", code)) for code in {r.level for r in rows if r.level}}
    iris.update({r.report: r.report for r in rows if r.report})
    vi, en = data.labels(iris.values(), "vi"), data.labels(iris.values(), "en")
    out = {}
    for value, iri in iris.items():
        one, other = vi.get(iri), en.get(iri)
        if one or other:
            out[value] = ((one or other).text, (other or one).text)
    return out


def index_of(version: Version) -> FigureIndex:
    """The index of the version's figures.csv, built on first use and kept with the version's lookups."""
    data = app_state.lookups_of(version)

    def make() -> FigureIndex:
        path = version.path / FIGURES_CSV
        if version.manifest.file(FIGURES_CSV) is None or not path.is_file():
            raise NotFound(f"version {version.id} publishes no {FIGURES_CSV}; rebuild it with a kg that writes one")
        try:
            rows = read_figures_csv(path)
        except OSError as exc:
            raise UnreadablePublication.of("file", path, exc, current_app.extensions["kg.publication"].output_dir) from exc
        return build_index(rows, _labels(data, version, rows))

    return data.memo("figure-index", make)


def _args() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


def _view(version: Version, lang: str, path: str) -> tuple[FigureIndex, dict]:
    index = index_of(version)
    query = parse_query(index, _args())
    view = browse(index, query, lang, version.minter.path_of, lang_in_urls="lang" in request.args, path=path)
    return index, view


def _json(version: Version, lang: str, index: FigureIndex, view: dict) -> Response:
    chart = chart_for(index, view, lang, version.minter.path_of)
    body = {k: v for k, v in view.items() if k != "mask"}
    body["rows"] = [{**r, "value": number(r["value"]), "value_text": format(r["value"], "f")} for r in view["rows"]]
    body.update(version=version.id, lang=lang, chart={"kind": chart["kind"], "reason": chart["reason"]})
    response = jsonify(body)
    response.vary.add("Accept")
    response.vary.add("Accept-Language")
    return response


@bp.get("/figures")
def figures_page():
    """The browser page (HTML), or the same view as JSON to a client that asks for it."""
    version = current_version()
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    wanted = request.args.get("format", "").lower()
    if wanted not in ("", "html", "json"):
        raise BadRequest(f"format must be html or json, not {wanted[:40]!r}; the CSV is at /figures.csv")
    as_json = wanted == "json" or (
        wanted != "html" and best_match(request.headers.get("Accept"), ["text/html", "application/json"]) == "application/json"
    )
    index, view = _view(version, lang, "/figures.json" if as_json else "/figures")
    if as_json:
        return _json(version, lang, index, view)
    chart = chart_for(index, view, lang, version.minter.path_of)
    ui = UI[lang]
    body = render_template("figures.html", lang=lang, ui=ui, view=view, chart=chart, version=version.id, shown=SHOWN, default_size=DEFAULT_SIZE)
    response = Response(body, content_type="text/html; charset=utf-8")
    response.headers["Content-Language"] = lang
    response.headers["Link"] = (
        f'<{view["links"]["json"]}>; rel="alternate"; type="application/json", <{view["links"]["csv"]}>; rel="alternate"; type="text/csv"'
    )
    response.vary.add("Accept")
    response.vary.add("Accept-Language")
    return response


@bp.get("/figures.json")
def figures_json():
    """The view as JSON: facets with counts and links, the page of rows, totals and links."""
    version = current_version()
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    index, view = _view(version, lang, "/figures.json")
    return _json(version, lang, index, view)


@bp.get("/figures.csv")
def figures_csv():
    """The published figures.csv (no query string), or every row of the view asked for, sorted as asked."""
    version = current_version()
    if not request.query_string:
        return _published(version, FIGURES_CSV)
    index = index_of(version)
    query: Query = parse_query(index, _args())
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    mask = matching(index, query.selection)  # every page: paging does not apply to a download
    rows = page_rows(index, mask, query.sort, query.order == "desc", lang, 0, max(1, mask.bit_count()))
    response = Response(write_figures_csv(rows), content_type="text/csv; charset=utf-8; header=present")
    response.headers["Content-Disposition"] = 'attachment; filename="figures.csv"'
    response.vary.add("Accept-Language")
    return response


@bp.get("/figures.csv-metadata.json")
def figures_metadata():
    """The CSV on the Web metadata of figures.csv, as published."""
    return _published(current_version(), FIGURES_METADATA)


def _published(version: Version, name: str) -> Response:
    try:
        return _send(version, name)
    except OSError as exc:
        path = version.path / (exc.filename or name)
        raise UnreadablePublication.of("file", path, exc, current_app.extensions["kg.publication"].output_dir) from exc
