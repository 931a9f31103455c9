"""The public Python API: ``extract``, ``analyze``, ``cluster``, ``open``. Users and benchmarks rely on these names."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsgraph.model import Article
from newsgraph.store import Store, open_store

__all__ = ["extract", "analyze", "cluster", "open"]


def extract(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article from one HTML page: clean text, title, authors, dates, section, language, site.

    Raises ``newsgraph.errors.ExtractionError`` (``NotHTMLError``, ``EmptyDocumentError``) when the page holds
    no article.
    """
    from newsgraph.extraction import extract_html
    from newsgraph.understand.language import run as detect_language

    return detect_language(extract_html(html, url=url))


def analyze(text_or_article: str | Article, lang: str | None = None) -> Article:
    """Run the language stages: ``.mentions``, ``.quotes``, ``.claims``, ``.framing`` (and ``.events``).

    A plain string is wrapped as an Article first; ``lang`` forces the language instead of detecting it.
    """
    from newsgraph.pipeline import analyze as run_stages
    from newsgraph.pipeline import article_from_text

    article = text_or_article if isinstance(text_or_article, Article) else article_from_text(text_or_article, lang)
    return run_stages(article, lang=lang)


def cluster(articles: Sequence[Article]) -> list[str]:
    """A story id for each article, in order (the same code the store uses on ingest)."""
    from newsgraph.connect.stories import cluster_articles

    return cluster_articles(list(articles))


def open(target: str | Path = "newsgraph.db") -> Store:  # noqa: A001 - the documented public name
    """Open the store at ``target`` (a SQLite path by default)."""
    return open_store(target)
