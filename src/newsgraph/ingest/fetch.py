"""Polite, safe HTTP fetching with httpx.

Every hop of a fetch (the URL and each redirect target) is checked: http(s) only, public addresses only (unless
``allow_private``), robots.txt honoured, one request at a time per host with a pause between. Bodies are streamed
and capped twice: on the bytes received and on the bytes they decompress to, so that neither a 50 MB page nor a
gzip bomb can fill the memory. The transport is the test seam: pass an ``httpx.Client`` built on
``httpx.MockTransport`` and nothing touches the network.
"""

from __future__ import annotations

import codecs
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph.config import FetchSettings
from newsgraph.errors import (
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    RedirectError,
    RobotsDisallowedError,
    TooLargeError,
)
from newsgraph.ingest.polite import HostThrottle, RobotsCache
from newsgraph.ingest.sniff import inflate_capped, kind_of_content_type, sniff
from newsgraph.ingest.urls import Resolver, check_url, normalize_url
from newsgraph.model import Page

__all__ = ["Fetcher", "fetch_page", "HTML_KINDS", "SOURCE_KINDS"]

HTML_KINDS = frozenset({"html"})
SOURCE_KINDS = frozenset({"html", "feed", "sitemap", "urllist", "warc"})  # what a URL given by the user may be
_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_MAX_BYTES = 512 * 1024
_ACCEPT = {
    "html": "text/html,application/xhtml+xml;q=0.9",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9",
    "sitemap": "application/xml,text/xml;q=0.9,application/gzip;q=0.5",
    "warc": "application/warc;q=0.5",
}


@dataclass(frozen=True, slots=True)
class _Response:
    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    content_type: str | None
    charset: str | None


class Fetcher:
    """Fetches pages politely. Reuse one Fetcher for a whole ingest: it keeps robots.txt and per-host timing."""

    def __init__(self, settings: FetchSettings = FetchSettings(), client: httpx.Client | None = None, *,
                 resolver: Resolver | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self._own_client = client is None
        self.client = client or httpx.Client(timeout=settings.timeout, follow_redirects=False)
        self.resolver = resolver
        self.clock = clock
        self.throttle = HostThrottle(settings.per_host_delay, clock=clock, sleep=sleep)
        self.robots = RobotsCache(self._get_robots)

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str, accept: frozenset[str] = HTML_KINDS, source: str = "http") -> Page:
        """GET ``url`` following redirects; raises a ``FetchError`` subclass saying what was wrong."""
        requested = normalize_url(url)
        response = self._follow(requested, accept, check_robots=self.settings.respect_robots)
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}", url=response.url)
        if response.status in _REDIRECTS:
            raise RedirectError(f"HTTP {response.status} without a Location header", url=response.url)
        _check_sniffed(response, accept)
        return Page(
            url=requested, body=response.body, final_url=response.url, fetched_at=datetime.now(UTC),
            status=response.status, headers=response.headers, encoding=response.charset,
            content_type=response.content_type, source=source,
        )

    # --- hops ------------------------------------------------------------------------------------------------
    def _follow(self, url: str, accept: frozenset[str] | None, *, check_robots: bool,
                max_bytes: int | None = None) -> _Response:
        seen = [url]
        for _ in range(self.settings.max_redirects + 1):
            host = check_url(url, allow_private=self.settings.allow_private, resolver=self.resolver)
            if check_robots:
                self._check_robots(url)
            with self.throttle.turn(host):
                response = self._request(url, accept, max_bytes or self.settings.max_bytes)
            location = dict((k.lower(), v) for k, v in response.headers).get("location")
            if response.status not in _REDIRECTS or not location:
                return response
            target = normalize_url(urljoin(url, location))
            if target in seen:
                raise RedirectError(f"redirect loop: {' -> '.join([*seen, target])}", url=seen[0])
            seen.append(target)
            url = target
        raise RedirectError(f"more than {self.settings.max_redirects} redirects: {' -> '.join(seen)}", url=seen[0],
                            hint="The page keeps moving; try its final address")

    def _request(self, url: str, accept: frozenset[str] | None, max_bytes: int) -> _Response:
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": ",".join(_ACCEPT[k] for k in sorted(accept or ()) if k in _ACCEPT) or "*/*"}
        request = self.client.build_request("GET", url, headers=headers, timeout=self.settings.timeout)
        try:
            response = self.client.send(request, stream=True, follow_redirects=False)
            try:
                return self._read(url, response, accept, max_bytes)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"timed out after {self.settings.timeout:g}s ({type(exc).__name__})", url=url,
                                    hint="The server is slow or unreachable; try again later") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"request failed: {type(exc).__name__}: {exc}", url=url) from None

    def _read(self, url: str, response: httpx.Response, accept: frozenset[str] | None, max_bytes: int) -> _Response:
        content_type = response.headers.get("content-type")
        mime = (content_type or "").split(";", 1)[0].strip().lower() or None
        body = b""
        if response.status_code not in _REDIRECTS and response.status_code < 400:
            if accept is not None:
                _check_content_type(url, mime, accept)
            _check_length(url, response, max_bytes)
            body = self._body(url, response, max_bytes)
        return _Response(url, response.status_code, tuple(response.headers.multi_items()), body, mime,
                         _charset(response))

    def _body(self, url: str, response: httpx.Response, max_bytes: int) -> bytes:
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        raw = self._raw_chunks(url, response, max_bytes)
        try:
            if encoding in {"gzip", "x-gzip", "deflate"}:
                chunks: Iterator[bytes] = inflate_capped(raw, max_bytes, gzip=encoding != "deflate",
                                                         what="the response body")
            elif encoding in {"identity", ""}:
                chunks = raw
            else:
                raise FetchError(f"unsupported content-encoding {encoding!r}", url=url)
            return b"".join(chunks)
        except zlib.error as exc:
            raise FetchError(f"broken {encoding} body: {exc}", url=url) from None
        except TooLargeError as exc:
            exc.url = exc.url or url
            raise

    def _raw_chunks(self, url: str, response: httpx.Response, max_bytes: int) -> Iterator[bytes]:
        deadline = self.clock() + self.settings.timeout * 3
        received = 0
        # The stream itself, not iter_raw(): a response built in memory (httpx.MockTransport) is already "read",
        # and iter_raw() would refuse it, while its stream still holds the raw (undecoded) bytes.
        for chunk in response.stream:
            received += len(chunk)
            if received > max_bytes:
                raise TooLargeError(f"body is over the size cap of {max_bytes:,} bytes", url=url,
                                    hint="Raise the cap (--max-mb) if this is a real page")
            if self.clock() > deadline:
                raise FetchTimeoutError(f"body took longer than {self.settings.timeout * 3:g}s to arrive", url=url)
            yield chunk

    # --- robots.txt ------------------------------------------------------------------------------------------
    def _check_robots(self, url: str) -> None:
        rules = self.robots.rules_for(url)
        if rules.unreachable is not None:
            error = rules.unreachable
            raise type(error)(f"cannot fetch robots.txt: {error.args[0] if error.args else error}", url=url,
                              hint=error.hint)
        agent = self.settings.user_agent
        delay = rules.crawl_delay(agent)
        if delay:
            self.throttle.slow_down(urlsplit(url).hostname or "", min(delay, 60.0))
        if not rules.allowed(agent, url):
            why = rules.why or f"robots.txt disallows {urlsplit(url).path or '/'} for {agent.split('/')[0]}"
            raise RobotsDisallowedError(why, url=url, hint="Use --ignore-robots only for sites you run")

    def _get_robots(self, robots_url: str) -> tuple[int, str]:
        response = self._follow(robots_url, None, check_robots=False, max_bytes=_ROBOTS_MAX_BYTES)
        return response.status, response.body.decode("utf-8", errors="replace")


def fetch_page(url: str, settings: FetchSettings = FetchSettings(), client: httpx.Client | None = None, *,
               resolver: Resolver | None = None) -> Page:
    """Fetch one HTML page (see ``Fetcher`` for what is checked)."""
    with Fetcher(settings, client, resolver=resolver) as fetcher:
        return fetcher.fetch(url)


def _check_content_type(url: str, mime: str | None, accept: frozenset[str]) -> None:
    kind = kind_of_content_type(mime)
    if kind is None:  # missing or octet-stream: the bytes decide (see _check_sniffed)
        return
    wanted = {"xml": {"html", "feed", "sitemap"}, "gzip": {"sitemap", "warc"}, "text": {"urllist"}}.get(kind, {kind})
    if not wanted & accept:
        expected = " or ".join(sorted(accept))
        raise ContentTypeError(f"content type {mime} is not {expected}", url=url)


def _check_length(url: str, response: httpx.Response, max_bytes: int) -> None:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise TooLargeError(f"Content-Length {int(length):,} is over the size cap of {max_bytes:,} bytes", url=url,
                            hint="Raise the cap (--max-mb) if this is a real page")


def _check_sniffed(response: _Response, accept: frozenset[str]) -> None:
    """A body served without a useful content type must look like what we asked for."""
    if kind_of_content_type(response.content_type) is not None:
        return
    kind = sniff(response.body)
    if kind not in accept and not (kind == "gzip" and accept & {"sitemap", "warc"}) and kind != "empty":
        raise ContentTypeError(f"body looks like {kind}, not {' or '.join(sorted(accept))} "
                               f"(content type {response.content_type or 'missing'})", url=response.url)


def _charset(response: httpx.Response) -> str | None:
    """The charset of the Content-Type header, as Python's codec name; None when absent or unknown."""
    name = response.charset_encoding
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None
