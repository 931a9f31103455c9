"""Placeholder extraction with trafilatura until the cascade lands."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import trafilatura

from newsgraph.errors import EmptyDocumentError
from newsgraph.model import Article, Extraction, Paragraph, SiteTemplate
from newsgraph.text import stable_hash


def extract_html(
    html: str | bytes,
    url: str | None = None,
    *,
    template: SiteTemplate | None = None,
    fetched_at: datetime | None = None,
) -> Article:
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if not doc or not doc.text:
        raise EmptyDocumentError("no article text found", url=url)
    text = doc.text
    paragraphs, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            start = text.index(line, position)
            paragraphs.append(Paragraph(start, start + len(line)))
            position = start + len(line)
    site = urlsplit(url).hostname if url else None
    content_hash = stable_hash(doc.title or "", text)
    return Article(
        id=stable_hash(url) if url else content_hash,
        url=url,
        text=text,
        title=doc.title,
        site=site,
        authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
        paragraphs=tuple(paragraphs),
        extraction=Extraction(extractor="trafilatura"),
        fetched_at=fetched_at,
        content_hash=content_hash,
    )
