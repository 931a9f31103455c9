"""The SQLite store: one file, WAL journal (readers never block the ingest writer), FTS5 search.

Articles are kept as JSON (``data``) beside the columns we filter on; analysis records (mentions, quotes, claims,
framing, events) get a table each, written in the same transaction as their article.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from newsgraph import serialize
from newsgraph.errors import StoreError
from newsgraph.model import Article, Entity, SearchHit, SiteTemplate, Story
from newsgraph.store.base import ArticleFilter, PutResult, Store
from newsgraph.store.migrations import migrate
from newsgraph.text import WORD_RE, fold

__all__ = ["SQLiteStore", "fts_query"]

_RECORD_TABLES = {
    # table: (Article attribute, extra indexed columns taken from the record)
    "mentions": ("mentions", ("label", "lemma", "entity_id")),
    "quotes": ("quotes", ("speaker", "speaker_entity_id")),
    "claims": ("claims", ("kind", "score")),
    "framing": ("framing", ("technique", "score", "target_entity_id")),
    "events": ("events", ()),
}
_ENTITY_FACET_SAMPLE = 500
_FTS_SYNTAX = re.compile(r'["*()]|\b(AND|OR|NOT|NEAR)\b')


def fts_query(query: str) -> str:
    """Turn a user's query into an FTS5 expression over folded text.

    Plain words are ANDed; words of 4+ letters also match as prefixes so that inflected forms are found
    ("Zelenski" finds "Zełenskiego"). A query that already uses FTS5 syntax (quotes, AND/OR/NOT, *) is
    passed through, folded.
    """
    if _FTS_SYNTAX.search(query):
        return fold(query).replace(" and ", " AND ").replace(" or ", " OR ").replace(" not ", " NOT ")
    terms = []
    for word in WORD_RE.findall(fold(query)):
        word = word.replace('"', "")
        terms.append(f'"{word}"*' if len(word) >= 4 else f'"{word}"')
    return " ".join(terms)


class SQLiteStore(Store):
    def __init__(self, path: str | Path = "newsgraph.db"):
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self.conn.row_factory = sqlite3.Row
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open the store at {self.path}: {exc}",
                hint="check that the path is a newsgraph SQLite database and that it is writable",
            ) from exc

    # --- articles -------------------------------------------------------------------------------------------
    def put_article(
        self, article: Article, raw_html: bytes | None = None, raw_encoding: str | None = None
    ) -> PutResult:
        with self._lock, self.conn:
            row = self.conn.execute(
                "SELECT content_hash, data FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            data = serialize.dumps(article)
            if row is not None and row["content_hash"] == article.content_hash and row["data"] == data:
                return PutResult(article.id, "unchanged")
            if row is not None and row["content_hash"] == article.content_hash:
                previous = serialize.loads(Article, row["data"])
                # Same text: keep story assignment unless the new record brings one.
                article = replace(
                    article,
                    story_id=article.story_id or previous.story_id,
                    duplicate_of=article.duplicate_of or previous.duplicate_of,
                )
                data = serialize.dumps(article)
            self._write_article(article, data)
            if raw_html is not None:
                self.conn.execute(
                    "INSERT OR REPLACE INTO raw_pages (article_id, html, encoding) VALUES (?, ?, ?)",
                    (article.id, zlib.compress(raw_html, 6), raw_encoding),
                )
            return PutResult(article.id, "inserted" if row is None else "updated")

    def _write_article(self, article: Article, data: str) -> None:
        self.conn.execute(
            """INSERT OR REPLACE INTO articles (id, url, canonical_url, site, title, language, published, updated,
            section, fetched_at, content_hash, story_id, duplicate_of, stored_at, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id, article.url, article.canonical_url, article.site, article.title, article.language,
                _iso(article.published), _iso(article.updated), article.section, _iso(article.fetched_at),
                article.content_hash, article.story_id, article.duplicate_of,
                datetime.now(UTC).isoformat(), data,
            ),
        )
        self.conn.execute("DELETE FROM articles_fts WHERE article_id = ?", (article.id,))
        self.conn.execute(
            "INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
            (article.id, fold(article.title or ""), fold(article.text)),
        )
        for table, (attribute, columns) in _RECORD_TABLES.items():
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            records = getattr(article, attribute)
            if not records:
                continue
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            sql = (
                f'INSERT INTO {table} (article_id, seq, start, "end"{", " if columns else ""}{names}, data) '
                f"VALUES (?, ?, ?, ?{', ' if columns else ''}{marks}, ?)"
            )
            self.conn.executemany(
                sql,
                [
                    (article.id, seq, r.start, r.end, *(getattr(r, c) for c in columns), serialize.dumps(r))
                    for seq, r in enumerate(records)
                ],
            )

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return serialize.loads(Article, row["data"]) if row else None

    def get_article_by_url(self, url: str) -> Article | None:
        row = self.conn.execute(
            "SELECT data FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1", (url, url)
        ).fetchone()
        return serialize.loads(Article, row["data"]) if row else None

    def get_raw_html(self, article_id: str) -> bytes | None:
        row = self.conn.execute("SELECT html FROM raw_pages WHERE article_id = ?", (article_id,)).fetchone()
        return zlib.decompress(row["html"]) if row else None

    def get_raw_encoding(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT encoding FROM raw_pages WHERE article_id = ?", (article_id,)).fetchone()
        return row["encoding"] if row else None

    def iter_articles(self, where: ArticleFilter = ArticleFilter(), limit: int | None = None) -> Iterator[Article]:
        clause, params = _where(where, alias="a")
        sql = f"SELECT a.data FROM articles a {clause} ORDER BY coalesce(a.published, a.stored_at) DESC, a.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        for row in self.conn.execute(sql, params).fetchall():
            yield serialize.loads(Article, row["data"])

    def search(
        self, query: str, where: ArticleFilter = ArticleFilter(), limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        expression = fts_query(query)
        if not expression:
            return []
        clause, params = _where(where, alias="a", prefix="AND")
        sql = f"""SELECT a.id, a.title, a.site, a.language, a.published, a.url, a.data, bm25(articles_fts) AS rank
            FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id
            WHERE articles_fts MATCH ? {clause}
            ORDER BY rank LIMIT ? OFFSET ?"""
        try:
            rows = self.conn.execute(sql, [expression, *params, limit, offset]).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}", hint="check quotes and operators") from exc
        hits = []
        for row in rows:
            text = json.loads(row["data"])["text"]
            hits.append(
                SearchHit(
                    article_id=row["id"], title=row["title"], site=row["site"], language=row["language"],
                    published=_dt(row["published"]), snippet=snippet(text, query), score=-row["rank"],
                    url=row["url"],
                )
            )
        return hits

    def stats(self) -> dict:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "languages": dict(self.conn.execute(
                "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "sites": dict(self.conn.execute(
                "SELECT coalesce(site, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "entities": one("SELECT count(*) FROM entities"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "claims": one("SELECT count(*) FROM claims"),
            "framing": one("SELECT count(*) FROM framing"),
            "stories": one("SELECT count(*) FROM stories WHERE merged_into IS NULL"),
            "site_templates": one("SELECT count(*) FROM site_templates"),
        }

    # --- site templates -------------------------------------------------------------------------------------
    def get_site_template(self, site: str) -> SiteTemplate | None:
        row = self.conn.execute("SELECT data FROM site_templates WHERE site = ?", (site,)).fetchone()
        return serialize.loads(SiteTemplate, row["data"]) if row else None

    def put_site_template(self, template: SiteTemplate) -> None:
        with self._lock, self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO site_templates (site, version, data) VALUES (?, ?, ?)",
                (template.site, template.version, serialize.dumps(template)),
            )

    # --- entities -------------------------------------------------------------------------------------------
    def put_entities(self, entities: Iterable[Entity]) -> None:
        with self._lock, self.conn:
            for entity in entities:
                existing = self.get_entity(entity.id)
                if existing is not None:
                    names = tuple(dict.fromkeys(existing.names + entity.names))
                    entity = replace(entity, names=names)
                self.conn.execute(
                    "INSERT OR REPLACE INTO entities (id, label, name, data) VALUES (?, ?, ?, ?)",
                    (entity.id, entity.label, entity.name, serialize.dumps(entity)),
                )
                for lang, name in entity.names or (("", entity.name),):
                    self.conn.execute(
                        "INSERT OR IGNORE INTO entity_names (entity_id, lang, name, folded) VALUES (?, ?, ?, ?)",
                        (entity.id, lang, name, fold(name)),
                    )

    def get_entity(self, entity_id: str) -> Entity | None:
        row = self.conn.execute("SELECT data FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return self._entity_with_count(row["data"], entity_id) if row else None

    def _entity_with_count(self, data: str, entity_id: str) -> Entity:
        count = self.conn.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", (entity_id,)).fetchone()[0]
        return replace(serialize.loads(Entity, data), mention_count=count)

    def find_entities(self, name: str, limit: int = 10) -> list[Entity]:
        folded = fold(name.strip())
        ids = [r[0] for r in self.conn.execute(
            """SELECT entity_id FROM entity_names WHERE folded = ? OR entity_id = ?
               UNION SELECT entity_id FROM entity_names WHERE folded LIKE ? ESCAPE '\\'""",
            (folded, name, _like_prefix(folded)),
        ).fetchall()]
        entities = [e for e in (self.get_entity(i) for i in dict.fromkeys(ids)) if e is not None]
        exact = {r[0] for r in self.conn.execute(
            "SELECT entity_id FROM entity_names WHERE folded = ?", (folded,)).fetchall()}
        entities.sort(key=lambda e: (e.id not in exact and e.id != name, -e.mention_count))
        return entities[:limit]

    def top_entities(
        self, lang: str | None = None, label: str | None = None, top: int = 20
    ) -> list[tuple[Entity, int]]:
        sql = """SELECT m.entity_id, count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.entity_id IS NOT NULL"""
        params: list = []
        if lang:
            sql += " AND a.language = ?"
            params.append(lang)
        if label:
            sql += " AND m.label = ?"
            params.append(label)
        sql += " GROUP BY m.entity_id ORDER BY n DESC LIMIT ?"
        out = []
        for entity_id, n in self.conn.execute(sql, [*params, top]).fetchall():
            entity = self.get_entity(entity_id)
            if entity is not None:
                out.append((entity, n))
        return out

    def entity_mentions(self, entity_id: str, limit: int | None = None) -> list[dict]:
        sql = """SELECT m.article_id, a.site, a.language, a.published, a.title, m.start, m."end", m.lemma, m.data
                 FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?
                 ORDER BY a.published"""
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = []
        for row in self.conn.execute(sql, (entity_id,)).fetchall():
            keys = ("article_id", "site", "language", "published", "title", "start", "end", "lemma")
            item = {k: row[k] for k in keys}
            item["text"] = json.loads(row["data"])["text"]
            rows.append(item)
        return rows

    # --- quotes, claims, framing ----------------------------------------------------------------------------
    def _records(self, table: str, conditions: list[str], params: list, order: str, limit: int) -> list[dict]:
        sql = f"""SELECT r.article_id, a.site, a.language, a.published, a.title, a.url, r.data
                  FROM {table} r JOIN articles a ON a.id = r.article_id"""
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += f" ORDER BY {order} LIMIT ?"
        out = []
        for row in self.conn.execute(sql, [*params, limit]).fetchall():
            item = {k: row[k] for k in ("article_id", "site", "language", "published", "title", "url")}
            item.update(json.loads(row["data"]))
            out.append(item)
        return out

    def _entity_ids(self, name_or_id: str) -> list[str]:
        return [e.id for e in self.find_entities(name_or_id, limit=50)] or [name_or_id]

    def quotes(
        self, speaker: str | None = None, about: str | None = None, lang: str | None = None, limit: int = 100
    ) -> list[dict]:
        conditions, params = [], []
        if speaker:
            ids = self._entity_ids(speaker)
            marks = ", ".join("?" for _ in ids)
            conditions.append(f"(r.speaker_entity_id IN ({marks}) OR r.speaker LIKE ?)")
            params += [*ids, f"%{speaker}%"]
        if about:
            ids = self._entity_ids(about)
            marks = ", ".join("?" for _ in ids)
            # A quote is "about" an entity mentioned inside the quoted content.
            conditions.append(
                f"""EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = r.article_id AND m.entity_id IN ({marks})
                    AND m.start >= r.start AND m."end" <= r."end")"""
            )
            params += ids
        if lang:
            conditions.append("a.language = ?")
            params.append(lang)
        return self._records("quotes", conditions, params, "a.published DESC, r.article_id, r.seq", limit)

    def claims(self, min_score: float = 0.0, entity: str | None = None, limit: int = 100) -> list[dict]:
        conditions, params = ["r.score >= ?"], [min_score]
        if entity:
            ids = self._entity_ids(entity)
            marks = ", ".join("?" for _ in ids)
            conditions.append(
                f"""EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = r.article_id AND m.entity_id IN ({marks})
                    AND m.start >= r.start AND m."end" <= r."end")"""
            )
            params += ids
        return self._records("claims", conditions, params, "r.score DESC", limit)

    def framing(self, site: str | None = None, entity: str | None = None, limit: int = 1000) -> list[dict]:
        conditions, params = [], []
        if site:
            conditions.append("a.site = ?")
            params.append(site)
        if entity:
            ids = self._entity_ids(entity)
            conditions.append(f"r.target_entity_id IN ({', '.join('?' for _ in ids)})")
            params += ids
        return self._records("framing", conditions, params, "a.published DESC, r.article_id, r.seq", limit)

    # --- stories --------------------------------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        with self._lock, self.conn:
            self.conn.execute(
                """INSERT OR REPLACE INTO stories (id, title, first_seen, last_seen, merged_into, data)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (story.id, story.title, _iso(story.first_seen), _iso(story.last_seen), story.merged_into,
                 serialize.dumps(story)),
            )

    def get_story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return serialize.loads(Story, row["data"]) if row else None

    def stories(self, since: datetime | None = None, lang: str | None = None, limit: int = 50) -> list[Story]:
        sql, params = "SELECT data FROM stories WHERE merged_into IS NULL", []
        if since:
            sql += " AND last_seen >= ?"
            params.append(_iso(since))
        sql += " ORDER BY last_seen DESC"
        out = []
        for row in self.conn.execute(sql, params):  # a cursor, not fetchall: stop reading at ``limit``
            story = serialize.loads(Story, row["data"])
            if lang and lang not in story.languages:
                continue
            out.append(story)
            if len(out) >= limit:
                break
        return out

    def set_article_story(self, article_id: str, story_id: str | None, duplicate_of: str | None = None) -> None:
        with self._lock, self.conn:
            row = self.conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise StoreError(f"no article {article_id} in the store")
            article = replace(serialize.loads(Article, row["data"]), story_id=story_id, duplicate_of=duplicate_of)
            self.conn.execute(
                "UPDATE articles SET story_id = ?, duplicate_of = ?, data = ? WHERE id = ?",
                (story_id, duplicate_of, serialize.dumps(article), article_id),
            )

    # --- reader queries (web pages): the base class's defaults, as single indexed queries ------------------------
    def entity_timeline(self, entity_id: str) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            """SELECT substr(a.published, 1, 10) AS day, count(*) FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND a.published IS NOT NULL GROUP BY day ORDER BY day""", (entity_id,)
        ).fetchall()
        return [(day, n) for day, n in rows]

    def cooccurring_entities(self, entity_id: str, top: int = 15, articles: int = 500) -> list[tuple[Entity, int]]:
        rows = self.conn.execute(
            """WITH latest AS (SELECT DISTINCT m.article_id, a.published FROM mentions m
                               JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?
                               ORDER BY a.published DESC LIMIT ?)
               SELECT o.entity_id, count(DISTINCT o.article_id) AS n FROM latest JOIN mentions o
               ON o.article_id = latest.article_id WHERE o.entity_id IS NOT NULL AND o.entity_id != ?
               GROUP BY o.entity_id ORDER BY n DESC, o.entity_id LIMIT ?""",
            (entity_id, articles, entity_id, top),
        ).fetchall()
        return [(entity, n) for entity, n in ((self.get_entity(i), n) for i, n in rows) if entity is not None]

    def search_facets(self, query: str, where: ArticleFilter = ArticleFilter(), sample: int = 1000) -> dict:
        # Counted over the first ``sample`` matches in storage order: ranking every match (bm25) would cost more
        # than the counting; entities over the first _ENTITY_FACET_SAMPLE of them.
        expression = fts_query(query)
        if not expression:
            return {"language": [], "site": [], "month": [], "entity": []}
        clause, params = _where(where, alias="a", prefix="AND")
        try:
            rows = self.conn.execute(
                f"""SELECT a.id, coalesce(a.language, '?'), coalesce(a.site, '?'), substr(a.published, 1, 7)
                    FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id
                    WHERE articles_fts MATCH ? {clause} LIMIT ?""",
                [expression, *params, sample],
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}", hint="check quotes and operators") from exc
        counts: dict[str, dict[str, int]] = {"language": {}, "site": {}, "month": {}, "entity": {}}
        for _, language, site, month in rows:
            for facet, value in (("language", language), ("site", site), ("month", month)):
                if value:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
        ids = [row[0] for row in rows][:_ENTITY_FACET_SAMPLE]
        if ids:
            marks = ", ".join("?" for _ in ids)
            counts["entity"] = dict(self.conn.execute(
                f"""SELECT entity_id, count(DISTINCT article_id) FROM mentions
                    WHERE article_id IN ({marks}) AND entity_id IS NOT NULL GROUP BY entity_id""", ids).fetchall())
        return {facet: sorted(c.items(), key=lambda item: (-item[1], item[0])) for facet, c in counts.items()}

    # --- state ----------------------------------------------------------------------------------------------
    def get_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return bytes(row["value"]) if row else None

    def put_state(self, key: str, value: bytes) -> None:
        with self._lock, self.conn:
            self.conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def put_states(self, items: Iterable[tuple[str, bytes]]) -> None:
        with self._lock, self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", list(items))

    def close(self) -> None:
        self.conn.close()


def snippet(text: str, query: str, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around the first word matching a query term (folded)."""
    terms = [fold(t) for t in WORD_RE.findall(query) if t.upper() not in {"AND", "OR", "NOT", "NEAR"}]
    position = 0
    for match in WORD_RE.finditer(text):
        word = fold(match.group())
        if any(word.startswith(t) if len(t) >= 4 else word == t for t in terms):
            position = match.start()
            break
    start = max(0, position - width // 3)
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end].replace("\n", " ").strip() + suffix


def _where(where: ArticleFilter, alias: str, prefix: str = "WHERE") -> tuple[str, list]:
    conditions, params = [], []
    if where.lang:
        conditions.append(f"{alias}.language = ?")
        params.append(where.lang)
    if where.site:
        conditions.append(f"{alias}.site = ?")
        params.append(where.site)
    if where.since:
        conditions.append(f"{alias}.published >= ?")
        params.append(_iso(where.since))
    if where.until:
        conditions.append(f"{alias}.published <= ?")
        params.append(_iso(where.until))
    if where.story_id:
        conditions.append(f"{alias}.story_id = ?")
        params.append(where.story_id)
    if where.entity_id:
        conditions.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = {alias}.id AND m.entity_id = ?)")
        params.append(where.entity_id)
    if not conditions:
        return "", []
    return f"{prefix} " + " AND ".join(conditions), params


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat()


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
