"""/downloads (the list of published files) and /download/<name> (one of them, and only those).

A name is served only when the manifest lists it, compared as a whole string, so nothing outside
the version folder can be named (``..``, ``%2e%2e``, backslashes, absolute paths: all 404).
Files go out with their media type, the SHA-256 as ETag, Last-Modified, conditional GET and
ranges; a client that accepts gzip gets the published .gz copy with ``Content-Encoding: gzip``
(and ``Vary: Accept-Encoding``). The .gz files can also be downloaded as themselves. A listed file
that cannot be opened is a 503 naming it (UnreadablePublication, part "file"), not a 500.

The page gives each file's rights as the description (void.ttl, kg.publication.rights) states them:
a source text (``sources/<report>.txt``) is its publisher's, quoted for reference and under no
licence of kg's, with a link to its document's rights statement; every other file is under
CC BY 4.0 (the licence dataset.yaml names), and the dumps, which carry the source texts, leave those
out (the dataset's statement). The JSON listing says the same: the dataset's licence and rights
statement (with the sources' rights), and each file's `licence` (null for a source text) and `rights`.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request, send_file, url_for
from werkzeug.utils import get_content_type

from kg.errors import NotFound
from kg.publication.layout import FileEntry, UnreadablePublication
from kg.publication.live import Version
from kg.web.app_state import current_version
from kg.web.negotiation import best_match, negotiate_language, prefers_html
from kg.web.views import about

bp = Blueprint("downloads", __name__)

ROLES = ("dump", "table", "description", "ontology", "shapes", "report", "queries", "source")
UI = {
    "vi": {
        "title": "Tải dữ liệu",
        "file": "Tệp",
        "format": "Định dạng",
        "size": "Kích thước",
        "role": "Loại",
        "intro": "Mọi tệp của phiên bản {version}. Tệp .gz là bản nén của cùng nội dung.",
        "json": "Danh sách này dưới dạng JSON",
        "other": "English",
        "compressed": "nén",
        "rights": "Quyền",
        "licence": "CC BY 4.0",
        "dump_rights": "trừ các văn bản nguồn",
        "source_rights": "Quyền của đơn vị đăng bài, trích để tham khảo; không theo CC BY 4.0",
        "roles": {
            "dump": "dữ liệu",
            "description": "mô tả bộ dữ liệu",
            "ontology": "bản thể học",
            "shapes": "ràng buộc SHACL",
            "report": "báo cáo kiểm định",
            "queries": "truy vấn mẫu",
            "source": "văn bản gốc",
            "table": "bảng số liệu (CSV)",
        },
    },
    "en": {
        "title": "Downloads",
        "file": "File",
        "format": "Format",
        "size": "Size",
        "role": "Kind",
        "intro": "Every file of version {version}. The .gz files are compressed copies of the same content.",
        "json": "This list as JSON",
        "other": "Tiếng Việt",
        "compressed": "compressed",
        "rights": "Rights",
        "licence": "CC BY 4.0",
        "dump_rights": "the source texts excluded",
        "source_rights": "The publisher's, quoted for reference; not under CC BY 4.0",
        "roles": {
            "dump": "data",
            "description": "dataset description",
            "ontology": "ontology",
            "shapes": "SHACL shapes",
            "report": "validation report",
            "queries": "example queries",
            "source": "source text",
            "table": "figures table (CSV)",
        },
    },
}


def media_type_of(entry: FileEntry) -> str:
    """The Content-Type a file is served with: a .gz copy as application/gzip, text (and XML) as UTF-8."""
    return get_content_type("application/gzip" if entry.encoding == "gzip" else entry.media_type, "utf-8")


def describe_file(entry: FileEntry) -> dict:
    return {
        "name": entry.path,
        "url": url_for("downloads.download", name=entry.path, _external=True),
        "role": entry.role,
        "format": entry.format,
        "media_type": media_type_of(entry),
        "encoding": entry.encoding,
        "bytes": entry.bytes,
        "sha256": entry.sha256,
    }


def rights_of(entry: FileEntry, version: Version, licence: str | None) -> dict:
    """What the page says of a file's rights, as void.ttl states them (kg.publication.rights).

    A source text's file states its document's rights statement (`<document>#rights`, shown on the
    document's page) and no licence; every other file is under the dataset's `licence` (from
    dataset.yaml; CC BY 4.0 for the project's data), and a dump also points to the dataset's
    statement, which leaves the source texts out.
    """
    minter = version.minter
    if entry.role == "source":
        report = entry.path.removeprefix("sources/").removesuffix(".gz").removesuffix(".txt")
        return {"source": True, "statement": f"{minter.path_of(minter.thing('document', report))}#rights"}
    dataset = version.manifest.dataset
    statement = f"{minter.path_of(dataset) or dataset}#rights" if entry.role == "dump" and dataset else None
    return {"source": False, "licence": licence, "statement": statement}


def json_rights(rights: dict, version: Version) -> dict:
    """A file's rights in the JSON listing: its licence (null for a source text) and its rights statement, as IRIs."""
    statement = rights["statement"]
    iri = version.minter.base + statement.lstrip("/") if statement and statement.startswith("/") else statement
    return {"licence": rights.get("licence"), "rights": iri}


def find_file(version: Version, name: str) -> FileEntry:
    """The manifest entry named exactly `name`, whose file lies inside the version folder; else 404."""
    entry = version.manifest.file(name)
    if entry is not None:
        path = (version.path / entry.path).resolve()
        if path.is_relative_to(version.path.resolve()) and path.is_file():
            return entry
    raise NotFound(f"There is no file {name!r} in this publication; /downloads lists every file.")


@bp.get("/downloads")
def downloads():
    version = current_version()
    entries = sorted(version.manifest.files, key=lambda f: (_role_order(f.role), f.path))
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    dataset = about.rights(about.description_of(version), version.manifest.dataset, lang) if version.manifest.dataset else {}
    rights = [rights_of(e, version, dataset.get("licence")) for e in entries]
    wanted = request.args.get("format")
    accept = request.headers.get("Accept")
    html = wanted == "html" or (wanted != "json" and (prefers_html(accept) or best_match(accept, ["application/json", "text/html"]) == "text/html"))
    if not html:
        files = [{**describe_file(f), **json_rights(r, version)} for f, r in zip(entries, rights, strict=True)]
        response = jsonify(
            {
                "version": version.id,
                "dataset": version.manifest.dataset,
                "licence": dataset.get("licence"),
                "rights": {"statement": dataset.get("statement"), "label": dataset.get("label"), "sources": dataset.get("sources")},
                "files": files,
            }
        )
    else:
        rows = [{**describe_file(f), "rights": r} for f, r in zip(entries, rights, strict=True)]
        ui = {**UI[lang], "licence": dataset.get("licence_label") or UI[lang]["licence"]}
        body = render_template("downloads.html", lang=lang, ui=ui, version=version.id, files=rows, dataset_rights=dataset)
        response = Response(body, content_type="text/html; charset=utf-8")
        response.headers["Content-Language"] = lang
        response.vary.add("Accept-Language")
    response.vary.add("Accept")
    return response


@bp.get("/download/<path:name>", merge_slashes=False)
def download(name: str):
    version = current_version()
    try:
        return _send(version, name)
    except OSError as exc:
        path = version.path / (exc.filename or name)
        raise UnreadablePublication.of("file", path, exc, current_app.extensions["kg.publication"].output_dir) from exc


def _send(version: Version, name: str) -> Response:
    """The response for one listed file (OSError when it cannot be opened)."""
    entry = find_file(version, name)
    packed = version.manifest.file(entry.path + ".gz") if entry.encoding is None else None
    gzip_ok = packed is not None and request.accept_encodings["gzip"] > 0
    served = packed if gzip_ok else entry
    path = version.path / served.path
    mimetype = "application/gzip" if entry.encoding == "gzip" else entry.media_type  # werkzeug adds the charset
    response = send_file(
        path,
        mimetype=mimetype,
        etag=served.sha256,
        conditional=True,
        download_name=entry.path.rsplit("/", 1)[-1],
        last_modified=path.stat().st_mtime,
        max_age=current_app.config["KG"].cache_max_age_s,
    )
    if gzip_ok:
        response.headers["Content-Encoding"] = "gzip"
    if packed is not None:
        response.vary.add("Accept-Encoding")
    return response


def _role_order(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def human_size(n: float) -> str:
    """1536 -> '1.5 KB'."""
    unit = "B"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            break
        n /= 1024
    return f"{int(n)} B" if unit == "B" else f"{n:.1f} {unit}"


@bp.app_template_filter("human_size")
def _human_size_filter(n: int) -> str:
    return human_size(n)
