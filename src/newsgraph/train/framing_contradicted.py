"""Lexicon entries the annotated data contradicts, so the stage does not add them on their own.

The lexicon is written by the team, and some of its words are not what a corpus's annotators mark: in SemEval-2020's
English articles "regime*" matched about 160 times ("regime-change", "regiment" among them) and overlapped a gold
name-calling span 3 times; "nazi*" 28 times and never. Where such a word stands alone, the stage's span is one the
benchmark counts wrong and an analyst reads as noise. ``train_model`` counts, over its own training documents, how
often each entry of a technique the tagger is trained on overlaps a gold span of that technique, and stores those
under ``MAX_SHARE`` among entries seen at least ``MIN_HITS`` times in the model (``lexicon_contradicted``); the stage
then leaves their hits out (`understand/framing.py`). The tagger keeps the lexicon feature for these words, and the
other entries, and those of techniques the data does not label, stay as they are.
"""

from __future__ import annotations

from collections import Counter

from newsgraph.understand.framing_lexicon import lexicon, token_columns

__all__ = ["MIN_HITS", "MAX_SHARE", "contradicted_entries"]

MIN_HITS = 10  # fewer hits say too little about an entry
MAX_SHARE = 0.1  # at most one hit in ten on a gold span of its technique


def contradicted_entries(docs, lang: str, techniques: tuple[str, ...], min_hits: int = MIN_HITS,
                         max_share: float = MAX_SHARE) -> list[str]:
    """Entries (as ``LexiconHit.entry``) of ``techniques`` that hit at least ``min_hits`` times in ``docs`` and
    overlap a gold span of their technique in at most ``max_share`` of them."""
    matcher = lexicon(lang)
    hits, agreed = Counter(), Counter()
    for doc in docs:
        starts, ends, words = token_columns(doc.text)
        for hit in matcher.find(doc.text, list(zip(starts, ends, words, strict=True))):
            if hit.technique not in techniques:
                continue
            hits[hit.entry] += 1
            agreed[hit.entry] += any(start < hit.end and hit.start < end and technique == hit.technique
                                     for start, end, technique in doc.spans)
    return sorted(entry for entry, count in hits.items() if count >= min_hits and agreed[entry] <= max_share * count)
