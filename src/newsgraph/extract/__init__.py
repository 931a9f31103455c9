"""Extraction: a Page (or HTML) in, a clean Article out. See ``cascade`` for the fallback order."""

from __future__ import annotations

from datetime import datetime

from newsgraph.extract.basic import extract_html
from newsgraph.model import Article, SiteTemplate

__all__ = ["extract_html", "Article", "SiteTemplate", "datetime"]
