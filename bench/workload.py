"""What the benchmark asks each server: the kinds of request and their lists, built from the data (pure).

Every SPARQL request of a list is a different query, so that no cache answers it: the list cycles
through the sampled resources (or words), and each later round through them gets a different LIMIT
(1000, 1001, …: larger than any answer, so the work is the same). Pages cycle through the sampled
resource pages (fewer than the requests of a run at small scales: they repeat); the figures browser
cycles through views with an indicator and a period selected. wrk walks a list in
turn (bench/wrk.lua), each thread from its own offset, the warm-up backwards: it sends other requests
than the measured run. A request is one line for the Lua script:
METHOD <TAB> PATH <TAB> ACCEPT.
"""

from __future__ import annotations

import csv
import io
import random
import re
import urllib.parse
from dataclasses import dataclass

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SPARQL_JSON = "application/sparql-results+json"
HTML = "text/html"
NQUADS = "application/n-quads"

# flask-naive: a bare Flask + gunicorn + pyoxigraph app (bench/naive_app.py), the floor of our stack.
# wsgi-floor: a bare WSGI callable on our HTTP front (granian) over pyoxigraph (bench/floor_app.py), issue 12's floor.
FLOOR = "wsgi-floor"
SERVERS = ("kg", "oxigraph", "rdflib-endpoint", "flask-naive", FLOOR)
# The path of each server's SPARQL query service (GET ?query=).
QUERY_PATH = {"kg": "/sparql", "oxigraph": "/query", "rdflib-endpoint": "/sparql", "flask-naive": "/sparql", FLOOR: "/sparql"}


@dataclass(frozen=True)
class Kind:
    """One kind of request: its name in the table, what it is, and how wrk loads it."""

    name: str
    title: str
    connections: int | None = None  # None: the run's (wrk -c)


KINDS = (
    Kind("lookup", "SPARQL lookup of a distinct resource: SELECT ?p ?o WHERE { <iri> ?p ?o }"),
    Kind("html", "resource HTML page, ours only (GET /id/…, Accept: text/html)"),
    Kind("html-1c", "resource HTML page over one connection: its latency without queueing", connections=1),
    Kind("group-by", "GROUP BY aggregate: instances per class, all but one resource (FILTER varies)"),
    Kind("label-search", "label search: CONTAINS(LCASE(label), word), a different word each, LIMIT 1000"),
    Kind(
        "figures",
        "figures browser, ours only: GET /figures?indicator=…&period=… (facet counts and the table, two facets "
        "selected; Accept: text/html) over one connection, its latency without queueing",
        connections=1,
    ),
    Kind(
        "dump",
        "dump download: ours /download/kg.nq.gz (a file); oxigraph GET /store as N-Quads (serialized "
        "on each request); rdflib-endpoint, flask-naive and wsgi-floor have none",
    ),
)
KIND_NAMES = tuple(k.name for k in KINDS)
SPARQL_KINDS = ("lookup", "group-by", "label-search")


@dataclass(frozen=True)
class DataSample:
    """What the request lists are drawn from, read from the built store."""

    base: str  # the base IRI of the publication
    resources: tuple[str, ...]  # IRIs of subjects, for lookups and the GROUP BY filters
    pages: tuple[str, ...]  # paths of resource pages of our server (/id/…)
    words: tuple[str, ...]  # words of labels, lower case
    dump: str = "kg.nq.gz"  # the gzip dump our server has at /download/
    figures: tuple[str, ...] = ()  # paths of views of our figures browser (/figures?indicator=…&period=…)


LIMIT = 1000  # every SPARQL query of the benchmark ends with LIMIT (LIMIT + round)


def lookup_query(iri: str, round_: int = 0) -> str:
    return f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT {LIMIT + round_}"


def group_by_query(iri: str, round_: int = 0) -> str:
    return (
        "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class . "
        f"FILTER(?s != <{iri}>) }} GROUP BY ?class ORDER BY DESC(?n) ?class LIMIT {LIMIT + round_}"
    )


def label_query(word: str, round_: int = 0) -> str:
    literal = word.replace("\\", "\\\\").replace('"', '\\"')
    return f'SELECT ?s ?label WHERE {{ ?s <{RDFS_LABEL}> ?label . FILTER(CONTAINS(LCASE(STR(?label)), "{literal}")) }} LIMIT {LIMIT + round_}'


def rounds(items, length: int):
    """(item, round) for `length` requests cycling through the items: round r is the r-th pass."""
    items = tuple(items)
    return [(items[k % len(items)], k // len(items)) for k in range(length)]


def query_path(server: str, query: str) -> str:
    """The GET path of a SPARQL query on a server (every byte outside the unreserved set percent-encoded)."""
    return f"{QUERY_PATH[server]}?query={urllib.parse.quote(query, safe='')}"


def request_line(method: str, path: str, accept: str) -> str:
    if any(c in path + accept for c in "\t\n\r"):
        raise ValueError(f"a request holds a tab or line break: {path!r}")
    return f"{method}\t{path}\t{accept}"


def requests_for(kind: str, server: str, sample: DataSample, length: int = 50_000) -> list[str] | None:
    """The request lines of one kind for one server, or None when the server has no such thing.

    SPARQL kinds give `length` different queries; pages give each sampled page once (at most `length`)."""
    if kind in SPARQL_KINDS:
        make, items = {
            "lookup": (lookup_query, sample.resources),
            "group-by": (group_by_query, sample.resources),
            "label-search": (label_query, sample.words),
        }[kind]
        return [request_line("GET", query_path(server, make(item, r)), SPARQL_JSON) for item, r in rounds(items, length)]
    if kind in ("html", "html-1c"):
        return [request_line("GET", p, HTML) for p in sample.pages[:length]] if server == "kg" else None
    if kind == "figures":
        if server != "kg":
            return None
        if not sample.figures:
            raise ValueError("the data has no figures to browse (no figures.csv, or no indicator with a period)")
        return [request_line("GET", p, HTML) for p in sample.figures[:length]]
    if kind == "dump":
        if server == "kg":
            return [request_line("GET", f"/download/{sample.dump}", "*/*")]
        if server == "oxigraph":
            return [request_line("GET", "/store", NQUADS)]
        return None
    raise ValueError(f"unknown kind: {kind}")


FIGURE_SORTS = ("", "&sort=value", "&sort=area")


def figure_pairs(csv_text: str) -> list[tuple[str, str]]:
    """The (indicator, period) of every row of a published figures.csv (its header names the columns)."""
    return [(row["indicator"], row["period"]) for row in csv.DictReader(io.StringIO(csv_text)) if row.get("indicator") and row.get("period")]


def figure_views(pairs, n: int = 2_000, seed: int = 0) -> tuple[str, ...]:
    """Paths of /figures views with two facets selected, from (indicator code, period) pairs of the data:
    each pair in the table's own order, by value and by area, at most n of them in a fixed shuffled order."""
    paths = (
        f"/figures?{urllib.parse.urlencode({'indicator': indicator, 'period': period})}{sort}"
        for indicator, period in set(pairs)
        for sort in FIGURE_SORTS
    )
    return pick(paths, n, seed)


def choose_dump(gzip_dumps) -> str:
    """The dump the benchmark downloads from our server: the N-Quads one (the whole dataset), else the first."""
    gzip_dumps = sorted(gzip_dumps)
    return "kg.nq.gz" if "kg.nq.gz" in gzip_dumps or not gzip_dumps else gzip_dumps[0]


def page_path(iri: str, base: str) -> str | None:
    """The path of our server's HTML page for an IRI minted under `base` (/id/…), or None."""
    if not iri.startswith(base) or "#" in iri:
        return None
    path = "/" + iri[len(base) :]
    return path if path.startswith("/id/") else None


WORD = re.compile(r"[^\W\d_]{4,}")


def words_of(labels) -> list[str]:
    """The distinct words (letters only, at least 4) of some labels, lower case, sorted."""
    return sorted({w.lower() for label in labels for w in WORD.findall(label)})


def pick(items, n: int, seed: int = 0) -> tuple:
    """At most n of the items, drawn without replacement, in a shuffled order fixed by the seed."""
    items = sorted(set(items))
    rng = random.Random(seed)
    return tuple(rng.sample(items, min(n, len(items))))


def sample_from(base: str, subjects, labels, *, n_resources: int = 20_000, n_words: int = 2_000, seed: int = 0) -> DataSample:
    """A DataSample from the subjects (IRIs) and labels of the data."""
    resources = pick((s for s in subjects if s.startswith(("http://", "https://"))), n_resources, seed)
    pages = pick((p for p in map(lambda s: page_path(s, base), subjects) if p), n_resources, seed)
    words = pick(words_of(labels), n_words, seed)
    if not resources or not pages or not words:
        raise ValueError(f"the data has too little to benchmark: {len(resources)} resources, {len(pages)} pages, {len(words)} words")
    return DataSample(base=base, resources=resources, pages=pages, words=words)
