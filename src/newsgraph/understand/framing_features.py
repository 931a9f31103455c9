"""Token features for the framing tagger: hashed, per word type, with a window of neighbours.

Each token is described by a few *type* features (its folded form, suffixes, a prefix, its shape, the lexicon's
techniques for it). A type's features are hashed once per offset in the window (-2..+2) and cached, so scoring an
article is a handful of numpy gathers: no strings are built per token, and the shipped model holds only weights
(hash buckets), no vocabulary of the training text.
"""

from __future__ import annotations

import zlib

import numpy as np

from newsgraph.text import WORD_RE
from newsgraph.understand.framing_lexicon import Lexicon, folded

__all__ = ["FEATURE_VERSION", "WINDOW", "Featurizer", "token_spans"]

FEATURE_VERSION = 1
WINDOW = (-2, -1, 0, 1, 2)
_CENTRE_ONLY = ("s4", "p5", "s2")  # morphology matters for the word itself, less for its neighbours
_NEAR_ONLY = ("s3", "sh")  # offsets -1, 0, +1
_CACHE_LIMIT = 300_000


def token_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD_RE.finditer(text)]


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "U"
    if word[:1].isupper():
        return "C"
    return "l" if word.islower() else "x"


def _type_features(word: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    low = folded(word)
    feats = [("w", low), ("sh", _shape(word))]
    if len(low) > 4:
        feats += [("s3", low[-3:]), ("s4", low[-4:]), ("s2", low[-2:])]
    if len(low) > 5:
        feats.append(("p5", low[:5]))
    feats += [("lex", t) for t in lexicon.token_techniques(low)]
    return feats


def _plan(offset: int) -> dict[str, int]:
    """The feature kinds a token contributes at ``offset``, each with the crc32 of its "<offset>|<kind>=" prefix:
    crc32 continues from a prefix's crc (crc32(value, crc32(prefix)) == crc32(prefix + value)), so the feature
    string is never built."""
    kinds = [k for k in _KINDS if (offset == 0 or k not in _CENTRE_ONLY) and (abs(offset) <= 1 or k not in _NEAR_ONLY)]
    return {k: zlib.crc32(f"{offset}|{k}=".encode()) for k in kinds}


_KINDS = ("w", "sh", "s3", "s4", "s2", "p5", "lex")
_PLANS = [_plan(offset) for offset in WINDOW]


class Featurizer:
    """Maps a text's tokens to an int array (tokens x slots) of hashed feature ids; 0 is padding."""

    def __init__(self, lexicon: Lexicon, n_bits: int = 20):
        self.lexicon = lexicon
        self.mask = (1 << n_bits) - 1
        self._cache: dict[str, list[int]] = {}

    def _hash(self, offset: int, kind: str, value: str) -> int:
        return (zlib.crc32(f"{offset}|{kind}={value}".encode()) & self.mask) or 1


    def edge_id(self, edge: str) -> int:
        """The feature of the first ("bos") or last ("eos") token of a text."""
        return self._hash(0, edge, "")

    def type_ids(self, word: str) -> list[list[int]]:
        """Per window offset, the feature ids a token of this word contributes."""
        found = self._cache.get(word)
        if found is None:
            feats = [(k, v.encode()) for k, v in _type_features(word, self.lexicon)]
            mask = self.mask
            found = [[(zlib.crc32(v, plan[k]) & mask) or 1 for k, v in feats if k in plan] for plan in _PLANS]
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = found
        return found

    def transform(self, words: list[str]) -> np.ndarray:
        """Feature ids, shape (len(words), slots): each token gets its own and its neighbours' features."""
        n = len(words)
        per_type = [self.type_ids(w) for w in words]
        rows: list[list[int]] = [[] for _ in range(n)]
        for i in range(n):
            row = rows[i]
            for slot, offset in enumerate(WINDOW):
                j = i + offset
                if 0 <= j < n:
                    row.extend(per_type[j][slot])
            if i == 0:
                row.append(self.edge_id("bos"))
            if i == n - 1:
                row.append(self.edge_id("eos"))
        width = max((len(r) for r in rows), default=1)
        ids = np.zeros((n, width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
        return ids
