"""A second opinion on each framing tagger span: keep it or drop it (``train framing`` fits it; numpy only here).

The token tagger decides word by word from a -2..+2 window. Most of its spans are ones the annotators did not mark
(about three in four at its F1-best thresholds), and what tells them apart is often visible only at the level of the
span and its article: how sure the tagger is over the whole span, not at one word; how long it is; the words it is
made of, as a phrase; the marks around it; and how much of the article the tagger finds loaded at all (annotators
mark many spans in a rant and few in a report, while the tagger's thresholds are the same for both).

The filter is a logistic model per technique over hashed features of each candidate span. Candidates are decoded
from the tagger's probabilities with the filter's own seed and growth thresholds (lower than the tagger's alone:
the filter can afford more candidates), and a span is kept when the filter's probability reaches its cutoff. All
three numbers were tuned on out-of-fold predictions (``train/framing_filter.py``). File: ``filter.npz`` beside the
tagger's ``model.npz``; a tagger folder without one decodes as before.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path

import numpy as np

from newsgraph.errors import ModelError
from newsgraph.text import fold_all

__all__ = ["SpanFilter", "span_features", "hash_features", "weight_table", "probabilities", "FILTER_FILE",
           "FILTER_VERSION"]

FILTER_FILE = "filter.npz"
FILTER_VERSION = 1
N_BITS = 18
_MASK = (1 << N_BITS) - 1
_STEPS = tuple(round(x, 2) for x in np.arange(0.05, 1.0, 0.05))  # thermometer steps for probabilities
_DENSITY_STEPS = (0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16)  # share of an article's tokens above the seed
_MARKS = frozenset("\"'«»“”„‘’()[]—–-:;!?.,")


@cache
def _thermometer_table(name: str, steps: tuple[float, ...]) -> list[list[str]]:
    """Entry i: the features of a value that reaches the first i steps ("peak>=0.05", "peak>=0.1", ...): a
    monotone reading of a number by a linear model."""
    return [[f"{name}>={step}" for step in steps[:i]] for i in range(len(steps) + 1)]


def _thermometer(name: str, values: np.ndarray, steps=_STEPS) -> list[list[str]]:
    table = _thermometer_table(name, steps)
    return [table[i] for i in np.searchsorted(np.asarray(steps), values, side="right").tolist()]


def _mark_before(text: str, start: int) -> str:
    """The punctuation mark right before a span, or "" (a space, a word, the start of the text)."""
    return text[start - 1] if start and text[start - 1] in _MARKS else ""


def _mark_after(text: str, end: int) -> str:
    """The first punctuation mark after a span, spaces skipped, or "" (a word, the end of the text)."""
    while end < len(text) and text[end].isspace():
        end += 1
    return text[end] if end < len(text) and text[end] in _MARKS else ""


def _run_reduce(ufunc, values: np.ndarray, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
    """``ufunc`` over each run ``values[first:last + 1]`` (runs sorted and disjoint), in one call."""
    bounds = np.empty(2 * len(firsts), dtype=np.int64)
    bounds[0::2], bounds[1::2] = firsts, lasts + 1
    padded = np.concatenate((values, values[:1]))  # reduceat needs every bound inside the array
    return ufunc.reduceat(padded, bounds, axis=0)[0::2]


def span_features(text: str, spans: list[tuple[int, int]], words: list[str], probs: np.ndarray,
                  candidates: list[tuple[int, int]], column: int, seed: float) -> list[list[str]]:
    """Feature strings of each candidate (first and last token index, inclusive) of technique ``column``.

    ``words`` are the tokens' folded forms (at least those in and next to the candidates), ``probs`` the tagger's
    token probabilities (tokens x techniques)."""
    n = len(spans)
    if not candidates:
        return []
    share = float((probs[:, column] >= seed).mean())
    article = [*_thermometer("share", np.array([share]), _DENSITY_STEPS)[0], f"spans={min(len(candidates), 12)}"]
    firsts = np.fromiter((a for a, _ in candidates), np.int64, len(candidates))
    lasts = np.fromiter((b for _, b in candidates), np.int64, len(candidates))
    peaks = _run_reduce(np.maximum, probs, firsts, lasts)  # (candidates, techniques)
    totals = _run_reduce(np.add, probs[:, column], firsts, lasts)
    by_peak = _thermometer("peak", peaks[:, column])
    by_mean = _thermometer("mean", totals / (lasts - firsts + 1))
    by_other = [_thermometer(f"other{other}", peaks[:, other], _STEPS[::2])
                for other in range(probs.shape[1]) if other != column]
    out = []
    for i, (first, last) in enumerate(candidates):
        length = last - first + 1
        start, end = spans[first][0], spans[last][1]
        inside = words[first:last + 1]
        feats = [*article, *by_peak[i], *by_mean[i], f"len={min(length, 8)}", f"first={inside[0]}",
                 f"last={inside[-1]}", f"left={words[first - 1] if first else '<s>'}",
                 f"right={words[last + 1] if last + 1 < n else '</s>'}", f"lmark={_mark_before(text, start)}",
                 f"rmark={_mark_after(text, end)}", f"place={min(5, 5 * first // max(1, n))}"]
        feats += ["w=" + w for w in inside]
        if length <= 4:
            feats.append("whole=" + " ".join(inside))
        if text[start:start + 1].isupper():
            feats.append("capital")
        for table in by_other:
            feats += table[i]
        out.append(feats)
    return out


_ID_OF: dict[str, int] = {}  # feature string -> id: most features repeat (steps, marks, lengths, common words)
_ID_CACHE_LIMIT = 200_000


def _feature_id(feature: str) -> int:
    found = _ID_OF.get(feature)
    if found is None:
        if len(_ID_OF) >= _ID_CACHE_LIMIT:
            _ID_OF.clear()
        found = _ID_OF[feature] = (zlib.crc32(feature.encode()) & _MASK) or 1
    return found


def hash_features(rows: list[list[str]]) -> np.ndarray:
    """Feature strings -> an id matrix (rows x widest row), 0 as padding (and never an id)."""
    width = max((len(r) for r in rows), default=1)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = list(map(_feature_id, row))
    return ids


def weight_table(buckets: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """A weight per hash bucket (0 for buckets without one, and for the padding id 0)."""
    table = np.zeros(1 << N_BITS, dtype=np.float32)
    table[np.asarray(buckets, dtype=np.int64)] = np.asarray(weights, dtype=np.float32).ravel()
    table[0] = 0.0
    return table


def probabilities(table: np.ndarray, bias: float, ids: np.ndarray) -> np.ndarray:
    """The filter's keep probability of each row of feature ids."""
    return 1.0 / (1.0 + np.exp(-(table[ids].sum(axis=1) + bias)))


class SpanFilter:
    """Per technique: candidate seed and growth thresholds, the hashed weights and bias of the keep/drop model,
    and the cutoff its probability must reach."""

    def __init__(self, techniques: tuple[str, ...], rows: list[np.ndarray], weights: list[np.ndarray],
                 bias: np.ndarray, seeds: np.ndarray, lows: np.ndarray, cutoffs: np.ndarray):
        self.techniques = tuple(techniques)
        self.seeds, self.lows, self.cutoffs = (np.asarray(a, dtype=np.float32) for a in (seeds, lows, cutoffs))
        self.bias = np.asarray(bias, dtype=np.float32)
        self._tables = [weight_table(r, w) for r, w in zip(rows, weights, strict=True)]
        self._rows, self._weights = rows, weights

    def probabilities(self, ids: np.ndarray, column: int) -> np.ndarray:
        return probabilities(self._tables[column], float(self.bias[column]), ids)

    def candidate_thresholds(self, technique: str) -> tuple[float, float]:
        """The seed and growth thresholds the candidates of ``technique`` are decoded with."""
        column = self.techniques.index(technique)
        return float(self.seeds[column]), float(self.lows[column])

    def keep(self, text: str, spans: list[tuple[int, int]], words: list[str], probs: np.ndarray,
             runs: list[tuple[int, int]], technique: str) -> np.ndarray:
        """For each candidate (first and last token) of ``technique``, whether the filter keeps it."""
        if not runs:
            return np.zeros(0, dtype=bool)
        column = self.techniques.index(technique)
        needed = sorted({i for a, b in runs for i in range(max(0, a - 1), min(len(words), b + 2))})
        folded = list(words)  # only the words the features read are folded (folding costs microseconds a word)
        for i, low in zip(needed, fold_all([words[i] for i in needed]), strict=True):
            folded[i] = low
        features = span_features(text, spans, folded, probs, runs, column, float(self.seeds[column]))
        return self.probabilities(hash_features(features), column) >= self.cutoffs[column]

    def save(self, folder: str | Path) -> None:
        arrays = {"version": np.array(FILTER_VERSION), "techniques": np.array(self.techniques),
                  "bias": self.bias, "seeds": self.seeds, "lows": self.lows, "cutoffs": self.cutoffs}
        for k, (bucket_rows, column_weights) in enumerate(zip(self._rows, self._weights, strict=True)):
            arrays[f"rows{k}"] = np.asarray(bucket_rows, dtype=np.int32)
            arrays[f"weights{k}"] = np.asarray(column_weights, dtype=np.float16).ravel()
        np.savez_compressed(Path(folder) / FILTER_FILE, **arrays)

    @classmethod
    def load(cls, folder: str | Path) -> SpanFilter | None:
        """The filter beside a tagger, or None when the folder has none."""
        path = Path(folder) / FILTER_FILE
        if not path.exists():
            return None
        try:
            arrays = np.load(path)
            if int(arrays["version"]) != FILTER_VERSION:
                raise ValueError(f"version {int(arrays['version'])}, this newsgraph reads {FILTER_VERSION}")
            techniques = tuple(str(t) for t in arrays["techniques"])
            rows = [arrays[f"rows{k}"] for k in range(len(techniques))]
            weights = [arrays[f"weights{k}"] for k in range(len(techniques))]
            return cls(techniques, rows, weights, arrays["bias"], arrays["seeds"], arrays["lows"], arrays["cutoffs"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot read the framing span filter {path}: {exc}",
                             hint="refit it with `newsgraph train framing` or delete the file") from exc
