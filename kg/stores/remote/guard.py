"""The checks a query passes before it is sent to a remote store: ours (kg.stores.guard), and one more.

kg.stores.guard.check_query refuses what is too long, too deep, an update, or SERVICE, the same
for every store. A remote store may also speak a dialect with ways out of the dataset that SPARQL
does not have: Virtuoso runs SQL built-ins named by the IRIs `bif:…` and `sql:…` (some read files
or fetch URLs), predefines those prefixes, and reads `DEFINE` pragmas (`get:soft` fetches remote
documents). A DEFINE is no SPARQL and fails our parse; the built-in namespaces are refused here, in
every spelling: prefixed (`bif:http_get`) or as an IRI (`<bif:http_get>`, or a prefix declared as
`<bif:>`), escapes expanded first. Fail closed, like the rest of the guard.
"""

from __future__ import annotations

import functools
import re

from kg.stores.guard import MAX_DEPTH, CheckedQuery, QueryRejected, check_query, code_only, expand_escapes

#: IRI schemes that name a store's built-in functions rather than data (Virtuoso's SQL built-ins)
BUILT_IN_SCHEMES = ("bif", "sql")
_PREFIXED = re.compile(r"(?<![\w\-.:?$])(" + "|".join(BUILT_IN_SCHEMES) + r"):", re.I)
_AS_IRI = re.compile(r"<\s*(" + "|".join(BUILT_IN_SCHEMES) + r")\s*:", re.I)

BUILT_INS = "The store's built-in function namespaces (bif:, sql:) are not allowed here: queries use SPARQL's own functions only."


@functools.lru_cache(maxsize=512)
def check_remote_query(text: str, max_depth: int = MAX_DEPTH) -> CheckedQuery:
    """check_query, then no store built-ins; QueryRejected (400, 413) saying why a query is not sent."""
    checked = check_query(text, max_depth)
    expanded = expand_escapes(text)
    if _AS_IRI.search(expanded) or _PREFIXED.search(code_only(expanded)):
        raise QueryRejected(BUILT_INS)
    return checked
