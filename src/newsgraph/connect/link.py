"""Hook called by the ingest runner after analysis and before storing: near-duplicates and story assignment.

The same ``Linker`` as ``newsgraph.cluster``, over the store's key/value state (``connect:*`` keys) instead of
memory; Story records are written to the store's stories table as they change.
"""

from __future__ import annotations

from newsgraph.connect.features import Embedder, lead_text
from newsgraph.connect.index import StoreIndex
from newsgraph.connect.stories import Linker, settings_for
from newsgraph.model import Article
from newsgraph.store import Store

__all__ = ["link_article"]


def link_article(article: Article, store: Store, embedder: Embedder | None = None) -> Article:
    """Return the article with ``duplicate_of`` / ``story_id`` set (and update stories in the store)."""
    embedder = embedder or Embedder()
    vector = embedder.embed([lead_text(article)])[0]
    return Linker(StoreIndex(store), settings_for(embedder.kind)).link(article, vector)
