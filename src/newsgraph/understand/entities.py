"""Stage: entities. Fills ``Article.mentions``: recognised names (``understand.ner``), their base forms
(``understand.lemma``) and language-independent entity ids (``understand.linking``).

The recogniser's spans are mended on the article's text first (``understand.entity_spans``: sentence ends, numbers,
listed names, outlets, menus). An article in a language without a shipped model gets no mentions; a missing model
for one of our languages raises ``ModelError`` with the command that trains it (the pipeline's error policy logs it
and goes on).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import replace

from newsgraph.model import Article, Mention
from newsgraph.understand import ner, sentences
from newsgraph.understand.entity_spans import (
    cut_after_numbers,
    split_at_sentences,
    with_district_names,
    with_gazetteer,
    with_number_suffix,
    with_web_outlets,
    without_language_menus,
)
from newsgraph.understand.lemma import harmonize, lemmatize
from newsgraph.understand.linking import LinkInput, gazetteer_id, known_label, link_mentions
from newsgraph.understand.ner_repeats import FUNCTION_WORDS as _FUNCTION_WORDS

__all__ = ["run", "mentions_of", "build_mentions"]

log = logging.getLogger(__name__)


def _sentence_index(article: Article):
    starts = [s.start for s in article.sentences]

    def index(offset: int) -> int | None:
        if not starts:
            return None
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return index


def _listed_non_person(name: str, label: str, lang: str | None) -> bool:
    return label != "PER" and gazetteer_id(name, label, lang) is not None


def build_mentions(article: Article, spans: list[ner.RawSpan], lang: str | None) -> tuple[Mention, ...]:
    """Mentions from recognised spans: base forms, entity ids linked within the article, sentence indexes."""
    text = article.text
    lemmas = [lemmatize(text[s.start : s.end], s.label, lang) for s in spans]
    lemmas = harmonize([text[s.start : s.end] for s in spans], [s.label for s in spans], lemmas)
    spans = [replace(s, label=known_label(lemma, s.label, lang)) for s, lemma in zip(spans, lemmas, strict=True)]
    ids = link_mentions([LinkInput(lemma, s.label, lang) for lemma, s in zip(lemmas, spans, strict=True)])
    person_ids = {i for i, s in zip(ids, spans, strict=True) if s.label == "PER"}
    # A surname the recogniser mislabelled takes the label of the person it was linked to. A famous place or
    # organisation keeps its label: "Rosjan" (PER, the people) links to Russia, and "Rosji" stays LOC.
    spans = [replace(s, label="PER") if i in person_ids and not _listed_non_person(lemma, s.label, lang) else s
             for s, i, lemma in zip(spans, ids, lemmas, strict=True)]
    sentence_of = _sentence_index(article)
    return tuple(
        Mention(s.start, s.end, text[s.start : s.end], s.label, lemma, entity_id, sentence_of(s.start))
        for s, lemma, entity_id in zip(spans, lemmas, ids, strict=True)
    )


def _sentence_starts(article: Article) -> list[int]:
    found = article.sentences or tuple(sentences.split(article.text))
    return [s.start for s in found]


def mentions_of(article: Article) -> tuple[Mention, ...]:
    lang = article.language
    if lang not in ner.NER_LANGUAGES or not article.text.strip():
        if lang:
            log.debug("no NER model for %s; article %s gets no mentions", lang, article.id)
        return ()
    # A name never runs over a line break (such spans are menus and bylines glued together) and has a letter ("59").
    spans = [s for s in ner.recognise(article.text, lang) if "\n" not in (name := article.text[s.start : s.end])
             and any(ch.isalpha() for ch in name)]
    spans = split_at_sentences(article.text, spans, _sentence_starts(article))
    spans = [s for s in with_number_suffix(article.text, cut_after_numbers(article.text, spans))
             if article.text[s.start : s.end].casefold() not in _FUNCTION_WORDS]
    spans = with_district_names(article.text, with_web_outlets(article.text, with_gazetteer(article.text, spans)))
    spans = without_language_menus(article.text, spans)
    return build_mentions(article, spans, lang)


def run(article: Article) -> Article:
    return replace(article, mentions=mentions_of(article))
