"""Query results as bytes, in the format the client asked for, cut at the row limit (runs in the query worker).

Solutions are written as SPARQL JSON here (the cut needs counting them); the other results formats
are pyoxigraph's, converted from that JSON. A cut JSON result carries ``"kg:truncated": true`` and
``"kg:rowLimit"``. Graph results use pyoxigraph's serialisers, with only the prefixes they use.
"""

from __future__ import annotations

import json
from itertools import islice

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PREFIXED_FORMATS = ("text/turtle", "application/trig", "application/rdf+xml")


def term_json(term) -> dict:
    """A pyoxigraph term in the SPARQL 1.1 JSON results shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: term_json(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def results_json(variables: list[str], rows: list[list]) -> dict:
    bindings = [{v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}


def serialise_results(data: dict, media_type: str, truncated: bool, max_rows: int) -> bytes:
    """Results (as a JSON dict) in the wanted results format; JSON carries the truncation marker."""
    plain = json.dumps(data, ensure_ascii=False).encode("utf-8")
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt == ox.QueryResultsFormat.JSON:
        if truncated:
            data = {**data, "kg:truncated": True, "kg:rowLimit": max_rows}
            return json.dumps(data, ensure_ascii=False).encode("utf-8")
        return plain
    return ox.parse_query_results(plain, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


def serialise(results, media_type: str, max_rows: int, prefixes: dict | None) -> tuple[dict, bytes]:
    """Any query result in the wanted format, cut at max_rows (graph results: triples)."""
    if isinstance(results, ox.QueryBoolean):
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        return {"kind": "boolean", "truncated": False, "rows": 1}, results.serialize(format=fmt)
    if isinstance(results, ox.QuerySolutions):
        variables = [v.value for v in results.variables]
        rows = [list(s) for s in islice(results, max_rows + 1)]
        truncated = len(rows) > max_rows
        rows = rows[:max_rows]
        body = serialise_results(results_json(variables, rows), media_type, truncated, max_rows)
        return {"kind": "bindings", "truncated": truncated, "rows": len(rows)}, body
    triples = list(islice(results, max_rows + 1))
    truncated = len(triples) > max_rows
    triples = triples[:max_rows]
    header = {"kind": "graph", "truncated": truncated, "rows": len(triples)}
    if media_type.startswith("application/sparql-results"):  # a table of the triples (the HTML page)
        rows = [[t.subject, t.predicate, t.object] for t in triples]
        return header, serialise_results(results_json(["s", "p", "o"], rows), media_type, truncated, max_rows)
    fmt = ox.RdfFormat.from_media_type(media_type)
    used = used_prefixes(triples, prefixes) if media_type in PREFIXED_FORMATS else None
    return header, ox.serialize(triples, format=fmt, prefixes=used)


def used_prefixes(triples, prefixes: dict | None) -> dict:
    """The prefixes whose namespace holds some IRI of the triples (with no '/' after it), so output stays tidy."""
    namespaces = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object, getattr(triple.object, "datatype", None)):
            if isinstance(term, ox.NamedNode):
                iri = term.value
                namespaces.add(iri[: max(iri.rfind("/"), iri.rfind("#")) + 1])
    return {p: ns for p, ns in (prefixes or {}).items() if ns in namespaces}
