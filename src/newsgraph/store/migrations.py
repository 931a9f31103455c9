"""Schema migrations: small ordered, named steps; each runs once per database.

A stage that needs tables of its own adds a list to ``MIGRATIONS`` under its own name prefix (append only; never
edit a step that has shipped).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

__all__ = ["MIGRATIONS", "migrate"]

CORE = [
    (
        "core_001_articles",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            canonical_url TEXT,
            site TEXT,
            title TEXT,
            language TEXT,
            published TEXT,
            updated TEXT,
            section TEXT,
            fetched_at TEXT,
            content_hash TEXT NOT NULL,
            story_id TEXT,
            duplicate_of TEXT,
            stored_at TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_canonical ON articles(canonical_url);
        CREATE INDEX articles_site ON articles(site);
        CREATE INDEX articles_language ON articles(language);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_story ON articles(story_id);
        CREATE TABLE raw_pages (article_id TEXT PRIMARY KEY, html BLOB NOT NULL);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TABLE site_templates (site TEXT PRIMARY KEY, version INTEGER, data TEXT NOT NULL);
        CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB);
        """,
    ),
    (
        "core_002_analysis",
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, label TEXT, name TEXT NOT NULL, data TEXT NOT NULL
        );
        CREATE TABLE entity_names (
            entity_id TEXT NOT NULL, lang TEXT NOT NULL, name TEXT NOT NULL, folded TEXT NOT NULL,
            PRIMARY KEY (entity_id, lang, name)
        );
        CREATE INDEX entity_names_folded ON entity_names(folded);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER,
            label TEXT, lemma TEXT, entity_id TEXT, data TEXT NOT NULL, PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER,
            speaker TEXT, speaker_entity_id TEXT, data TEXT NOT NULL, PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);
        CREATE TABLE claims (
            article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER,
            kind TEXT, score REAL, data TEXT NOT NULL, PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE framing (
            article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER,
            technique TEXT, score REAL, target_entity_id TEXT, data TEXT NOT NULL, PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX framing_target ON framing(target_entity_id);
        CREATE TABLE events (
            article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER,
            data TEXT NOT NULL, PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, merged_into TEXT, data TEXT NOT NULL
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        """,
    ),
]

#: Every migration, in order. Stages append their own lists here.
MIGRATIONS: list[tuple[str, str]] = [*CORE]

# The web reader: newest-first listings (front page, search without words) and "articles that mention entity X"
# walk an index instead of sorting or scanning the whole table.
WEB = [
    (
        "web_001_reader_indexes",
        """
        CREATE INDEX IF NOT EXISTS articles_recency ON articles(coalesce(published, stored_at) DESC, id);
        CREATE INDEX IF NOT EXISTS mentions_article_entity ON mentions(article_id, entity_id)
        """,
    ),
]
MIGRATIONS += WEB

# The charset the page was served with (HTTP header), so a page re-extracted from the store decodes as it did.
MIGRATIONS += [("core_003_raw_page_encoding", "ALTER TABLE raw_pages ADD COLUMN encoding TEXT")]


def migrate(conn: sqlite3.Connection, migrations: list[tuple[str, str]] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet applied; returns their names."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, sql in migrations:
        if name in done:
            continue
        with conn:
            _run_script(conn, sql)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
        applied.append(name)
    return applied


def _run_script(conn: sqlite3.Connection, sql: str) -> None:
    for statement in _split(sql):
        conn.execute(statement)


def _split(sql: str) -> list[str]:
    """Split a migration into statements (no semicolons inside our statements' literals)."""
    return [part.strip() for part in sql.split(";") if part.strip()]
