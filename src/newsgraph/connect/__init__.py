"""Connecting articles: near-duplicates and syndication, stories, corroboration."""
