"""Fitting the framing span filter (``understand/framing_filter.py``) on a tagger's out-of-fold predictions.

``train_model`` already scores every training document with a tagger that did not see it (for threshold tuning);
the filter learns from the spans decoded there. Per technique and per candidate seed (the tagger's tuned seed x 1,
0.75 or 0.5, growth at the tuned ratio), the filter is cross-fitted over three groups of those documents, so each
candidate gets a probability from a filter that did not see its document, and the seed and cutoff with the best span
F1 (SemEval-2020 scorer, every document's gold spans counted) are kept; then the filter is refit on all candidates.
A cutoff of 0 at the tuned seed is the tagger alone, so the filter is never chosen when it does not help there.
"""

from __future__ import annotations

import numpy as np

from newsgraph.eval.framing import merge, span_f1
from newsgraph.text import fold_all
from newsgraph.understand.framing_filter import SpanFilter, hash_features, probabilities, span_features, weight_table
from newsgraph.understand.framing_model import hysteresis_runs

__all__ = ["fit_filter", "SEED_FACTORS", "CUTOFFS", "FILTER_L2"]

SEED_FACTORS = (1.0, 0.75, 0.5)
CUTOFFS = tuple(round(x, 3) for x in np.arange(0.0, 0.71, 0.025))
#: Held strongly: the candidates of a few hundred articles are a few thousand, and their words repeat the tagger's.
#: In en and uk 3-fold cross-validation L2 30 beat 1 and 10 (docs/claims-framing.md, "The span filter").
FILTER_L2 = 30.0
_GROUPS = 3
#: Fewer candidates than this (a tiny training set) teach nothing: the filter then keeps what the tagger finds.
MIN_CANDIDATES = 60


def _overlap_share(start: int, end: int, gold: list[tuple[int, int]]) -> float:
    """How much of the candidate the annotators marked: its soft target, and what the scorer's precision counts."""
    return sum(max(0, min(end, e) - max(start, s)) for s, e in gold) / max(1, end - start)


def _candidates(scored, column: int, technique: str, seed: float, low: float):
    """Feature rows, soft targets and (document, start, end) of every candidate of ``technique``."""
    rows, targets, where = [], [], []
    for d, item in enumerate(scored):
        if not item.spans:
            continue
        firsts, lasts, _ = hysteresis_runs(item.probs[:, column], seed, low, item.breaks)
        runs = list(zip(firsts.tolist(), lasts.tolist(), strict=True))
        if not runs:
            continue
        words = fold_all([item.doc.text[s:e] for s, e in item.spans])
        gold = merge([(s, e) for s, e, t in item.doc.spans if t == technique])
        for (first, last), features in zip(runs, span_features(item.doc.text, item.spans, words, item.probs, runs,
                                                               column, seed), strict=True):
            start, end = item.spans[first][0], item.spans[last][1]
            rows.append(features)
            targets.append(_overlap_share(start, end, gold))
            where.append((d, start, end))
    return rows, np.asarray(targets, dtype=np.float32).reshape(-1, 1), where


def _fit(ids: np.ndarray, targets: np.ndarray):
    from newsgraph.train.framing import fit

    _, counts = np.unique(ids[ids > 0], return_counts=True)
    if not (counts >= 2).any():  # nothing seen twice: only the base rate can be learned
        rate = float(np.clip(targets.mean(), 1e-4, 1 - 1e-4))
        return np.zeros(0, np.int64), np.zeros((0, 1), np.float32), np.array([np.log(rate / (1 - rate))], np.float32)
    return fit(ids, targets, l2=FILTER_L2)


def _probabilities(fitted, ids: np.ndarray) -> np.ndarray:
    buckets, weights, bias = fitted
    return probabilities(weight_table(buckets, weights), float(bias[0]), ids)


def _f1(gold, where, probs, cutoff: float, documents: int) -> float:
    predicted: list[list[tuple[int, int]]] = [[] for _ in range(documents)]
    for (d, start, end), p in zip(where, probs, strict=True):
        if p >= cutoff:
            predicted[d].append((start, end))
    return span_f1(gold, predicted)[2]


def fit_filter(scored, techniques: tuple[str, ...], high: np.ndarray, low: np.ndarray) -> tuple[SpanFilter, dict]:
    """The filter for a tagger whose out-of-fold predictions are ``scored`` (``train.framing.Scored``) and whose
    tuned thresholds are ``high`` / ``low``; and, per technique, what it was chosen with (``model.json``'s
    ``span_filter``)."""
    seeds, lows, cutoffs, biases, rows_out, weights_out, report = [], [], [], [], [], [], {}
    for column, technique in enumerate(techniques):
        gold = [[(s, e) for s, e, t in item.doc.spans if t == technique] for item in scored]
        ratio = float(low[column]) / max(float(high[column]), 1e-9)
        _, _, alone = _candidates(scored, column, technique, float(high[column]), float(low[column]))
        report[technique] = {"tagger_f1": round(_f1(gold, alone, [1.0] * len(alone), 0.0, len(scored)), 4)}
        best = None
        for factor in SEED_FACTORS:
            seed = float(high[column]) * factor
            rows, targets, where = _candidates(scored, column, technique, seed, seed * ratio)
            if len(rows) < MIN_CANDIDATES:
                continue
            ids = hash_features(rows)
            group = np.array([d % _GROUPS for d, _, _ in where])
            out_of_fold = np.zeros(len(rows))
            for g in range(_GROUPS):
                train = group != g
                if train.all() or not train.any():
                    continue
                out_of_fold[~train] = _probabilities(_fit(ids[train], targets[train]), ids[~train])
            for cutoff in CUTOFFS:
                f1 = _f1(gold, where, out_of_fold, cutoff, len(scored))
                if best is None or f1 > best[0] + 1e-9:
                    best = (f1, factor, cutoff, seed, seed * ratio, ids, targets)
        if best is None:  # too few candidates to learn from: keep everything the tagger finds
            f1, factor, cutoff, seed, grow = 0.0, 1.0, 0.0, float(high[column]), float(low[column])
            buckets, weights, bias = np.zeros(0, np.int64), np.zeros((0, 1), np.float32), np.zeros(1, np.float32)
        else:
            f1, factor, cutoff, seed, grow, ids, targets = best
            buckets, weights, bias = _fit(ids, targets)
        seeds.append(seed)
        lows.append(grow)
        cutoffs.append(cutoff)
        biases.append(bias[0])
        rows_out.append(buckets)
        weights_out.append(weights)
        report[technique].update({"filtered_f1": round(f1, 4), "seed_factor": factor, "seed": round(seed, 4),
                                  "cutoff": float(cutoff), "weights": int(len(buckets))})
    return SpanFilter(techniques, rows_out, weights_out, np.array(biases), np.array(seeds), np.array(lows),
                      np.array(cutoffs)), report
