"""Errors newsgraph raises, as one tree.

::

    NewsgraphError
    ├── FetchError                 the page could not be fetched (url is attached)
    │   ├── BlockedAddressError    private / loopback / link-local address, or a scheme we do not fetch
    │   ├── RobotsDisallowedError  robots.txt forbids the path for our user agent
    │   ├── TooLargeError          body (or decompressed body) over the size cap
    │   ├── ContentTypeError       not HTML / feed / sitemap / WARC
    │   ├── RedirectError          redirect loop or too many redirects
    │   └── FetchTimeoutError      connect or read timeout
    ├── ExtractionError            the document holds no article we can extract
    │   ├── NotHTMLError           binary or non-HTML content
    │   └── EmptyDocumentError     nothing left after boilerplate removal
    ├── SourceError                a feed, sitemap, WARC or path that cannot be read
    ├── StoreError                 the store cannot be opened, migrated or written
    └── ModelError                 a shipped model is missing or broken

Every error says what was wrong and, where there is one, what to do (``hint``).
"""

from __future__ import annotations

__all__ = [
    "NewsgraphError",
    "FetchError",
    "BlockedAddressError",
    "RobotsDisallowedError",
    "TooLargeError",
    "ContentTypeError",
    "RedirectError",
    "FetchTimeoutError",
    "ExtractionError",
    "NotHTMLError",
    "EmptyDocumentError",
    "SourceError",
    "StoreError",
    "ModelError",
]


class NewsgraphError(Exception):
    """Base class. ``reason`` is a short machine-friendly tag used in ingest reports."""

    reason = "error"

    def __init__(self, message: str, *, url: str | None = None, hint: str | None = None):
        self.url = url
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        text = super().__str__()
        if self.url and self.url not in text:
            text = f"{text} ({self.url})"
        if self.hint:
            text = f"{text}. {self.hint}"
        return text


class FetchError(NewsgraphError):
    reason = "fetch-failed"


class BlockedAddressError(FetchError):
    reason = "blocked-address"


class RobotsDisallowedError(FetchError):
    reason = "robots-disallowed"


class TooLargeError(FetchError):
    reason = "too-large"


class ContentTypeError(FetchError):
    reason = "content-type"


class RedirectError(FetchError):
    reason = "redirects"


class FetchTimeoutError(FetchError):
    reason = "timeout"


class ExtractionError(NewsgraphError):
    reason = "extraction-failed"


class NotHTMLError(ExtractionError):
    reason = "not-html"


class EmptyDocumentError(ExtractionError):
    reason = "empty"


class SourceError(NewsgraphError):
    reason = "bad-source"


class StoreError(NewsgraphError):
    reason = "store"


class ModelError(NewsgraphError):
    reason = "model"
