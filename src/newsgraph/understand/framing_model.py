"""The shipped framing tagger: a multi-label linear model over hashed token features (numpy only).

For each technique the model gives every token a probability (logistic over the summed weights of the token's
features); ``decode`` turns them into spans (hysteresis: a seed token above the technique's threshold, grown over
neighbours above its lower threshold). Files in ``models/framing-<lang>/``: ``model.npz`` (bucket ids, weights as
float16, biases, thresholds, lower thresholds) and ``model.json`` (techniques, settings, figures). Nothing of the
training text is stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

import numpy as np

from newsgraph.errors import NewsgraphError
from newsgraph.understand.framing_clusters import WordClusters, word_clusters
from newsgraph.understand.framing_features import FEATURE_VERSION, WINDOW, Featurizer, token_spans
from newsgraph.understand.framing_filter import FILTER_FILE, SpanFilter
from newsgraph.understand.framing_lexicon import lexicon

__all__ = ["FramingModel", "SpanGuess", "MODELS_DIR", "load_model", "decode", "hysteresis_runs", "hysteresis_spans",
           "sentence_breaks"]

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
_CACHE_LIMIT = 300_000  # word types whose contributions stay cached


@dataclass(frozen=True, slots=True)
class SpanGuess:
    start: int
    end: int
    technique: str
    score: float


class FramingModel:
    def __init__(self, lang: str, techniques: tuple[str, ...], rows: np.ndarray, weights: np.ndarray,
                 bias: np.ndarray, thresholds: np.ndarray, n_bits: int = 20, meta: dict | None = None,
                 low: np.ndarray | None = None, clusters: WordClusters | None = None):
        self.lang, self.techniques = lang, tuple(techniques)
        order = np.argsort(rows)
        self.rows = rows[order].astype(np.int64)
        self.weights = weights[order].astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.thresholds = thresholds.astype(np.float32)
        self.low = None if low is None else np.asarray(low, dtype=np.float32)  # hysteresis thresholds (decode)
        self.n_bits = n_bits
        self.meta = meta or {}
        self.clusters = clusters  # static-e5 word clusters as features (``framing_clusters``), or None
        self.span_filter: SpanFilter | None = None  # keeps or drops each decoded span (``framing_filter``)
        self.featurizer = Featurizer(lexicon(lang), n_bits, clusters)
        # bucket -> its row of _padded_weights, whose last row (zeros) stands for buckets without a weight and 0
        self._padded_weights = np.vstack([self.weights, np.zeros((1, len(self.techniques)), np.float32)])
        self._row_of_bucket = np.full(1 << n_bits, len(self.rows), dtype=np.int32)
        self._row_of_bucket[self.rows[self.rows > 0]] = np.flatnonzero(self.rows > 0)
        self._row_of: dict[str, int] = {}  # word type -> its row of self._contributions
        self._contributions = np.zeros((1024, len(WINDOW), len(self.techniques)), dtype=np.float32)
        self._edges = (self._weights_of([self.featurizer.edge_id("bos")]),
                       self._weights_of([self.featurizer.edge_id("eos")]))

    # --- scoring -----------------------------------------------------------------------------------------------
    def token_scores(self, ids: np.ndarray) -> np.ndarray:
        """Probabilities, shape (tokens, techniques), for a feature-id array from ``Featurizer.transform``."""
        if ids.size == 0:
            return np.zeros((0, len(self.techniques)), dtype=np.float32)
        logits = self._padded_weights[self._row_of_bucket[ids]].sum(axis=1) + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def _weights_of(self, ids: list[int]) -> np.ndarray:
        if not ids:
            return np.zeros(len(self.techniques), dtype=np.float32)
        wanted = np.asarray(ids, dtype=np.int64)
        pos = np.searchsorted(self.rows, wanted).clip(0, len(self.rows) - 1)
        known = self.rows[pos] == wanted
        return self.weights[pos[known]].sum(axis=0)

    def _add_contributions(self, words: list[str]) -> None:
        """Cache what a token of each word adds to the logits of itself and its neighbours (window, techniques):
        one vectorised lookup for all new words of a text. ``words``: the text's word types, or all its words."""
        new = list(set(words).difference(self._row_of))
        if len(self._row_of) + len(new) > _CACHE_LIMIT:
            self._row_of.clear()
            new = list(set(words))
        if not new:
            return
        ids, firsts = self.featurizer.id_matrix(new)
        gathered = self._padded_weights[self._row_of_bucket[ids]]  # (words, columns, techniques)
        first = len(self._row_of)
        if first + len(new) > len(self._contributions):
            grown = np.zeros((2 * (first + len(new)), *self._contributions.shape[1:]), dtype=np.float32)
            grown[:first] = self._contributions[:first]
            self._contributions = grown
        self._contributions[first : first + len(new)] = np.add.reduceat(gathered, firsts, axis=1)
        self._row_of.update(zip(new, range(first, first + len(new)), strict=True))

    def text_scores(self, words: list[str]) -> np.ndarray:
        """Token probabilities for a list of words; the same sums as ``token_scores`` over ``transform``, but
        each word type's weights are added up once and cached (the fast path: no per-token feature ids)."""
        n = len(words)
        self._add_contributions(words)
        per_token = self._contributions[np.fromiter(map(self._row_of.__getitem__, words), dtype=np.int64, count=n)]
        logits = np.tile(self.bias, (n, 1))
        for slot, offset in enumerate(WINDOW):
            # token i receives what its neighbour i + offset contributes at this offset
            if offset >= 0:
                logits[: n - offset] += per_token[offset:, slot]
            else:
                logits[-offset:] += per_token[: n + offset, slot]
        logits[0] += self._edges[0]
        logits[-1] += self._edges[1]
        return 1.0 / (1.0 + np.exp(-logits))

    def predict(self, text: str, spans: list[tuple[int, int]] | None = None,
                words: list[str] | None = None, use_filter: bool = True) -> list[SpanGuess]:
        """Spans of ``text``; ``spans``: its word tokens (``token_spans``) and ``words`` their text, when the caller
        has them; ``use_filter=False``: the tagger's own decoding even when it has a span filter (benchmarks)."""
        spans = token_spans(text) if spans is None else spans
        if not spans:
            return []
        words = [text[s:e] for s, e in spans] if words is None else words
        probs = self.text_scores(words)
        breaks = sentence_breaks(text, spans, self.lang)
        if self.span_filter is None or not use_filter:
            return decode(spans, probs, self.techniques, self.thresholds, breaks, self.low)
        return self.filtered(text, spans, words, probs, breaks)

    def filtered(self, text: str, spans: list[tuple[int, int]], words: list[str], probs: np.ndarray,
                 breaks: np.ndarray) -> list[SpanGuess]:
        """The candidates (hysteresis runs at the filter's thresholds) the span filter keeps, scored like
        ``decode``'s spans, by their surest token."""
        guesses = []
        for k, technique in enumerate(self.techniques):
            seed, low = self.span_filter.candidate_thresholds(technique)
            firsts, lasts, peaks = hysteresis_runs(probs[:, k], seed, low, breaks)
            runs = list(zip(firsts.tolist(), lasts.tolist(), strict=True))
            kept = self.span_filter.keep(text, spans, words, probs, runs, technique)
            guesses += [SpanGuess(spans[a][0], spans[b][1], technique, round(peak, 3))
                        for (a, b), peak, keep in zip(runs, peaks.tolist(), kept, strict=True) if keep]
        return guesses

    def reset_caches(self) -> None:
        """Forget cached word types (benchmarks measure the cold path with it)."""
        self._row_of.clear()
        self.featurizer._cache.clear()

    # --- files ---------------------------------------------------------------------------------------------------
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        low = {} if self.low is None else {"low": self.low}
        np.savez_compressed(folder / "model.npz", rows=self.rows.astype(np.int32),
                            weights=self.weights.astype(np.float16), bias=self.bias, thresholds=self.thresholds, **low)
        meta = {**self.meta, "lang": self.lang, "techniques": list(self.techniques), "n_bits": self.n_bits,
                "feature_version": FEATURE_VERSION, "thresholds": [round(float(t), 3) for t in self.thresholds]}
        if self.low is not None:
            meta["low_thresholds"] = [round(float(t), 3) for t in self.low]
        meta.pop("word_clusters", None)
        if self.clusters is not None:
            meta["word_clusters"] = {"levels": list(self.clusters.levels), "words": len(self.clusters.hashes),
                                     "checksum": self.clusters.checksum}
        (folder / "model.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if self.span_filter is not None:
            self.span_filter.save(folder)
        else:  # a filter left from an earlier fit belongs to other weights
            (folder / FILTER_FILE).unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: str | Path) -> FramingModel:
        folder = Path(folder)
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(folder / "model.npz")
        except (OSError, ValueError) as exc:
            raise NewsgraphError(f"cannot read the framing model in {folder}: {exc}") from exc
        if meta.get("feature_version") != FEATURE_VERSION:
            raise NewsgraphError(f"the framing model in {folder} was trained with other features; retrain it "
                                 "with `newsgraph train framing`")
        clusters = _clusters_for(meta, folder)
        model = cls(meta["lang"], tuple(meta["techniques"]), arrays["rows"], arrays["weights"], arrays["bias"],
                   arrays["thresholds"], meta.get("n_bits", 20), meta,
                   arrays["low"] if "low" in arrays.files else None, clusters)
        model.span_filter = SpanFilter.load(folder)
        return model


def _clusters_for(meta: dict, folder: Path) -> WordClusters | None:
    """The shipped word clusters when the model was trained with them (they must be the same table)."""
    wanted = meta.get("word_clusters")
    if not wanted:
        return None
    clusters = word_clusters()
    if wanted.get("checksum", clusters.checksum) != clusters.checksum or list(clusters.levels) != wanted["levels"]:
        raise NewsgraphError(f"the framing model in {folder} was trained with other word clusters than "
                             f"models/framing-clusters holds; retrain it with `newsgraph train framing`")
    return clusters


#: No span runs across these: sentence ends, line breaks, and commas, brackets, quotes and dashes (a span grown
#: across a comma swallows the date or the name next to it: "October 17, Russian dictator Vladimir").
_BREAK = re.compile(r"[.!?;:\n,()\"«»“”„—–]")
#: Ukrainian (UNLP-2025) gold spans run over commas, so there a comma is no break.
_BREAK_WITHOUT_COMMA = re.compile(r"[.!?;:\n()\"«»“”„—–]")
_COMMA_INSIDE_SPANS = {"uk"}


def sentence_breaks(text: str, spans: list[tuple[int, int]], lang: str | None = None) -> np.ndarray:
    """True for a token that follows a ``_BREAK`` mark: no span runs across it."""
    breaks = np.zeros(len(spans), dtype=bool)
    marks_re = _BREAK_WITHOUT_COMMA if lang in _COMMA_INSIDE_SPANS else _BREAK
    gaps = marks_re.split(text)  # marks are one character each: mark k ends the (k + 1)-th piece
    if len(gaps) > 1:
        marks = np.cumsum(np.fromiter(map(len, gaps[:-1]), dtype=np.int64, count=len(gaps) - 1) + 1) - 1
        starts = np.fromiter(map(itemgetter(0), spans), dtype=np.int64, count=len(spans))
        following = np.searchsorted(starts, marks, side="right")  # first token after each mark
        breaks[following[following < len(spans)]] = True
    return breaks


def decode(spans: list[tuple[int, int]], probs: np.ndarray, techniques: tuple[str, ...],
           thresholds: np.ndarray, breaks: np.ndarray | None = None, low: np.ndarray | None = None) -> list[SpanGuess]:
    """Spans from token probabilities; no span crosses a ``breaks`` token (sentence end, line break).

    With ``low`` (hysteresis, what trained models use): a span is a run of tokens at or above the technique's
    ``low`` threshold that holds at least one token at or above ``thresholds`` ("war of aggression": a sure word
    pulls in its weaker neighbours, the way annotators mark phrases, not words). Without it: runs above threshold,
    where one weaker token (>= half the threshold) may bridge two runs."""
    breaks = np.zeros(len(spans), dtype=bool) if breaks is None else breaks
    if low is not None:
        return [guess for k, technique in enumerate(techniques) for guess in
                hysteresis_spans(spans, probs[:, k], float(thresholds[k]), float(low[k]), breaks, technique)]
    guesses = []
    for k, technique in enumerate(techniques):
        column, limit = probs[:, k], float(thresholds[k])
        above = np.flatnonzero(column >= limit)
        if above.size == 0:
            continue
        run = [int(above[0])]
        for i in map(int, above[1:]):
            gap_ok = i - run[-1] == 2 and column[i - 1] >= limit / 2 and not breaks[i - 1]
            if (i - run[-1] == 1 or gap_ok) and not breaks[i]:
                run.append(i)
                continue
            guesses.append(_guess(spans, column, run, technique))
            run = [i]
        guesses.append(_guess(spans, column, run, technique))
    return guesses


def hysteresis_runs(column: np.ndarray, high: float, low: float,
                    breaks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First token, last token and peak probability of each run of tokens at or above ``low`` that holds one at or
    above ``high`` and crosses no ``breaks`` token: hysteresis decoding, as token indices."""
    above = column >= min(low, high)
    if not above.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=column.dtype)
    previous = np.concatenate(([False], above[:-1]))
    run_ids = np.cumsum(above & (~previous | breaks))[above]  # a new run after a gap or at a sentence break
    index = np.flatnonzero(above)
    firsts = np.flatnonzero(np.concatenate(([True], run_ids[1:] != run_ids[:-1])))
    lasts = np.concatenate((firsts[1:] - 1, [len(index) - 1]))
    peaks = np.maximum.reduceat(column[above], firsts)
    keep = peaks >= high
    return index[firsts[keep]], index[lasts[keep]], peaks[keep]


def hysteresis_spans(spans, column: np.ndarray, high: float, low: float, breaks: np.ndarray,
                     technique: str) -> list[SpanGuess]:
    firsts, lasts, peaks = hysteresis_runs(column, high, low, breaks)
    return [SpanGuess(spans[a][0], spans[b][1], technique, round(peak, 3))
            for a, b, peak in zip(firsts.tolist(), lasts.tolist(), peaks.tolist(), strict=True)]


def _guess(spans, column, run: list[int], technique: str) -> SpanGuess:
    first, last = run[0], run[-1]
    score = float(column[first : last + 1].max())
    return SpanGuess(spans[first][0], spans[last][1], technique, round(score, 3))


@cache
def load_model(lang: str | None) -> FramingModel | None:
    """The shipped model for ``lang``, or None when there is none (the lexicon still works)."""
    folder = MODELS_DIR / f"framing-{lang}"
    if not lang or not (folder / "model.npz").exists():
        return None
    return FramingModel.load(folder)
