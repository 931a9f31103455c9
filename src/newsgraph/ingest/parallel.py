"""Fetching the links that feeds and sitemaps list: several hosts at once, one request at a time per host.

Links are taken in order; a link whose host is busy waits in a small buffer while links of other hosts go ahead,
so ``concurrency`` workers spread over hosts instead of queueing on one. Pages and results that need no fetch
pass straight through. Everything downstream (extraction, the store) stays in the calling thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.fetch import HTML_KINDS, Fetcher
from newsgraph.ingest.result import IngestResult, result_for_error
from newsgraph.ingest.sources import ArticleLink
from newsgraph.ingest.urls import host_of, normalize_url
from newsgraph.model import Page

__all__ = ["fetch_links"]

_BUFFER = 500  # links held back while their host is busy


def fetch_links(items: Iterable[Page | ArticleLink | IngestResult], fetcher: Fetcher, *, concurrency: int = 1,
                seen: set[str] | None = None) -> Iterator[Page | IngestResult]:
    """Replace every ArticleLink by the fetched Page (or a result saying why not); a URL already in ``seen``
    (listed twice in a run) is passed over."""
    seen = set() if seen is None else seen
    fresh = _first_sightings(items, seen)
    if concurrency <= 1:
        for item in fresh:
            yield _fetch_one(item, fetcher) if isinstance(item, ArticleLink) else item
        return
    yield from _fetch_parallel(fresh, fetcher, concurrency)


def _first_sightings(items: Iterable[Page | ArticleLink | IngestResult], seen: set[str]):
    for item in items:
        if isinstance(item, ArticleLink):
            item = ArticleLink(normalize_url(item.url), item.via)
            if item.url in seen:
                continue
            seen.add(item.url)
        yield item


def _fetch_one(link: ArticleLink, fetcher: Fetcher) -> Page | IngestResult:
    try:
        return fetcher.fetch(link.url, accept=HTML_KINDS, source=link.via)
    except NewsgraphError as exc:
        return result_for_error(link.url, exc)


def _fetch_parallel(items: Iterator[Page | ArticleLink | IngestResult], fetcher: Fetcher,
                    concurrency: int) -> Iterator[Page | IngestResult]:
    waiting: deque[ArticleLink] = deque()
    running: dict[Future, str] = {}  # future -> host
    exhausted = False
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="newsgraph-fetch") as pool:
        while True:
            while not exhausted and len(waiting) < _BUFFER:
                item = next(items, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, ArticleLink):
                    waiting.append(item)
                else:
                    yield item
            _start_free_hosts(pool, fetcher, waiting, running, concurrency)
            if not running:
                if exhausted and not waiting:
                    return
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                del running[future]
                yield future.result()


def _start_free_hosts(pool: ThreadPoolExecutor, fetcher: Fetcher, waiting: deque[ArticleLink],
                      running: dict[Future, str], concurrency: int) -> None:
    """Start links whose host has no request in flight, oldest first, up to ``concurrency`` at once."""
    busy = set(running.values())
    held: deque[ArticleLink] = deque()
    while waiting and len(running) < concurrency:
        link = waiting.popleft()
        host = host_of(link.url)
        if host in busy:
            held.append(link)
            continue
        busy.add(host)
        running[pool.submit(_fetch_one, link, fetcher)] = host
    waiting.extendleft(reversed(held))
