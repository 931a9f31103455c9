"""`newsgraph eval framing`: span-level F1 of the framing taggers by cross-validation on the shared training data.

Metric: the SemEval-2020 task 11 span scorer (character overlap). Per article, overlapping spans are merged; then
    P = 1/|S| * sum_{s in S, t in T} |s & t| / |s|,   R = 1/|T| * sum_{s, t} |s & t| / |t|,   F1 = 2PR / (P + R)
with S the predicted and T the gold spans of one technique, summed over all articles.

Folds split documents (never one article's paragraphs) and each fold's model picks its thresholds on its own
training part, so no test document influences its own prediction.
"""

from __future__ import annotations

import copy
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.train.framing import DEFAULT_DATA, LANG_TECHNIQUES, Doc, read_language, train_model, training_options
from newsgraph.understand.framing_features import token_spans
from newsgraph.understand.framing_lexicon import lexicon

__all__ = [
    "span_f1", "token_f1", "merge", "FoldResult", "LanguageReport", "cross_validate", "speed_of_shipped",
    "speed_of_model", "filter_speeds", "Speed", "ANCHORS",
]

#: Published figures printed beside ours. They are not the same task: XLM-R-large (SemEval-2023 task 3 baseline
#: of the winning systems' papers) is paragraph-level technique classification micro-F1; UNLP-2025 is span detection.
ANCHORS = {
    "en": ("XLM-R-large, paragraph-level micro-F1, SemEval-2023 task 3", 0.425),
    "pl": ("XLM-R-large, paragraph-level micro-F1, SemEval-2023 task 3", 0.435),
    "ru": ("XLM-R-large, paragraph-level micro-F1, SemEval-2023 task 3", 0.480),
    "uk": ("UNLP-2025 best, span track (token-level F1)", 0.64),
}
EVAL_TECHNIQUES = ("loaded_language", "name_calling")
POOLED = "*"  # every technique together: any predicted span against any gold span
KINDS = ("unfiltered", "model", "system")  # what is scored: tagger without its span filter, tagger, tagger + lexicon


def merge(spans) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, sorted."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _overlap(span, others) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in others)


def span_f1(gold_per_doc, pred_per_doc) -> tuple[float, float, float]:
    """(precision, recall, F1) over documents; each argument is a list (per document) of (start, end) spans."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for gold, pred in zip(gold_per_doc, pred_per_doc, strict=True):
        gold, pred = merge(gold), merge(pred)
        n_pred += len(pred)
        n_gold += len(gold)
        p_sum += sum(_overlap(s, gold) / (s[1] - s[0]) for s in pred if s[1] > s[0])
        r_sum += sum(_overlap(t, pred) / (t[1] - t[0]) for t in gold if t[1] > t[0])
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def token_f1(tokens_per_doc, gold_per_doc, pred_per_doc) -> tuple[float, float, float]:
    """(P, R, F1) over word tokens: a token is positive when it overlaps a span (UNLP-2025's span-track metric,
    with our word tokens)."""
    tp = fp = fn = 0
    for tokens, gold, pred in zip(tokens_per_doc, gold_per_doc, pred_per_doc, strict=True):
        for token in tokens:
            in_gold, in_pred = _overlap(token, gold) > 0, _overlap(token, pred) > 0
            tp += in_gold and in_pred
            fp += in_pred and not in_gold
            fn += in_gold and not in_pred
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@dataclass
class FoldResult:
    tokens: list = field(default_factory=list)  # per-document word token spans
    docs: list = field(default_factory=list)  # the test documents, in the order of the lists below
    gold: dict[str, list] = field(default_factory=dict)  # technique -> per-document gold spans
    model: dict[str, list] = field(default_factory=dict)  # technique -> per-document predicted spans
    system: dict[str, list] = field(default_factory=dict)  # model + lexicon, as the pipeline runs
    unfiltered: dict[str, list] = field(default_factory=dict)  # the tagger without its span filter (the anchor)


@dataclass
class LanguageReport:
    lang: str
    documents: int
    #: technique -> {"model"|"system"|"unfiltered": (P, R, F1)}
    scores: dict[str, dict[str, tuple[float, float, float]]]
    any_technique: dict[str, tuple[float, float, float]]  # all techniques pooled (the UNLP task's definition)
    any_technique_tokens: dict[str, tuple[float, float, float]]  # the same, token-level (UNLP-2025's metric)
    seconds: float
    #: Second view (``framing_paragraphs``): kind (as ``scores``) -> technique|"*" -> paragraph-level (P, R, F1)
    paragraphs: dict[str, dict[str, tuple[float, float, float]]] = field(default_factory=dict)
    paragraph_count: int = 0
    #: The stage's speed with the last fold's model without and with its span filter (``filter_speeds``)
    filter_speed: tuple[Speed, Speed] | None = None


def _predict(model, doc: Doc, techniques) -> dict[str, dict]:
    """Per kind, per technique (and pooled), predicted spans: the tagger's ("model"), the stage's ("system":
    ``framing.frame_text``, tagger + lexicon), and the tagger's without its span filter ("unfiltered")."""
    from newsgraph.understand.framing import frame_text

    found = {"model": model.predict(doc.text), "system": frame_text(doc.text, model.lang, model),
             "unfiltered": model.predict(doc.text, use_filter=False)}
    out = {}
    for kind, guesses in found.items():
        out[kind] = {t: [(g.start, g.end) for g in guesses if g.technique == t] for t in techniques}
        out[kind][POOLED] = [(g.start, g.end) for g in guesses]
    return out


def _gold_techniques(docs: list[Doc], techniques) -> tuple[str, ...]:
    """Techniques scored: the tagger's, then every other mapped technique present in the gold (pooled score)."""
    others = sorted({t for d in docs for _, _, t in d.spans} - set(techniques))
    return (*techniques, *others)


def cross_validate(lang: str, data: str | Path = DEFAULT_DATA, folds: int = 3, limit: int | None = None,
                   seed: int = 7, training: dict | None = None) -> LanguageReport:
    """``training``: what ``train_model`` takes besides the documents (``clusters``, ``extra_docs``); by default
    the shipped models' settings (``training_options``)."""
    training = training_options(lang, data) if training is None else training
    began = time.perf_counter()
    docs = read_language(data, lang)
    random.Random(seed).shuffle(docs)
    docs = docs[:limit] if limit else docs
    techniques = _gold_techniques(docs, LANG_TECHNIQUES[lang])
    result = FoldResult()
    for fold in range(folds):
        test = docs[fold::folds]
        train = [d for i, d in enumerate(docs) if i % folds != fold]
        model = train_model(train, lang, LANG_TECHNIQUES[lang], **training)
        for doc in test:
            predicted = _predict(model, doc, techniques)
            for t in techniques:
                result.gold.setdefault(t, []).append([(s, e) for s, e, k in doc.spans if k == t])
            result.gold.setdefault(POOLED, []).append([(s, e) for s, e, _ in doc.spans])
            result.tokens.append(token_spans(doc.text))
            result.docs.append(doc)
            for kind, spans in predicted.items():
                for t in (*techniques, POOLED):
                    getattr(result, kind).setdefault(t, []).append(spans[t])
    scores = {t: {kind: span_f1(result.gold[t], getattr(result, kind)[t]) for kind in KINDS} for t in techniques}
    pooled = {kind: span_f1(result.gold[POOLED], getattr(result, kind)[POOLED]) for kind in KINDS}
    pooled_tokens = {kind: token_f1(result.tokens, result.gold[POOLED], getattr(result, kind)[POOLED])
                     for kind in KINDS}
    paragraphs, count = _paragraph_view(data, lang, result)
    return LanguageReport(lang, len(docs), scores, pooled, pooled_tokens, time.perf_counter() - began, paragraphs,
                          count, filter_speeds(model, data))


def _paragraph_view(data, lang: str, result: FoldResult) -> tuple[dict, int]:
    """Paragraph-level P/R/F1 of the same fold predictions on the documents SemEval-2023 task 3 labels."""
    from newsgraph.eval.framing_paragraphs import paragraph_f1, paragraphs_of

    labelled = paragraphs_of(data, lang, result.docs)
    chosen = [i for i, doc in enumerate(result.docs) if doc.id in labelled]
    if not chosen:
        return {}, 0
    gold = [labelled[result.docs[i].id] for i in chosen]
    view = {kind: paragraph_f1(gold, [{t: getattr(result, kind)[t][i] for t in EVAL_TECHNIQUES} for i in chosen],
                               EVAL_TECHNIQUES) for kind in KINDS}
    return view, sum(map(len, gold))


@dataclass(frozen=True, slots=True)
class Speed:
    """Articles per second of the framing stage; ``cpu_*`` divide by the process's CPU time, which is what one
    dedicated core would do on a machine shared with other jobs (wall-clock figures depend on the load)."""

    cold: float
    warm: float
    cpu_cold: float
    cpu_warm: float
    mean_chars: float


def speed_of_shipped(lang: str, data: str | Path = DEFAULT_DATA, articles: int = 100) -> Speed | None:
    """Speed of the framing stage (shipped model + lexicon + merging) on ``articles`` documents of ``lang``: cold
    (a fresh process, no word cached yet) and warm (the same texts again). None without a shipped model."""
    from newsgraph.understand.framing_model import load_model

    model = load_model(lang)
    return None if model is None else speed_of_model(model, lang, data, articles)


def filter_speeds(model, data: str | Path = DEFAULT_DATA, articles: int = 100) -> tuple[Speed, Speed] | None:
    """The stage's speed with ``model`` (a fold model) without and with its span filter, or None if it has none:
    what the filter costs, measured in the same run."""
    if model.span_filter is None:
        return None
    plain = copy.copy(model)
    plain.span_filter = None
    return (speed_of_model(plain, model.lang, data, articles), speed_of_model(model, model.lang, data, articles))


def speed_of_model(model, lang: str, data: str | Path = DEFAULT_DATA, articles: int = 100) -> Speed:
    from newsgraph.understand.framing import frame_text

    texts = [d.text for d in read_language(data, lang)[:articles]]
    model.reset_caches()
    lexicon(lang)._cache.clear()
    rates = []
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            frame_text(text, lang, model)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rates.append((len(texts) / max(wall, 1e-9), len(texts) / max(cpu, 1e-9)))
    (cold, cpu_cold), (warm, cpu_warm) = rates
    return Speed(cold, warm, cpu_cold, cpu_warm, sum(map(len, texts)) / max(1, len(texts)))
