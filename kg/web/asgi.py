"""The ASGI entry for servers started by hand: `granian --interface asgi kg.web.asgi:app` (or uvicorn).

`app` is what each of `kg serve`'s HTTP processes runs (the bridge, the fast lane, the query pool
started before the first request), with the settings read from the KG_* environment as `kg serve`
reads them. One difference: `kg serve` makes the per-client budget's and concurrency's tables before
it forks, so its processes share them; a server that imports this module in each of its workers
gives each its own tables (a client's budget is then counted per process), and each its own /metrics
unless PROMETHEUS_MULTIPROC_DIR names an empty folder before it starts (kg.web.metrics). Prefer `kg serve`.
"""

from __future__ import annotations

from kg.web.charge_table import ChargeTable
from kg.web.running_table import RunningTable
from kg.web.server import load_worker_app
from kg.web.settings import ServerConfig

config = ServerConfig.from_env()
app = load_worker_app(config, ChargeTable(), RunningTable())
