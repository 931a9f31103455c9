"""Distilling the framing teacher into the linear tagger we ship: the measured question of one fold.

The e5 tagger (train/framing_teacher.py) reads context and the linear tagger does not, but the linear tagger is the
one fast enough to run (hundreds of articles per CPU second against two). The classic bridge is distillation: the
teacher scores news nobody annotated, and the linear tagger learns from the gold documents plus the teacher's token
probabilities on that news (logistic regression takes soft targets in [0, 1] as they are). Whether that helps is
measured on `eval framing`'s fold, against a control trained on the same gold documents and tuned the same way.

Unlabelled news: for English, the articles of PolNeAR's dev half (the held-out half is the quotes benchmark's
report set, and no model learns from its text). Their text only: PolNeAR's attributions are never read here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsgraph.train.framing import Doc, Scored, _token_labels, fit, score_docs, stack_ids, tune_decoding
from newsgraph.understand.framing_features import Featurizer, token_spans
from newsgraph.understand.framing_model import FramingModel

__all__ = ["DEFAULT_POLNEAR", "unlabelled_docs", "fit_on", "distilled_matrix"]

DEFAULT_POLNEAR = Path("../shared/data/quotes/polnear")


def unlabelled_docs(lang: str, polnear: Path | None = DEFAULT_POLNEAR, limit: int | None = None) -> list[Doc]:
    """News text without framing labels for the teacher to score (en: PolNeAR's dev half; none yet elsewhere)."""
    if lang != "en" or polnear is None or not (polnear / "train" / "text").is_dir():
        return []
    from newsgraph.eval.quotes import load_polnear

    docs = [Doc(case.name, case.text, (), "polnear") for case in load_polnear(polnear, part="dev")]
    return docs[:limit] if limit else docs


def distilled_matrix(gold: list[Doc], taught: list[Scored], featurizer: Featurizer, techniques: tuple[str, ...],
                     teacher_order: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Feature ids and targets: 0/1 from the gold spans of ``gold`` documents, the teacher's token probabilities
    (columns in ``teacher_order``) for the ``taught`` ones."""
    columns = [teacher_order.index(t) for t in techniques]
    ids, targets = [], []
    for doc in gold:
        if spans := token_spans(doc.text):
            ids.append(featurizer.transform([doc.text[s:e] for s, e in spans]))
            targets.append(_token_labels(spans, doc.spans, techniques))
    for item in taught:
        if item.spans:
            ids.append(featurizer.transform([item.doc.text[s:e] for s, e in item.spans]))
            targets.append(np.clip(item.probs[:, columns], 0.0, 1.0).astype(np.float32))
    return stack_ids(ids), np.vstack(targets)


def fit_on(gold: list[Doc], taught: list[Scored], tune: list[Doc], lang: str, techniques: tuple[str, ...],
           teacher_order: tuple[str, ...], featurizer: Featurizer) -> FramingModel:
    """A linear tagger fit on ``gold`` (and the teacher's ``taught`` probabilities), its decoding thresholds tuned on
    the ``tune`` documents, which it never saw."""
    ids, targets = distilled_matrix(gold, taught, featurizer, techniques, teacher_order)
    model = FramingModel(lang, techniques, *fit(ids, targets), np.full(len(techniques), 0.5),
                         clusters=featurizer.clusters)
    model.thresholds, model.low = tune_decoding(score_docs(model, tune), techniques)
    return model
