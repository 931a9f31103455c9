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

import torch

from newsgraph.train.corpora import Sample
from newsgraph.train.framing import DEFAULT_DATA, LANG_TECHNIQUES, Doc, read_language, train_model, training_options
from newsgraph.train.ner_teacher import E5Tagger, _encoded, fit, tag_sentences
from newsgraph.understand.framing_features import token_spans
from newsgraph.understand.sentences import split

__all__ = ["FramingTeacherOptions", "tags_for", "windows", "spans_from_tags", "compare_on_fold"]

MAX_WORDS = 100  # a window of one sentence, or of several short ones; long sentences are cut


def tags_for(techniques: tuple[str, ...]) -> tuple[str, ...]:
    return ("O",) + tuple(f"{prefix}-{technique}" for technique in techniques for prefix in "BI")


@dataclass(frozen=True, slots=True)
class Window:
    tokens: tuple[tuple[int, int], ...]  # character offsets of each word in the document
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
                out.append(Window(spans, tuple(doc.text[s:e] for s, e in spans), tuple(tags[j] for j in part)))
    return out


def spans_from_tags(window: Window, tags: list[str]) -> list[tuple[int, int, str]]:
    """Character spans (start, end, technique) of runs of B-/I- tags of one technique."""
    spans, start, kind = [], None, None
    for index, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            spans.append((window.tokens[start][0], window.tokens[index - 1][1], kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = index, tag[2:]
    return spans


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


def compare_on_fold(options: FramingTeacherOptions, report=print) -> dict:
    """Train the e5 tagger and the shipped kind of linear tagger on one fold's training part; score both (and the
    pipeline's stage: linear tagger + lexicon) on its test part. Returns technique -> system -> (P, R, F1)."""
    from newsgraph.eval.framing import _predict, span_f1

    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    docs = read_language(options.data, options.lang)
    random.Random(options.seed).shuffle(docs)
    docs = docs[: options.limit] if options.limit else docs
    test = docs[options.fold::options.folds]
    train = [d for i, d in enumerate(docs) if i % options.folds != options.fold]
    techniques = LANG_TECHNIQUES[options.lang]
    # name_calling last: it is the rarer label, and its spans often sit inside loaded language
    order = tuple(sorted(techniques, key=lambda t: t == "name_calling"))
    model = E5Tagger(tags=tags_for(order))
    train_windows = [w for doc in train for w in windows(doc, order)]
    rows = _encoded(model, [Sample(w.words, w.tags) for w in train_windows])
    report(f"{options.lang}: fold {options.fold + 1} of {options.folds}: {len(train)} training documents "
           f"({len(rows)} windows), {len(test)} test documents")
    started = time.monotonic()
    steps = fit(model, rows, options.minutes, options.learning_rate, options.batch_size, options.seed, report)
    train_minutes = (time.monotonic() - started) / 60
    linear = train_model(train, options.lang, techniques, **training_options(options.lang, options.data))
    gold = {t: [] for t in techniques}
    predicted = {kind: {t: [] for t in techniques} for kind in ("e5", "linear", "stage")}
    seconds, words = 0.0, 0
    for doc in test:
        doc_windows = windows(doc, order)
        words += sum(len(w.words) for w in doc_windows)
        started = time.monotonic()
        tagged = tag_sentences(model, [w.words for w in doc_windows]) if doc_windows else []
        seconds += time.monotonic() - started
        found = [span for w, tags in zip(doc_windows, tagged, strict=True) for span in spans_from_tags(w, tags)]
        by_linear, by_stage = _predict(linear, doc, techniques)
        for t in techniques:
            gold[t].append([(s, e) for s, e, k in doc.spans if k == t])
            predicted["e5"][t].append([(s, e) for s, e, k in found if k == t])
            predicted["linear"][t].append(by_linear[t])
            predicted["stage"][t].append(by_stage[t])
    figures = {t: {kind: tuple(round(x, 3) for x in span_f1(gold[t], predicted[kind][t])) for kind in predicted}
               for t in techniques}
    figures["_run"] = {"steps": steps, "epochs": round(steps * options.batch_size / max(1, len(rows)), 2),
                       "train_minutes": round(train_minutes, 1),
                       "e5_words_per_second": round(words / max(1e-9, seconds))}
    return figures
