"""Placeholder until the stories issue lands: every article is its own story."""

from __future__ import annotations

from newsgraph.model import Article


def cluster_articles(articles: list[Article]) -> list[str]:
    return [a.id for a in articles]
