"""Stage: events. Placeholder until its issue lands: returns the article unchanged."""

from __future__ import annotations

from newsgraph.model import Article


def run(article: Article) -> Article:
    return article
