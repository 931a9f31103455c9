"""Stage: claims. Check-worthy sentences (``Article.claims``) with a kind, a 0-1 score, entities and numbers.

A fact-checker's first question about a sentence is "is there anything here one could look up?". The score adds
up the evidence for that, one documented weight per signal (``WEIGHTS``), clipped to 0-1:

    start                 0.10
    a quantity            +0.30 (+0.05 for each further one, up to two)   "123 countries", "5%", "сто рублей"
    a date                +0.10                                            "March 2023"
    named entities        +0.15 for one, +0.20 for two or more             mentions inside the sentence
    attribution           +0.20                                            "said", "according to", "denied", a quote
    causal cue            +0.15                                            "because", "led to", "внаслідок"
    prediction            +0.10  (and counts as attribution)               "expects", "прогнозує"; "will" + a source
    comparison cue        +0.10                                            "more than", "largest", "понад"
    event or change verb  +0.20                                            "signed", "vetoed", "скасував", "rose"
    past-tense verb       +0.10  (uk, ru, pl; only without an event verb)  "-ла", "-ли", "-ł", "-ła"
    hedge                 -0.10                                            "may", "reportedly", "нібито"
    opinion               -0.20                                            "I think", "should", "frankly", "вважає"
    evaluation            -0.15                                            "disgrace", "proud", "atmosphere", "ганьба"
    first person          -0.15  (outside quotation marks)                 "I", "we", "мені", "nasz"
    question              -0.40                                            contains "?"
    exclamation           -0.20                                            contains "!"
    promo / furniture     -0.50                                            "subscribe", "Do not fall for fakes!",
                                                                           "Photo:", "Updated at 14:05", "© 2024",
                                                                           "Happy birthday", "Top 5 ...", "How to"
    imperative            -0.30  (first word)                              "Try", "Drink", "Підписуйтеся", "Pamiętaj"
    headline (no end punctuation) -0.10
    short (< 5 words)     -0.20                                            captions

Two signals change others: an opinion or evaluation cancels the attribution (an attributed opinion is an opinion:
"'This is a disgrace,' said Smith"), and a bare future ("will", "буде") counts as a prediction only with a source.
Digits that count nothing are no quantity (``claims_numbers``): clock times, ranks ("Top 5"), ordinals and
anniversaries ("30th birthday", "40-річчям"), identifiers, and digits inside an entity mention ("Nord Stream 2 AG").

The kind is the strongest signal present, in this order: number (a quantity), comparison, causal, comparison (a
verb of change), prediction, attributed, event; else "statement". Sentences scoring under ``MIN_SCORE`` are not
kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsgraph.model import Article, Claim, Mention, Sentence
from newsgraph.understand.claims_cues import cue_lexicon, listicle_lexicon, opening_lexicon
from newsgraph.understand.claims_numbers import find_numbers
from newsgraph.understand.framing_lexicon import tokens

__all__ = ["run", "score_sentence", "WEIGHTS", "MIN_SCORE", "KIND_ORDER", "SentenceSignals"]

MIN_SCORE = 0.3
WEIGHTS = {
    "start": 0.10, "quantity": 0.30, "more_quantity": 0.05, "date": 0.10, "entity": 0.15, "entities": 0.20,
    "attribution": 0.20, "causal": 0.15, "prediction": 0.10, "comparison": 0.10, "event": 0.20,
    "past": 0.10, "hedge": -0.10, "opinion": -0.20, "evaluation": -0.15, "first_person": -0.15, "question": -0.40,
    "exclamation": -0.20, "promo": -0.50, "imperative": -0.30, "headline": -0.10, "short": -0.20,
}
KIND_ORDER = (("quantity", "number"), ("comparison", "comparison"), ("causal", "causal"), ("change", "comparison"),
              ("prediction", "prediction"), ("attribution", "attributed"), ("event", "event"))
_SHORT_WORDS = 5
_PROPER = re.compile(r"(?<=[\s(«\"„“])[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ][\w'’-]+")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^”“\"]*[”“\"]|\"[^\"]*\"|(?<!\w)'[^']*'(?!\w)")
_CLOCK = re.compile(r"\d:\d\d")
_END = re.compile(r"[.!?…»\"”“')\]]\s*$")
_DIGITS = re.compile(r"\d")
# The first word of an advice or a call to action in the plural imperative: "Підписуйтеся", "Бережіть",
# "Оставляйте", "Берегите", "Pamiętajcie" (not for English: its imperative has no ending of its own).
_IMPERATIVE_ENDING = {
    "uk": re.compile(r"\w{2,}(?<!л)(?:іть|йте|ьте|ште)(?:ся|сь)?$"),
    "ru": re.compile(r"\w{2,}(?:ите|йте|ьте)(?:сь|ся)?$"),
    "pl": re.compile(r"\w{2,}(?:jcie|źcie|czcie|ńcie)$"),
}
_NOT_IMPERATIVE = {"навіть", "сайте", "защите", "саммите", "визите", "элите"}  # same endings, other words
# A verb in the past tense, by its ending (Ukrainian, Russian, Polish): a reported happening, also of verbs the event
# list does not hold. Counted only for lower-case words other than the copula; weaker than a listed event verb,
# because some nouns share the endings ("начало", "материал", "udział").
_PAST = {
    "uk": re.compile(r"\w{3,}(?:ав|ив|ув|ала|ила|іла|ула|яла|али|или|іли|ули|яли|ало|ило|іло)(?:ся|сь)?"),
    "ru": re.compile(r"\w{3,}(?:ал|ил|ел|ала|ила|ела|али|или|ало|ило|ело)(?:ся|сь)?"),  # not -ели: недели
    "pl": re.compile(r"\w{3,}(?:ał|ił|ył|ała|iła|yła|ali|ili|yli|ało|iło|yło|ały|iły|yły)"),
}
_COPULA = {"був", "була", "було", "були", "был", "была", "было", "были", "był", "była", "było", "byli", "były"}
_NEGATION = {"не", "nie", "don't", "do", "not", "please", "будь", "пожалуйста", "proszę"}
# "How to ..." teasers: the word for "how" and an infinitive ("Як зварити", "Как выбрать", "Jak rozliczyć").
_HOW_TO = {
    "en": re.compile(r"how\s+to\b", re.IGNORECASE),
    "uk": re.compile(r"як\s+\w+(?:ти|тися|тись)\b", re.IGNORECASE),
    "ru": re.compile(r"как\s+\w+(?:ть|ться|ти|чь|тись)\b", re.IGNORECASE),
    "pl": re.compile(r"jak\s+\w+(?:ć|c)(?:\s+się)?\b", re.IGNORECASE),
}


class SentenceSignals:
    """What was found in one sentence: cue classes, numbers, entities. Kept for the explanation in the CLI."""

    __slots__ = ("cues", "quantities", "dates", "entity_ids", "entity_count", "words", "question")

    def __init__(self, text: str, lang: str | None, mentions: list[Mention], quoted: bool, offset: int = 0):
        """``mentions``: the entity mentions inside the sentence, with article offsets; ``offset``: where the
        sentence starts in the article."""
        toks = tokens(text)
        hits = cue_lexicon(lang).find(text, toks)
        quotes = _quoted_spans(text) if any(h.technique == "first_person" for h in hits) else []
        self.cues = {hit.technique for hit in hits if hit.technique != "first_person"}
        if any(not any(s <= hit.start < e for s, e in quotes) for hit in hits if hit.technique == "first_person"):
            self.cues.add("first_person")  # the writer's own voice; "we" inside a quote is the speaker's
        if quoted:
            self.cues.add("attribution")
        names = [(m.start - offset, m.end - offset) for m in mentions]
        # A digit inside a name counts nothing: "Nord Stream 2 AG", "Північний потік-2", "Boeing 737".
        numbers = [n for n in find_numbers(text)
                   if n.kind != "quantity" or not any(s <= n.start and n.end <= e for s, e in names)]
        self.quantities = [n.text for n in numbers if n.kind == "quantity"]
        self.dates = [n.text for n in numbers if n.kind == "date"]
        self.cues |= _opening(text, lang, toks, numbers)
        past = _PAST.get(lang or "en")
        if past and "event" not in self.cues and any(
                word[0].islower() and past.fullmatch(word) and word not in _COPULA for _, _, word in toks):
            self.cues.add("past")
        if "©" in text:
            self.cues.add("promo")
        if "!" in text:
            self.cues.add("exclamation")
        if not _END.search(text):
            self.cues.add("headline")
        if "prediction" in self.cues:
            self.cues.add("attribution")  # a forecast verb names who forecasts: "the central bank expects"
        if self.cues & {"opinion", "evaluation"}:
            self.cues.discard("attribution")  # an attributed opinion is an opinion: "'A disgrace,' said Smith"
        if "future" in self.cues:  # a bare future is a forecast only with a source
            self.cues.discard("future")
            if "attribution" in self.cues:
                self.cues.add("prediction")
        self.entity_ids = tuple(dict.fromkeys(m.entity_id for m in mentions if m.entity_id))
        self.entity_count = len({m.entity_id or m.text for m in mentions}) if mentions else len(
            set(_PROPER.findall(text)))
        self.words = len(toks)
        self.question = "?" in text

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.quantities + self.dates))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks. A quote the sentence splitter cut runs from the start of the sentence to a lone
    closing mark ('... goals," he said') or from a lone opening mark to the end."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    masked = list(text)
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    left = "".join(masked)
    closing = [i for i, ch in enumerate(left) if ch in "»”"]
    opening = [i for i, ch in enumerate(left) if ch in "«“„"]
    straight = [i for i, ch in enumerate(left) if ch == '"']
    if closing:
        spans.append((0, closing[-1]))
    if opening:
        spans.append((opening[0], len(text)))
    if straight:  # one straight mark left: the side with more words is the quote's
        i = straight[0]
        spans.append((0, i) if len(text[:i].split()) >= len(text[i:].split()) else (i, len(text)))
    return spans


def _opening(text: str, lang: str | None, toks, numbers) -> set[str]:
    """Signals that count only where the sentence starts: an imperative, a page-furniture label ("Photo:",
    "Updated at 14:05"), a listicle ("10 things", "Top 5 reasons", "Топ-10 серіалів") or a how-to teaser."""
    if not toks:
        return set()
    found: set[str] = set()
    first = 1 if toks[0][2].lower() in _NEGATION and len(toks) > 1 else 0
    for hit in opening_lexicon(lang).find(text[: toks[min(len(toks), 4) - 1][1]]):
        if hit.technique == "imperative" and hit.start in (toks[0][0], toks[first][0]):
            found.add("imperative")
        elif hit.technique == "label" and hit.start == toks[0][0]:
            after = text[hit.end :].lstrip()
            head = after.split(":", 1)[0]
            if not after or after[0] in ":.|/–—-" or (":" in after and len(head.split()) <= 1) or _CLOCK.search(text):
                found.add("promo")
    ending = _IMPERATIVE_ENDING.get(lang or "en")
    word = toks[first][2].lower()
    if ending and len(word) >= 5 and ending.match(word) and word not in _NOT_IMPERATIVE:
        found.add("imperative")
    how_to = _HOW_TO.get(lang or "en")
    if how_to and how_to.match(text, toks[0][0]):
        found.add("promo")
    # a listicle: the sentence opens with a number ("10", "Top 5", "Топ-10", "Sześć") that counts a listicle noun
    opening = [n for n in numbers if n.start <= toks[min(len(toks), 2) - 1][1]]
    if opening and (opening[0].kind == "rank" or _DIGITS.search(opening[0].text) or opening[0].kind == "quantity"):
        window_end = toks[min(len(toks), 4) - 1][1]
        if opening[0].kind == "rank" or any(h.end <= window_end for h in listicle_lexicon(lang).find(
                text[opening[0].start : window_end])):
            found.add("promo")
    return found


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
    if "comparison" in signals.cues:
        score += w["comparison"]
    if signals.cues & {"event", "change"}:  # a verb of something done, decided or changed ("vetoed", "rose")
        score += w["event"]
    for cue in ("attribution", "causal", "prediction", "past", "hedge", "opinion", "evaluation",
                "first_person", "exclamation", "promo", "imperative", "headline"):
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
        signals = SentenceSignals(text, article.language, mentions, _quoted(article, sentence.start, sentence.end),
                                  sentence.start)
        score, kind = score_sentence(signals)
        if score >= min_score:
            claims.append(Claim(sentence.start, sentence.end, text, kind, score, signals.entity_ids,
                                signals.numbers, index))
    return replace(article, claims=tuple(claims))
