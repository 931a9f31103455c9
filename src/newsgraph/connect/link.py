"""Hook called by the ingest runner after analysis and before storing: near-duplicates and story assignment.

Placeholder until the stories issue lands: returns the article unchanged.
"""

from __future__ import annotations

from newsgraph.model import Article
from newsgraph.store import Store


def link_article(article: Article, store: Store) -> Article:
    """Return the article with ``duplicate_of`` / ``story_id`` set (and update stories in the store)."""
    return article
