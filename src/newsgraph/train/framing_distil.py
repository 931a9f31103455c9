"""Distilling the framing teacher into the linear tagger we ship: the measured question of one fold.

The e5 tagger (train/framing_teacher.py) reads context and the linear tagger does not, but the linear tagger is the
one fast enough to run (hundreds of articles per CPU second against two). The classic bridge is distillation: the
teacher scores news nobody annotated, and the linear tagger learns from the gold documents plus the teacher's token
probabilities on that news (logistic regression takes soft targets in [0, 1] as they are). Whether that helps is
measured on `eval framing`'s fold, against a control trained on the same gold documents and tuned the same way.

Unlabelled news, their text only (no label of theirs is ever read here):
- en: the articles of PolNeAR's dev half (the held-out half is the quotes benchmark's report set, and no model
  learns from its text);
- uk, ru, pl: SlavicNER's news documents of the topics the NER models train on (the held-out topic is the NER
  benchmark's unseen topic, and stays unseen), and for uk also the documents of ner-uk's training split (its test
  split is the NER benchmark's);
- ru, when its folder is named as well: UNLP-2025's Russian Telegram posts (framing-ru never trains on their
  labels).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsgraph.errors import NewsgraphError
from newsgraph.train.framing import Doc, Scored, encode, fit, score_docs, tune_decoding
from newsgraph.understand.framing_features import Featurizer, token_spans
from newsgraph.understand.framing_model import FramingModel, sentence_breaks

__all__ = ["DEFAULT_POLNEAR", "DEFAULT_NER_DATA", "default_news", "unlabelled_docs", "in_order", "fit_on",
           "distilled_matrix", "save_taught", "load_taught"]

DEFAULT_POLNEAR = Path("../shared/data/quotes/polnear")
DEFAULT_NER_DATA = Path("../shared/data/ner")
SLAVIC_NEWS_LANGS = ("uk", "ru", "pl")  # read from the NER data folder


def default_news(lang: str) -> Path:
    """Where the unlabelled news of ``lang`` is read from by default."""
    return DEFAULT_POLNEAR if lang == "en" else DEFAULT_NER_DATA


def unlabelled_docs(lang: str, news: str | Path | Sequence[str | Path] | None = None,
                    limit: int | None = None) -> list[Doc]:
    """News text without framing labels for the teacher to score, from ``news`` (``default_news(lang)`` if None):
    one folder or several, each read by what it holds: PolNeAR's folder (en), the NER data folder (SlavicNER,
    ner-uk; uk, ru and pl), UNLP-2025's folder (its posts in ``lang``, ru only: they are uk's training documents).
    [] when none of them has any."""
    if news is None:
        folders = [default_news(lang)]
    elif isinstance(news, (str, Path)):
        folders = [Path(news)]
    else:
        folders = [Path(folder) for folder in news]
    docs = []
    for folder in folders:
        if lang == "en":
            docs += _polnear_docs(folder)
        elif lang in SLAVIC_NEWS_LANGS:
            docs += _slavicner_docs(folder / "slavicner", lang)
            docs += _ner_uk_docs(folder / "ner-uk") if lang == "uk" else []
            docs += _unlp_posts(folder, lang)
    return docs[:limit] if limit else docs


def _unlp_posts(folder: Path, lang: str) -> list[Doc]:
    """UNLP-2025's Russian Telegram posts, their text only. Never the Ukrainian ones: they are what framing-uk is
    trained on, so they can never be its unlabelled text."""
    path = folder / "train.jsonl.gz"
    if lang != "ru" or not path.is_file():
        return []
    from newsgraph.train.framing import load_unlp

    return [Doc(f"unlp2025/{doc.id}", doc.text, (), "unlp2025") for doc in load_unlp(path, lang)]


def _polnear_docs(root: Path) -> list[Doc]:
    if not (root / "train" / "text").is_dir():
        return []
    from newsgraph.eval.quotes import load_polnear

    return [Doc(case.name, case.text, (), "polnear") for case in load_polnear(root, part="dev")]


def _slavicner_docs(root: Path, lang: str) -> list[Doc]:
    from newsgraph.train.corpora import HELD_OUT_TOPIC

    if not (root / "raw").is_dir():
        return []
    paths = sorted(p for p in (root / "raw").glob(f"*/{lang}/*.txt") if p.parent.parent.name != HELD_OUT_TOPIC)
    return [Doc(f"slavicner/{p.parent.parent.name}/{p.name}", p.read_text(encoding="utf-8"), (), "slavicner")
            for p in paths]


def _ner_uk_docs(root: Path) -> list[Doc]:
    """ner-uk v2's training documents (its split file's DEV list; the TEST list is the NER benchmark's)."""
    split = root / "v2.0" / "data" / "dev-test-split.txt"
    if not split.is_file():
        return []
    names, part = [], None
    for line in split.read_text(encoding="utf-8").split():
        if line in {"DEV", "TEST"}:
            part = line
        elif part == "DEV":
            names.append(line)
    texts = {p.stem: p for p in (root / "v2.0" / "data").glob("*/*.txt")}
    return [Doc(f"ner-uk/{name}", texts[name].read_text(encoding="utf-8"), (), "ner-uk")
            for name in names if name in texts]


def in_order(taught: list[Scored], teacher_order: tuple[str, ...], techniques: tuple[str, ...]) -> list[Scored]:
    """The teacher's probabilities with their columns in ``techniques`` order (what ``encode`` reads)."""
    columns = [teacher_order.index(t) for t in techniques]
    return [Scored(t.doc, t.spans, t.probs[:, columns], t.breaks) for t in taught]


def distilled_matrix(gold: list[Doc], taught: list[Scored], featurizer: Featurizer, techniques: tuple[str, ...],
                     teacher_order: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Feature ids and targets: 0/1 from the gold spans of ``gold`` documents, the teacher's token probabilities
    (columns in ``teacher_order``) for the ``taught`` ones."""
    return encode(gold, featurizer, techniques, in_order(taught, teacher_order, techniques))


def fit_on(gold: list[Doc], taught: list[Scored], tune: list[Doc], lang: str, techniques: tuple[str, ...],
           teacher_order: tuple[str, ...], featurizer: Featurizer) -> FramingModel:
    """A linear tagger fit on ``gold`` (and the teacher's ``taught`` probabilities), its decoding thresholds tuned on
    the ``tune`` documents, which it never saw."""
    ids, targets = distilled_matrix(gold, taught, featurizer, techniques, teacher_order)
    model = FramingModel(lang, techniques, *fit(ids, targets), np.full(len(techniques), 0.5),
                         clusters=featurizer.clusters)
    model.thresholds, model.low = tune_decoding(score_docs(model, tune), techniques)
    return model


# --- the teacher's probabilities on disk: made with PyTorch once, read by `train framing` without it ----------
def save_taught(path: str | Path, taught: list[Scored], order: tuple[str, ...], meta: dict) -> Path:
    """Token probabilities only (float16), per document name; the text stays where it came from."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"order": list(order), "names": [t.doc.id for t in taught], "source": sorted({t.doc.source
                                                                                         for t in taught}), **meta}
    np.savez_compressed(path, header=np.array(json.dumps(header)),
                        lengths=np.array([len(t.spans) for t in taught], dtype=np.int64),
                        probs=np.vstack([t.probs for t in taught]).astype(np.float16))
    return path


def load_taught(path: str | Path, lang: str, techniques: tuple[str, ...],
                news: str | Path | Sequence[str | Path] | None = None) -> tuple[list[Scored], dict]:
    """The saved probabilities joined again to their documents' text, columns in ``techniques`` order; and the
    file's header. A document whose words no longer line up (other text, other tokenizer) is an error, not a guess."""
    path = Path(path)
    if not path.is_file():
        raise NewsgraphError(f"no teacher probabilities at {path}",
                             hint=f"make them with: newsgraph train framing-teacher --lang {lang} --save-taught FILE")
    with np.load(path) as saved:
        header = json.loads(str(saved["header"]))
        lengths, probs = saved["lengths"], saved["probs"].astype(np.float32)
    missing = [t for t in techniques if t not in header["order"]]
    if missing:
        raise NewsgraphError(f"{path} has no teacher probabilities for {', '.join(missing)}",
                             hint="make the file again with the current techniques")
    news = news or None  # no folder named: the language's default
    docs = {doc.id: doc for doc in unlabelled_docs(lang, news)}
    if not docs:
        raise NewsgraphError(f"no unlabelled news for {lang} under {news or default_news(lang)}", hint="pass --news")
    taught, offset = [], 0
    for name, length in zip(header["names"], lengths, strict=True):
        doc = docs.get(name)
        spans = token_spans(doc.text) if doc else []
        if doc is None or len(spans) != length:
            raise NewsgraphError(f"{path}: document {name!r} does not match the text under {news}",
                                 hint="make the teacher probabilities again from this copy of the data")
        taught.append(Scored(doc, spans, probs[offset:offset + length], sentence_breaks(doc.text, spans, lang)))
        offset += length
    header.pop("names")
    return in_order(taught, tuple(header["order"]), techniques), header
