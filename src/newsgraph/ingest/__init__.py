"""Ingest: sources (URLs, feeds, sitemaps, WARC files, HTML files, folders) in, Pages out, stored as Articles."""

from newsgraph.ingest.runner import IngestResult, ingest, process_page

__all__ = ["IngestResult", "ingest", "process_page"]
