"""Training the framing taggers (``newsgraph train framing``) from ``../shared/data/propaganda``.

Readers turn each corpus into ``Doc`` (text + technique spans, technique names mapped to ours); ``fit`` trains the
multi-label logistic tagger of ``understand.framing_model`` with L-BFGS (scipy); ``tune_decoding`` picks each
technique's two decoding thresholds on out-of-fold predictions, then the weights are refit on everything. Only weights
leave this module.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.errors import NewsgraphError
from newsgraph.train.framing_contradicted import contradicted_entries
from newsgraph.understand.framing_clusters import WordClusters, word_clusters
from newsgraph.understand.framing_features import Featurizer, token_spans
from newsgraph.understand.framing_lexicon import lexicon
from newsgraph.understand.framing_model import FramingModel, hysteresis_spans, sentence_breaks

__all__ = ["Doc", "TECHNIQUE_MAP", "LANG_TECHNIQUES", "read_language", "fit", "train_model", "train_language",
           "tune_decoding", "training_options", "CLUSTER_LANGS", "DEFAULT_DATA"]

log = logging.getLogger(__name__)
DEFAULT_DATA = "../shared/data/propaganda"

#: Corpus technique names (folded to lower case) -> ours. Others are ignored.
TECHNIQUE_MAP = {
    "loaded_language": "loaded_language",
    "name_calling,labeling": "name_calling", "name_calling-labeling": "name_calling", "labelling": "name_calling",
    "hate_speech,slang,name_calling": "name_calling",
    "doubt": "doubt", "casting_doubt": "doubt",
    "exaggeration,minimisation": "exaggeration", "exaggeration-minimisation": "exaggeration",
    "exaggeration/minimization": "exaggeration",
    "appeal_to_fear-prejudice": "appeal_to_fear", "appeal_to_fear/prejudice": "appeal_to_fear",
    "trigger": "loaded_language",  # UNLP-2025 trigger spans carry no technique; see load_unlp
}
#: What the taggers learn. Doubt, exaggeration and appeal to fear are mapped too (they count in the pooled score),
#: but their gold spans are clauses and sentences: a token tagger reached span F1 < .1 on them in cross-validation,
#: so they come from the lexicon only.
SPAN_TECHNIQUES = ("loaded_language", "name_calling")
LANG_TECHNIQUES = {"en": SPAN_TECHNIQUES, "pl": SPAN_TECHNIQUES, "ru": SPAN_TECHNIQUES, "uk": ("loaded_language",)}
#: Languages whose taggers add static-e5 word clusters to their features (``understand/framing_clusters.py``),
#: chosen by 3-fold cross-validation against the same features without them (docs/claims-framing.md).
CLUSTER_LANGS = frozenset({"en", "uk", "pl"})
#: Other languages whose documents join a language's fits (never its threshold tuning): with the clusters shared
#: across languages, Polish (145 articles) learns from the 371 English ones too.
EXTRA_LANGS: dict[str, tuple[str, ...]] = {"pl": ("en",)}


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, our technique)
    source: str


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # offsets count "\r" where the files have it
        return handle.read()


def _labels(lines, id_column: int = 0) -> dict[str, list[tuple[int, int, str]]]:
    found: dict[str, list[tuple[int, int, str]]] = {}
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4:
            continue
        technique = TECHNIQUE_MAP.get(parts[1].strip().lower())
        if technique:
            found.setdefault(parts[id_column], []).append((int(parts[2]), int(parts[3]), technique))
    return found


def load_ptc(folder: Path, labels_file: Path, source: str) -> list[Doc]:
    """PTC layout (SemEval-2020 task 11, ru-zen-prop): article<ID>.txt + "<id>\\t<technique>\\t<start>\\t<end>"."""
    spans = _labels(labels_file.read_text(encoding="utf-8").splitlines())
    docs = []
    for path in sorted(folder.glob("article*.txt")):
        doc_id = path.stem.removeprefix("article")
        docs.append(Doc(doc_id, _read(path), tuple(spans.get(doc_id, ())), source))
    return docs


def load_semeval2023(folder: Path, source: str) -> list[Doc]:
    """SemEval-2023 task 3, subtask-3 texts with their span files."""
    docs = []
    for path in sorted((folder / "train-articles-subtask-3").glob("article*.txt")):
        doc_id = path.stem.removeprefix("article")
        label_file = folder / "train-labels-subtask-3-spans" / f"article{doc_id}-labels-subtask-3.txt"
        lines = label_file.read_text(encoding="utf-8").splitlines() if label_file.exists() else []
        docs.append(Doc(doc_id, _read(path), tuple(_labels(lines).get(doc_id, ())), source))
    return docs


def load_unlp(path: Path, lang: str) -> list[Doc]:
    """UNLP-2025 posts of ``lang``; trigger spans are technique-agnostic, we call them loaded_language (the most
    frequent technique of the set) and evaluate them as the shared task did: all triggers together."""
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("lang") != lang:
                continue
            spans = tuple((int(s), int(e), "loaded_language") for s, e in row.get("trigger_words") or ())
            docs.append(Doc(row["id"], row["content"], spans, "unlp2025"))
    return docs


def read_language(data: str | Path, lang: str) -> list[Doc]:
    """Every training document for ``lang`` under the propaganda data folder."""
    root = Path(data)
    if not root.is_dir():
        raise NewsgraphError(f"no propaganda data at {root}", hint="pass --data ../shared/data/propaganda")
    if lang == "en":
        ptc = root / "semeval2020-task11"
        return load_ptc(ptc / "train-articles", ptc / "train-task2-TC.labels", "semeval2020")
    if lang == "pl":
        return load_semeval2023(root / "semeval2023-task3" / "po", "semeval2023")
    if lang == "ru":
        zen = root / "ru-zen-prop"
        return (load_semeval2023(root / "semeval2023-task3" / "ru", "semeval2023")
                + load_ptc(zen / "train-articles", zen / "train-task2-TC.labels", "ru-zen-prop"))
    if lang == "uk":
        return load_unlp(root / "unlp2025-manipulation" / "train.jsonl.gz", "uk")
    raise NewsgraphError(f"no framing training data for language {lang!r}", hint="use one of en, uk, ru, pl")


# --- design matrix ---------------------------------------------------------------------------------------------
def encode(docs: list[Doc], featurizer: Featurizer, techniques: tuple[str, ...], taught=()):
    """Feature ids (tokens x slots) and targets (tokens x techniques) of all documents, stacked: 0/1 from the gold
    spans of ``docs``, a teacher's token probabilities (columns in ``techniques`` order) for the ``taught`` ones
    (``Scored``; train/framing_distil.py)."""
    all_ids, all_labels = [], []
    for doc in docs:
        spans = token_spans(doc.text)
        if not spans:
            continue
        all_ids.append(featurizer.transform([doc.text[s:e] for s, e in spans]))
        all_labels.append(_token_labels(spans, doc.spans, techniques))
    for item in taught:  # logistic regression takes soft targets in [0, 1] as they are
        if item.spans:
            all_ids.append(featurizer.transform([item.doc.text[s:e] for s, e in item.spans]))
            all_labels.append(np.clip(item.probs, 0.0, 1.0).astype(np.float32))
    return stack_ids(all_ids), np.vstack(all_labels)


def stack_ids(matrices: list[np.ndarray]) -> np.ndarray:
    """Documents' feature-id matrices in one, the narrower ones padded with id 0 (no feature)."""
    width = max(m.shape[1] for m in matrices)
    return np.vstack([np.pad(m, ((0, 0), (0, width - m.shape[1]))) for m in matrices])


def _token_labels(spans, gold, techniques) -> np.ndarray:
    labels = np.zeros((len(spans), len(techniques)), dtype=np.float32)
    starts = np.array([s for s, _ in spans])
    ends = np.array([e for _, e in spans])
    for start, end, technique in gold:
        if technique in techniques:
            inside = (starts < end) & (ends > start)
            labels[inside, techniques.index(technique)] = 1.0
    return labels


#: L-BFGS iterations per fit. 100 (the earlier setting) stopped well before the optimum; 300 gained span F1 in
#: 3-fold cross-validation (docs/claims-framing.md, "Fitting to convergence").
MAX_ITER = 300


def fit(ids: np.ndarray, labels: np.ndarray, l2: float = 1.0, max_iter: int = MAX_ITER, min_count: int = 2):
    """Multi-label logistic regression over hashed ids; returns (bucket ids, weights, bias)."""
    from scipy import sparse
    from scipy.optimize import minimize

    buckets, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
    frequent = (counts >= min_count) & (buckets != 0)  # a feature seen once only memorises its token
    inverse = inverse.ravel()
    columns = (np.cumsum(frequent) - 1)[inverse].clip(0)
    data = frequent[inverse].astype(np.float32)
    buckets = buckets[frequent]
    n, k = labels.shape
    rows = np.repeat(np.arange(n), ids.shape[1])
    x = sparse.csr_matrix((data, (rows, columns)), shape=(n, len(buckets)))
    x.eliminate_zeros()
    xt = x.T.tocsr()
    d = len(buckets)

    def loss(theta):
        w, b = theta[: d * k].reshape(d, k), theta[d * k:]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.logaddexp(0, z).sum() - (labels * z).sum() + 0.5 * l2 * (w * w).sum()
        g = p - labels
        grad_w = xt @ g + l2 * w
        return value, np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    theta0 = np.zeros(d * k + k)
    theta0[d * k:] = np.log((labels.mean(axis=0) + 1e-4) / (1 - labels.mean(axis=0) + 1e-4))
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter, "maxcor": 5})
    weights = result.x[: d * k].reshape(d, k)
    keep = np.abs(weights).max(axis=1) >= 1e-3
    return buckets[keep], weights[keep].astype(np.float32), result.x[d * k:].astype(np.float32)


#: Decoding grid: the seed threshold, and the threshold a span's other tokens need as a fraction of it.
HIGH_GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.65, 0.05))
LOW_FRACTIONS = (1.0, 0.5, 0.35)  # lower ones gained .003-.01 F1 with spans that read badly (half sentences)


@dataclass(frozen=True, slots=True)
class Scored:
    """One document with a model's token probabilities (what threshold tuning needs)."""

    doc: Doc
    spans: list[tuple[int, int]]
    probs: np.ndarray
    breaks: np.ndarray


def score_docs(model: FramingModel, docs: list[Doc]) -> list[Scored]:
    scored = []
    for doc in docs:
        spans = token_spans(doc.text)
        probs = model.text_scores([doc.text[s:e] for s, e in spans]) if spans else np.zeros((0, 1), np.float32)
        scored.append(Scored(doc, spans, probs, sentence_breaks(doc.text, spans, model.lang)))
    return scored


def tune_decoding(scored: list[Scored], techniques: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Per technique, the (seed, extension) thresholds with the best span F1 (SemEval overlap scorer)."""
    from newsgraph.eval.framing import span_f1

    high = np.full(len(techniques), 0.5, dtype=np.float32)
    low = high.copy()
    for k, technique in enumerate(techniques):
        gold = [[(s, e) for s, e, t in item.doc.spans if t == technique] for item in scored]
        best = (-1.0, 0.5, 0.5)
        for seed in HIGH_GRID:
            for fraction in LOW_FRACTIONS:
                pred = [[(g.start, g.end) for g in hysteresis_spans(item.spans, item.probs[:, k], seed, seed * fraction,
                                                                item.breaks, technique)] if item.spans else []
                        for item in scored]
                f1 = span_f1(gold, pred)[2]
                if f1 > best[0] + 1e-9:
                    best = (f1, seed, seed * fraction)
        high[k], low[k] = best[1], best[2]
    return high, low


def _fit_model(docs: list[Doc], lang: str, techniques: tuple[str, ...], featurizer: Featurizer,
               taught=()) -> FramingModel:
    return FramingModel(lang, techniques, *fit(*encode(docs, featurizer, techniques, taught)),
                        np.full(len(techniques), 0.5), clusters=featurizer.clusters)


def train_model(docs: list[Doc], lang: str, techniques: tuple[str, ...], seed: int = 13,
                tuning_folds: int = 3, clusters: WordClusters | None = None,
                extra_docs: list[Doc] | tuple = (), taught: list[Scored] | tuple = (),
                span_filter: bool = True) -> FramingModel:
    """Decoding thresholds from out-of-fold predictions (``tuning_folds`` models, each scoring the documents it did
    not see: every training document counts, where one held-back fifth gave thresholds that swung from 0.1 to 0.35
    between folds), then the weights refit on every document. ``clusters``: static-e5 word clusters as features;
    ``extra_docs``: other languages' documents added to every fit, never to threshold tuning; ``taught``: unlabelled
    news with a teacher's token probabilities (columns in ``techniques`` order), likewise in every fit only;
    ``span_filter``: fit the span filter (``train/framing_filter.py``) on the out-of-fold predictions too."""
    featurizer = Featurizer(lexicon(lang), clusters=clusters)
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    folds = max(2, min(tuning_folds, len(shuffled)))
    scored: list[Scored] = []
    for fold in range(folds):
        held = shuffled[fold::folds]
        rest = [d for i, d in enumerate(shuffled) if i % folds != fold]
        scored.extend(score_docs(_fit_model(rest + list(extra_docs), lang, techniques, featurizer, taught), held))
    high, low = tune_decoding(scored, techniques)
    model = _fit_model(docs + list(extra_docs), lang, techniques, featurizer, taught)
    model.thresholds, model.low = high, low
    model.meta["lexicon_contradicted"] = contradicted_entries(docs, lang, techniques)
    if span_filter:
        from newsgraph.train.framing_filter import fit_filter

        model.span_filter, model.meta["span_filter"] = fit_filter(scored, techniques, high, low)
    return model


def training_options(lang: str, data: str | Path = DEFAULT_DATA) -> dict:
    """What ``train_model`` takes for ``lang`` besides its documents, as the shipped models were trained."""
    options: dict = {"clusters": word_clusters()} if lang in CLUSTER_LANGS else {}
    extra = [doc for other in EXTRA_LANGS.get(lang, ()) for doc in read_language(data, other)]
    return {**options, "extra_docs": extra} if extra else options


def train_language(lang: str, data: str | Path = DEFAULT_DATA, out: str | Path | None = None,
                   taught: str | Path | None = None,
                   news: str | Path | list[str | Path] | None = None) -> FramingModel:
    """Train (and save to ``out``) the tagger of ``lang``. ``taught``: a file of ``train framing-teacher
    --save-taught``, the teacher's token probabilities on unlabelled news (whose text is read again from the folder
    or folders ``news``, by default the language's: train/framing_distil.py), for the tagger to learn from beside
    the gold documents."""
    began = time.perf_counter()
    teacher: dict = {}
    options: dict = {}
    if taught:  # first: a wrong file is an error before any reading or fitting
        from newsgraph.train.framing_distil import load_taught

        options["taught"], teacher = load_taught(taught, lang, LANG_TECHNIQUES[lang], news)
    docs = read_language(data, lang)
    options.update(training_options(lang, data))
    model = train_model(docs, lang, LANG_TECHNIQUES[lang], **options)
    if teacher:
        model.meta["distilled"] = {**teacher, "documents": len(options["taught"]),
                                   "words": sum(len(t.spans) for t in options["taught"])}
    sources = sorted({d.source for d in docs})
    if extra := options.get("extra_docs"):
        model.meta["extra_documents"] = {"count": len(extra), "sources": sorted({d.source for d in extra})}
    model.meta.update({"documents": len(docs), "sources": sources,
                       "train_seconds": round(time.perf_counter() - began, 1)})
    if out:
        model.save(out)
    return model
