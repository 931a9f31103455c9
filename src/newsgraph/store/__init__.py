"""Storage: one interface (``Store``), SQLite by default; ``open_store`` picks the backend from the target."""

from __future__ import annotations

from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.store.base import ArticleFilter, PutResult, Store

__all__ = ["Store", "PutResult", "ArticleFilter", "open_store"]


def open_store(target: str | Path = "newsgraph.db") -> Store:
    """Open (creating and migrating as needed) the store at ``target``.

    ``target`` is a SQLite path (``newsgraph.db``, ``sqlite:///path.db``) or ``:memory:``. PostgreSQL URLs
    (``postgresql://...``) are recognised and refused with a clear message until that backend lands.
    """
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            "the PostgreSQL backend is not available yet",
            hint="use a SQLite path such as newsgraph.db for now",
        )
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(text)
