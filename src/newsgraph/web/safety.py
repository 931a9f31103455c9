"""Keeping hostile content inert: safe link targets and the security headers every response carries.

Article text, titles, authors and URLs come from pages we do not control. Templates autoescape everything; this
module adds what escaping alone does not cover: a link's scheme (``javascript:`` survives HTML escaping) and a
Content-Security-Policy that forbids scripts outright, so even a missed escape cannot run code.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["safe_url", "SECURITY_HEADERS", "CONTENT_SECURITY_POLICY"]

_SAFE_SCHEMES = {"http", "https"}

# No script at all (the reader needs none), styles only from our own static folder, images only inline SVG/data.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (``javascript:``, ``data:``, relative, garbage)."""
    if not url:
        return None
    candidate = url.strip()
    # Browsers drop tabs and newlines inside a scheme ("java\tscript:"): refuse any control character.
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return candidate
