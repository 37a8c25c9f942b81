"""The media types we speak: one table of SPARQL results formats, one of RDF graph formats.

Every endpoint picks its representation here, from (in this order) a ``format=`` parameter (a short
name such as ``ttl`` or a full media type), or the Accept header (q-values, ``*/*``, ``type/*``).
Resource pages may also map a file suffix (``.ttl``) to a format. HTML is offered only where a
page exists, and only to clients that ask for it (browsers): ``*/*`` gets data, never a page.

N3 is a superset of Turtle, so a request for N3 (``n3``, ``text/n3``, ``text/rdf+n3``,
``application/n3``) is answered in Turtle and labelled ``text/turtle``, as Apache Jena Fuseki does:
the label says what the bytes are, and N3 clients (SPARQLWrapper, rdflib) take Turtle.

Serialisation is pyoxigraph's; the tables carry the pyoxigraph format of each entry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

from kg.errors import BadRequest, NotAcceptable
from kg.web.negotiation import best_match, prefers_html


@dataclass(frozen=True)
class Format:
    """One representation: its short name, media type, file suffix, `format=` names and aliases."""

    name: str
    media_type: str
    suffix: str
    names: tuple[str, ...]  # what `format=` accepts besides the media type
    aliases: tuple[str, ...] = ()  # other media types clients send for it (answered as media_type)
    pyoxigraph: RdfFormat | QueryResultsFormat | None = None
    charset: bool = False  # a text format outside text/* (BibTeX, RIS), whose Content-Type says charset=utf-8 too

    @property
    def content_type(self) -> str:
        """The Content-Type header value: text types say charset=utf-8."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") or self.charset else self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


#: Media types of N3, answered in Turtle (a Turtle document is an N3 document).
N3_MEDIA_TYPES = ("text/n3", "text/rdf+n3", "application/n3")
#: The W3C format IRI of N3, which the Service Description lists beside Turtle's.
N3_IRI = "http://www.w3.org/ns/formats/N3"

RESULTS_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ".srj", ("json", "srj"), ("application/json",), QueryResultsFormat.JSON),
    Format("xml", "application/sparql-results+xml", ".srx", ("xml", "srx"), ("application/xml", "text/xml"), QueryResultsFormat.XML),
    Format("csv", "text/csv", ".csv", ("csv",), (), QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", ".tsv", ("tsv",), (), QueryResultsFormat.TSV),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ".ttl", ("ttl", "turtle", "n3"), ("application/x-turtle", *N3_MEDIA_TYPES), RdfFormat.TURTLE),
    Format("ntriples", "application/n-triples", ".nt", ("nt", "ntriples", "n-triples"), (), RdfFormat.N_TRIPLES),
    Format("jsonld", "application/ld+json", ".jsonld", ("jsonld", "json-ld", "json"), ("application/json",), RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", ".rdf", ("rdf", "rdfxml", "rdf-xml", "xml"), ("application/xml", "text/xml"), RdfFormat.RDF_XML),
    Format("nquads", "application/n-quads", ".nq", ("nq", "nquads", "n-quads"), (), RdfFormat.N_QUADS),
    Format("trig", "application/trig", ".trig", ("trig",), (), RdfFormat.TRIG),
)

HTML = Format("html", "text/html", ".html", ("html",), ("application/xhtml+xml",))

#: Citations of a resource or of the dataset, as DOI resolvers answer them (no file suffix: `format=` or Accept).
CITATION_FORMATS: tuple[Format, ...] = (
    Format("bibtex", "application/x-bibtex", "", ("bibtex", "bib"), charset=True),
    Format("csljson", "application/vnd.citationstyles.csl+json", "", ("csl", "csljson", "csl-json")),
    Format("ris", "application/x-research-info-systems", "", ("ris",), charset=True),
    Format("bibliography", "text/x-bibliography", "", ("bibliography", "reference")),
)
#: What a minted IRI is offered in besides HTML: RDF first (so */* and text/* get Turtle), then citations.
DESCRIBED_FORMATS: tuple[Format, ...] = GRAPH_FORMATS + CITATION_FORMATS

#: Every media type of both tables (the CORS hook marks these responses as shareable).
DATA_MEDIA_TYPES = frozenset(mt for f in RESULTS_FORMATS + GRAPH_FORMATS + CITATION_FORMATS for mt in f.media_types)


def _bare(media_type: str) -> str:
    return media_type.split(";")[0].strip().lower()


def find_format(formats: tuple[Format, ...], token: str) -> Format | None:
    """The format of a table named by a short name ('ttl') or a media type ('text/turtle'), else None."""
    token = token.strip().lower()
    bare = _bare(token)
    for fmt in formats:
        if token in fmt.names or bare in fmt.media_types:
            return fmt
    return None


def format_for_suffix(suffix: str, formats: tuple[Format, ...] = GRAPH_FORMATS) -> Format | None:
    """The format a file suffix ('.ttl') stands for, or None."""
    return next((f for f in formats if f.suffix == suffix.lower()), None)


def is_known_format(token: str) -> bool:
    """Whether any table (or HTML) knows this `format=` value."""
    return any(find_format(table, token) for table in (RESULTS_FORMATS, GRAPH_FORMATS, CITATION_FORMATS, (HTML,)))


def _check_known(token: str) -> None:
    if not is_known_format(token):
        known = sorted({n for t in (RESULTS_FORMATS, GRAPH_FORMATS, CITATION_FORMATS) for f in t for n in f.names})
        raise BadRequest(f"unknown format {token!r}; use one of: {', '.join(known)}, or a media type")


def format_parameter(format_value: str | None, output_value: str | None) -> str | None:
    """The format a request names by `format=` or by `output=`, its alias (SPARQLWrapper sends both), or None.

    Each value must be a short name or media type we know (the BadRequest of pick_format otherwise).
    Given both, they must name the same format in every table (`ttl` and `text/turtle` agree, `xml`
    and `rdf` do not: for a SELECT only one of them means anything), else a BadRequest naming both.
    """
    for value in (format_value, output_value):
        if value:
            _check_known(value)
    if (
        format_value
        and output_value
        and any(find_format(table, format_value) != find_format(table, output_value) for table in (RESULTS_FORMATS, GRAPH_FORMATS, (HTML,)))
    ):
        raise BadRequest(f"format={format_value!r} and output={output_value!r} name different formats; give one of them, or the same")
    return format_value or output_value or None


def pick_format(formats: tuple[Format, ...], accept: str | None, format_param: str | None = None, *, html: bool = False) -> Format | None:
    """The format to answer in, or None when the client accepts none of `formats`.

    `format_param` wins over Accept; an unknown `format=` value is a BadRequest. With `html`, a
    browser (or `format=html`) gets HTML. Accept ties go to the table's order, so */* gets its first entry.
    """
    if format_param:
        _check_known(format_param)
        if find_format((HTML,), format_param):
            return HTML if html else None
        return find_format(formats, format_param)
    return _pick_by_accept(formats, accept, html)


@functools.lru_cache(maxsize=512)
def _pick_by_accept(formats: tuple[Format, ...], accept: str | None, html: bool) -> Format | None:
    # Cached: clients send the same few Accept headers again and again, and parsing one is not free.
    if html and prefers_html(accept):
        return HTML
    offered = [f.media_type for f in formats] + [a for f in formats for a in f.aliases]
    chosen = best_match(accept, offered)
    return None if chosen is None else find_format(formats, chosen)


def negotiate(formats: tuple[Format, ...], accept: str | None, format_param: str | None = None, *, html: bool = False) -> Format:
    """Like pick_format, but NotAcceptable (406, naming what we offer) when nothing fits."""
    chosen = pick_format(formats, accept, format_param, html=html)
    if chosen is None:
        offered = [f.media_type for f in formats] + (["text/html"] if html else [])
        wanted = f"format={format_param}" if format_param else f"Accept: {accept}"
        raise NotAcceptable(f"cannot answer {wanted}; available: {', '.join(offered)}")
    return chosen


def negotiate_graph_format(accept: str | None, format_param: str | None = None, *, html: bool = False) -> Format:
    """The RDF format for a graph (Turtle for */*), HTML for browsers when `html`; 400/406 otherwise."""
    return negotiate(GRAPH_FORMATS, accept, format_param, html=html)


def negotiate_described_format(accept: str | None, format_param: str | None = None) -> Format:
    """A minted IRI's form: HTML for browsers, RDF (Turtle for */*) or a citation by Accept or `format=`; 400/406 otherwise."""
    return negotiate(DESCRIBED_FORMATS, accept, format_param, html=True)


def negotiate_results_format(accept: str | None, format_param: str | None = None, *, html: bool = False) -> Format:
    """The SPARQL results format (JSON for */*), HTML for browsers when `html`; 400/406 otherwise."""
    return negotiate(RESULTS_FORMATS, accept, format_param, html=html)


def serialize_triples(triples, fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    """Triples (pyoxigraph) in a graph format; prefixes are used by the formats that have them."""
    with_prefixes = fmt.pyoxigraph in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML)
    return pyoxigraph.serialize(triples, format=fmt.pyoxigraph, prefixes=prefixes if with_prefixes else None)


def convert_rdf(data: bytes, source: Format, target: Format, *, base_iri: str | None = None, prefixes: dict[str, str] | None = None) -> bytes:
    """RDF text in one graph format re-serialised in another (the same bytes when they are the same)."""
    if source == target:
        return data
    quads = pyoxigraph.parse(data, format=source.pyoxigraph, base_iri=base_iri)
    return serialize_triples([q.triple for q in quads], target, prefixes)
