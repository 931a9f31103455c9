"""Extraction: a Page (or HTML) in, a clean Article out.

Contract used by the ingest runner and the public API:

- ``extract_html(html, url=None, *, template=None, fetched_at=None) -> Article``: one page, no store.
- ``extract_page(page, store=None, settings=Settings()) -> Article``: decodes the page (header / BOM / meta /
  detection), applies and updates what the store learned about the page's site (site-template learning), extracts.

Steps: ``decode.decode_html`` -> ``dom.parse`` -> ``metadata.extract_metadata`` -> ``cascade.run_cascade``
(fast path, JSON-LD, trafilatura, readability, rescue) -> ``template.apply_template`` -> ``article.build_article``.
"""

from __future__ import annotations

from datetime import datetime

from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError, NotHTMLError
from newsgraph.extraction import template as site_template
from newsgraph.extraction.article import build_article, prepare
from newsgraph.extraction.decode import decode_html
from newsgraph.model import Article, Page, SiteTemplate
from newsgraph.store import Store

__all__ = ["extract_html", "extract_page", "reextract_site"]

_HTML_TYPES = ("text/html", "application/xhtml", "application/xml", "text/xml", "text/plain",
               "application/octet-stream", "application/x-unknown", "binary/octet-stream")
REEXTRACT_SOURCE = "reextract"  # Page.source of a stored page extracted again under a newer site template


def extract_html(
    html: str | bytes,
    url: str | None = None,
    *,
    template: SiteTemplate | None = None,
    fetched_at: datetime | None = None,
    min_pages: int = Settings().template_min_pages,
) -> Article:
    """Extract one page; ``template`` (what was learned about the site) removes the site's recurring lines."""
    prepared = prepare(decode_html(html, url=url), url)
    keys = site_template.learned_keys(template, min_pages)
    return build_article(prepared, keys, template.version if template and keys else None, fetched_at)


def _check_content_type(page: Page, url: str) -> None:
    content_type = (page.content_type or page.header("content-type") or "").split(";")[0].strip().lower()
    if content_type and not content_type.startswith(_HTML_TYPES):
        raise NotHTMLError(f"content type {content_type!r} is not HTML", url=url,
                           hint="only HTML pages hold articles")


def extract_page(page: Page, store: Store | None = None, settings: Settings = Settings()) -> Article:
    """Decode, extract and (with a store) learn from one page of a site; see ``template`` for the learning."""
    url = page.final_url or page.url
    _check_content_type(page, url)
    content_type = page.content_type or page.header("content-type")
    prepared = prepare(decode_html(page.body, page.encoding, content_type, url), url)
    site = prepared.site
    if store is None or not site:
        return build_article(prepared, frozenset(), None, page.fetched_at)
    before = store.get_site_template(site)
    current = before
    if page.source != REEXTRACT_SOURCE and store.get_article(prepared.article_id) is None:
        current = site_template.update_template(before, site, [line.text for line in prepared.lines],
                                                settings.template_min_pages)
        store.put_site_template(current)
    keys = site_template.learned_keys(current, settings.template_min_pages)
    article = build_article(prepared, keys, current.version if current and keys else None, page.fetched_at)
    if keys and not site_template.is_ready(before, settings.template_min_pages):
        reextract_site(store, site, settings, skip=article.id)
    return article


def reextract_site(store: Store, site: str, settings: Settings = Settings(), skip: str | None = None) -> int:
    """Extract the stored pages of ``site`` again under its current template and store them again (through the
    ingest runner, so language and analysis are redone). Returns how many articles changed.

    Called once when a site's template first becomes ready, for the pages ingested before it was.
    """
    from newsgraph.ingest.runner import process_page
    from newsgraph.store import ArticleFilter

    changed = 0
    for article in list(store.iter_articles(ArticleFilter(site=site))):
        raw = store.get_raw_html(article.id) if article.id != skip else None
        if raw is None or article.url is None:
            continue
        page = Page(url=article.url, body=raw, fetched_at=article.fetched_at, source=REEXTRACT_SOURCE,
                    encoding=store.get_raw_encoding(article.id))
        try:  # one stored page failing again must not stop the others
            if extract_page(page, store, settings).content_hash == article.content_hash:
                continue  # the template changes nothing here: skip the costly analysis
            result = process_page(page, store, settings)
        except NewsgraphError:
            continue
        changed += result.status == "ok"
    return changed
