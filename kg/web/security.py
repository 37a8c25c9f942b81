"""Security headers on every response, pages and data alike (the fast lane adds the same ones).

Pages load nothing but their own stylesheets and run no script, so their Content-Security-Policy
allows exactly that: styles and images from this host, forms posted back to it, no script at all,
no framing by other sites. Data (RDF, SPARQL results, JSON, files) gets a policy that allows
nothing and sandboxes it, should a browser ever render it. Every response says `nosniff`, so a
browser never guesses a data file to be a page, and a referrer policy that sends other sites only
this host's origin.
"""

from __future__ import annotations

PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
COMMON = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin"))


def security_headers(content_type: str | None) -> tuple[tuple[str, str], ...]:
    """The security headers for a response of `content_type`: the page policy for HTML, the data policy otherwise."""
    page = (content_type or "").split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")
    return (*COMMON, ("Content-Security-Policy", PAGE_POLICY if page else DATA_POLICY))


def register(app) -> None:
    """Add the security headers to every response of `app` (a view's own, if it set one, is kept)."""

    @app.after_request
    def _secure(response):
        for name, value in security_headers(response.content_type):
            response.headers.setdefault(name, value)
        return response
