"""Stage: claims. Check-worthy sentences (``Article.claims``) with a kind, a 0-1 score, entities and numbers.

A fact-checker's first question about a sentence is "is there anything here one could look up?". The score adds
up the evidence for that, one documented weight per signal (``WEIGHTS``), clipped to 0-1:

    start                 0.10
    a quantity            +0.30 (+0.05 for each further one, up to two)   "123 countries", "5%", "$2 billion"
    a date                +0.10                                            "March 2023"
    named entities        +0.15 for one, +0.20 for two or more             mentions inside the sentence
    attribution           +0.15                                            "said", "according to", a quote
    causal cue            +0.15                                            "because", "led to", "внаслідок"
    prediction cue        +0.10                                            "will", "expected", "прогнозує"
    comparison cue        +0.10                                            "more than", "largest", "понад"
    event verb            +0.10                                            "arrived", "signed", "підписав"
    hedge                 -0.10                                            "may", "reportedly", "нібито"
    opinion               -0.20                                            "I think", "should", "варто"
    question              -0.40                                            ends with "?"
    promo / call to act   -0.50                                            "subscribe", "Do not fall for fakes!"
    short (< 6 words)     -0.20                                            headlines, captions

The kind is the strongest signal present, in this order: number (a quantity), comparison, causal, prediction,
attributed, event; else "statement". Sentences scoring under ``MIN_SCORE`` are not kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsgraph.model import Article, Claim, Mention, Sentence
from newsgraph.text import WORD_RE
from newsgraph.understand.claims_cues import cue_lexicon
from newsgraph.understand.claims_numbers import find_numbers

__all__ = ["run", "score_sentence", "WEIGHTS", "MIN_SCORE", "KIND_ORDER", "SentenceSignals"]

MIN_SCORE = 0.3
WEIGHTS = {
    "start": 0.10, "quantity": 0.30, "more_quantity": 0.05, "date": 0.10, "entity": 0.15, "entities": 0.20,
    "attribution": 0.15, "causal": 0.15, "prediction": 0.10, "comparison": 0.10, "event": 0.10,
    "hedge": -0.10, "opinion": -0.20, "question": -0.40, "promo": -0.50, "short": -0.20,
}
KIND_ORDER = (("quantity", "number"), ("comparison", "comparison"), ("causal", "causal"),
              ("prediction", "prediction"), ("attribution", "attributed"), ("event", "event"))
_SHORT_WORDS = 6
_PROPER = re.compile(r"(?<=[\s(«\"„“])[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ][\w'’-]+")


class SentenceSignals:
    """What was found in one sentence: cue classes, numbers, entities. Kept for the explanation in the CLI."""

    __slots__ = ("cues", "quantities", "dates", "entity_ids", "entity_count", "words", "question")

    def __init__(self, text: str, lang: str | None, mentions: list[Mention], quoted: bool):
        self.cues = {hit.technique for hit in cue_lexicon(lang).find(text)}
        if quoted:
            self.cues.add("attribution")
        numbers = find_numbers(text)
        self.quantities = [n.text for n in numbers if n.kind == "quantity"]
        self.dates = [n.text for n in numbers if n.kind == "date"]
        self.entity_ids = tuple(dict.fromkeys(m.entity_id for m in mentions if m.entity_id))
        self.entity_count = len({m.entity_id or m.text for m in mentions}) if mentions else len(
            set(_PROPER.findall(text)))
        self.words = len(WORD_RE.findall(text))
        self.question = text.rstrip(" \"'”»“)").endswith("?")

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.quantities + self.dates))


def score_sentence(signals: SentenceSignals) -> tuple[float, str]:
    """(score, kind) of a sentence from its signals: the sum of ``WEIGHTS`` above."""
    w = WEIGHTS
    score = w["start"]
    if signals.quantities:
        score += w["quantity"] + w["more_quantity"] * min(2, len(signals.quantities) - 1)
    if signals.dates:
        score += w["date"]
    if signals.entity_count:
        score += w["entities"] if signals.entity_count > 1 else w["entity"]
    for cue in ("attribution", "causal", "prediction", "comparison", "event", "hedge", "opinion", "promo"):
        if cue in signals.cues:
            score += w[cue]
    if signals.question:
        score += w["question"]
    if signals.words < _SHORT_WORDS:
        score += w["short"]
    present = set(signals.cues) | ({"quantity"} if signals.quantities else set())
    kind = next((name for signal, name in KIND_ORDER if signal in present), "statement")
    return round(min(1.0, max(0.0, score)), 3), kind


def _inside(records, start: int, end: int) -> list:
    return [r for r in records if r.start >= start and r.end <= end]


def _quoted(article: Article, start: int, end: int) -> bool:
    return any(q.start < end and q.end > start and (q.speaker or q.speaker_entity_id) for q in article.quotes)


def _sentences(article: Article) -> tuple[Sentence, ...]:
    if article.sentences:
        return article.sentences
    from newsgraph.understand.sentences import run as split_sentences

    return split_sentences(article).sentences


def run(article: Article, min_score: float = MIN_SCORE) -> Article:
    claims = []
    for index, sentence in enumerate(_sentences(article)):
        text = article.text[sentence.start : sentence.end]
        mentions = _inside(article.mentions, sentence.start, sentence.end)
        signals = SentenceSignals(text, article.language, mentions, _quoted(article, sentence.start, sentence.end))
        score, kind = score_sentence(signals)
        if score >= min_score:
            claims.append(Claim(sentence.start, sentence.end, text, kind, score, signals.entity_ids,
                                signals.numbers, index))
    return replace(article, claims=tuple(claims))
