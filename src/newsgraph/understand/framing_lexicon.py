"""Framing lexicons (``understand/lang/<code>/framing.py``) compiled into a fast phrase matcher.

An entry is a sequence of token patterns; a pattern ending in ``*`` is a prefix (Slavic inflection: "диктатор*"
matches "диктатора"), any other pattern must equal the (folded) token. Matching runs over the tokens of a text, so
hits always start and end on word boundaries.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache, lru_cache

from newsgraph.text import WORD_RE, fold

__all__ = ["LexiconHit", "Lexicon", "lexicon", "phrase_lexicon", "tokens", "folded", "TECHNIQUE_TABLES"]

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


@dataclass(frozen=True, slots=True)
class LexiconHit:
    start: int  # character offsets into the matched text
    end: int
    technique: str
    targets: tuple[str, ...] = ()  # entity labels a name-calling hit can target ("PER", "LOC" ...)


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
    """Word tokens of ``text`` as (start, end, word). Hyphenated words stay one token ("so-called")."""
    return [(*m.span(), m.group()) for m in WORD_RE.finditer(text)]


def _matches(pattern: str, token: str) -> bool:
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
        self._lengths = sorted({len(key) for key in self.prefix})
        self._starts = {key[:_MIN_PREFIX] for key in self.prefix}  # most words fail here: one set lookup
        self._cache: dict[str, list[_Entry]] = {}

    def candidates(self, word: str) -> list[_Entry]:
        """Entries whose first pattern matches ``word`` (folded here; cached per word as written)."""
        found = self._cache.get(word)
        if found is None:
            token = folded(word)
            found = list(self.exact.get(token, ()))
            for length in self._lengths if token[:_MIN_PREFIX] in self._starts else ():
                if length > len(token):
                    break
                found.extend(self.prefix.get(token[:length], ()))
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = found
        return found

    def token_techniques(self, token: str) -> tuple[str, ...]:
        """Techniques of the one-word entries matching ``token``: a feature for the trained tagger."""
        return tuple(sorted({e.technique for e in self.candidates(token) if len(e.patterns) == 1}))

    def find(self, text: str, toks: list[tuple[int, int, str]] | None = None) -> list[LexiconHit]:
        """Longest hits, left to right, without overlaps. ``toks``: ``tokens(text)`` when the caller has them."""
        toks = tokens(text) if toks is None else toks
        if not self._lengths and not self.exact:
            return []
        hits, i, cache = [], 0, self._cache
        while i < len(toks):
            best = None
            found = cache.get(toks[i][2])  # inlined fast path of self.candidates: most words are cached misses
            for entry in self.candidates(toks[i][2]) if found is None else found:
                n = len(entry.patterns)
                if i + n > len(toks) or not all(
                    _matches(p, folded(toks[i + k][2])) for k, p in enumerate(entry.patterns[1:], 1)
                ):
                    continue
                if best is None or n > len(best.patterns):
                    best = entry
            if best is None:
                i += 1
                continue
            last = toks[i + len(best.patterns) - 1]
            hits.append(LexiconHit(toks[i][0], last[1], best.technique, best.targets))
            i += len(best.patterns)
        return hits


def _patterns(phrase: str) -> tuple[str, ...]:
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
            patterns = _patterns(phrase)
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
    entries = [_Entry(_patterns(phrase), name, ()) for name, phrases in tables.items() for phrase in phrases]
    return Lexicon([e for e in entries if e.patterns])
