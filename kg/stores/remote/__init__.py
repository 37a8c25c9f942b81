"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB …) and loading it.

- kg.stores.remote.store: the Store the web layer talks to, over the SPARQL Protocol;
- kg.stores.remote.client: the HTTP client (pooled connections, a deadline on every call);
- kg.stores.remote.endpoints: where each kind of store answers;
- kg.stores.remote.guard, kg.stores.remote.slots: the checks and the admission of queries sent to it;
- kg.stores.remote.quads: quad-pattern lookups over it, for kg.stores.lookups;
- kg.stores.remote.marker, kg.stores.remote.loader: `kg publish --to` and the version marker.
"""
