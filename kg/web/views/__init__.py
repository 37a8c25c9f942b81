"""The routes, one blueprint per kind of resource: SPARQL, downloads, the service's own description,
the dataset's pages, search, and dereferencing of every minted IRI (registered last)."""
