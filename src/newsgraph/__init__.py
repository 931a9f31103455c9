"""newsgraph: turn streams of news pages into sourced, searchable knowledge.

    >>> import newsgraph
    >>> article = newsgraph.extract(html, url="https://example.com/news/1")
    >>> article = newsgraph.analyze(article)
    >>> article.mentions, article.quotes, article.claims, article.framing
    >>> with newsgraph.open("newsgraph.db") as store:
    ...     store.search("Zelenski")
"""

from newsgraph.api import analyze, cluster, extract, open
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Claim, Entity, FramingSpan, Mention, Page, Quote, Story

__version__ = "0.1.0"

__all__ = [
    "extract",
    "analyze",
    "cluster",
    "open",
    "Article",
    "Page",
    "Mention",
    "Quote",
    "Claim",
    "FramingSpan",
    "Entity",
    "Story",
    "NewsgraphError",
    "__version__",
]
