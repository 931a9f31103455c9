"""Sources: sniffing, feeds, sitemaps (and indexes), text URL lists, WARC files, HTML files and folders."""

from __future__ import annotations

import gzip
import io
import os
import zlib
from pathlib import Path

import httpx
import pytest

from newsgraph.config import FetchSettings
from newsgraph.errors import SourceError
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.formats import parse_feed, parse_sitemap
from newsgraph.ingest.result import IngestResult
from newsgraph.ingest.sniff import gunzip_capped, sniff
from newsgraph.ingest.sources import ArticleLink, SourceLimits, iter_source
from newsgraph.model import Page

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
HTML = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>"


def fetcher_for(routes):
    def handler(request):
        answer = routes.get(request.url.path, httpx.Response(404))
        return answer(request) if callable(answer) else answer

    client = httpx.Client(transport=httpx.MockTransport(handler))
    return Fetcher(FetchSettings(per_host_delay=0), client, resolver=lambda host: ["93.184.216.34"])


def xml(body: bytes, content_type="application/xml"):
    return httpx.Response(200, content=body, headers={"content-type": content_type})


def items(source, routes=None, **limits):
    return list(iter_source(str(source), fetcher_for(routes or {}), SourceLimits(**limits)))


def links(found):
    return [i.url for i in found if isinstance(i, ArticleLink)]


def failures(found):
    return [i for i in found if isinstance(i, IngestResult)]


def bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


def warc(records, compress=True) -> bytes:
    """A WARC of (url, status, content type, payload, extra http headers) response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, status, content_type, payload, extra in records:
        headers = StatusAndHeaders(f"{status} X", [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))
    return out.getvalue()


# --- sniffing -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("data,kind", [
    (b"<!DOCTYPE html><html>", "html"), (b"  \n<html lang='en'>", "html"), (b"<div>broken <p>html", "html"),
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"), (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b'<?xml version="1.0"?><!-- c --><urlset xmlns="x">', "sitemap"), (b"<sitemapindex>", "sitemap"),
    (b"WARC/1.0\r\n", "warc"), (gzip.compress(b"x"), "gzip"), (b"", "empty"), (b" \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"), (b"%PDF-1.4\n\x00\x01\x02\x03\x04\x05", "binary"),
    (b"https://a.example/1\nhttps://a.example/2\n", "urllist"), (b"just some words", "text"),
    ("<html><body>utf-16</body></html>".encode("utf-16"), "html"),
])
def test_sniff(data, kind):
    assert sniff(data) == kind


def test_gunzip_capped_stops_a_bomb():
    with pytest.raises(Exception, match="decompresses to more than"):
        gunzip_capped(bomb(32 * 1024 * 1024), 1024 * 1024)
    assert gunzip_capped(gzip.compress(b"a") + gzip.compress(b"b"), 10) == b"ab"  # multi-member gzip


# --- feeds ----------------------------------------------------------------------------------------------------------
def test_rss_feed_file_gives_links_hostile_ones_included_for_the_fetcher_to_refuse():
    found = items(FIXTURES / "feed.xml")
    assert links(found) == ["https://news.example/port-reopens?utm_source=rss", "https://news.example/bridge",
                            "javascript:alert(1)"]


def test_atom_feed_with_relative_links():
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>a</title><link href="/2024/a.html"/><id>1</id></entry></feed>')
    assert parse_feed(atom, "https://news.example/feed.atom") == ["https://news.example/2024/a.html"]


@pytest.mark.parametrize("body", [b"<rss><channel><item><title>x</ti", b"<?xml version='1.0'?><rss>&bogus;</rss>",
                                  b"<rss version='2.0'><channel></channel></rss>"])
def test_malformed_or_empty_feeds_raise_a_clear_error(body):
    with pytest.raises(SourceError, match="feed"):
        parse_feed(body, "https://news.example/feed")


def test_malformed_feed_over_http_is_one_failed_item():
    found = items("https://news.example/feed", {"/feed": xml(b"<rss><channel><item><link>http://x", "text/xml")})
    assert [(r.status, r.reason.split(":")[0]) for r in failures(found)] == [("failed", "bad-source")]


# --- sitemaps -------------------------------------------------------------------------------------------------------
def test_sitemap_file():
    assert links(items(FIXTURES / "sitemap.xml")) == ["https://news.example/port-reopens", "https://news.example/bridge"]


def test_sitemap_index_with_gzip_child_and_a_failing_child():
    news = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/n1</loc></url></urlset>'
    old = gzip.compress(news.replace(b"/n1", b"/o1"))
    routes = {"/sitemap-news.xml": xml(news), "/sitemap-old.xml.gz": xml(old, "application/octet-stream")}
    found = items(FIXTURES / "sitemap_index.xml", routes)
    assert links(found) == ["https://news.example/n1", "https://news.example/o1"]
    routes.pop("/sitemap-old.xml.gz")
    found = items(FIXTURES / "sitemap_index.xml", routes)
    assert links(found) == ["https://news.example/n1"]
    assert [r.reason for r in failures(found)] == ["fetch-failed: HTTP 404"]


def test_nested_sitemap_indexes_are_capped_in_depth_and_loops():
    index = b'<sitemapindex><sitemap><loc>https://news.example/index.xml</loc></sitemap></sitemapindex>'
    deeper = b'<sitemapindex><sitemap><loc>https://news.example/deeper.xml</loc></sitemap></sitemapindex>'
    requested = []
    found = items("https://news.example/index.xml", {"/index.xml": lambda r: requested.append(r) or xml(index)})
    assert failures(found) == [] and len(requested) == 1  # an index listing itself is read once
    routes = {"/index.xml": xml(deeper), "/deeper.xml": xml(deeper.replace(b"deeper", b"deepest")),
              "/deepest.xml": xml(deeper.replace(b"deeper", b"deepest2"))}
    found = items("https://news.example/index.xml", routes, max_sitemap_depth=2)
    assert "nested deeper than 2 levels" in failures(found)[0].reason


def test_sitemap_count_cap():
    listing = b"".join(f"<sitemap><loc>https://news.example/s{i}.xml</loc></sitemap>".encode() for i in range(5))
    urlset = b"<urlset><url><loc>https://news.example/a</loc></url></urlset>"
    routes = {"/index.xml": xml(b"<sitemapindex>" + listing + b"</sitemapindex>")}
    routes.update({f"/s{i}.xml": xml(urlset.replace(b"/a", f"/a{i}".encode())) for i in range(5)})
    found = items("https://news.example/index.xml", routes, max_sitemaps=3)
    assert len(links(found)) == 3 and "over 3 sitemaps" in failures(found)[0].reason


@pytest.mark.parametrize("body", [b"<urlset><url><loc>https://a.example/x</loc></url>", b"<urlset><url><loc>",
                                  b"<?xml version='1.0'?><notasitemap/>"])
def test_malformed_sitemaps(body):
    with pytest.raises(SourceError, match="sitemap"):
        parse_sitemap(body)


def test_sitemap_entities_are_not_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b"<urlset><url><loc>https://a.example/&b;</loc></url></urlset>")
    found = parse_sitemap(laughs)
    assert all("aaaaaaaa" not in url for url in found.urls)


def test_limit_caps_links_per_source():
    assert links(items(FIXTURES / "sitemap.xml", max_pages=1)) == ["https://news.example/port-reopens"]


def test_text_url_list():
    found = items("https://news.example/urls.txt", {"/urls.txt": xml(b"https://news.example/1\n", "text/plain")})
    assert links(found) == ["https://news.example/1"]


# --- WARC -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("compress", [True, False])
def test_warc_gives_html_pages_and_counts_the_rest(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc([
        ("https://news.example/a", 200, "text/html; charset=windows-1251", HTML, []),
        ("https://news.example/logo.png", 200, "image/png", b"\x89PNG", []),
        ("https://news.example/moved", 301, "text/html", b"", [("Location", "/a")]),
    ], compress))
    found = items(path)
    pages = [i for i in found if isinstance(i, Page)]
    assert [p.url for p in pages] == ["https://news.example/a"]
    assert pages[0].encoding == "cp1251" and pages[0].source == "warc" and pages[0].fetched_at.tzinfo is not None
    assert pages[0].body == HTML
    assert [r.status for r in failures(found)] == ["skipped"]
    assert "1 HTTP 301" in failures(found)[0].reason and "1 content type image/png" in failures(found)[0].reason


def test_warc_gzip_bomb_record_is_refused_and_the_archive_goes_on(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(warc([
        ("https://news.example/bomb", 200, "text/html", bomb(40 * 1024 * 1024), [("Content-Encoding", "gzip")]),
        ("https://news.example/zeros", 200, "text/html", bytes(3 * 1024 * 1024), []),  # the WARC.gz member is a bomb
        ("https://news.example/fine", 200, "text/html", HTML, []),
    ]))
    found = items(path, max_bytes=1024 * 1024)
    assert [p.url for p in found if isinstance(p, Page)] == ["https://news.example/fine"]
    assert [(r.source, r.reason.split(":")[0]) for r in failures(found)] == [
        ("https://news.example/bomb", "too-large"), ("https://news.example/zeros", "too-large")]


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path):
    data = warc([("https://news.example/1", 200, "text/html", HTML, []),
                 ("https://news.example/2", 200, "text/html", HTML * 50, [])], compress=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 400])
    found = items(path)
    assert [p.url for p in found if isinstance(p, Page)][:1] == ["https://news.example/1"]
    assert failures(found) and failures(found)[-1].status == "failed"


def test_not_a_warc_after_the_header(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is not a warc record at all\r\n\r\n" + os.urandom(300))
    found = items(path)
    assert [r.reason.split(":")[0] for r in failures(found)] == ["bad-source"]


def test_warc_over_http(tmp_path):
    body = warc([("https://news.example/a", 200, "text/html", HTML, [])])
    found = items("https://news.example/crawl.warc.gz", {"/crawl.warc.gz": xml(body, "application/warc")})
    assert [p.url for p in found if isinstance(p, Page)] == ["https://news.example/a"]


# --- files and folders --------------------------------------------------------------------------------------------
def test_html_file_page_fields():
    [page] = items(FIXTURES / "article_en.html")
    assert page.url.startswith("file:///") and page.source == "file" and page.fetched_at.tzinfo is not None


def test_html_gz_file_is_sniffed_not_named(tmp_path):
    (tmp_path / "page.bin").write_bytes(gzip.compress(HTML))
    [page] = items(tmp_path / "page.bin")
    assert page.body == HTML


def test_gzip_bomb_file(tmp_path):
    (tmp_path / "bomb.html.gz").write_bytes(bomb(30 * 1024 * 1024))
    [result] = items(tmp_path / "bomb.html.gz", max_bytes=1024 * 1024)
    assert result.status == "failed" and result.reason.startswith("too-large: ")


def test_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written
    [result] = items(path)
    assert result.status == "failed" and "over the size cap" in result.reason


@pytest.mark.parametrize("name,data,reason", [
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", "not-html: binary"),
    ("fake.html", os.urandom(2048).replace(b"<", b"\x00"), "not-html: binary"),
    ("empty.html", b"", "empty"), ("blank.html", b"   \n\n  ", "empty"), ("notes.txt", b"shopping list", "not-html"),
])
def test_files_that_hold_no_page_are_skipped_with_a_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    [result] = items(tmp_path / name)
    assert result.status == "skipped" and result.reason.startswith(reason)


def test_unreadable_and_missing_files(tmp_path):
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    [result] = items(tmp_path / "dangling.html")
    assert result.status == "failed" and result.reason.startswith("unreadable: ")
    [result] = items(tmp_path / "nope.html")
    assert result.status == "failed" and "no such file or folder" in result.reason


def test_folder_is_walked_sorted_and_hidden_files_are_left_out(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_bytes(HTML)
    (tmp_path / "one.htm").write_bytes(HTML)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "feed.xml").write_bytes((FIXTURES / "feed.xml").read_bytes())
    found = items(tmp_path)
    assert [Path(p.url).name for p in found if isinstance(p, Page)] == ["two.html", "one.htm"]
    assert len(links(found)) == 3


def test_gzipped_sitemap_file(tmp_path):
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress((FIXTURES / "sitemap.xml").read_bytes()))
    assert links(items(tmp_path / "sitemap.xml.gz")) == ["https://news.example/port-reopens",
                                                         "https://news.example/bridge"]
