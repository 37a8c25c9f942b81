"""The list of the app's blueprints, one module per kind of resource."""

from __future__ import annotations


def all_blueprints() -> list:
    """Every blueprint, in registration order (the catch-all resource routes last)."""
    from kg.web.views import discovery, downloads, figures, pages, resources, schemas, search, service, sparql

    return [sparql.bp, downloads.bp, service.bp, schemas.bp, pages.bp, search.bp, figures.bp, discovery.bp, resources.bp]
