"""Ingest runner: every Page goes through extract -> analyze -> connect -> store, one error policy per item.

A failing item becomes an ``IngestResult`` with a reason; the batch goes on and nothing already stored is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Entity, Page
from newsgraph.store import Store

__all__ = ["IngestResult", "ingest", "process_page", "entities_of"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: str  # the URL or path of the item
    status: str  # ok, unchanged, skipped, failed
    reason: str = ""  # why it was skipped or failed (an error's ``reason`` tag and message)
    article_id: str | None = None
    title: str | None = None


def process_page(page: Page, store: Store, settings: Settings = Settings()) -> IngestResult:
    """Extract, analyse, connect and store one page."""
    from newsgraph.connect.link import link_article
    from newsgraph.extract import extract_page
    from newsgraph.pipeline import analyze
    from newsgraph.understand.language import run as detect_language

    article = extract_page(page, store=store, settings=settings)
    article = detect_language(article, settings.languages)
    if settings.analyze:
        article = analyze(article, strict=False)
    article = link_article(article, store)
    result = store.put_article(article, raw_html=page.body)
    if result.status != "unchanged":
        store.put_entities(entities_of(article))
    status = "ok" if result.status != "unchanged" else "unchanged"
    return IngestResult(page.url, status, result.status, article.id, article.title)


def entities_of(article: Article) -> list[Entity]:
    """Entity records named by an article's mentions (base forms per language)."""
    found: dict[str, Entity] = {}
    for m in article.mentions:
        if not m.entity_id:
            continue
        name = m.lemma or m.text
        entity = found.get(m.entity_id) or Entity(id=m.entity_id, label=m.label, name=name)
        names = entity.names if (article.language or "", name) in entity.names else (
            *entity.names, (article.language or "", name))
        found[m.entity_id] = Entity(entity.id, entity.label, entity.name, names)
    return list(found.values())


def pages_from_paths(paths: Iterable[Path]) -> Iterator[Page | IngestResult]:
    for path in paths:
        if path.is_dir():
            yield from pages_from_paths(sorted(p for p in path.rglob("*") if p.is_file()))
            continue
        try:
            yield Page(url=path.resolve().as_uri(), body=path.read_bytes(), source="file")
        except OSError as exc:
            yield IngestResult(str(path), "failed", f"unreadable: {exc}")


def ingest(sources: Iterable[str], store: Store, settings: Settings = Settings()) -> Iterator[IngestResult]:
    """Ingest every source; yields one result per page."""
    for item in pages_from_paths(Path(s) for s in sources):
        if isinstance(item, IngestResult):
            yield item
            continue
        try:
            yield process_page(item, store, settings)
        except NewsgraphError as exc:
            yield IngestResult(item.url, "skipped" if exc.reason in {"empty", "not-html"} else "failed",
                               f"{exc.reason}: {exc}")
