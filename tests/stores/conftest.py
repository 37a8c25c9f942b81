"""Fixtures of the store tests: the web tests' small sample publication and the session's real one
(tests/web/conftest.py), which the query pool, the guard and the lookups are tested over."""

from tests.web.conftest import base, make_app, publication_dir, sample_output, sample_store, version_dir  # noqa: F401
