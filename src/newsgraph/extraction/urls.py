"""URL normalisation: one article has one id however it was linked (tracking parameters, fragments, case)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["normalize_url", "site_of", "absolute"]

#: Query parameters that identify a campaign or a click, never the page.
TRACKING_PARAMS = frozenset(
    "fbclid gclid dclid msclkid yclid igshid mc_cid mc_eid _ga _gl ref ref_src ref_url cmpid ncid ito "
    "utm_source utm_medium utm_campaign utm_term utm_content utm_name utm_id".split()
)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, default ports, tracking parameters and a trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not ((scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")])
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((scheme, host, path, query, ""))


def site_of(url: str | None) -> str | None:
    """The host of an http(s) URL without "www." (None for files and other schemes)."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def absolute(href: str, base: str | None) -> str | None:
    """``href`` resolved against ``base``; None for javascript:, mailto: and empty links."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    resolved = urljoin(base, href) if base else href
    return resolved if urlsplit(resolved).scheme in {"http", "https", "file"} else None
