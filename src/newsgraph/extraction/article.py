"""From a decoded page to an Article: parse once, read the metadata, run the cascade, assemble the record.

``prepare`` does everything that does not depend on the site template (so the template can be looked up by the
page's site first); ``build_article`` drops the template's lines, lays the text out as paragraphs with offsets and
fills the Article.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from newsgraph.errors import EmptyDocumentError
from newsgraph.extraction import template as site_template
from newsgraph.extraction.cascade import Line, run_cascade
from newsgraph.extraction.dates import is_copyright
from newsgraph.extraction.decode import MAX_HTML_CHARS, Decoded
from newsgraph.extraction.dom import parse, text_of
from newsgraph.extraction.metadata import Metadata, extract_metadata
from newsgraph.extraction.urls import absolute, normalize_url, site_of
from newsgraph.model import Article, Dropped, Extraction, Image, Link, Paragraph
from newsgraph.text import fold, stable_hash

__all__ = ["Prepared", "prepare", "build_article", "PARAGRAPH_SEPARATOR"]

PARAGRAPH_SEPARATOR = "\n\n"
MAX_LINKS = 200
MAX_IMAGES = 50


@dataclass(frozen=True, slots=True)
class Prepared:
    url: str | None
    meta: Metadata
    lines: tuple[Line, ...]
    extractor: str
    tried: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    links: tuple[Link, ...]
    images: tuple[Image, ...]
    site: str | None
    article_id: str


def prepare(decoded: Decoded, url: str | None) -> Prepared:
    """Parse, read metadata and run the extraction cascade (no template applied yet)."""
    with _cyclic_gc_paused():
        root = parse(decoded.text)
        meta = extract_metadata(root, url)
        result = run_cascade(decoded.text, root, url, meta.body)
    dropped = list(result.dropped)
    if decoded.truncated_from:
        dropped.append(Dropped(f"{decoded.truncated_from - MAX_HTML_CHARS} characters after the first "
                               f"{MAX_HTML_CHARS}", "too-large", "max-html-chars"))
    lines, early = _drop_title_and_notices(result.lines, meta.title)
    dropped.extend(early)
    canonical = meta.canonical_url if meta.canonical_url and meta.canonical_url.startswith("http") else None
    key_url = canonical or url
    site = site_of(canonical) or site_of(url)
    text_for_links = " ".join(line.text for line in lines).casefold()
    scope = result.container if result.container is not None else root
    return Prepared(
        url=url, meta=meta, lines=tuple(lines), extractor=result.extractor, tried=result.tried,
        dropped=tuple(dropped), links=_links(scope, url, text_for_links),
        images=_images(scope if result.container is not None else None, meta, url), site=site,
        article_id=stable_hash(normalize_url(key_url)) if key_url else "",
    )


@contextmanager
def _cyclic_gc_paused():
    """Extraction allocates many small objects but creates no reference cycles: the cyclic collector's passes
    over them are wasted (about a tenth of the time). Plain reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _drop_title_and_notices(lines: tuple[Line, ...], title: str | None) -> tuple[list[Line], list[Dropped]]:
    kept, dropped = [], []
    title_key = fold(title) if title else None
    for index, line in enumerate(lines):
        if index < 3 and title_key and fold(line.text) == title_key:
            dropped.append(Dropped(line.text, "title", "repeats-title"))
        elif len(line.text) < 200 and is_copyright(line.text):
            dropped.append(Dropped(line.text, "copyright-footer", "copyright-notice"))
        else:
            kept.append(line)
    return kept, dropped


def _links(scope: etree._Element, base: str | None, folded_text: str) -> tuple[Link, ...]:
    found: dict[str, Link] = {}
    for anchor in scope.iter("a"):
        label = text_of(anchor)
        if not label or label.casefold() not in folded_text:
            continue
        href = absolute(anchor.get("href") or "", base)
        if href and href not in found:
            found[href] = Link(href, label)
            if len(found) >= MAX_LINKS:
                break
    return tuple(found.values())


def _images(scope: etree._Element | None, meta: Metadata, base: str | None) -> tuple[Image, ...]:
    found: dict[str, Image] = {url: Image(url) for url in meta.images if url}
    if scope is not None:
        for img in scope.iter("img"):
            src = absolute(img.get("src") or img.get("data-src") or "", base)
            if src and src not in found:
                found[src] = Image(src, " ".join((img.get("alt") or "").split()))
    return tuple(found.values())[:MAX_IMAGES]


def _layout(lines: list[Line]) -> tuple[str, tuple[Paragraph, ...]]:
    parts, paragraphs, position = [], [], 0
    for line in lines:
        if parts:
            position += len(PARAGRAPH_SEPARATOR)
        parts.append(line.text)
        paragraphs.append(Paragraph(position, position + len(line.text), line.kind if line.kind in
                                    {"p", "h", "li", "blockquote", "pre"} else "p"))
        position += len(line.text)
    return PARAGRAPH_SEPARATOR.join(parts), tuple(paragraphs)


def build_article(prepared: Prepared, template_keys: frozenset[str], template_version: int | None,
                  fetched_at: datetime | None) -> Article:
    """The Article, less the lines of the site template; EmptyDocumentError when no text is left."""
    lines, template_dropped = site_template.apply_template(prepared.lines, template_keys)
    text, paragraphs = _layout(lines)
    if not text.strip():
        raise EmptyDocumentError("no article text found on the page", url=prepared.url,
                                 hint="the page may be a front page, an index or a script-rendered app")
    meta = prepared.meta
    content_hash = stable_hash(meta.title or "", text)
    return Article(
        id=prepared.article_id or content_hash, url=prepared.url, text=text, title=meta.title,
        canonical_url=meta.canonical_url, site=prepared.site, authors=meta.authors, published=meta.published,
        updated=meta.updated, section=meta.section, paragraphs=paragraphs, links=prepared.links,
        images=prepared.images, fetched_at=fetched_at, content_hash=content_hash,
        extraction=Extraction(
            extractor=prepared.extractor, tried=prepared.tried,
            dropped=prepared.dropped + tuple(template_dropped),
            metadata_sources=tuple(sorted(meta.sources.items())), template_version=template_version,
        ),
    )
