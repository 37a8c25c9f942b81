"""The embedded store: each version's own pyoxigraph store, with queries in killable worker processes.

- kg.stores.embedded.store: the Store the web layer talks to;
- kg.stores.embedded.pool: the pool of query workers (deadline, memory, admission);
- kg.stores.embedded.worker_process: the server's handle on one worker process;
- kg.stores.embedded.worker: the worker process itself (`python -m kg.stores.embedded.worker`).
"""
