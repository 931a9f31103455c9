"""Ingest runner: every Page goes through extract -> analyze -> connect -> store, one error policy per item.

A failing item becomes an ``IngestResult`` with a reason; the batch goes on and nothing already stored is lost:
each article is committed on its own (the store writes one short transaction per article), so readers see
articles as they arrive and a crash loses at most the page in hand.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from newsgraph.config import Settings
from newsgraph.errors import EmptyDocumentError, NewsgraphError, NotHTMLError
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.parallel import fetch_links
from newsgraph.ingest.result import IngestResult, result_for_error
from newsgraph.ingest.sniff import sniff
from newsgraph.ingest.sources import SourceLimits, iter_source
from newsgraph.model import Article, Entity, Page
from newsgraph.store import Store

__all__ = ["IngestResult", "ingest", "process_page", "entities_of"]

log = logging.getLogger(__name__)


def process_page(page: Page, store: Store, settings: Settings = Settings()) -> IngestResult:
    """Extract, analyse, connect and store one page. Same content as stored -> "unchanged", nothing written."""
    from newsgraph.connect.link import link_article
    from newsgraph.extraction import extract_page
    from newsgraph.pipeline import analyze
    from newsgraph.understand.language import run as detect_language

    _refuse_non_documents(page)
    article = extract_page(page, store=store, settings=settings)
    if _already_stored(article, store, settings):
        return IngestResult(page.url, "unchanged", "unchanged", article.id, article.title)
    article = detect_language(article, settings.languages)
    if settings.analyze:
        article = analyze(article, strict=False)
    article = link_article(article, store)
    result = store.put_article(article, raw_html=page.body, raw_encoding=page.encoding)
    if result.status != "unchanged":
        store.put_entities(entities_of(article))
    status = "ok" if result.status != "unchanged" else "unchanged"
    return IngestResult(page.url, status, result.status, article.id, article.title)


def _refuse_non_documents(page: Page) -> None:
    """Empty and binary bodies get a clear reason before any extractor sees them."""
    kind = sniff(page.body)
    if kind == "empty":
        raise EmptyDocumentError("the page is empty", url=page.url)
    if kind in {"binary", "gzip"}:
        raise NotHTMLError(f"the body is {'compressed' if kind == 'gzip' else 'binary'} data, not HTML", url=page.url)


def _already_stored(article: Article, store: Store, settings: Settings) -> bool:
    """The same text is stored under the same id (and analysed, if analysis is asked for now)."""
    stored = store.get_article(article.id)
    if stored is None or stored.content_hash != article.content_hash or stored.title != article.title:
        return False
    return bool(stored.sentences) or not settings.analyze


def entities_of(article: Article) -> list[Entity]:
    """Entity records named by an article's mentions (base forms per language)."""
    from newsgraph.understand.linking import display_name

    found: dict[str, Entity] = {}
    for m in article.mentions:
        if not m.entity_id:
            continue
        name = m.lemma or m.text
        entity = found.get(m.entity_id) or Entity(id=m.entity_id, label=m.label, name=display_name(m.entity_id) or name)
        names = entity.names if (article.language or "", name) in entity.names else (
            *entity.names, (article.language or "", name))
        found[m.entity_id] = Entity(entity.id, entity.label, entity.name, names)
    return list(found.values())


def ingest(sources: Iterable[str], store: Store, settings: Settings = Settings(), *, fetcher: Fetcher | None = None,
           limit: int | None = None, concurrency: int = 1) -> Iterator[IngestResult]:
    """Ingest every source (URL, feed, sitemap, WARC, HTML file or folder); yields one result per item.

    ``limit`` caps the pages taken from each source; ``concurrency`` is how many hosts are fetched at once (each
    host still gets one request at a time). Pass a ``fetcher`` to control HTTP (tests give it a mock transport).
    """
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(settings.fetch)
    limits = SourceLimits(max_pages=limit, max_bytes=settings.fetch.max_bytes)
    seen: set[str] = set()
    try:
        for source in sources:
            items = fetch_links(iter_source(source, fetcher, limits), fetcher, concurrency=concurrency, seen=seen)
            yield from _guarded(source, items, store, settings)
    finally:
        if own_fetcher:
            fetcher.close()


def _guarded(source: str, items: Iterator[Page | IngestResult], store: Store,
             settings: Settings) -> Iterator[IngestResult]:
    """The per-item error policy: a bad item (or a bug it triggers) is reported and the batch goes on."""
    while True:
        try:
            item = next(items, None)
        except Exception as exc:  # noqa: BLE001 - the policy boundary: a bug in one source ends that source only
            log.exception("reading %s failed", source)
            yield IngestResult(source, "failed", f"internal-error: reading the source failed: {exc!r}")
            return
        if item is None:
            return
        yield item if isinstance(item, IngestResult) else _process_guarded(item, store, settings)


def _process_guarded(page: Page, store: Store, settings: Settings) -> IngestResult:
    try:
        return process_page(page, store, settings)
    except NewsgraphError as exc:
        return result_for_error(page.url, exc)
    except Exception as exc:  # noqa: BLE001 - the policy boundary: one page's bug must not end the batch
        log.exception("ingesting %s failed", page.url)
        return IngestResult(page.url, "failed", f"internal-error: {type(exc).__name__}: {exc}")
