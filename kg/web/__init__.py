"""The web application: `create_app(config)` builds a Flask app over a built publication, read-only.

Flask is imported inside the factory, so the query worker processes (kg.stores.embedded.worker) can
import from this package without loading the web stack.
"""

from __future__ import annotations


def create_app(config=None, charges=None, running=None):
    """An app serving the publication in `config.output_dir`. `config` may be a ServerConfig or a dict of settings;
    without one, the settings are read from the KG_* environment, as `kg serve` reads them.

    `charges`: the per-client budget's table (kg.web.charge_table), when shared with other processes;
    `running`: the table of queries running now (kg.web.running_table), likewise.
    """
    from flask import Flask

    from kg.publication.live import LivePublication
    from kg.stores import open_store
    from kg.web import blueprints, caching, metrics, security
    from kg.web.admission import ClientBudget, ClientConcurrency
    from kg.web.errors import register_error_handlers
    from kg.web.result_cache import ResultCache
    from kg.web.settings import ServerConfig

    if config is None:
        config = ServerConfig.from_env()
    elif isinstance(config, dict):
        config = ServerConfig().with_values(config)
    app = Flask(__name__)
    app.config.update(
        KG=config,
        DEBUG=False,  # never the debugger, whatever FLASK_DEBUG says
        PROPAGATE_EXCEPTIONS=False,
        TRAP_HTTP_EXCEPTIONS=False,
        MAX_CONTENT_LENGTH=config.max_request_bytes,
        MAX_FORM_MEMORY_SIZE=config.max_request_bytes,
        MAX_FORM_PARTS=100,
        JSON_AS_ASCII=False,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.debug = False
    app.json.ensure_ascii = False
    if config.trusted_proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.trusted_proxies, x_proto=config.trusted_proxies, x_host=0, x_port=0, x_prefix=0)
    app.extensions["kg.publication"] = LivePublication(config.output_dir)
    store = open_store(config)  # the embedded store's query workers start on first use
    app.extensions["kg.store"] = store
    if getattr(store, "runner", None) is not None:
        app.extensions["kg.query_runner"] = store.runner
        store.runner.on_restart = metrics.count_worker_restart
    app.extensions["kg.result_cache"] = ResultCache(config.result_cache_bytes, max_entry_bytes=1 << 20)
    app.extensions["kg.client_budget"] = ClientBudget(config.client_budget_s, config.client_window_s, table=charges)
    app.extensions["kg.client_concurrency"] = ClientConcurrency(config.client_concurrency, table=running)

    register_error_handlers(app)
    app.before_request(_answer_front_refusal)
    security.register(app)  # after_request hooks run last-registered first: these headers come last
    caching.register(app)
    for blueprint in blueprints.all_blueprints():
        app.register_blueprint(blueprint)
    return app


def _answer_front_refusal():
    """A request the HTTP front refused to read (kg.web.front.bridge): answered as any error, in the client's format."""
    from flask import request

    from kg.errors import BadRequest, PayloadTooLarge, RequestTimeout
    from kg.web.front.bridge import REFUSAL

    refusal = request.environ.get(REFUSAL)
    if refusal is not None:
        error = {408: RequestTimeout, 413: PayloadTooLarge}.get(refusal.status, BadRequest)
        raise error(refusal.message, status=refusal.status)
