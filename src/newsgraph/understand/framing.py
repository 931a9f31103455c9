"""Stage: framing. Spans of loaded language (``Article.framing``) with their technique, score and target.

Two sources, merged per technique:
- the trained tagger of the article's language (``models/framing-<lang>``, see ``framing_model``), which scores
  every token and turns runs above a tuned threshold into spans;
- the hand-written lexicon (``lang/<code>/framing.py``), which marks words a tagger trained on a few hundred
  articles misses, and knows which kind of entity a label can target (a "dictator" is a person, an "aggressor
  country" a place). Lexicon hits score ``LEXICON_SCORES``; overlapping spans of one technique are joined.
A name-calling hit also takes in the adjective right before it ("Russian dictator"). Targets: ``framing_targets``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from newsgraph.model import Article, FramingSpan
from newsgraph.understand.framing_lexicon import lexicon, token_columns
from newsgraph.understand.framing_model import FramingModel, load_model
from newsgraph.understand.framing_targets import ANY_LABEL, PERSON_ONLY, TargetResolver

__all__ = ["run", "frame_text", "Span", "LEXICON_SCORES", "MODEL_TECHNIQUES"]

#: How sure a lexicon hit is, per technique: name-calling words are rarely neutral, "catastrophe" often is.
LEXICON_SCORES = {"name_calling": 0.9, "loaded_language": 0.75, "doubt": 0.7, "slogans": 0.8,
                  "exaggeration": 0.6, "appeal_to_fear": 0.55}
#: Techniques taken from the tagger. Doubt, exaggeration and appeal to fear are sentence-long in the data and a
#: token tagger marks scattered words for them (span F1 < .1 in cross-validation): those come from the lexicon only.
MODEL_TECHNIQUES = ("loaded_language", "name_calling")
_MODIFIER = {
    "en": re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish|an|i)$"),
    "uk": re.compile(r"^\w+(?:ськ|цьк|зьк)(?:ий|а|ого|ому|им|ій|і|их)$", re.IGNORECASE),
    "ru": re.compile(r"^\w+(?:ск|цк)(?:ий|ая|ого|ому|им|ой|ие|их)$", re.IGNORECASE),
    "pl": re.compile(r"^\w+(?:sk|ck)(?:i|a|iego|iemu|im|iej|ie)$", re.IGNORECASE),
}
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")  # a span of short function words alone ("to", "до") is noise
_WORD = re.compile(r"[\w'’-]+")
#: Neutral role nouns. The tagger learned them as name-calling from contexts like "the Russian leader" in
#: propaganda-heavy articles; alone they take no side ("Chinese leader Xi Jinping", "the country's leader"), so a
#: tagger span made only of them, determiners, possessives and nationality adjectives is dropped. Loaded phrases
#: that contain them ("terrorist leader") still come from the lexicon.
_PERSON_ROLES = frozenset("""
    leader leaders president presidents head heads minister ministers official officials chief
    лідер лідера лідером лідери президент президента президентом голова глава міністр міністра
    лидер лидера лидером лидеры президента министр министра
    przywódca przywódcy prezydent prezydenta szef minister ministra
""".split())
_NEUTRAL_ROLES = _PERSON_ROLES | frozenset("""
    state states country countries government governments authorities
    держава держави країна країни уряд государство государства страна страны правительство
    państwo państwa kraj kraju rząd rządu
""".split())
_DETERMINERS = frozenset("""
    the a an its their his her our this that these those
    його її їх їхній цей ця ці той та наш
    его ее её их этот эта эти тот та наш
    jego jej ich ten ta te tamten nasz
""".split())
_POSSESSIVE = re.compile(r"['’]s?$")
_PREVIOUS_WORD = re.compile(r"([\w'’-]+)\s+$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    technique: str
    score: float
    targets: tuple[str, ...] = ()  # entity labels the span can target (from the lexicon)


def _with_modifier(text: str, start: int, lang: str | None) -> int:
    """Start of the adjective that precedes a name-calling word ("Russian dictator"), else ``start``."""
    pattern = _MODIFIER.get(lang or "")
    previous = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
    if pattern and previous and pattern.match(previous.group(1)):
        return start - len(previous.group(0))
    return start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop short lower-case words at the edges of a tagger span ("dictatorial leader, and" -> "dictatorial
    leader"): the tagger's window makes its neighbours' scores spill over onto function words."""
    words = list(_WORD.finditer(text, start, end))
    while len(words) > 1 and _is_edge_word(words[-1].group()):
        words.pop()
    while len(words) > 1 and _is_edge_word(words[0].group()):
        words.pop(0)
    return (words[0].start(), words[-1].end()) if words else (start, end)


def _only_neutral_roles(text: str, start: int, end: int, lang: str | None = None) -> bool:
    """True for "leader", "the country's leader", "Chinese leader": role nouns with nothing loaded beside them."""
    demonym = _MODIFIER.get(lang or "")
    words = [_POSSESSIVE.sub("", w.group()) for w in _WORD.finditer(text, start, end)]
    return any(w.lower() in _NEUTRAL_ROLES for w in words) and all(
        w.lower() in _NEUTRAL_ROLES or w.lower() in _DETERMINERS or (demonym is not None and demonym.match(w))
        for w in words)


def _tagger_targets(text: str, start: int, end: int) -> tuple[str, ...]:
    """Entity labels a tagger span can target: a person when it ends in a person's role ("its dictatorial leader"),
    else any (unknown)."""
    words = _WORD.findall(text, start, end)
    return PERSON_ONLY if words and words[-1].lower() in _PERSON_ROLES else ()


def _is_edge_word(word: str) -> bool:
    return len(word) <= 3 and word.islower()


def frame_text(text: str, lang: str | None, model: FramingModel | None | str = "shipped") -> list[Span]:
    """Framing spans of a plain text: tagger and lexicon, merged per technique, in text order. ``model``: the
    shipped tagger of ``lang`` by default; evaluation passes the tagger of a cross-validation fold.

    The lexicon's hits stand on their own even where the tagger is silent: they are the labels an analyst expects to
    see ("the terrorist head of state") and they carry the entity type a label can target. Entries the model's
    training data contradicts (``lexicon_contradicted``, train/framing_contradicted.py) are left out: before that,
    the lexicon cost English cross-validation .007-.010 span F1."""
    spans: list[Span] = []
    starts, ends, words = token_columns(text)
    model = load_model(lang) if model == "shipped" else model
    if model is not None:
        for guess in model.predict(text, list(zip(starts, ends, strict=True)), words):
            start, end = _trim(text, guess.start, guess.end)
            if guess.technique in MODEL_TECHNIQUES and _CONTENT_WORD.search(text, start, end) \
                    and not _only_neutral_roles(text, start, end, lang):
                spans.append(Span(start, end, guess.technique, guess.score, _tagger_targets(text, start, end)))
    contradicted = frozenset(model.meta.get("lexicon_contradicted", ())) if model is not None else frozenset()
    for hit in lexicon(lang).find(text, list(zip(starts, ends, words, strict=True))):
        if hit.entry in contradicted:  # its training data says annotators do not mark it (train/framing_contradicted)
            continue
        start = _with_modifier(text, hit.start, lang) if hit.technique == "name_calling" else hit.start
        spans.append(Span(start, hit.end, hit.technique, LEXICON_SCORES.get(hit.technique, 0.6), hit.targets))
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.technique, s.start, -s.end)):
        last = merged[-1] if merged else None
        if last and last.technique == span.technique and span.start < last.end:
            merged[-1] = Span(last.start, max(last.end, span.end), last.technique, max(last.score, span.score),
                              last.targets or span.targets)
        else:
            merged.append(span)
    return sorted(merged, key=lambda s: (s.start, s.end, s.technique))


def _sentence_index(article: Article, starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < article.sentences[i].end else None


def _blocks(article: Article) -> list[tuple[int, int, str | None]]:
    """Runs of text in one language: mixed pages (a Polish quote in a Russian article) use the right model."""
    if not article.paragraphs:
        return [(0, len(article.text), article.language)]
    blocks: list[tuple[int, int, str | None]] = []
    for p in article.paragraphs:
        lang = p.language or article.language
        if blocks and blocks[-1][2] == lang:
            blocks[-1] = (blocks[-1][0], p.end, lang)
        else:
            blocks.append((p.start, p.end, lang))
    return blocks


def _outside_names(article: Article, start: int, end: int) -> tuple[int, int]:
    """The span without the part of a name it runs into at its end ("Russian dictator Vladimir" of "Vladimir Putin"
    -> "Russian dictator"): a tagger span grown over its neighbours may reach into the name it targets. The start
    stays: a name the span starts in is usually a nationality the entity stage took for a name ("Russian")."""
    for m in article.mentions:
        if start < m.start < end <= m.end:
            end = start + len(article.text[start : m.start].rstrip(" ,—–-"))
    return start, end if article.mentions else _before_trailing_name(article.text, start, end)


def _before_trailing_name(text: str, start: int, end: int) -> int:
    """Without the entity stage (no mentions): the end of the span without the capitalised words it ends with when
    the name goes on right after it ("Russian dictator Vladimir" before "Putin" -> "Russian dictator"), so the name
    stays whole for the target; a span of capitalised words only is kept."""
    if not (text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()):
        return end
    words = text[start:end].split(" ")
    keep = len(words)
    while keep > 1 and words[keep - 1][:1].isupper():
        keep -= 1
    if keep == len(words) or all(w[:1].isupper() for w in words[:keep]):
        return end
    return start + len(" ".join(words[:keep]).rstrip(" ,—–-"))


def run(article: Article) -> Article:
    starts = [s.start for s in article.sentences]
    resolver = TargetResolver(article)
    records = []
    for block_start, block_end, lang in _blocks(article):
        for span in frame_text(article.text[block_start:block_end], lang):
            start, end = _outside_names(article, block_start + span.start, block_start + span.end)
            if end <= start:
                continue
            sentence = _sentence_index(article, starts, start) if starts else None
            target = resolver.resolve(start, end, span.technique, sentence, span.targets or ANY_LABEL)
            records.append(FramingSpan(
                start, end, article.text[start:end], span.technique, span.score,
                target.text if target else None, target.entity_id if target else None, sentence,
            ))
    return replace(article, framing=tuple(records))
