"""Ingest end to end: sources in, articles stored; bad items get a reason and the batch goes on."""

from __future__ import annotations

import zlib
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.config import FetchSettings, Settings
from newsgraph.ingest import ingest
from newsgraph.ingest.fetch import Fetcher

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EN = (FIXTURES / "article_en.html").read_bytes()
UK = (FIXTURES / "article_uk.html").read_bytes()
SETTINGS = Settings(fetch=FetchSettings(per_host_delay=0), analyze=False)


@pytest.fixture
def full_pipeline(monkeypatch):
    """Ask for this to run the real language detection and story linking (entities and stems: the embedding
    model is left out to keep the test fast)."""
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "0")


@pytest.fixture(autouse=True)
def light_pipeline(request, monkeypatch):
    """Ingest is under test here, not the models: language detection and story linking are stubbed."""
    if "full_pipeline" in request.fixturenames:
        return
    monkeypatch.setattr("newsgraph.connect.link.link_article", lambda article, store: article)
    monkeypatch.setattr("newsgraph.understand.language.run", lambda article, languages=None: article)


def page(body=EN, content_type="text/html; charset=utf-8", status=200, **headers):
    return httpx.Response(status, content=body, headers={"content-type": content_type, **headers})


def fetcher_for(routes):
    """Answers by host+path ("news.example/a") or by path alone ("/a")."""

    def handler(request):
        answer = routes.get(f"{request.url.host}{request.url.path}", routes.get(request.url.path, httpx.Response(404)))
        return answer(request) if callable(answer) else answer

    client = httpx.Client(transport=httpx.MockTransport(handler))
    return Fetcher(SETTINGS.fetch, client, resolver=lambda host: ["93.184.216.34"])


def run(sources, store, routes=None, **options):
    return list(ingest([str(s) for s in sources], store, SETTINGS, fetcher=fetcher_for(routes or {}), **options))


def statuses(results):
    return [(r.status, r.reason.split(":")[0]) for r in results]


def bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


def test_files_are_stored_and_reingesting_creates_no_duplicate(store, full_pipeline):
    first = run([FIXTURES / "article_en.html", FIXTURES / "article_uk.html"], store)
    assert statuses(first) == [("ok", "inserted"), ("ok", "inserted")]
    assert store.stats()["articles"] == 2
    again = run([FIXTURES / "article_en.html", FIXTURES / "article_uk.html"], store)
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert [r.article_id for r in again] == [r.article_id for r in first]
    assert store.stats()["articles"] == 2


def test_changed_content_updates_the_record(store):
    routes = {"/a": page(EN)}
    [first] = run(["https://news.example/a"], store, routes)
    routes["/a"] = page(EN.replace(b"three weeks of repairs to its main quay", b"a month of repairs to its quay"))
    [second] = run(["https://news.example/a?utm_source=x#top"], store, routes)  # the same page, other spelling
    assert (first.status, first.reason, second.status, second.reason) == ("ok", "inserted", "ok", "updated")
    assert second.article_id == first.article_id and store.stats()["articles"] == 1
    assert "a month of repairs" in store.get_article(first.article_id).text


def test_feed_links_are_fetched_once_per_run(store):
    routes = {"/feed": page((FIXTURES / "feed.xml").read_bytes(), "application/rss+xml"),
              "/port-reopens": page(EN), "/bridge": page(UK)}
    results = run(["https://news.example/feed", FIXTURES / "sitemap.xml"], store, routes)
    assert sorted(statuses(results)) == [("ok", "inserted"), ("ok", "inserted"), ("skipped", "blocked-address")]
    assert {r.source for r in results if r.status == "ok"} == {"https://news.example/port-reopens",
                                                               "https://news.example/bridge"}


def test_concurrent_hosts_and_limit(store):
    feed = b"<rss version='2.0'><channel><title>t</title>" + b"".join(
        f"<item><link>https://{host}.example/{i}</link></item>".encode() for i in range(3) for host in "abc"
    ) + b"</channel></rss>"
    routes = {"news.example/feed": page(feed, "application/rss+xml")}
    for host in "abc":
        for i in range(3):
            routes[f"{host}.example/{i}"] = page(EN.replace(b"Eastbridge", f"Eastbridge {host}{i}".encode()))
    results = run(["https://news.example/feed"], store, routes, concurrency=3)
    assert sorted(statuses(results)) == [("ok", "inserted")] * 9
    assert [r.status for r in run(["https://news.example/feed"], store, routes, limit=2)] == ["unchanged"] * 2


BAD_ITEMS = {
    "truncated html": (page(EN[: len(EN) * 2 // 3]), "ok"),
    "broken html": (page(EN.replace(b"</p>", b"").replace(b"<article>", b"<article><div><table><td>")), "ok"),
    "wrong encoding": (page(UK.decode().encode("cp1251", errors="replace")), "ok"),
    "missing encoding": (page(UK.replace(b'charset="utf-8"', b""), "text/html"), "ok"),
    "bogus encoding": (page(EN, "text/html; charset=x-klingon"), "ok"),
    "empty page": (page(b""), "skipped empty"),
    "blank page": (page(b"<html><body></body></html>"), "skipped empty"),
    "binary as html": (page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "skipped not-html"),
    "pdf": (page(b"%PDF-1.4", "application/pdf"), "skipped content-type"),
    "json": (page(b"{}", "application/json"), "skipped content-type"),
    "50 MB page": (page(iter([b"<html><body>" + b"x" * (1024 * 1024)] * 50)), "failed too-large"),
    "gzip bomb": (page(iter([bomb(64 * 1024 * 1024)]), **{"content-encoding": "gzip"}), "failed too-large"),
    "redirect loop": (httpx.Response(302, headers={"location": "/bad"}), "failed redirects"),
    "timeout": (lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=request)), "failed timeout"),
    "server error": (httpx.Response(500), "failed fetch-failed"),
    "malformed feed": (page(b"<rss><channel><item><link>https://news.exa", "application/rss+xml"), "failed bad-source"),
    "malformed sitemap": (page(b"<urlset><url><loc>https://news.example/x</loc>", "application/xml"),
                          "failed bad-source"),
    "robots disallowed": (None, "skipped robots-disallowed"),
}


@pytest.mark.parametrize("name", BAD_ITEMS)
def test_bad_input_gets_a_reason_and_the_batch_goes_on(store, name):
    response, expected = BAD_ITEMS[name]
    routes = {"/robots.txt": page(b"User-agent: *\nDisallow: /private", "text/plain"),
              "/good-before": page(EN), "/good-after": page(UK), "/bad": response}
    path = "/private" if response is None else "/bad"
    sources = ["https://news.example/good-before", f"https://news.example{path}", "https://news.example/good-after"]
    results = run(sources, store, routes)
    got = results[1].status if expected == "ok" else f"{results[1].status} {results[1].reason.split(':')[0]}"
    assert got == expected, results[1].reason
    assert results[1].reason.split(":", 1)[-1].strip(), "a reason says what was wrong"
    assert [results[0].status, results[2].status] == ["ok", "ok"]
    assert store.get_article(results[0].article_id) and store.get_article(results[2].article_id)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(document.cookie)", "http://127.0.0.1/admin",
                                 "http://[::1]/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f000001/",
                                 "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data", "ftp://news.example/"])
def test_hostile_urls_are_skipped_and_nothing_stored_is_lost(store, url):
    run([FIXTURES / "article_en.html"], store)
    results = run([url, FIXTURES / "article_uk.html"], store)
    assert statuses(results) == [("skipped", "blocked-address"), ("ok", "inserted")]
    assert store.stats()["articles"] == 2


def test_store_can_be_read_while_an_ingest_runs(tmp_path):
    db = tmp_path / "live.db"
    with newsgraph.open(db) as writer:
        results = ingest([str(FIXTURES / "article_en.html"), str(FIXTURES / "article_uk.html")], writer, SETTINGS)
        first = next(results)  # the ingest is paused between two items, its store still open
        with newsgraph.open(db) as reader:
            assert reader.get_article(first.article_id) is not None
            assert [h.article_id for h in reader.search("Eastbridge")] == [first.article_id]
        assert next(results).status == "ok"


def test_cli_ingest_prints_the_summary_table(tmp_path):
    from newsgraph.cli import _load_commands, app

    _load_commands()
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "en.html").write_bytes(EN)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    args = ["ingest", str(folder), "javascript:alert(1)", "http://2130706433/", "--db", str(tmp_path / "cli.db"),
            "--no-analyze"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "ok (inserted) │     1" in result.output and "skipped       │     3" in result.output
    assert "blocked-address" in result.output and "not-html" in result.output and "pages/s" in result.output
    again = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert "unchanged     │     1" in again.output


def test_parallel_fetching_keeps_one_request_per_host_in_flight():
    import threading
    import time

    from newsgraph.ingest.parallel import fetch_links
    from newsgraph.ingest.sources import ArticleLink

    lock, in_flight, worst = threading.Lock(), {}, {}

    def handler(request):
        host = request.url.host
        with lock:
            in_flight[host] = in_flight.get(host, 0) + 1
            worst[host] = max(worst.get(host, 0), in_flight[host])
        time.sleep(0.01)  # hold the request open so that overlaps would show
        with lock:
            in_flight[host] -= 1
        return page(EN)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetcher = Fetcher(FetchSettings(per_host_delay=0, respect_robots=False), client, resolver=lambda h: ["8.8.8.8"])
    links = [ArticleLink(f"https://{host}.example/{i}", "feed") for i in range(4) for host in "abc"]
    results = list(fetch_links(links + links[:3], fetcher, concurrency=3))
    assert len(results) == 12 and all(r.body == EN for r in results)  # the repeated links were fetched once
    assert worst == {"a.example": 1, "b.example": 1, "c.example": 1}
