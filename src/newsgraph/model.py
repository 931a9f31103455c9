"""The data model every pipeline stage shares.

All records are frozen dataclasses with slots. Stages never mutate a record: they return a new one
(``dataclasses.replace``). Every fact carries provenance: the article it came from and character offsets
(``start``/``end``) into that article's ``text``; ``sentence`` is the index into ``Article.sentences``.

Flow of records::

    Page (raw bytes, from ingest)
      -> Article (clean text + metadata, from extract)
        -> Article with mentions / quotes / claims / framing (from analyze)
          -> Story (groups of articles, from connect)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "Page",
    "Paragraph",
    "Sentence",
    "Link",
    "Image",
    "Dropped",
    "Extraction",
    "Article",
    "Mention",
    "Quote",
    "Claim",
    "FramingSpan",
    "Event",
    "Entity",
    "Story",
    "SiteTemplate",
    "SearchHit",
    "LABELS",
    "QUOTE_KINDS",
]

LABELS = ("PER", "ORG", "LOC", "EVT", "PRO", "MISC")
QUOTE_KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched (or read) document, before extraction."""

    url: str
    body: bytes
    final_url: str | None = None
    fetched_at: datetime | None = None
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    encoding: str | None = None
    content_type: str | None = None
    source: str = "file"  # http, file, warc, feed, sitemap

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the clean text: ``text[start:end]``."""

    start: int
    end: int
    kind: str = "p"  # p, h (heading), li, blockquote, pre
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    url: str
    alt: str = ""


@dataclass(frozen=True, slots=True)
class Dropped:
    """A piece of the page the extractor left out, and why."""

    text: str
    reason: str  # e.g. "site-template", "boilerplate", "copyright-footer"
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """How an Article's text and metadata were obtained."""

    extractor: str  # which stage of the cascade won: "fastpath", "trafilatura", "readability", ...
    tried: tuple[str, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    metadata_sources: tuple[tuple[str, str], ...] = ()  # (field, source) e.g. ("published", "json-ld")
    template_version: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity mention: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str
    label: str  # one of LABELS
    lemma: str = ""
    entity_id: str | None = None
    sentence: int | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted content (``start``/``end`` cover the content) and who said it."""

    start: int
    end: int
    text: str
    kind: str = "direct"  # one of QUOTE_KINDS
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_entity_id: str | None = None
    speaker_start: int | None = None  # offsets of the words that name the speaker in this article
    speaker_end: int | None = None
    speaker_via: str | None = None  # named, pronoun, verb, description, organisation, previous-quote, None
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    start: int
    end: int
    text: str
    kind: str  # number, attributed, causal, prediction, event, comparison ...
    score: float
    entity_ids: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class FramingSpan:
    start: int
    end: int
    text: str
    technique: str  # loaded_language, name_calling, exaggeration, doubt, appeal_to_fear ...
    score: float
    target: str | None = None
    target_entity_id: str | None = None
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom: ``text[start:end]`` is the trigger span."""

    start: int
    end: int
    text: str
    predicate: str
    agent: str | None = None
    agent_entity_id: str | None = None
    patient: str | None = None
    patient_entity_id: str | None = None
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article and, once analysed, what is in it."""

    id: str
    url: str | None
    text: str
    title: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    section: str | None = None
    language: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    extraction: Extraction | None = None
    fetched_at: datetime | None = None
    content_hash: str = ""
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    framing: tuple[FramingSpan, ...] = ()
    events: tuple[Event, ...] = ()
    story_id: str | None = None
    duplicate_of: str | None = None

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def outlet(self) -> str | None:
        return self.site


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity, independent of language."""

    id: str
    label: str
    name: str  # preferred display name
    names: tuple[tuple[str, str], ...] = ()  # (language, base-form name)
    mention_count: int = 0


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    key_entities: tuple[str, ...] = ()  # entity ids, most central first
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class SiteTemplate:
    """What the store has learned about one site's recurring lines (menus, promo lines, teasers).

    ``line_counts`` maps a normalised line to the number of the site's pages it was seen on.
    """

    site: str
    page_count: int = 0
    line_counts: tuple[tuple[str, int], ...] = ()
    version: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    site: str | None
    language: str | None
    published: datetime | None
    snippet: str
    score: float
    url: str | None = None
