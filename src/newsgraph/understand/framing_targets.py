"""Who a framing span is about: "Russian dictator Vladimir Putin" -> Putin.

Rules, first that applies wins:
1. head: the span modifies the name right after it ("dictator Vladimir Putin", "режим Лукашенка");
2. apposition: the name right before it ("Putin, the dictator", "Путін — диктатор");
3. name-calling only: a compatible mention earlier in the same sentence (the label's first entity type first, then
   the nearest);
4. name-calling only, a description standing for a name ("the terrorist head of state"): the compatible entity of
   the previous sentences that the article has named most often so far, the earliest on a tie (salience beats
   recency: a second person named last in the previous sentence is rarely the one a label refers back to).
Without mentions (no entity stage), rule 1 falls back to the capitalised words after the span, without an id.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsgraph.model import Article, Mention

__all__ = ["Target", "resolve_target", "ANY_LABEL"]

ANY_LABEL = ("PER", "ORG", "LOC")
_HEAD_GAP = re.compile(r"^[\s,]{0,3}$")
_APPOSITION_GAP = re.compile(r"^\s*[,—–-]?\s*(?:(?:the|a|an|this|that|цей|ця|этот|эта|ten|ta)\s+)?$", re.IGNORECASE)
_CAPITALISED = re.compile(r"^\s{1,2}((?:[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ][\w'’-]+)(?:\s+[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ][\w'’-]+){0,2})")
_LOOK_BACK_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    entity_id: str | None


def _target(mention: Mention) -> Target:
    return Target(mention.lemma or mention.text, mention.entity_id)


def _key(mention: Mention) -> str:
    return mention.entity_id or (mention.lemma or mention.text).casefold()


def _head(article: Article, start: int, end: int, mentions, labels) -> Target | None:
    for m in mentions:
        if m.start >= end and m.label in labels and _HEAD_GAP.match(article.text[end : m.start]):
            return _target(m)
        if m.start > end + 3:
            break
    for m in reversed(mentions):
        if m.end <= start and m.label in labels and _APPOSITION_GAP.match(article.text[m.end : start]):
            return _target(m)
        if m.end < start - 12:
            break
    return None


def _capitalised_after(article: Article, end: int) -> Target | None:
    found = _CAPITALISED.match(article.text[end : end + 80])
    return Target(found.group(1), None) if found else None


def _sentence_bounds(article: Article, index: int | None, start: int, end: int) -> tuple[int, int]:
    if index is not None and 0 <= index < len(article.sentences):
        sentence = article.sentences[index]
        return sentence.start, sentence.end
    return start, end


def _same_sentence(mentions, bounds, start, labels) -> Target | None:
    """The compatible mention before the span in its sentence ("Putin ... a dictator"), preferred label first, then
    nearest. Names after the span are left out: there they are mostly the object of the sentence ("a terrorist's
    visit after the Court issued a warrant")."""
    before = [m for m in mentions if m.label in labels and bounds[0] <= m.start and m.end <= start]
    if not before:
        return None
    best = min(before, key=lambda m: (labels.index(m.label), start - m.end))
    return _target(best)


def _salient_before(article: Article, mentions, sentence: int | None, start: int, labels) -> Target | None:
    if sentence is None or not article.sentences:
        window_start = max(0, start - 600)
    else:
        window_start = article.sentences[max(0, sentence - _LOOK_BACK_SENTENCES)].start
    earlier = [m for m in mentions if m.end <= start]
    recent = [m for m in earlier if m.start >= window_start and m.label in labels]
    if not recent:
        return None
    counts = Counter(_key(m) for m in earlier)
    order = {id(m): i for i, m in enumerate(recent)}
    # ties go to the earliest name of the window: the topic of a passage is usually named first (its subject)
    best = max(recent, key=lambda m: (-labels.index(m.label), counts[_key(m)], -order[id(m)]))
    return _target(best)


def resolve_target(article: Article, start: int, end: int, technique: str, sentence: int | None,
                   labels: tuple[str, ...] = ANY_LABEL) -> Target | None:
    """The entity the span ``article.text[start:end]`` targets, or None."""
    mentions = sorted(article.mentions, key=lambda m: m.start)
    labels = labels or ANY_LABEL
    found = _head(article, start, end, mentions, labels)
    if not mentions:  # no entity stage: only the name right after a label that can name a person
        return _capitalised_after(article, end) if technique == "name_calling" and "PER" in labels else None
    if found or technique != "name_calling":
        return found
    bounds = _sentence_bounds(article, sentence, start, end)
    return _same_sentence(mentions, bounds, start, labels) or _salient_before(
        article, mentions, sentence, start, labels
    )
