"""Security headers on every response, pages and data alike (the fast lane adds the same ones).

Pages load nothing but their own stylesheets and run no script, so their Content-Security-Policy
allows exactly that: styles and images from this host, forms posted back to it, no script at all,
no framing by other sites. The one page with script, the query page, gets `script_page_policy`: the
same plus scripts from this host only (its editor, vendored under static/vendor/; never inline script,
never another host), and the `<style>` elements the editor adds for its own look when they carry the
response's nonce (CodeMirror's `EditorView.cspNonce`; the only way it styles itself without
'unsafe-inline'). Data (RDF, SPARQL results, JSON, files) gets a policy that allows
nothing and sandboxes it, should a browser ever render it. Every response says `nosniff`, so a
browser never guesses a data file to be a page, and a referrer policy that sends other sites only
this host's origin.
"""

from __future__ import annotations

import re

PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
COMMON = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin"))


def script_page_policy(style_nonce: str) -> str:
    """The page policy plus scripts from this host and `<style>` elements carrying `style_nonce` (new for every response)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", style_nonce):
        raise ValueError(f"a nonce is letters, digits, - and _ only, not {style_nonce!r}")
    return PAGE_POLICY.replace(
        "default-src 'none'; style-src 'self';", f"default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{style_nonce}';"
    )


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
