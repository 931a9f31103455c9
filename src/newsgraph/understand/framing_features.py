"""Token features for the framing tagger: hashed, per word type, with a window of neighbours.

Each token is described by a few *type* features (its folded form, suffixes, a prefix, its shape, the lexicon's
techniques for it). A type's features are hashed once per offset in the window (-2..+2) and cached, so scoring an
article is a handful of numpy gathers: no strings are built per token, and the shipped model holds only weights
(hash buckets), no vocabulary of the training text.

Kinds: ``w`` the folded word; ``sh`` its shape (``_SHAPES``); ``s3``, ``s4``, ``s2`` its last 3, 4 and 2 characters
(folded words of 5+ characters); ``p5`` its first 5 (6+); ``lex`` each technique of the one-word lexicon entries it
matches; with word clusters (``framing_clusters``, models trained with them), ``c1024`` (offset 0), ``c256``
(-1..+1) and ``c64`` (-2..+2), the static-e5 cluster of the word. ``s4``, ``s2`` and ``p5`` count at offset 0 only,
``s3`` and ``sh`` at -1..+1. The id of ``kind=value`` at
``offset`` is ``crc32("<offset>|<kind>=<value>") & mask`` (0 becomes 1; 0 is padding): the shipped models' weights
are indexed by these ids, so they must not change without retraining (``FEATURE_VERSION``).

The new words of a text are hashed together (``Featurizer.id_matrix``): one crc32 per word and part, and numpy
carries the crc of each "<offset>|<kind>=" prefix over the value's length (crc32 is linear), so no feature string
and no Python object per feature is built: a new word type costs a few microseconds, not ~70.
"""

from __future__ import annotations

import zlib

import numpy as np

from newsgraph.text import fold_all
from newsgraph.understand.framing_clusters import WordClusters
from newsgraph.understand.framing_lexicon import Lexicon, token_columns

__all__ = ["FEATURE_VERSION", "WINDOW", "Featurizer", "token_spans"]

FEATURE_VERSION = 1
WINDOW = (-2, -1, 0, 1, 2)
_CENTRE_ONLY = ("s4", "p5", "s2")  # morphology matters for the word itself, less for its neighbours
_NEAR_ONLY = ("s3", "sh")  # offsets -1, 0, +1
_CACHE_LIMIT = 300_000
#: How far from the token each cluster level counts, finest first (c1024 at 0; c256 at -1..+1; c64 at -2..+2).
_CLUSTER_REACH = (0, 1, 2)


def token_spans(text: str) -> list[tuple[int, int]]:
    starts, ends, _ = token_columns(text)
    return list(zip(starts, ends, strict=True))


#: The string features, in the order ``Featurizer.id_matrix`` cuts them from the folded word (all of it, the last 3,
#: 4 and 2 characters, the first 5), with the fewest characters a word needs to have each.
_PARTS = {"w": 0, "s3": 5, "s4": 5, "s2": 5, "p5": 6}
_SHAPES = ("d", "U", "C", "l", "x")
_KINDS = ("w", "sh", "s3", "s4", "s2", "p5")  # per offset, in this order; then the lexicon's techniques ("lex")


def _shape_index(words: list[str]) -> np.ndarray:
    """Index into ``_SHAPES`` per word: digits, ALL CAPS (2+ chars), Capitalised, lower, other."""
    n = len(words)
    digits = np.fromiter(map(str.isdigit, words), bool, n)
    caps = np.fromiter(map(str.isupper, words), bool, n) & (np.fromiter(map(len, words), np.int64, n) > 1)
    capital = np.fromiter(map(str.isupper, [w[:1] for w in words]), bool, n)
    lower = np.fromiter(map(str.islower, words), bool, n)
    return np.where(digits, 0, np.where(caps, 1, np.where(capital, 2, np.where(lower, 3, 4))))


def _kinds_at(offset: int) -> tuple[str, ...]:
    return tuple(k for k in _KINDS
                 if (offset == 0 or k not in _CENTRE_ONLY) and (abs(offset) <= 1 or k not in _NEAR_ONLY))


#: The columns of ``Featurizer.id_matrix`` without the lexicon's: (offset, kind), offset by offset.
_COLUMNS = [(offset, kind) for offset in WINDOW for kind in _kinds_at(offset)]
_STRING_COLUMNS = [i for i, (_, kind) in enumerate(_COLUMNS) if kind in _PARTS]
_SHAPE_COLUMNS = [i for i, (_, kind) in enumerate(_COLUMNS) if kind == "sh"]
_PART_OF = np.array([list(_PARTS).index(_COLUMNS[i][1]) for i in _STRING_COLUMNS])  # string column -> part row
_SHORTEST = np.array(list(_PARTS.values()))
_FIRSTS = [next(i for i, (o, _) in enumerate(_COLUMNS) if o == offset) for offset in WINDOW]
_carry = np.zeros((len(_STRING_COLUMNS), 0), np.int64)


def _carried(lengths: np.ndarray) -> np.ndarray:
    """Per string column, what the crc32 of its "<offset>|<kind>=" prefix becomes over ``lengths`` (columns x
    words) more bytes: crc32(value, crc32(prefix)) == carried ^ crc32(value) (crc32 is linear over GF(2), as in
    zlib's crc32_combine), so the crc of each value is computed once for all offsets."""
    global _carry
    if lengths.size and lengths.max() >= _carry.shape[1]:
        size = max(64, 2 * int(lengths.max()) + 1)
        prefixes = [zlib.crc32(f"{_COLUMNS[i][0]}|{_COLUMNS[i][1]}=".encode()) for i in _STRING_COLUMNS]
        _carry = np.array([[zlib.crc32(bytes(n), p) ^ zlib.crc32(bytes(n)) for n in range(size)] for p in prefixes])
    return np.take_along_axis(_carry, lengths, axis=1)


class Featurizer:
    """Maps a text's tokens to an int array (tokens x slots) of hashed feature ids; 0 is padding."""

    def __init__(self, lexicon: Lexicon, n_bits: int = 20, clusters: WordClusters | None = None):
        self.lexicon = lexicon
        self.mask = (1 << n_bits) - 1
        self.clusters = clusters
        self._cache: dict[str, list[list[int]]] = {}
        self._shape_ids = np.array([[self._hash(_COLUMNS[i][0], "sh", shape) for shape in _SHAPES]
                                    for i in _SHAPE_COLUMNS])
        # per window offset: (level, ids of "c<level>=<cluster>" with a last 0 for words outside the table)
        self._cluster_ids = [[(level, np.array([self._hash(offset, f"c{size}", str(c)) for c in range(size)] + [0]))
                              for level, size in enumerate(clusters.levels) if abs(offset) <= _CLUSTER_REACH[level]]
                             for offset in WINDOW] if clusters else []

    def _hash(self, offset: int, kind: str, value: str) -> int:
        return (zlib.crc32(f"{offset}|{kind}={value}".encode()) & self.mask) or 1

    def edge_id(self, edge: str) -> int:
        """The feature of the first ("bos") or last ("eos") token of a text."""
        return self._hash(0, edge, "")

    def id_matrix(self, words: list[str]) -> tuple[np.ndarray, list[int]]:
        """The feature ids of each word type, shape (words, columns), 0 where a word lacks a feature; and the first
        column of each window offset (its columns run to the next one's): ``type_ids`` for many words at once."""
        n = len(words)
        lows = fold_all(words)
        self.lexicon.remember(words, lows)  # the lexicon stage folds the same words next
        encoded = [part.encode() for low in lows for part in (low, low[-3:], low[-4:], low[-2:], low[:5])]
        crcs = np.fromiter(map(zlib.crc32, encoded), np.int64, len(encoded)).reshape(n, len(_PARTS)).T
        lengths = np.fromiter(map(len, encoded), np.int64, len(encoded)).reshape(n, len(_PARTS)).T
        present = np.fromiter(map(len, lows), np.int64, n) >= _SHORTEST[:, None]  # (parts, words)
        ids = np.empty((len(_COLUMNS), n), np.int64)
        hashed = (_carried(lengths[_PART_OF]) ^ crcs[_PART_OF]) & self.mask
        ids[_STRING_COLUMNS] = np.where(present[_PART_OF], np.where(hashed == 0, 1, hashed), 0)
        ids[_SHAPE_COLUMNS] = self._shape_ids[:, _shape_index(words)]
        extras = self._cluster_columns(crcs[0]) if self.clusters else [np.zeros((n, 0), np.int64)] * len(WINDOW)
        return self._with_extras(ids.T, extras, self.lexicon.token_techniques_all(lows))

    def _cluster_columns(self, word_crcs: np.ndarray) -> list[np.ndarray]:
        """Per window offset, the cluster feature ids of each word (words x levels used at that offset)."""
        found = self.clusters.lookup(word_crcs)
        empty = np.zeros((len(found), 0), np.int64)
        return [np.stack([table[found[:, level]] for level, table in at_offset], axis=1) if at_offset else empty
                for at_offset in self._cluster_ids]

    def _with_extras(self, ids: np.ndarray, extras: list[np.ndarray],
                     techniques: list[tuple[str, ...]]) -> tuple[np.ndarray, list[int]]:
        """``ids`` with, after each offset's own columns, that offset's ``extras`` (cluster columns) and one column
        per lexicon technique a word can have (sorted, as ``token_techniques`` gives them)."""
        most = max(map(len, techniques), default=0)
        widths = [e.shape[1] for e in extras]
        if not most and not any(widths):
            return ids, _FIRSTS
        lex = np.zeros((len(WINDOW), len(techniques), most), np.int64)
        for i, found in enumerate(techniques):
            for j, technique in enumerate(found):
                lex[:, i, j] = [self._hash(offset, "lex", technique) for offset in WINDOW]
        bounds = list(zip(_FIRSTS, [*_FIRSTS[1:], ids.shape[1]], strict=True))
        pieces = [piece for slot, (a, b) in enumerate(bounds) for piece in (ids[:, a:b], extras[slot], lex[slot])]
        firsts = np.cumsum([0] + [b - a + widths[slot] + most for slot, (a, b) in enumerate(bounds)])[:-1]
        return np.concatenate(pieces, axis=1), firsts.tolist()

    def remember(self, words: list[str]) -> None:
        """Cache ``type_ids`` of the words not cached yet."""
        new = [w for w in dict.fromkeys(words) if w not in self._cache]
        if not new:
            return
        if len(self._cache) + len(new) > _CACHE_LIMIT:
            self._cache.clear()
            new = list(dict.fromkeys(words))
        ids, firsts = self.id_matrix(new)
        bounds = list(zip(firsts, [*firsts[1:], ids.shape[1]], strict=True))
        for word, row in zip(new, ids.tolist(), strict=True):
            self._cache[word] = [[i for i in row[a:b] if i] for a, b in bounds]

    def type_ids(self, word: str) -> list[list[int]]:
        """Per window offset, the feature ids a token of this word contributes."""
        if word not in self._cache:
            self.remember([word])
        return self._cache[word]

    def transform(self, words: list[str]) -> np.ndarray:
        """Feature ids, shape (len(words), slots): each token gets its own and its neighbours' features."""
        n = len(words)
        self.remember(words)
        per_type = [self._cache[w] for w in words]
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
