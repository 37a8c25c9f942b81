"""What the app holds for every request: the live publication, the store, and the lookups of a version.

The app factory (kg.web.create_app) puts them in Flask's `app.extensions`; views read them here,
so nothing below the web layer knows Flask.
"""

from __future__ import annotations

from flask import current_app

from kg.publication.live import Version
from kg.stores.base import Store
from kg.stores.lookups import GraphData


def store_of(app) -> Store:
    """The store of an app made by create_app."""
    return app.extensions["kg.store"]


def current_version() -> Version:
    """The live version for the app handling this request (NoPublication when there is none)."""
    return current_app.extensions["kg.publication"].current()


def lookups_of(version: Version) -> GraphData:
    """The GraphData of `version`, from the store of the app handling this request
    (the version's embedded store, or a remote one: kg.stores)."""
    return store_of(current_app).lookups(version)
