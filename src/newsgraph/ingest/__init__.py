"""Ingest: sources (URLs, feeds, sitemaps, WARC files, HTML files, folders) in, Pages out, stored as Articles.

``ingest`` runs a whole batch; ``fetch_page`` / ``Fetcher`` fetch politely and safely; ``iter_source`` turns one
source into pages and links. See docs/ingest.md.
"""

from newsgraph.ingest.fetch import Fetcher, fetch_page
from newsgraph.ingest.runner import IngestResult, ingest, process_page
from newsgraph.ingest.sources import iter_source

__all__ = ["Fetcher", "IngestResult", "fetch_page", "ingest", "iter_source", "process_page"]
