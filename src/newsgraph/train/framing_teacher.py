"""A transformer for framing spans, measured on one cross-validation fold beside the shipped linear tagger.

The framing taggers we ship (train/framing.py) are linear models over hashed word features: fast (hundreds of
articles per CPU second) but far under the span-F1 goals. The NER teacher (train/ner_teacher.py) showed that
multilingual-e5-small can be fine-tuned on these 2 CPU cores in half an hour; this module asks the same of framing:
the same encoder with a head that tags each word O / B- / I- per technique, trained on the training part of the
fold split ``newsgraph eval framing`` uses (same seed, same documents), and scored with the same SemEval-2020 span
scorer beside the linear tagger trained on the same part in the same run. It needs PyTorch (``.[teacher]``), as
the NER teacher does; nothing of it is shipped. At about 2k words/s it is no runtime tagger (the goal is 200
articles/s), so its use is as a measured ceiling and as a teacher for the linear tagger.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from newsgraph.errors import NewsgraphError
from newsgraph.train.corpora import Sample
from newsgraph.train.framing import (
    DEFAULT_DATA,
    LANG_TECHNIQUES,
    Doc,
    Scored,
    read_language,
    train_model,
    training_options,
    tune_decoding,
)
from newsgraph.train.ner_teacher import MAX_PIECES, E5Tagger, _batches, _encoded, _pad, _spans, fit, tag_sentences
from newsgraph.understand.framing_features import token_spans
from newsgraph.understand.framing_model import hysteresis_spans, sentence_breaks
from newsgraph.understand.sentences import split

__all__ = ["FramingTeacherOptions", "tags_for", "windows", "spans_from_tags", "token_probabilities", "decode",
           "compare_on_fold", "teach"]

MAX_WORDS = 100  # a window of one sentence, or of several short ones; long sentences are cut


def teacher_order(lang: str) -> tuple[str, ...]:
    """The teacher's techniques, name_calling last: it is the rarer label, and its spans often sit inside loaded
    language (``windows`` lets the later one win)."""
    return tuple(sorted(LANG_TECHNIQUES[lang], key=lambda t: t == "name_calling"))


def tags_for(techniques: tuple[str, ...]) -> tuple[str, ...]:
    return ("O",) + tuple(f"{prefix}-{technique}" for technique in techniques for prefix in "BI")


@dataclass(frozen=True, slots=True)
class Window:
    tokens: tuple[tuple[int, int], ...]  # character offsets of each word in the document
    indices: tuple[int, ...]  # each word's index in ``token_spans(doc.text)``
    words: tuple[str, ...]
    tags: tuple[str, ...]


def windows(doc: Doc, techniques: tuple[str, ...], max_words: int = MAX_WORDS) -> list[Window]:
    """The document's words in sentence windows, each word tagged by the gold span it overlaps (a later technique
    in ``techniques`` wins where two overlap: list the rarer one last)."""
    tokens = token_spans(doc.text)
    tags = ["O"] * len(tokens)
    for technique in techniques:
        for start, end, kind in sorted(doc.spans):
            if kind != technique:
                continue
            inside = [i for i, (s, e) in enumerate(tokens) if s < end and start < e]
            for position, i in enumerate(inside):
                tags[i] = f"{'B' if position == 0 else 'I'}-{technique}"
    out, i = [], 0
    for sentence in split(doc.text):
        chosen = []
        while i < len(tokens) and tokens[i][0] < sentence.end:
            chosen.append(i)
            i += 1
        for start in range(0, len(chosen), max_words):
            part = chosen[start:start + max_words]
            if part:
                spans = tuple(tokens[j] for j in part)
                out.append(Window(spans, tuple(part), tuple(doc.text[s:e] for s, e in spans),
                                  tuple(tags[j] for j in part)))
    return out


def spans_from_tags(window: Window, tags: list[str]) -> list[tuple[int, int, str]]:
    """Character spans (start, end, technique) of runs of B-/I- tags of one technique."""
    return [(window.tokens[start][0], window.tokens[end - 1][1], kind) for start, end, kind in sorted(_spans(tags))]


def token_probabilities(model: E5Tagger, doc: Doc, order: tuple[str, ...], lang: str | None = None,
                        batch_size: int = 64) -> Scored:
    """Per word of ``token_spans(doc.text)`` and technique, P(B-) + P(I-): what the linear tagger's decoding reads."""
    spans = token_spans(doc.text)
    probs = np.zeros((len(spans), len(order)), dtype=np.float32)
    doc_windows = windows(doc, order)
    pieces = [model.pieces(w.words) for w in doc_windows]
    with torch.no_grad():
        for batch in _batches([len(ids) for ids, _ in pieces], batch_size, False, random.Random(0)):
            batch = [i for i in batch if len(pieces[i][0]) <= MAX_PIECES]  # rare: > 256 pieces in 100 words
            if not batch:
                continue
            ids, _, lengths = _pad([(pieces[i][0], []) for i in batch], model.tokenizer.unk)
            tag_probs = torch.softmax(model(ids, lengths), -1).numpy()
            for row, i in enumerate(batch):
                firsts = pieces[i][1]
                for k in range(len(order)):
                    probs[list(doc_windows[i].indices), k] = (tag_probs[row, firsts, 1 + 2 * k]
                                                              + tag_probs[row, firsts, 2 + 2 * k])
    return Scored(doc, spans, probs, sentence_breaks(doc.text, spans, lang))


def decode(scored: Scored, order: tuple[str, ...], high, low) -> list[tuple[int, int, str]]:
    return [(g.start, g.end, technique) for k, technique in enumerate(order) if scored.spans
            for g in hysteresis_spans(scored.spans, scored.probs[:, k], float(high[k]), float(low[k]), scored.breaks,
                                      technique)]


@dataclass(frozen=True, slots=True)
class FramingTeacherOptions:
    lang: str
    data: Path = Path(DEFAULT_DATA)
    minutes: float = 15.0
    folds: int = 3
    fold: int = 0
    seed: int = 7  # the fold split of `newsgraph eval framing`
    learning_rate: float = 5e-5
    batch_size: int = 16
    threads: int = 2
    limit: int | None = None
    dev_share: int = 6  # one training document in this many is held back to tune the decoding thresholds
    # Distillation (train/framing_distil.py): the folder of the news the teacher scores for the linear tagger to
    # learn from (en: PolNeAR; uk, ru, pl: the NER data, SlavicNER and ner-uk; ru also UNLP-2025's posts), one
    # folder or several; None measures no distillation.
    news: Path | list[Path] | None = None
    unlabelled_limit: int | None = None


#: What each linear student's predictions are scored as: the tagger alone, the stage (tagger + lexicon), and the
#: tagger without its span filter (the same as "tagger" for a student that has none).
PARTS = ("tagger", "stage", "tagger, no filter")


def _students(teacher: E5Tagger, learn: list[Doc], dev: list[Doc], order: tuple[str, ...],
              techniques: tuple[str, ...], shipped_options: dict, options: FramingTeacherOptions, report) -> dict:
    """The distilled linear taggers, when there is unlabelled news: a control fit on the teacher's own training
    documents and tuned on its held-back ones, the same plus the teacher's probabilities on the news, and the
    shipped recipe with those probabilities."""
    from newsgraph.train.framing_distil import fit_on, in_order, unlabelled_docs
    from newsgraph.understand.framing_features import Featurizer
    from newsgraph.understand.framing_lexicon import lexicon

    news = unlabelled_docs(options.lang, options.news, options.unlabelled_limit) if options.news else []
    if not news:
        return {}
    started = time.monotonic()
    taught = [token_probabilities(teacher, doc, order, options.lang) for doc in news]
    report(f"  teacher scored {len(news)} unlabelled documents "
           f"({sum(len(t.spans) for t in taught):,} words) in {(time.monotonic() - started) / 60:.1f} min")
    featurizer = Featurizer(lexicon(options.lang), clusters=shipped_options.get("clusters"))
    gold = learn + list(shipped_options.get("extra_docs", ()))
    # "recipe": what `train framing --taught` ships, on this fold: every training document (the teacher's and its
    # held-back ones), thresholds from out-of-fold predictions, the teacher's news in every fit
    return {"control": fit_on(gold, [], dev, options.lang, techniques, order, featurizer),
            "distilled": fit_on(gold, taught, dev, options.lang, techniques, order, featurizer),
            "recipe": train_model(learn + dev, options.lang, techniques, **shipped_options,
                                  taught=in_order(taught, order, techniques))}


def _tagger_and_stage(model, doc, techniques) -> tuple[dict, dict, dict]:
    from newsgraph.eval.framing import _predict

    predicted = _predict(model, doc, techniques)
    return predicted["model"], predicted["system"], predicted["unfiltered"]


def compare_on_fold(options: FramingTeacherOptions, report=print) -> dict:
    """Train the e5 tagger and the shipped kind of linear tagger on one fold's training part; score both (and the
    pipeline's stage: linear tagger + lexicon) on its test part. Returns technique -> system -> (P, R, F1)."""
    from newsgraph.eval.framing import span_f1, token_f1

    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    docs = read_language(options.data, options.lang)
    random.Random(options.seed).shuffle(docs)
    docs = docs[: options.limit] if options.limit else docs
    test = docs[options.fold::options.folds]
    train = [d for i, d in enumerate(docs) if i % options.folds != options.fold]
    techniques = LANG_TECHNIQUES[options.lang]
    order = teacher_order(options.lang)
    model = E5Tagger(tags=tags_for(order))
    # the e5 tagger's thresholds are tuned on training documents it did not learn from (the linear tagger tunes on
    # out-of-fold predictions of its own training part, the same idea at its cost)
    dev, learn = train[:: options.dev_share], [d for i, d in enumerate(train) if i % options.dev_share]
    rows = _encoded(model, [Sample(w.words, w.tags) for doc in learn for w in windows(doc, order)])
    report(f"{options.lang}: fold {options.fold + 1} of {options.folds}: {len(learn)} training documents "
           f"({len(rows)} windows) + {len(dev)} for its thresholds, {len(test)} test documents")
    started = time.monotonic()
    steps = fit(model, rows, options.minutes, options.learning_rate, options.batch_size, options.seed, report)
    train_minutes = (time.monotonic() - started) / 60
    high, low = tune_decoding([token_probabilities(model, doc, order, options.lang) for doc in dev], order)
    thresholds = {t: (round(float(h), 3), round(float(lo), 3)) for t, h, lo in zip(order, high, low, strict=True)}
    report(f"  e5 thresholds (seed, growth): {thresholds}")
    shipped_options = training_options(options.lang, options.data)
    linear = train_model(train, options.lang, techniques, **shipped_options)
    students = _students(model, learn, dev, order, techniques, shipped_options, options, report)
    gold = {t: [] for t in techniques}
    # "no filter" only for a student that has a span filter to leave out (train_model fits one; fit_on does not)
    kinds = ("e5", "e5 argmax", "linear", "stage",
             *(f"{name} {part}" for name, student in students.items() for part in PARTS
               if part != PARTS[-1] or student.span_filter is not None))
    predicted = {kind: {t: [] for t in techniques} for kind in kinds}
    seconds, words = 0.0, 0
    tokens = []  # per test document, its word spans: the token-level view (UNLP-2025's metric)
    for doc in test:
        tokens.append(token_spans(doc.text))
        doc_windows = windows(doc, order)
        words += sum(len(w.words) for w in doc_windows)
        started = time.monotonic()
        scored = token_probabilities(model, doc, order, options.lang)
        seconds += time.monotonic() - started
        tagged = tag_sentences(model, [w.words for w in doc_windows]) if doc_windows else []
        argmax = [span for w, tags in zip(doc_windows, tagged, strict=True) for span in spans_from_tags(w, tags)]
        found = decode(scored, order, high, low)
        by_linear, by_stage, _ = _tagger_and_stage(linear, doc, techniques)
        by_student = {name: _tagger_and_stage(student, doc, techniques) for name, student in students.items()}
        for t in techniques:
            for name, pair in by_student.items():
                for part, found_by in zip(PARTS, pair, strict=True):
                    if f"{name} {part}" in predicted:
                        predicted[f"{name} {part}"][t].append(found_by[t])
            gold[t].append([(s, e) for s, e, k in doc.spans if k == t])
            predicted["e5"][t].append([(s, e) for s, e, k in found if k == t])
            predicted["e5 argmax"][t].append([(s, e) for s, e, k in argmax if k == t])
            predicted["linear"][t].append(by_linear[t])
            predicted["stage"][t].append(by_stage[t])
    figures = {t: {kind: tuple(round(x, 3) for x in span_f1(gold[t], predicted[kind][t])) for kind in predicted}
               for t in techniques}
    figures.update({f"{t}, token-level": {kind: tuple(round(x, 3) for x in token_f1(tokens, gold[t],
                                                                                    predicted[kind][t]))
                                          for kind in predicted} for t in techniques})
    figures["_run"] = {"steps": steps, "epochs": round(steps * options.batch_size / max(1, len(rows)), 2),
                       "train_minutes": round(train_minutes, 1),
                       "e5_words_per_second": round(words / max(1e-9, seconds))}
    return figures


def teach(options: FramingTeacherOptions, out: str | Path, report=print) -> dict:
    """The teacher for the shipped tagger: the e5 tagger trained on every training document of ``options.lang`` (no
    test fold, no thresholds: only its probabilities are used), then its token probabilities on the unlabelled news
    saved to ``out`` for ``newsgraph train framing --taught`` (train/framing_distil.py)."""
    from newsgraph.train.framing_distil import save_taught, unlabelled_docs

    news = unlabelled_docs(options.lang, options.news, options.unlabelled_limit)
    if not news:
        raise NewsgraphError(f"no unlabelled news for {options.lang} under {options.news}",
                             hint="pass --news: PolNeAR's folder for en, ../shared/data/ner for uk, ru, pl")
    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    docs = read_language(options.data, options.lang)
    docs = docs[: options.limit] if options.limit else docs
    order = teacher_order(options.lang)
    model = E5Tagger(tags=tags_for(order))
    rows = _encoded(model, [Sample(w.words, w.tags) for doc in docs for w in windows(doc, order)])
    report(f"{options.lang}: teacher on all {len(docs)} training documents ({len(rows)} windows)")
    started = time.monotonic()
    steps = fit(model, rows, options.minutes, options.learning_rate, options.batch_size, options.seed, report)
    train_minutes = (time.monotonic() - started) / 60
    started = time.monotonic()
    taught = [token_probabilities(model, doc, order, options.lang) for doc in news]
    run = {"teacher": "multilingual-e5-small fine-tuned as a span tagger (train/framing_teacher.py)",
           "gold_documents": len(docs), "steps": steps,
           "epochs": round(steps * options.batch_size / max(1, len(rows)), 2),
           "train_minutes": round(train_minutes, 1), "score_minutes": round((time.monotonic() - started) / 60, 1)}
    save_taught(out, taught, order, run)
    report(f"  scored {len(news)} unlabelled documents ({sum(len(t.spans) for t in taught):,} words) "
           f"in {run['score_minutes']} min: {out}")
    return run
