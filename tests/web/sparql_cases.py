"""Queries the endpoint must refuse, shared by the guard's unit tests and the HTTP tests.

The SERVICE queries aim at 127.0.0.1:9; the HTTP tests point them at a listener of their own.
"""

SERVICE_QUERIES = {
    "plain": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "lower case": "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/> } SERVICE ?e { ?s ?p ?o } }",
    "prefixed": "PREFIX r: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
    "base relative": "BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "in optional": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?x } } }",
    "in exists": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "in not exists": "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "in subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "in union": "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "in minus": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "in graph": "SELECT * WHERE { GRAPH ?g { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "in bind exists": "SELECT * WHERE { ?s ?p ?o BIND(EXISTS { SERVICE <http://127.0.0.1:9/> { } } AS ?x) }",
    "unicode escape": r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "ask": "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
}

UPDATES = {
    "insert data": "INSERT DATA { <http://ex.org/a> <http://ex.org/p> 1 }",
    "delete data": "DELETE DATA { <http://ex.org/a> <http://ex.org/p> 1 }",
    "delete where": "PREFIX ex: <http://ex.org/> DELETE WHERE { ?s ?p ?o }",
    "modify": "WITH <http://ex.org/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 2 } WHERE { ?s ?p ?o }",
    "load": "LOAD <http://127.0.0.1:9/data.ttl>",
    "clear": "CLEAR ALL",
    "drop": "DROP GRAPH <http://ex.org/g>",
    "create": "CREATE GRAPH <http://ex.org/g>",
    "copy": "COPY DEFAULT TO <http://ex.org/g>",
    "move": "MOVE <http://ex.org/g> TO DEFAULT",
    "add": "ADD <http://ex.org/g> TO <http://ex.org/h>",
    "escaped": r"\u0049NSERT DATA { <http://ex.org/a> <http://ex.org/p> 1 }",
    "lower case": "insert data { <http://ex.org/a> <http://ex.org/p> 1 }",
}
