"""Polite, safe fetching: every test runs on httpx.MockTransport, nothing touches the network."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest

from newsgraph.config import FetchSettings
from newsgraph.errors import (
    BlockedAddressError,
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    RedirectError,
    RobotsDisallowedError,
    TooLargeError,
)
from newsgraph.ingest.fetch import SOURCE_KINDS, Fetcher, fetch_page
from newsgraph.ingest.polite import HostThrottle
from newsgraph.ingest.urls import literal_address, normalize_url

HTML = b"<!DOCTYPE html><html><head><title>t</title></head><body><p>Hello</p></body></html>"
PUBLIC = ["93.184.216.34"]


def fetcher_for(routes, settings=None, resolver=None, **kwargs):
    """A Fetcher whose transport answers from ``routes`` (path -> Response or callable(request))."""
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = routes.get(request.url.path, httpx.Response(404))
        return answer(request) if callable(answer) else answer

    settings = settings or FetchSettings(per_host_delay=0)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetcher = Fetcher(settings, client, resolver=resolver or (lambda host: PUBLIC), **kwargs)
    fetcher.requests = seen
    return fetcher


def html(body=HTML, content_type="text/html; charset=utf-8", **headers):
    return httpx.Response(200, content=body, headers={"content-type": content_type, **headers})


def encoded(body: bytes, encoding: str) -> httpx.Response:
    """A compressed response streamed as a server sends it (bytes content would be decoded eagerly by httpx)."""
    headers = {"content-type": "text/html", "content-encoding": encoding}
    return httpx.Response(200, content=iter([body]), headers=headers)


def bomb(size: int) -> bytes:
    """``size`` zero bytes gzipped, built without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


# --- the page and its fields ---------------------------------------------------------------------------------------
def test_page_fields_encoding_headers_and_time():
    fetcher = fetcher_for({"/a": html("привіт".encode("cp1251"), "text/html; charset=Windows-1251")})
    page = fetcher.fetch("HTTP://Example.COM:80/a?utm_source=rss&id=7#top")
    assert page.url == "http://example.com/a?id=7"
    assert page.final_url == page.url and page.status == 200
    assert page.encoding == "cp1251" and page.content_type == "text/html"
    assert page.header("Content-Type").startswith("text/html")
    assert page.fetched_at is not None and page.fetched_at.tzinfo is not None
    assert page.source == "http"
    assert "newsgraph" in fetcher.requests[-1].headers["user-agent"]


def test_unknown_charset_is_dropped_not_fatal():
    page = fetcher_for({"/a": html(content_type="text/html; charset=no-such-codec")}).fetch("http://example.com/a")
    assert page.encoding is None and page.body == HTML


def test_missing_content_type_is_sniffed():
    page = fetcher_for({"/a": httpx.Response(200, content=HTML)}).fetch("http://example.com/a")
    assert page.body == HTML
    with pytest.raises(ContentTypeError, match="binary"):
        fetcher_for({"/a": httpx.Response(200, content=b"\x00\x01\x02" * 100)}).fetch("http://example.com/a")


def test_fetch_page_wrapper_uses_given_client():
    client = httpx.Client(transport=httpx.MockTransport(lambda request: html()))
    page = fetch_page("http://127.0.0.1/a", FetchSettings(allow_private=True, respect_robots=False), client)
    assert page.body == HTML


# --- redirects ------------------------------------------------------------------------------------------------------
def test_redirects_are_followed_and_recorded():
    fetcher = fetcher_for({"/old": httpx.Response(301, headers={"location": "/new"}), "/new": html()})
    page = fetcher.fetch("http://example.com/old")
    assert page.url == "http://example.com/old" and page.final_url == "http://example.com/new"


def test_redirect_loop():
    fetcher = fetcher_for({"/a": httpx.Response(302, headers={"location": "/b"}),
                           "/b": httpx.Response(302, headers={"location": "/a"})})
    with pytest.raises(RedirectError, match="redirect loop: http://example.com/a -> http://example.com/b -> "):
        fetcher.fetch("http://example.com/a")


def test_too_many_redirects():
    routes = {f"/{i}": httpx.Response(302, headers={"location": f"/{i + 1}"}) for i in range(20)}
    with pytest.raises(RedirectError, match="more than 3 redirects"):
        fetcher_for(routes, FetchSettings(per_host_delay=0, max_redirects=3)).fetch("http://example.com/0")


def test_redirect_to_private_address_is_refused_on_that_hop():
    fetcher = fetcher_for({"/a": httpx.Response(302, headers={"location": "http://169.254.169.254/latest"})})
    with pytest.raises(BlockedAddressError, match="link-local address 169.254.169.254"):
        fetcher.fetch("http://example.com/a")


def test_redirect_to_other_scheme_is_refused():
    fetcher = fetcher_for({"/a": httpx.Response(302, headers={"location": "file:///etc/passwd"})})
    with pytest.raises(BlockedAddressError, match="file: URL"):
        fetcher.fetch("http://example.com/a")


# --- hostile URLs and private addresses ----------------------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<p>x</p>", "ftp://example.com/a", "//example.com/a",
    "http://127.0.0.1/", "http://localhost/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://2130706433/",
    "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/", "http://127.1/", "http://0/", "http://0.0.0.0/",
    "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.0.1/", "http://169.254.169.254/", "http://[fe80::1]/",
    "http://[fc00::1]/", "http://224.0.0.1/", "http://240.0.0.1/", "http://100.64.0.1/", "http://example.com:99999/",
    "http://example.com@127.0.0.1/", "http://[::ffff:7f00:1]/", "http://[2002:7f00:1::]/", "http://localhost./",
])
def test_hostile_urls_are_refused_without_any_request(url):
    fetcher = fetcher_for({"/": html()}, resolver=lambda host: ["127.0.0.1"] if host == "localhost" else PUBLIC)
    with pytest.raises(BlockedAddressError):
        fetcher.fetch(url)
    assert fetcher.requests == []


def test_every_resolved_address_is_checked():
    fetcher = fetcher_for({"/": html()}, resolver=lambda host: ["93.184.216.34", "10.0.0.5"])
    with pytest.raises(BlockedAddressError, match="private address 10.0.0.5"):
        fetcher.fetch("http://sneaky.example/")


def test_allow_private_lets_local_addresses_through():
    settings = FetchSettings(per_host_delay=0, allow_private=True)
    assert fetcher_for({"/": html()}, settings).fetch("http://127.0.0.1/").body == HTML


@pytest.mark.parametrize("host,expected", [("2130706433", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
                                           ("0x7f.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("example.com", None),
                                           ("1.2.3.4.5", None), ("256.0.0.1", None)])
def test_literal_addresses_parse_like_inet_aton(host, expected):
    found = literal_address(host)
    assert (str(found) if found else None) == expected


def test_normalize_url():
    assert normalize_url("HTTPS://News.Example:443/a/?fbclid=x&q=1&utm_medium=y#c") == "https://news.example/a/?q=1"
    assert normalize_url("http://news.example") == "http://news.example/"
    assert normalize_url("http://news.example:8080/x") == "http://news.example:8080/x"


# --- robots.txt -----------------------------------------------------------------------------------------------------
def test_robots_disallow():
    robots = httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
    fetcher = fetcher_for({"/robots.txt": robots, "/private/x": html(), "/public": html()})
    assert fetcher.fetch("http://example.com/public").body == HTML
    with pytest.raises(RobotsDisallowedError, match="disallows /private/x"):
        fetcher.fetch("http://example.com/private/x")
    assert [r.url.path for r in fetcher.requests].count("/robots.txt") == 1  # cached per host


def test_robots_for_our_agent_only():
    robots = httpx.Response(200, text="User-agent: newsgraph\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    with pytest.raises(RobotsDisallowedError):
        fetcher_for({"/robots.txt": robots, "/a": html()}).fetch("http://example.com/a")


def test_robots_missing_allows_and_server_error_disallows():
    assert fetcher_for({"/a": html()}).fetch("http://example.com/a").body == HTML  # /robots.txt is a 404
    with pytest.raises(RobotsDisallowedError, match="HTTP 503"):
        fetcher_for({"/robots.txt": httpx.Response(503), "/a": html()}).fetch("http://example.com/a")


def test_ignore_robots():
    settings = FetchSettings(per_host_delay=0, respect_robots=False)
    robots = httpx.Response(200, text="User-agent: *\nDisallow: /\n")
    fetcher = fetcher_for({"/robots.txt": robots, "/a": html()}, settings)
    assert fetcher.fetch("http://example.com/a").body == HTML
    assert all(r.url.path != "/robots.txt" for r in fetcher.requests)


def test_crawl_delay_and_per_host_delay_are_waited():
    now, slept = [100.0], []
    robots = httpx.Response(200, text="User-agent: *\nCrawl-delay: 5\n")
    fetcher = fetcher_for({"/robots.txt": robots, "/a": html(), "/b": html()}, FetchSettings(per_host_delay=1.0),
                          clock=lambda: now[0], sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    fetcher.fetch("http://example.com/a")
    fetcher.fetch("http://example.com/b")
    assert slept and max(slept) == pytest.approx(5.0)


def test_host_throttle_spaces_requests_per_host():
    now, slept = [0.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(2.0, clock=lambda: now[0], sleep=sleep)
    for host in ("a", "b", "a", "a"):
        with throttle.turn(host):
            now[0] += 0.5
    assert slept == [pytest.approx(1.5), pytest.approx(2.0)]


# --- size caps and gzip bombs -----------------------------------------------------------------------------------
def test_content_length_over_cap_is_refused_before_reading():
    settings = FetchSettings(per_host_delay=0, max_bytes=1000)
    response = html(b"x" * 5000)
    with pytest.raises(TooLargeError, match="Content-Length 5,000"):
        fetcher_for({"/a": response}, settings).fetch("http://example.com/a")


def test_50_mb_page_streamed_without_length_is_cut_at_the_cap():
    sent = []

    def chunks():
        for _ in range(50):
            sent.append(1)
            yield b"<p>" + b"x" * (1024 * 1024 - 3)

    response = httpx.Response(200, content=chunks(), headers={"content-type": "text/html"})
    with pytest.raises(TooLargeError, match="over the size cap of 20,971,520 bytes"):
        fetcher_for({"/big": response}).fetch("http://example.com/big")
    assert len(sent) <= 21  # stopped reading at the cap, not after 50 MB


def test_gzip_bomb_over_http():
    response = encoded(bomb(64 * 1024 * 1024), "gzip")
    with pytest.raises(TooLargeError, match="decompresses to more than 20,971,520 bytes"):
        fetcher_for({"/bomb": response}).fetch("http://example.com/bomb")


def test_gzip_and_deflate_bodies_are_decoded():
    gz = encoded(gzip.compress(HTML), "gzip")
    deflate = encoded(zlib.compress(HTML), "deflate")
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw_deflate = encoded(packer.compress(HTML) + packer.flush(), "deflate")
    fetcher = fetcher_for({"/gz": gz, "/deflate": deflate, "/raw": raw_deflate})
    assert fetcher.fetch("http://example.com/gz").body == HTML
    assert fetcher.fetch("http://example.com/deflate").body == HTML
    assert fetcher.fetch("http://example.com/raw").body == HTML


def test_broken_gzip_body():
    response = encoded(gzip.compress(HTML)[:10] + b"\xff" * 200, "gzip")
    with pytest.raises(FetchError, match="broken gzip body"):
        fetcher_for({"/a": response}).fetch("http://example.com/a")


def test_truncated_gzip_body_gives_what_arrived():
    long_html = HTML.replace(b"Hello", b"Hello " * 2000)
    response = encoded(gzip.compress(long_html)[:60], "gzip")
    body = fetcher_for({"/a": response}).fetch("http://example.com/a").body
    assert 0 < len(body) < len(long_html) and long_html.startswith(body)


# --- content types, errors, timeouts ------------------------------------------------------------------------------
@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", "video/mp4"])
def test_non_html_content_types_are_refused(content_type):
    with pytest.raises(ContentTypeError, match=content_type):
        fetcher_for({"/a": html(b"%PDF-1.4", content_type)}).fetch("http://example.com/a")


def test_feeds_and_sitemaps_are_accepted_as_sources_only():
    fetcher = fetcher_for({"/feed": html(b"<rss version='2.0'></rss>", "application/rss+xml")})
    assert fetcher.fetch("http://example.com/feed", accept=SOURCE_KINDS).body.startswith(b"<rss")
    with pytest.raises(ContentTypeError):
        fetcher.fetch("http://example.com/feed")


def test_http_error_status():
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher_for({}).fetch("http://example.com/missing")


@pytest.mark.parametrize("error", [httpx.ConnectTimeout, httpx.ReadTimeout, httpx.PoolTimeout])
def test_timeouts(error):
    def slow(request):
        raise error("too slow", request=request)

    with pytest.raises(FetchTimeoutError, match="timed out after 20s"):
        fetcher_for({"/a": slow}).fetch("http://example.com/a")


def test_timeout_while_reading_the_body():
    def chunks():
        yield b"<html><body>"
        raise httpx.ReadTimeout("stalled")

    response = httpx.Response(200, content=chunks(), headers={"content-type": "text/html"})
    with pytest.raises(FetchTimeoutError):
        fetcher_for({"/a": response}).fetch("http://example.com/a")


def test_slow_drip_body_hits_the_total_deadline():
    now = [0.0]

    def chunks():
        for _ in range(100):
            now[0] += 10.0  # each chunk arrives 10 s after the last: under the read timeout, never done
            yield b"<p>drip</p>"

    response = httpx.Response(200, content=chunks(), headers={"content-type": "text/html"})
    with pytest.raises(FetchTimeoutError, match="body took longer than 60s"):
        fetcher_for({"/a": response}, clock=lambda: now[0]).fetch("http://example.com/a")


def test_connection_refused_is_a_fetch_error():
    def refused(request):
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError, match="ConnectError"):
        fetcher_for({"/a": refused}).fetch("http://example.com/a")


def test_redirect_without_location():
    with pytest.raises(RedirectError, match="without a Location"):
        fetcher_for({"/a": httpx.Response(302)}).fetch("http://example.com/a")


def test_unreachable_host_reports_the_network_error_not_a_robots_rule():
    def refused(request):
        raise httpx.ConnectError("connection refused", request=request)

    fetcher = fetcher_for({"/robots.txt": refused, "/a": html()})
    with pytest.raises(FetchError, match="cannot fetch robots.txt: request failed: ConnectError") as caught:
        fetcher.fetch("http://example.com/a")
    assert not isinstance(caught.value, RobotsDisallowedError)
    with pytest.raises(FetchTimeoutError):
        fetcher_for({"/robots.txt": lambda r: (_ for _ in ()).throw(httpx.ConnectTimeout("slow", request=r))}).fetch(
            "http://example.com/a")
