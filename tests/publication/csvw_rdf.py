"""A test helper: CSV + CSVW metadata -> RDF, by the CSVW mapping (aboutUrl, propertyUrl, valueUrl) over the rows the csvw library parsed and checked.

The `csvw` library (cldf) reads the metadata and checks every row against it (`iterdicts(strict=True)`:
header, datatypes, required cells); it has no csv2rdf, so the triples are made here, as
https://www.w3.org/TR/csv2rdf/ says: one subject per cell from its column's aboutUrl, its predicate
from propertyUrl, its object from valueUrl (an IRI) or the cell as a literal of the column's datatype
and language; a list cell (separator) gives one triple per item; empty cells and suppressed columns none.
"""

from __future__ import annotations

from pathlib import Path

import csvw
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD


def text(value) -> str:
    """A parsed cell as text: an IRI (rfc3986 URIReference) as its string, anything else by str()."""
    return value.unsplit() if hasattr(value, "unsplit") else str(value)


def parsed_rows(metadata: Path) -> tuple[csvw.Table, list[dict]]:
    """The table the metadata describes and its rows, each checked by the csvw library against the metadata."""
    table = csvw.Table.from_file(metadata)
    return table, list(table.iterdicts(strict=True))


def csvw_graph(metadata: Path) -> Graph:
    """The triples a CSVW processor makes of the table (minimal mode)."""
    table, rows = parsed_rows(metadata)
    g = Graph()
    for row in rows:
        context = {name: (" ".join(map(text, v)) if isinstance(v, list) else text(v)) for name, v in row.items() if v is not None}
        for col in table.tableSchema.columns:
            value = row.get(col.name)
            if col.suppressOutput or value is None or col.propertyUrl is None:
                continue
            about = col.aboutUrl or table.tableSchema.aboutUrl
            subject = URIRef(about.expand(**context))
            for item in value if isinstance(value, list) else [value]:
                if col.valueUrl is not None:
                    obj = URIRef(col.valueUrl.expand(**{**context, col.name: text(item)}))
                elif col.lang and col.lang != "und":
                    obj = Literal(text(item), lang=col.lang)
                else:
                    obj = Literal(text(item), datatype=XSD[col.datatype.base]) if col.datatype.base != "string" else Literal(text(item))
                g.add((subject, URIRef(col.propertyUrl.uri), obj))
    return g
