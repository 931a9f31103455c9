"""From what the user names (a URL, a feed, a sitemap, a WARC, an HTML file, a folder) to items to ingest.

``iter_source`` yields Pages (ready to extract), ``ArticleLink`` (a URL a feed or sitemap listed, still to fetch)
and ``IngestResult`` (an item that failed before it became a page). The kind of a document is sniffed from its
bytes; the file name is never trusted. It never raises for bad input: every problem becomes a result.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.errors import NewsgraphError, SourceError, TooLargeError
from newsgraph.ingest.fetch import SOURCE_KINDS, Fetcher
from newsgraph.ingest.formats import WarcSkip, iter_warc, parse_feed, parse_sitemap, parse_url_list
from newsgraph.ingest.result import IngestResult, result_for_error
from newsgraph.ingest.sniff import gunzip_capped, inflate_capped, kind_of_content_type, sniff
from newsgraph.ingest.urls import normalize_url
from newsgraph.model import Page

__all__ = ["ArticleLink", "SourceLimits", "iter_source", "looks_like_url"]

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NOT_PAGES = {"empty": ("empty", "empty file"), "binary": ("not-html", "binary file, not HTML"),
              "text": ("not-html", "plain text, not HTML"), "gzip": ("not-html", "gzip inside gzip")}


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An article URL listed by a feed or a sitemap; ``via`` is "feed", "sitemap" or "urllist"."""

    url: str
    via: str


@dataclass(frozen=True, slots=True)
class SourceLimits:
    max_pages: int | None = None  # pages and links per source (--limit)
    max_sitemaps: int = 200  # sitemap files fetched per source (an index lists more)
    max_sitemap_depth: int = 3  # index -> index -> urlset
    max_bytes: int = 20 * 1024 * 1024


@dataclass
class _Walk:
    """State of one source's expansion: what was visited, how much budget is left."""

    fetcher: Fetcher
    limits: SourceLimits
    sitemaps_seen: set[str] = field(default_factory=set)


def looks_like_url(source: str) -> bool:
    """True for "scheme:..." strings (http:, file:, javascript: ...), not for Windows drive paths."""
    return bool(_SCHEME_RE.match(source)) and not re.match(r"^[a-zA-Z]:[\\/]", source)


def iter_source(source: str, fetcher: Fetcher, limits: SourceLimits = SourceLimits()) -> Iterator[
        Page | ArticleLink | IngestResult]:
    """The items of one source, at most ``limits.max_pages`` pages and links."""
    walk = _Walk(fetcher, limits)
    items = _from_url(source, walk) if looks_like_url(source) else _from_path(Path(source), walk)
    counted = 0
    for item in items:
        yield item
        if not isinstance(item, IngestResult):
            counted += 1
            if limits.max_pages is not None and counted >= limits.max_pages:
                return


# --- URLs --------------------------------------------------------------------------------------------------------
def _from_url(url: str, walk: _Walk) -> Iterator[Page | ArticleLink | IngestResult]:
    try:
        page = walk.fetcher.fetch(url, accept=SOURCE_KINDS, source="http")
    except NewsgraphError as exc:
        yield result_for_error(url, exc)
        return
    yield from _from_document(page, walk, depth=0)


def _from_document(page: Page, walk: _Walk, depth: int) -> Iterator[Page | ArticleLink | IngestResult]:
    """Dispatch on what the bytes are."""
    where = page.final_url or page.url
    try:
        kind = sniff(page.body)
        if kind == "warc":
            yield from _from_warc_bytes(page.body, where, walk)
            return
        if kind == "gzip":
            page = replace(page, body=gunzip_capped(page.body, walk.limits.max_bytes, what=where))
            kind = sniff(page.body)
        if kind == "warc":
            yield from _from_warc_bytes(page.body, where, walk)
        elif kind == "html" or (kind == "text" and kind_of_content_type(page.content_type) == "html"):
            yield page
        elif kind == "feed":
            yield from (ArticleLink(url, "feed") for url in parse_feed(page.body, where))
        elif kind == "sitemap":
            yield from _from_sitemap(page.body, where, walk, depth)
        elif kind == "urllist":
            yield from (ArticleLink(url, "urllist") for url in parse_url_list(page.body, where))
        else:
            reason, message = _NOT_PAGES[kind]
            yield IngestResult(where, "skipped", f"{reason}: {message}")
    except NewsgraphError as exc:
        yield result_for_error(where, exc)


def _from_sitemap(body: bytes, where: str, walk: _Walk, depth: int) -> Iterator[ArticleLink | IngestResult | Page]:
    sitemap = parse_sitemap(body, where)
    if sitemap.kind == "urlset":
        yield from (ArticleLink(url, "sitemap") for url in sitemap.urls)
        return
    if depth >= walk.limits.max_sitemap_depth:
        raise SourceError(f"sitemap indexes nested deeper than {walk.limits.max_sitemap_depth} levels; not followed",
                          url=where)
    walk.sitemaps_seen.add(normalize_url(where))
    for child in sitemap.urls:
        if normalize_url(child) in walk.sitemaps_seen:
            continue
        if len(walk.sitemaps_seen) > walk.limits.max_sitemaps:
            yield IngestResult(child, "skipped", f"bad-source: over {walk.limits.max_sitemaps} sitemaps in one source")
            return
        walk.sitemaps_seen.add(normalize_url(child))
        try:
            page = walk.fetcher.fetch(child, accept=frozenset({"sitemap"}), source="sitemap")
        except NewsgraphError as exc:
            yield result_for_error(child, exc)
            continue
        yield from _from_document(page, walk, depth + 1)


def _from_warc_bytes(body: bytes, where: str, walk: _Walk) -> Iterator[Page | IngestResult]:
    yield from _warc_items(iter_warc(io.BytesIO(body), walk.limits.max_bytes, where), where)


def _warc_items(records: Iterator[Page | WarcSkip], where: str) -> Iterator[Page | IngestResult]:
    """Pages, and a result for each record that failed; records that are simply not pages are counted."""
    passed_over: dict[str, int] = {}
    try:
        for record in records:
            if isinstance(record, Page):
                yield record
            elif record.error is not None:
                yield result_for_error(record.url, record.error)
            else:
                passed_over[record.reason] = passed_over.get(record.reason, 0) + 1
    except NewsgraphError as exc:
        yield result_for_error(where, exc)
    if passed_over:
        what = ", ".join(f"{n} {reason}" for reason, n in sorted(passed_over.items(), key=lambda x: -x[1]))
        yield IngestResult(where, "skipped", f"not-html: WARC records that hold no HTML page: {what}")


# --- files and folders -------------------------------------------------------------------------------------------
def _from_path(path: Path, walk: _Walk) -> Iterator[Page | ArticleLink | IngestResult]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield from _from_file(child, walk)
    elif path.exists() or path.is_symlink():
        yield from _from_file(path, walk)
    else:
        yield IngestResult(str(path), "failed", "bad-source: no such file or folder. URLs start with http:// "
                                                "or https://")


def _from_file(path: Path, walk: _Walk) -> Iterator[Page | ArticleLink | IngestResult]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
        kind = _sniff_file_head(head)
        if kind == "warc":
            yield from _from_warc_file(path, walk)
            return
        if size > walk.limits.max_bytes:
            raise TooLargeError(f"file is {size:,} bytes, over the size cap of {walk.limits.max_bytes:,}",
                                hint="Raise the cap (--max-mb) if this is a real page")
        body = path.read_bytes()
    except OSError as exc:
        yield IngestResult(str(path), "failed", f"unreadable: {exc.strerror or exc}")
        return
    except NewsgraphError as exc:
        yield result_for_error(str(path), exc)
        return
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    page = Page(url=path.resolve().as_uri(), body=body, fetched_at=mtime, source="file")
    yield from _from_document(page, walk, depth=0)


def _sniff_file_head(head: bytes) -> str:
    """The kind of a file from its first bytes, looking inside gzip (a .warc.gz is gzip per record)."""
    kind = sniff(head)
    if kind != "gzip":
        return kind
    try:
        inner = next(iter(inflate_capped([head], 2**40)), b"")  # the first block only: a bomb cannot unfold here
    except zlib.error:
        return "gzip"  # broken gzip: reading the whole file reports it
    return sniff(inner) if inner else "gzip"


def _from_warc_file(path: Path, walk: _Walk) -> Iterator[Page | IngestResult]:
    with path.open("rb") as handle:
        yield from _warc_items(iter_warc(handle, walk.limits.max_bytes, str(path)), str(path))
