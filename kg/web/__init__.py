"""The web application: `create_app(config)` builds a Flask app over a built publication, read-only."""

from __future__ import annotations

from flask import Flask, g, request

from kg.web.errors import register_error_handlers
from kg.web.live import LivePublication
from kg.web.settings import ServerConfig


def create_app(config: ServerConfig | dict | None = None) -> Flask:
    """An app serving the publication in `config.output_dir`. `config` may be a ServerConfig or a dict of settings."""
    if config is None:
        config = ServerConfig()
    elif isinstance(config, dict):
        config = ServerConfig().with_values(config)
    app = Flask(__name__)
    app.config.update(
        KG=config,
        MAX_CONTENT_LENGTH=config.max_request_bytes,
        JSON_AS_ASCII=False,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.json.ensure_ascii = False
    app.extensions["kg.publication"] = LivePublication(config.output_dir)

    register_error_handlers(app)
    from kg.web import blueprints

    for blueprint in blueprints.all_blueprints():
        app.register_blueprint(blueprint)
    return app
