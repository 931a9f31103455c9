"""Readers for the documents that list or hold pages: RSS/Atom feeds, XML and text sitemaps, WARC archives.

Feeds and sitemaps give article URLs (fetched later); a WARC gives Pages directly. A document that cannot be read
raises ``SourceError`` with what was wrong; one bad WARC record is reported and the rest of the archive read.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO
from urllib.parse import urljoin

import feedparser
from lxml import etree

from newsgraph.errors import SourceError, TooLargeError
from newsgraph.ingest.sniff import kind_of_content_type, sniff
from newsgraph.model import Page

__all__ = ["Sitemap", "parse_feed", "parse_sitemap", "parse_url_list", "iter_warc", "WarcSkip"]

_HTML_WARC_TYPES = {"response", "resource"}


def parse_feed(body: bytes, base_url: str | None = None) -> list[str]:
    """The article links of an RSS, Atom or RDF feed, in feed order."""
    parsed = feedparser.parse(body)  # bytes, never a str: feedparser would read a str as a URL or a file name
    if parsed.bozo and not parsed.entries:
        raise SourceError(f"malformed feed: {_bozo_message(parsed)}", url=base_url,
                          hint="Check that the URL or file is an RSS or Atom feed")
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", []) if x.get("rel", "alternate") == "alternate"), None)
        if link:
            links.append(urljoin(base_url or "", link.strip()))
    if not links:
        raise SourceError("feed lists no article links", url=base_url)
    return list(dict.fromkeys(links))


def _bozo_message(parsed) -> str:
    error = parsed.get("bozo_exception")
    return f"{type(error).__name__}: {error}" if error else "not a feed"


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: ``kind`` is "urlset" (article URLs) or "sitemapindex" (URLs of further sitemaps)."""

    kind: str
    urls: tuple[str, ...]


def parse_sitemap(body: bytes, base_url: str | None = None) -> Sitemap:
    """Read a sitemap or sitemap index. Entities are never expanded and nothing is fetched by the parser."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             load_dtd=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"malformed sitemap: {exc}", url=base_url,
                          hint="The file may be truncated or not XML") from None
    kind = etree.QName(root).localname.lower()
    if kind not in {"urlset", "sitemapindex"}:
        raise SourceError(f"not a sitemap: the root element is <{etree.QName(root).localname}>", url=base_url)
    child = "url" if kind == "urlset" else "sitemap"
    urls = []
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname.lower() != child:
            continue
        loc = next((e.text for e in element if isinstance(e.tag, str) and etree.QName(e).localname == "loc"), None)
        if loc and loc.strip():
            urls.append(urljoin(base_url or "", loc.strip()))
    return Sitemap(kind, tuple(dict.fromkeys(urls)))


def parse_url_list(body: bytes, base_url: str | None = None) -> list[str]:
    """A text sitemap: one absolute URL a line."""
    text = body.decode("utf-8", errors="replace")
    urls = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if bad:
        raise SourceError(f"malformed URL list: {bad[0][:80]!r} is not an http(s) URL", url=base_url)
    return list(dict.fromkeys(urls))


@dataclass(frozen=True, slots=True)
class WarcSkip:
    """A WARC record that holds no page, or could not be read: the reason says which."""

    url: str
    reason: str
    error: Exception | None = None


def iter_warc(stream: BinaryIO, max_bytes: int, source: str) -> Iterator[Page | WarcSkip]:
    """The HTML pages of a WARC (plain or gzip per record). Records that are not HTML pages with status 200 are
    passed over; an over-large or undecodable record is reported as a ``WarcSkip`` with its error; a truncated
    or broken archive ends with a ``SourceError`` after the pages read so far."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    read = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            read += 1
            if record.rec_type is None:
                yield WarcSkip(source, "broken", SourceError(f"record {read} has no WARC-Type: not a WARC record",
                                                              url=source))
            elif record.rec_type in _HTML_WARC_TYPES:
                yield _warc_page(record, max_bytes, source)
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError) as exc:
        raise SourceError(f"WARC broken or truncated after {read} records: {type(exc).__name__}: {exc}",
                          url=source) from None


def _warc_page(record, max_bytes: int, source: str) -> Page | WarcSkip:
    url = record.rec_headers.get_header("WARC-Target-URI") or source
    http = record.http_headers
    status = int(http.get_statuscode() or 0) if http is not None else 200
    content_type = (http.get_header("Content-Type") if http is not None else record.content_type) or ""
    if status != 200:
        return WarcSkip(url, f"HTTP {status}")
    if kind_of_content_type(content_type) not in {"html", "xml", None}:
        return WarcSkip(url, f"content type {content_type.split(';')[0]}")
    try:
        body = record.content_stream().read(max_bytes + 1)
    except (zlib.error, OSError, ValueError) as exc:
        return WarcSkip(url, "undecodable record", SourceError(f"cannot decode the WARC record: {exc}", url=url))
    if len(body) > max_bytes:
        error = TooLargeError(f"WARC record is over the size cap of {max_bytes:,} bytes (decompressed)", url=url)
        return WarcSkip(url, "too large", error)
    missing = getattr(record.raw_stream, "limit", 0)  # bytes the record announced but the file does not hold
    if missing:
        return WarcSkip(url, "truncated", SourceError(f"WARC record truncated: {missing:,} of {record.length:,} "
                                                      "bytes missing", url=url, hint="The archive was cut short"))
    if kind_of_content_type(content_type) != "html" and sniff(body) != "html":
        return WarcSkip(url, f"not HTML ({sniff(body)})")
    return Page(
        url=url, body=body, final_url=url, fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        status=status, headers=tuple(http.headers) if http is not None else (), encoding=_charset(content_type),
        content_type=content_type.split(";", 1)[0].strip().lower() or None, source="warc",
    )


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("'\"")).name
            except LookupError:
                return None
    return None
