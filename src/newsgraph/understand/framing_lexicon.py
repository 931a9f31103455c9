"""Framing lexicons (``understand/lang/<code>/framing.py``) compiled into a fast phrase matcher.

An entry is a sequence of token patterns; a pattern ending in ``*`` is a prefix (Slavic inflection: "диктатор*"
matches "диктатора"), any other pattern must equal the (folded) token. Matching runs over the tokens of a text, so
hits always start and end on word boundaries.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from operator import itemgetter

from newsgraph.text import WORD_RE, fold, fold_all

__all__ = ["LexiconHit", "Lexicon", "lexicon", "phrase_lexicon", "tokens", "token_columns", "folded",
           "TECHNIQUE_TABLES"]

#: Lexicon table name -> technique it marks.
TECHNIQUE_TABLES = {
    "NAME_CALLING": "name_calling",
    "LOADED_LANGUAGE": "loaded_language",
    "DOUBT": "doubt",
    "APPEAL_TO_FEAR": "appeal_to_fear",
    "EXAGGERATION": "exaggeration",
    "SLOGANS": "slogans",
}
_MIN_PREFIX = 3  # prefixes shorter than this would match too much
_CACHE_LIMIT = 200_000
_SPLIT_WORDS = re.compile(f"({WORD_RE.pattern})")  # re.split keeps the words: [gap, word, gap, word, ..., gap]


@dataclass(frozen=True, slots=True)
class LexiconHit:
    start: int  # character offsets into the matched text
    end: int
    technique: str
    targets: tuple[str, ...] = ()  # entity labels a name-calling hit can target ("PER", "LOC" ...)
    entry: str = ""  # the entry it matched, as its patterns ("regime*", "war criminal*")


@dataclass(frozen=True, slots=True)
class _Entry:
    patterns: tuple[str, ...]
    technique: str
    targets: tuple[str, ...]


@lru_cache(maxsize=200_000)
def folded(word: str) -> str:
    """``text.fold``, cached: the same words come back in every article."""
    return fold(word)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as (start, end, word), the matches of ``WORD_RE``. Hyphenated words stay one token
    ("so-called")."""
    return list(zip(*token_columns(text), strict=True))


def token_columns(text: str) -> tuple[list[int], list[int], list[str]]:
    """``tokens`` as three lists: starts, ends, words. Offsets are summed lengths of the split text: no Python
    object per match."""
    parts = _SPLIT_WORDS.split(text)
    bounds = list(accumulate(map(len, parts), initial=0))
    return bounds[1:-1:2], bounds[2::2], parts[1::2]


def token_matches(pattern: str, token: str) -> bool:
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern


class Lexicon:
    """All framing entries of one language, indexed by their first pattern."""

    def __init__(self, entries: list[_Entry]):
        self.exact: dict[str, list[_Entry]] = {}
        self.prefix: dict[str, list[_Entry]] = {}
        for entry in entries:
            first = entry.patterns[0]
            table = self.prefix if first.endswith("*") else self.exact
            table.setdefault(first.rstrip("*"), []).append(entry)
        self._starts: dict[str, list[tuple[str, list[_Entry]]]] = {}  # most words fail here: one dict lookup
        for key in sorted(self.prefix, key=len):
            self._starts.setdefault(key[:_MIN_PREFIX], []).append((key, self.prefix[key]))
        self._cache: dict[str, tuple[_Entry, ...]] = {}

    def _entries_of(self, token: str) -> tuple[_Entry, ...]:
        """Entries whose first pattern matches the folded ``token``."""
        if token not in self.exact and token[:_MIN_PREFIX] not in self._starts:
            return ()  # most words
        found = list(self.exact.get(token, ()))
        for key, entries in self._starts.get(token[:_MIN_PREFIX], ()):  # shortest first
            if token.startswith(key):
                found.extend(entries)
        return tuple(found)

    def candidates(self, word: str) -> tuple[_Entry, ...]:
        """Entries whose first pattern matches ``word`` (folded here; cached per word as written)."""
        found = self._cache.get(word)
        if found is None:
            self.remember([word])
            found = self._cache[word]
        return found

    def remember(self, words: list[str], folded_words: list[str] | None = None) -> None:
        """Cache the candidates of the ``words`` not cached yet, folding them all at once (``folded_words``: their
        folded forms, when the caller has them)."""
        if folded_words is None:
            new = list(set(words).difference(self._cache))
            if len(self._cache) + len(new) > _CACHE_LIMIT:
                self._cache.clear()  # and all of ``words`` are new again
                new = list(set(words))
            words, folded_words = new, fold_all(new)
        elif len(self._cache) + len(words) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache.update(dict.fromkeys(words, ()))
        exact, starts = self.exact, self._starts
        for word, token in zip(words, folded_words, strict=True):
            if token in exact or token[:_MIN_PREFIX] in starts:  # inlined from _entries_of: most words fail
                self._cache[word] = self._entries_of(token)

    def token_techniques(self, token: str) -> tuple[str, ...]:
        """Techniques of the one-word entries matching ``token``: a feature for the trained tagger."""
        return tuple(sorted({e.technique for e in self.candidates(token) if len(e.patterns) == 1}))

    def token_techniques_all(self, folded_words: list[str]) -> list[tuple[str, ...]]:
        """``token_techniques`` of each (folded) word, folding them again all at once: the tagger's cold path."""
        exact, starts = self.exact, self._starts
        found = {word: again for word, again in zip(folded_words, fold_all(folded_words), strict=True)
                 if again in exact or again[:_MIN_PREFIX] in starts}
        self.remember(list(found), list(found.values()))
        return [self.token_techniques(word) if word in found else () for word in folded_words]

    def find(self, text: str, toks: list[tuple[int, int, str]] | None = None) -> list[LexiconHit]:
        """Longest hits, left to right, without overlaps. ``toks``: ``tokens(text)`` when the caller has them."""
        toks = tokens(text) if toks is None else toks
        if not self.prefix and not self.exact:
            return []
        words = list(map(itemgetter(2), toks))
        self.remember(words)
        cache = self._cache
        hits, free_from = [], 0  # a hit may not start inside the previous one
        for i in [i for i, word in enumerate(words) if cache[word]]:  # most tokens start no entry
            if i < free_from:
                continue
            best = None
            for entry in cache[words[i]]:
                n = len(entry.patterns)
                if i + n > len(toks) or not all(
                    token_matches(p, folded(words[i + k])) for k, p in enumerate(entry.patterns[1:], 1)
                ):
                    continue
                if best is None or n > len(best.patterns):
                    best = entry
            if best is not None:
                free_from = i + len(best.patterns)
                hits.append(LexiconHit(toks[i][0], toks[free_from - 1][1], best.technique, best.targets,
                                       " ".join(best.patterns)))
        return hits


def phrase_patterns(phrase: str) -> tuple[str, ...]:
    """Token patterns of one entry, tokenised like the text ("країна-агресор*" stays one pattern)."""
    patterns: list[str] = []
    for piece in phrase.split():
        words = [fold(w) for w in WORD_RE.findall(piece.rstrip("*"))]
        if words and piece.endswith("*") and len(words[-1]) >= _MIN_PREFIX:
            words[-1] += "*"
        patterns.extend(words)
    return tuple(patterns)


def _entries(module) -> list[_Entry]:
    entries = []
    for table, technique in TECHNIQUE_TABLES.items():
        values = getattr(module, table, ())
        items = values.items() if isinstance(values, dict) else ((v, "") for v in values)
        for phrase, targets in items:
            patterns = phrase_patterns(phrase)
            if patterns:
                entries.append(_Entry(patterns, technique, tuple(targets.split())))
    return entries


@cache
def lexicon(lang: str | None) -> Lexicon:
    """The lexicon of ``lang`` (an empty one for languages without a lexicon module)."""
    try:
        module = importlib.import_module(f"newsgraph.understand.lang.{lang}.framing")
    except ModuleNotFoundError:
        return Lexicon([])
    return Lexicon(_entries(module))


def phrase_lexicon(tables: dict[str, tuple[str, ...]]) -> Lexicon:
    """A matcher over plain phrase tables ({class: phrases}); hits carry the class as ``technique``."""
    entries = [_Entry(phrase_patterns(phrase), name, ()) for name, phrases in tables.items() for phrase in phrases]
    return Lexicon([e for e in entries if e.patterns])
