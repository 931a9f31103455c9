"""The storage contract. Every backend (SQLite now, PostgreSQL next) implements ``Store``; callers never see SQL.

One contract test suite (``tests/test_store_contract.py``) runs against every backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from newsgraph.model import Article, Entity, SearchHit, SiteTemplate, Story

__all__ = ["Store", "PutResult", "ArticleFilter"]


@dataclass(frozen=True, slots=True)
class PutResult:
    article_id: str
    status: Literal["inserted", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Filters shared by search, listing and export."""

    lang: str | None = None
    site: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    entity_id: str | None = None
    story_id: str | None = None


class Store(ABC):
    """A newsgraph store. Use as a context manager or call ``close()``."""

    # --- articles -------------------------------------------------------------------------------------------
    @abstractmethod
    def put_article(
        self, article: Article, raw_html: bytes | None = None, raw_encoding: str | None = None
    ) -> PutResult:
        """Insert or update an article with its analysis records. Same content -> "unchanged", no duplicate.

        ``raw_html`` (and the charset it was served with, ``raw_encoding``) is kept for re-extraction."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def get_article_by_url(self, url: str) -> Article | None: ...

    @abstractmethod
    def get_raw_html(self, article_id: str) -> bytes | None:
        """The page the article was extracted from, kept so that articles can be re-extracted."""

    def get_raw_encoding(self, article_id: str) -> str | None:
        """The charset the stored page was served with (None when unknown)."""
        return None

    @abstractmethod
    def iter_articles(self, where: ArticleFilter = ArticleFilter(), limit: int | None = None) -> Iterator[Article]:
        """Articles, newest first."""

    @abstractmethod
    def search(
        self, query: str, where: ArticleFilter = ArticleFilter(), limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Full-text search over title and text, folding case and diacritics."""

    @abstractmethod
    def stats(self) -> dict:
        """Counts: articles, per language, per site, entities, quotes, claims, framing spans, stories."""

    # --- site templates -------------------------------------------------------------------------------------
    @abstractmethod
    def get_site_template(self, site: str) -> SiteTemplate | None: ...

    @abstractmethod
    def put_site_template(self, template: SiteTemplate) -> None: ...

    # --- entities -------------------------------------------------------------------------------------------
    @abstractmethod
    def put_entities(self, entities: Iterable[Entity]) -> None:
        """Insert or merge entities (names are unioned)."""

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def find_entities(self, name: str, limit: int = 10) -> list[Entity]:
        """Entities with a name equal to (folded) ``name``, most mentioned first; prefix matches after."""

    @abstractmethod
    def top_entities(
        self, lang: str | None = None, label: str | None = None, top: int = 20
    ) -> list[tuple[Entity, int]]:
        """Entities with their number of mentions (in articles of ``lang``), most mentioned first."""

    @abstractmethod
    def entity_mentions(self, entity_id: str, limit: int | None = None) -> list[dict]:
        """Rows: article_id, site, language, published, start, end, text, lemma."""

    # --- quotes, claims, framing ----------------------------------------------------------------------------
    @abstractmethod
    def quotes(
        self, speaker: str | None = None, about: str | None = None, lang: str | None = None, limit: int = 100
    ) -> list[dict]:
        """Rows: article_id, site, language, published and the Quote fields. ``speaker``/``about`` are names
        or entity ids."""

    @abstractmethod
    def claims(self, min_score: float = 0.0, entity: str | None = None, limit: int = 100) -> list[dict]: ...

    @abstractmethod
    def framing(self, site: str | None = None, entity: str | None = None, limit: int = 1000) -> list[dict]: ...

    # --- stories --------------------------------------------------------------------------------------------
    @abstractmethod
    def put_story(self, story: Story) -> None: ...

    @abstractmethod
    def get_story(self, story_id: str) -> Story | None: ...

    @abstractmethod
    def stories(self, since: datetime | None = None, lang: str | None = None, limit: int = 50) -> list[Story]: ...

    @abstractmethod
    def set_article_story(self, article_id: str, story_id: str | None, duplicate_of: str | None = None) -> None: ...

    # --- reader queries (web pages); defaults built on the methods above, backends override them for speed --------
    def entity_timeline(self, entity_id: str) -> list[tuple[str, int]]:
        """(day ``YYYY-MM-DD``, number of mentions) of an entity, oldest first; undated articles left out."""
        days: dict[str, int] = {}
        for row in self.entity_mentions(entity_id):
            day = str(row.get("published") or "")[:10]
            if day:
                days[day] = days.get(day, 0) + 1
        return sorted(days.items())

    def cooccurring_entities(self, entity_id: str, top: int = 15, articles: int = 500) -> list[tuple[Entity, int]]:
        """Entities named in the same articles as ``entity_id`` (among its latest ``articles``), with the number
        of shared articles, most shared first."""
        ids = list(dict.fromkeys(row["article_id"] for row in self.entity_mentions(entity_id)))[-articles:]
        counts: dict[str, int] = {}
        for article_id in ids:
            article = self.get_article(article_id)
            for other in {m.entity_id for m in (article.mentions if article else ()) if m.entity_id}:
                if other != entity_id:
                    counts[other] = counts.get(other, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])[:top]
        return [(entity, n) for entity, n in ((self.get_entity(i), n) for i, n in ranked) if entity is not None]

    def search_facets(self, query: str, where: ArticleFilter = ArticleFilter(), sample: int = 1000) -> dict:
        """Facet counts over (up to) ``sample`` matches of a search: ``{"language": [(value, n)], "site": ...,
        "month": ..., "entity": [(entity_id, n)]}``, most frequent first. Exact when fewer match."""
        counts: dict[str, dict[str, int]] = {"language": {}, "site": {}, "month": {}, "entity": {}}
        for hit in self.search(query, where, limit=sample):
            article = self.get_article(hit.article_id)
            values = {
                "language": [hit.language or "?"], "site": [hit.site or "?"],
                "month": [hit.published.isoformat()[:7]] if hit.published else [],
                "entity": {m.entity_id for m in (article.mentions if article else ()) if m.entity_id},
            }
            for facet, found in values.items():
                for value in found:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
        return {facet: sorted(c.items(), key=lambda item: (-item[1], item[0])) for facet, c in counts.items()}

    # --- key/value state for stages (LSH indexes, learned aliases ...) -----------------------------------------
    @abstractmethod
    def get_state(self, key: str) -> bytes | None: ...

    @abstractmethod
    def put_state(self, key: str, value: bytes) -> None: ...

    def put_states(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Several state values at once (one transaction where the backend can)."""
        for key, value in items:
            self.put_state(key, value)

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
