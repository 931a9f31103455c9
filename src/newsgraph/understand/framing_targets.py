"""Who a framing span is about: "Russian dictator Vladimir Putin" -> Putin.

Rules, first that applies wins:
1. head: the span modifies the name right after it ("dictator Vladimir Putin", "режим Лукашенка");
2. apposition: the name right before it ("Putin, the dictator", "Путін — диктатор");
3. name-calling only, the label again: a label an article has attached to a name once keeps that referent ("Russian
   dictator Vladimir Putin ... the dictator said" -> Putin), whatever other names stand nearer the second time;
3b. name-calling only, a conventional epithet: one whose referent the press that writes it fixes ("the aggressor
   country", "країна-агресор", "państwo agresor": Russia; ``CONVENTIONAL_TARGETS`` of the en, uk and pl lexicons;
   none for ru, whose press uses them of other countries too), when the article names that entity: its mention
   nearest before the span, else its first;
4. name-calling only: a compatible mention earlier in the same sentence (the label's first entity type first, then
   the nearest);
5. name-calling only, a description that names a person first and never a place ("the terrorist head of state",
   "the puppet"; not a tagger span of unknown kind): the person the
   article has named most often so far, one extra count for being named in the previous two sentences, the first
   named on a tie (salience beats recency: the last person named is often the one the protagonist met).
Descriptions of places and organisations ("the regime", "the occupiers") get no rule 5: a page names many
countries it does not mean (the host of a visit, the seat of a court), so a guess there is mostly wrong; they keep
rules 1-4 or stay without a target.
Without mentions (no entity stage), rule 1 falls back to the capitalised words after the span, without an id.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from newsgraph.model import Article, Mention
from newsgraph.text import WORD_RE, fold
from newsgraph.understand.framing_lexicon import phrase_patterns, token_matches
from newsgraph.understand.linking import entity_id

__all__ = ["Target", "TargetResolver", "resolve_target", "conventional_referent", "ANY_LABEL", "PERSON_ONLY"]

ANY_LABEL = ("PER", "ORG", "LOC")
PERSON_ONLY = ("PER",)
_HEAD_GAP = re.compile(r"^[\s,]{0,3}$")
_APPOSITION_GAP = re.compile(r"^\s*[,—–-]?\s*(?:(?:the|a|an|this|that|цей|ця|этот|эта|ten|ta)\s+)?$", re.IGNORECASE)
_CAPITALISED = re.compile(r"^\s{1,2}((?:[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ][\w'’-]+)(?:\s+[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ][\w'’-]+){0,2})")
_LAST_WORD = re.compile(r"[\w'’-]+(?=\W*$)")
_LOOK_BACK_SENTENCES = 2
_STEM = 6  # "dictator", "dictators", "диктатора" share a label key


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    entity_id: str | None
    label: str = ""


def _target(mention: Mention) -> Target:
    return Target(mention.lemma or mention.text, mention.entity_id, mention.label)


def _key(mention: Mention) -> str:
    return mention.entity_id or (mention.lemma or mention.text).casefold()


def label_key(span_text: str) -> str:
    """What makes two name-calling spans the same label: the stem of their last word ("Russian dictator" and "the
    dictators" -> "dictat"); the adjective before it varies ("Russian", "bloody")."""
    last = _LAST_WORD.search(span_text)
    return fold(last.group())[:_STEM] if last else ""


class TargetResolver:
    """Targets of the framing spans of one article, in text order (rule 3 remembers labels already attached)."""

    def __init__(self, article: Article):
        self.article = article
        self.mentions = sorted(article.mentions, key=lambda m: m.start)
        self.attached: dict[str, Target] = {}  # label key -> the name it was attached to (rules 1-2)

    def resolve(self, start: int, end: int, technique: str, sentence: int | None,
                labels: tuple[str, ...] = ANY_LABEL) -> Target | None:
        """The entity ``article.text[start:end]`` targets, or None."""
        labels = labels or ANY_LABEL
        found = self._head(start, end, labels)
        if not self.mentions:  # no entity stage: only the name right after a label that can name a person
            return _capitalised_after(self.article, end) if technique == "name_calling" and "PER" in labels else None
        if technique != "name_calling":
            return found
        key = label_key(self.article.text[start:end])
        if found:
            self.attached.setdefault(key, found)
            return found
        remembered = self.attached.get(key)
        if remembered and remembered.label in labels:
            return remembered
        found = self._conventional(start, end)
        if found:
            return found
        found = self._same_sentence(sentence, start, end, labels)
        if found or labels[0] != "PER" or "LOC" in labels:
            return found
        return self._salient_person(sentence, start)

    def _head(self, start: int, end: int, labels) -> Target | None:
        text = self.article.text
        for m in self.mentions:
            if m.start >= end and m.label in labels and _HEAD_GAP.match(text[end : m.start]):
                return _target(m)
            if m.start > end + 3:
                break
        for m in reversed(self.mentions):
            if m.end <= start and m.label in labels and _APPOSITION_GAP.match(text[m.end : start]):
                return _target(m)
            if m.end < start - 12:
                break
        return None

    def _conventional(self, start: int, end: int) -> Target | None:
        entity = conventional_referent(self.article.text[start:end])
        named = [m for m in self.mentions if m.entity_id == entity] if entity else []
        if not named:
            return None
        before = [m for m in named if m.end <= start]
        return _target(before[-1] if before else named[0])

    def _same_sentence(self, sentence: int | None, start: int, end: int, labels) -> Target | None:
        """The compatible mention before the span in its sentence ("Putin ... a dictator"), preferred label first,
        then nearest. Names after the span are left out: there they are mostly the object of the sentence ("a
        terrorist's visit after the Court issued a warrant")."""
        first = _sentence_start(self.article, sentence, start)
        before = [m for m in self.mentions if m.label in labels and first <= m.start and m.end <= start]
        if not before:
            return None
        return _target(min(before, key=lambda m: (labels.index(m.label), start - m.end)))

    def _salient_person(self, sentence: int | None, start: int) -> Target | None:
        if sentence is None or not self.article.sentences:
            window_start = max(0, start - 600)
        else:
            window_start = self.article.sentences[max(0, sentence - _LOOK_BACK_SENTENCES)].start
        people = [m for m in self.mentions if m.end <= start and m.label == "PER"]
        if not people:
            return None
        counts = Counter(_key(m) for m in people)
        counts.update({_key(m) for m in people if m.start >= window_start})
        first_seen: dict[str, int] = {}
        for i, m in enumerate(people):
            first_seen.setdefault(_key(m), i)
        best = max(first_seen, key=lambda k: (counts[k], -first_seen[k]))
        return _target(people[first_seen[best]])


@cache
def _conventional_epithets() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(token patterns, entity id) of every lexicon's conventional epithets."""

    found = []
    for lang in ("en", "uk", "ru", "pl"):
        module = importlib.import_module(f"newsgraph.understand.lang.{lang}.framing")
        for phrase, name in getattr(module, "CONVENTIONAL_TARGETS", {}).items():
            found.append((phrase_patterns(phrase), entity_id(name, "LOC", "en")))
    return tuple(found)


def conventional_referent(span_text: str) -> str | None:
    """The entity id a conventional epithet at the end of ``span_text`` names ("the aggressor country" -> Russia's),
    or None."""
    words = [fold(word) for word in WORD_RE.findall(span_text)]
    for patterns, entity in _conventional_epithets():
        tail = words[-len(patterns):]
        if len(tail) == len(patterns) and all(map(token_matches, patterns, tail)):
            return entity
    return None


def _capitalised_after(article: Article, end: int) -> Target | None:
    found = _CAPITALISED.match(article.text[end : end + 80])
    return Target(found.group(1), None, "PER") if found else None


def _sentence_start(article: Article, index: int | None, start: int) -> int:
    if index is not None and 0 <= index < len(article.sentences):
        return article.sentences[index].start
    return start


def resolve_target(article: Article, start: int, end: int, technique: str, sentence: int | None,
                   labels: tuple[str, ...] = ANY_LABEL) -> Target | None:
    """The target of one span on its own (no memory of earlier spans); ``TargetResolver`` for a whole article."""
    return TargetResolver(article).resolve(start, end, technique, sentence, labels)
