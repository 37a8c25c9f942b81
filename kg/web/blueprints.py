"""The list of the app's blueprints, one module per kind of resource."""

from __future__ import annotations


def all_blueprints() -> list:
    """Every blueprint, in registration order (the catch-all resource routes last)."""
    from kg.web.views import downloads, pages, resources, schemas, search, service, sparql

    return [sparql.bp, downloads.bp, service.bp, schemas.bp, pages.bp, search.bp, resources.bp]
