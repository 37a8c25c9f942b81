"""Where the graph data lives: the embedded pyoxigraph store (default) or a remote SPARQL 1.1 store.

- kg.stores.base: the interface the web layer talks to (`Store`: lookups, run, health);
- kg.stores.embedded.store: each version's own pyoxigraph store, queries in killable worker processes;
- kg.stores.remote.store: a store elsewhere (Oxigraph server, Fuseki, Virtuoso, GraphDB …), over the
  SPARQL Protocol, behind the same guards and limits;
- kg.stores.remote.loader: `kg publish --to`, loading a version into a remote store (Graph Store Protocol)
  with a version marker (kg.stores.remote.marker) written last.
"""

from __future__ import annotations


def open_store(config, environ=None):
    """The store a ServerConfig names: remote when `store_url` is set, else the embedded one.

    The store's credentials are read here, once, from KG_STORE_USER / KG_STORE_PASSWORD in `environ`
    (default: the process environment), never from a setting or the command line.
    """
    if config.store_url:
        from kg.stores.remote.client import Credentials
        from kg.stores.remote.store import RemoteStore

        return RemoteStore.from_config(config, Credentials.from_env(environ))
    from kg.stores.embedded.store import EmbeddedStore

    return EmbeddedStore.from_config(config)
