"""/sparql: the SPARQL 1.1 Protocol, query side, over the live publication (read-only).

- GET ?query=..., POST application/x-www-form-urlencoded (query=...), POST application/sparql-query
  (the query as the body); default-graph-uri / named-graph-uri (repeatable) set the dataset,
  otherwise the default graph is the union of the named graphs.
- Errors: 400 missing/repeated/bad query (the parser's message, with line and column), SERVICE,
  any update (an `update` parameter, application/sparql-update, INSERT... sent as a query: the
  endpoint is read-only); 406 when no format fits; 413 too long; 415 other POST bodies; 429 past the
  client's budget (Retry-After); 503 on the time limit, the memory limit, a crashed worker or a full
  pool (Retry-After).
- Format: `format=` or its alias `output=` (SPARQLWrapper sends both; given both, they must agree, else
  400) (json xml csv tsv | ttl n3 nt jsonld rdf nq trig | a media type) else Accept.
  SELECT/ASK: JSON for */*; CONSTRUCT/DESCRIBE: Turtle for */*. Browsers get the query page.
- N3 (`n3`, text/n3, text/rdf+n3, application/n3) is answered in Turtle, an N3 subset, with
  Content-Type text/turtle, as Fuseki does: the label says what the bytes are, and SPARQLWrapper's
  N3 reads any of text/turtle, text/n3, text/rdf+n3 (its convert() gives the bytes for both).
- Row limit (max_rows): a cut result has `X-KG-Truncated: true` and `X-KG-Row-Limit: <n>`
  (always sent), and SPARQL JSON results carry top-level `"kg:truncated": true, "kg:rowLimit": n`;
  the query page says so above the table. With row_limit_mode=refuse, such a result is a 400.
- Budget: a client past its query-time budget (client_budget_s per client_window_s) gets 429 with
  Retry-After (kg.web.admission), and so does one already running client_concurrency queries.
- Cache: on the embedded store, an answer already computed for the live version is sent again
  without a worker (kg.web.result_cache; `X-KG-Cache: hit` or `miss`); it costs the client no
  budget. A remote store's answers are never kept: its data can change behind our back.
- GET (and HEAD) without a query: the Service Description (Turtle for */*) to a client that accepts
  RDF, the query page to browsers, and 400 "missing query" to a client that accepts only SPARQL
  results formats (as Fuseki and Oxigraph answer); nothing acceptable at all is 406.
- Metrics: each query run (a 304 runs none) is counted by outcome and answer format (kg.web.metrics).
"""

from __future__ import annotations

import dataclasses
import json
import secrets
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request, url_for

from kg.errors import BadRequest, KgError, NotAcceptable, PayloadTooLarge, UnsupportedMediaType
from kg.namespaces import prefixes as publication_prefixes
from kg.publication.live import Version
from kg.stores.base import QueryResult
from kg.stores.guard import READ_ONLY, QueryRejected, check_size
from kg.stores.results import PREFIXED_FORMATS
from kg.web import caching, metrics
from kg.web.admission import budget_for, concurrency_for
from kg.web.app_state import current_version, store_of
from kg.web.formats import GRAPH_FORMATS, HTML, RESULTS_FORMATS, Format, format_parameter, negotiate_graph_format, pick_format, serialize_triples
from kg.web.front.bridge import CLIENT_SOCKET
from kg.web.negotiation import negotiate_language
from kg.web.present import query_chart, query_page
from kg.web.present.service_description import PREFIXES as SD_PREFIXES
from kg.web.present.service_description import service_description
from kg.web.result_cache import ResultCache, is_repeatable
from kg.web.security import script_page_policy

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


@dataclass(frozen=True)
class SparqlRequest:
    """What a protocol request asks: a query (None if absent) and the dataset."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def read_request(req) -> SparqlRequest:
    """The protocol parameters of a Flask request, or the protocol's 400/415."""
    if req.method == "POST" and req.mimetype == UPDATE_BODY:
        raise BadRequest(READ_ONLY)
    if req.method == "POST" and not req.mimetype and not req.get_data():
        raise BadRequest("missing query: POST query=... or a SPARQL query body")
    if req.method == "POST" and req.mimetype not in (FORM, QUERY_BODY):
        raise UnsupportedMediaType(f"POST a query as {FORM} (query=...) or as {QUERY_BODY}, not {req.mimetype or 'nothing'}.")
    params = req.form if req.method == "POST" and req.mimetype == FORM else req.args
    if "update" in params or "update" in req.args:
        raise BadRequest(READ_ONLY)
    queries = params.getlist("query")
    if req.method == "POST" and req.mimetype == QUERY_BODY:
        if "query" in req.args:
            raise BadRequest(f"a {QUERY_BODY} request carries its query in the body, not in a query parameter")
        try:
            queries = [req.get_data(as_text=False).decode("utf-8")]
        except UnicodeDecodeError:
            raise BadRequest("the query is not valid UTF-8") from None
    if len(queries) > 1:
        raise BadRequest(f"the query parameter is given {len(queries)} times; give it once")
    if req.method == "POST" and not (queries and queries[0].strip()):
        raise BadRequest("missing query: POST query=... or a SPARQL query body")
    fmt = format_parameter(*(params.get(name) or req.args.get(name) for name in ("format", "output")))
    return SparqlRequest(queries[0] if queries else None, tuple(params.getlist("default-graph-uri")), tuple(params.getlist("named-graph-uri")), fmt)


@bp.route("/sparql", methods=["GET", "POST"])
def sparql():
    sreq = read_request(request)
    version = current_version()
    if sreq.query is None:
        return describe_service(version, sreq)
    accept = request.headers.get("Accept")
    results_fmt = pick_format(RESULTS_FORMATS, accept, sreq.format, html=True)
    graph_fmt = pick_format(GRAPH_FORMATS, accept, sreq.format, html=True)
    if results_fmt is HTML:
        return query_page_response(version, sreq)
    if results_fmt is None and graph_fmt is None:
        offered = ", ".join(f.media_type for f in RESULTS_FORMATS + GRAPH_FORMATS)
        raise NotAcceptable(f"no SPARQL answer can be given as {sreq.format or accept}; available: {offered}")
    etag = answer_etag(version.id, sreq, accept)
    early = caching.not_modified(etag) if request.method == "GET" else None
    if early is not None:
        early.vary.add("Accept")
        return early
    try:
        result = run(version, sreq, results_fmt, graph_fmt)
    except NotAcceptable as exc:
        kind = RESULTS_FORMATS if results_fmt is None else GRAPH_FORMATS
        raise NotAcceptable(f"{exc.message}; available: {', '.join(f.media_type for f in kind)}") from None
    fmt = next(f for f in RESULTS_FORMATS + GRAPH_FORMATS if f.media_type == result.media_type)
    response = Response(result.body, content_type=fmt.content_type)
    response.headers.extend(result_headers(result, current_app.config["KG"].max_rows))
    response.vary.add("Accept")
    if request.method != "GET":
        response.cache_control.no_store = True
        return response
    return caching.publication_cache(response, etag)


def answer_etag(version_id: str, sreq: SparqlRequest, accept: str | None) -> str:
    """The ETag of an answer: the version, the request's parameters and its Accept (the same for GET and HEAD)."""
    return caching.representation_etag(version_id, repr(sreq), accept or "")


def result_headers(result: QueryResult, max_rows: int) -> list[tuple[str, str]]:
    """The headers every answer carries: whether it was cut at the row limit, the limit, and whether it was cached."""
    return [
        ("X-KG-Truncated", "true" if result.truncated else "false"),
        ("X-KG-Row-Limit", str(max_rows)),
        ("X-KG-Cache", "hit" if result.cached else "miss"),
    ]


def run(version: Version, sreq: SparqlRequest, results_fmt: Format | None, graph_fmt: Format | None, shown_as: str | None = None) -> QueryResult:
    """The answer of the query (`_answer`), its outcome counted (kg.web.metrics) in the answer's format or `shown_as`."""
    try:
        result = _answer(version, sreq, results_fmt, graph_fmt)
    except Exception as exc:
        metrics.count_failed_query(exc)
        raise
    metrics.count_query(shown_as or result.media_type)
    return result


def _answer(version: Version, sreq: SparqlRequest, results_fmt: Format | None, graph_fmt: Format | None) -> QueryResult:
    """Check the size and the client's budget here, then everything else and the run itself in the store.

    The embedded store runs it in a query worker, which watches the socket the HTTP front closes when
    the client disconnects (kg.web.front.bridge): the query is stopped and its worker replaced at once.
    A remote store (kg.stores.remote.store) runs the same checks before sending it. A client runs
    at most client_concurrency queries at once (kg.web.admission.ClientConcurrency).
    """
    config = current_app.config["KG"]
    try:
        check_size(sreq.query, config.max_query_bytes)
    except QueryRejected as exc:
        raise PayloadTooLarge(exc.message) from None
    store = store_of(current_app)
    cache: ResultCache = current_app.extensions["kg.result_cache"]
    keep = cache.keeps_answers_of(store)
    key = cache_key(version.id, sreq, results_fmt, graph_fmt, config)
    cached = cache.get(key) if keep else None
    if cached is not None:
        return cached
    budget, client = budget_for(current_app), request.remote_addr or "unknown"
    budget.check(client)
    with concurrency_for(current_app).hold(client):
        result = _run_in_store(store, version, sreq, results_fmt, graph_fmt, config, budget, client)
    if keep:
        keep_answer(cache, key, sreq.query, result)
    return result


def cache_key(version_id: str, sreq: SparqlRequest, results_fmt: Format | None, graph_fmt: Format | None, config) -> tuple:
    """What an answer kept in the result cache is kept under: everything it depends on."""
    return (
        version_id,
        sreq.query,
        sreq.default_graphs,
        sreq.named_graphs,
        results_fmt and results_fmt.media_type,
        graph_fmt and graph_fmt.media_type,
        config.max_rows,
        config.row_limit_mode,
    )


def keep_answer(cache: ResultCache, key: tuple, query: str, result: QueryResult) -> None:
    """Keep an answer for the next request that asks the same (a query whose answer can change, NOW() or RAND(), is not kept)."""
    if is_repeatable(query):
        cache.put(key, dataclasses.replace(result, cached=True), len(result.body) + len(query))


def _run_in_store(store, version, sreq, results_fmt, graph_fmt, config, budget, client) -> QueryResult:
    """The store's run of the request, the time it held a worker charged to the client's budget."""
    return store.run(
        version,
        sreq.query,
        results_format=results_fmt.media_type if results_fmt else None,
        graph_format=graph_fmt.media_type if graph_fmt else None,
        max_rows=config.max_rows,
        default_graphs=sreq.default_graphs,
        named_graphs=sreq.named_graphs,
        prefixes=publication_prefixes(version.manifest.base) if graph_fmt and graph_fmt.media_type in PREFIXED_FORMATS else None,
        max_depth=config.max_depth,
        row_limit_mode=config.row_limit_mode,
        client=request.environ.get(CLIENT_SOCKET),
        charge=lambda seconds: budget.charge(client, seconds),
    )


def describe_service(version: Version, sreq: SparqlRequest) -> Response:
    """The Service Description to RDF clients, the query page to browsers, 400 to those that take only results."""
    accept = request.headers.get("Accept")
    if pick_format(GRAPH_FORMATS, accept, sreq.format, html=True) is None and pick_format(RESULTS_FORMATS, accept, sreq.format):
        raise BadRequest(
            "missing query: give query=... (GET or a POST form) or POST a SPARQL query body; "
            "without a query, /sparql answers with its Service Description, in RDF, not in a results format"
        )
    fmt = negotiate_graph_format(accept, sreq.format, html=True)
    if fmt is HTML:
        return query_page_response(version, sreq)
    triples = service_description(request.base_url, version.manifest)
    response = Response(serialize_triples(triples, fmt, SD_PREFIXES), content_type=fmt.content_type)
    response.vary.add("Accept")
    return response


def query_page_response(version: Version, sreq: SparqlRequest) -> Response:
    """The query page: editor, examples, and the results of the query (or its error) as a table, and a chart when they have one."""
    config = current_app.config["KG"]
    lang = negotiate_language(request.args.get("lang"), request.headers.get("Accept-Language"))
    prefixes = publication_prefixes(version.manifest.base)
    context = dict(
        lang=lang,
        ui=query_page.UI[lang],
        config=config,
        examples=query_page.examples(version.path, lang),
        query=sreq.query or query_page.prefix_block(prefixes) + "\n" + query_page.DEFAULT_BODY,
        ran=sreq.query is not None,
        error=None,
        result=None,
        columns=[],
        rows=[],
        downloads=[],
        chart=None,
        editor=query_page.editor_data(version, prefixes, lang) | {"styleNonce": secrets.token_urlsafe(16)},
    )
    status, headers = 200, {}
    if sreq.query is not None:
        json_type = RESULTS_FORMATS[0]
        try:
            result = run(version, sreq, json_type, json_type, shown_as="html")
        except KgError as exc:
            context["error"], status, headers = exc.message, exc.status, exc.headers
        else:
            data = json.loads(result.body)
            cells = query_page.CellMaker(version.minter, prefixes)
            context["columns"], context["rows"] = cells.table(data)
            context["chart"] = query_chart.chart(data, cells, lang, context["ui"]["chart_title"]) if result.kind != "graph" else None
            context["result"], context["boolean"] = result, data.get("boolean")
            kinds = GRAPH_FORMATS if result.kind == "graph" else RESULTS_FORMATS
            dataset = {"default-graph-uri": list(sreq.default_graphs), "named-graph-uri": list(sreq.named_graphs)}
            context["downloads"] = [(f.name, url_for("sparql.sparql", query=sreq.query, format=f.names[0], **dataset)) for f in kinds]
    response = Response(render_template("query.html", **context), status=status, content_type="text/html; charset=utf-8")
    response.headers.update(headers)
    if context["result"] is not None:
        response.headers["X-KG-Truncated"] = "true" if context["result"].truncated else "false"
        response.headers["X-KG-Row-Limit"] = str(config.max_rows)
    response.headers["Content-Language"] = lang
    response.headers["Content-Security-Policy"] = script_page_policy(context["editor"]["styleNonce"])  # the editor: kg.web.security
    response.vary.update(["Accept", "Accept-Language"])
    if status != 200 or request.method != "GET":
        response.cache_control.no_store = True
    return response
