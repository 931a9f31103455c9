"""A second opinion on each recognised name's label: a softmax classifier over the name and its whole sentence.

The small CNN reads a few words either side of a token, and for a name it has not seen that is too little to tell a
person from a place or a club: "loaned to Torres", "the writings of Damascius", "signed with Lavrio" all came out
LOC. One-word names with the wrong label were the largest class of the en model's errors on WikiNEuRal test
(~2,200 of ~6,000). The typer keeps the CNN's span and looks at more: the name's words, suffixes and shape, three
words either side, every word of its sentence ("season", "album", "philosopher" say a lot about a name) and the
static-e5 vectors of the name and of its neighbours (``models/ner-vectors``, the CNN's own table). It overrides
the CNN only when it is surer of another label by ``margin`` (probability of its label minus that of the CNN's).

Trained from the gold sentences the CNN was trained on (``newsgraph train ner-typer``, ``train/ner_typer.py``), in
seconds; stored beside the pipeline as ``typer.npz`` (hashed feature buckets and weights, no text). A pipeline
folder without it runs as before.
"""

from __future__ import annotations

import json
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ModelError

__all__ = ["COMPONENT", "FILE", "BUCKETS", "Context", "SpanTyper", "span_features", "dense_features", "load_typer"]

COMPONENT = "newsgraph_span_typer"
FILE = "typer.npz"
BUCKETS = 1 << 20
_CONTEXT = 3  # words either side, by position
_SENTENCE_CAP = 40  # words either side of the name that its sentence's bag of words may take
_SENTENCE_ENDS = frozenset(".!?…")


def _ends_sentence(word: str) -> bool:
    return word in _SENTENCE_ENDS or word.isspace()  # a paragraph break is a token of its own ("\n\n")


@lru_cache(maxsize=100_000)
def _shape(word: str) -> str:
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def _sentence_bounds(words: list[str], start: int, end: int) -> tuple[int, int]:
    """Token range of the sentence around ``start:end``: the stage hands the model whole articles."""
    left = start
    while left > 0 and start - left < _SENTENCE_CAP and not _ends_sentence(words[left - 1]):
        left -= 1
    right = end
    while right < len(words) and right - end < _SENTENCE_CAP and not _ends_sentence(words[right]):
        right += 1
    return left, right


class Context:
    """What every name of one text shares: its words lowercased, each word's bag-of-words bucket, and (given the
    vector table) each word's static-e5 vector, computed once per text rather than once per name."""

    def __init__(self, words: list[str], table=None):
        self.words = words
        self.low = [word.lower() for word in words]
        self.bow = [zlib.crc32(f"bow={word}".encode()) % BUCKETS if len(word) > 2 else -1 for word in self.low]
        self.vectors = table.embed_words(words) if table is not None and words else None  # per word, L2-normalised


def span_features(words: list[str], start: int, end: int, context: Context | None = None) -> list[int]:
    """Hashed feature buckets of the name ``words[start:end]`` in its sentence (the same code trains and runs)."""
    context = context or Context(words)
    low = context.low[start:end]
    shape = "_".join(_shape(word) for word in words[start:end][:3])
    features = [f"len={min(end - start, 4)}", f"first={low[0]}", f"last={low[-1]}", f"suf3={low[-1][-3:]}",
                f"suf2={low[-1][-2:]}", f"pre3={low[0][:3]}", f"shape={shape}", "whole=" + " ".join(low)]
    features += [f"w={word}" for word in low]

    def word_at(index: int) -> str:
        return context.low[index] if 0 <= index < len(words) else "<s>" if index < 0 else "</s>"

    for offset in range(1, _CONTEXT + 1):
        features += [f"L{offset}={word_at(start - offset)}", f"R{offset}={word_at(end + offset - 1)}"]
    features += [f"L1sh={_shape(words[start - 1]) if start else '<s>'}",
                 f"R1sh={_shape(words[end]) if end < len(words) else '</s>'}",
                 f"L12={word_at(start - 2)}|{word_at(start - 1)}", f"R12={word_at(end)}|{word_at(end + 1)}"]
    buckets = {zlib.crc32(feature.encode()) % BUCKETS for feature in features}
    left, right = _sentence_bounds(words, start, end)
    buckets.update(context.bow[i] for i in range(left, right) if not start <= i < end and context.bow[i] >= 0)
    return sorted(buckets)


def dense_features(table, words: list[str], start: int, end: int, context: Context | None = None) -> np.ndarray:
    """The mean static-e5 vector of the name, then that of the words around it (``_CONTEXT`` either side)."""
    return _dense_many((context or Context(words, table)).vectors, [(start, end)])[0]


def _dense_many(vectors: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """``dense_features`` of many names of one text at once, from running sums of its word vectors."""
    sums = np.zeros((len(vectors) + 1, vectors.shape[1]), dtype=np.float64)
    np.cumsum(vectors, axis=0, out=sums[1:])
    starts, ends = np.array([s for s, _e in spans]), np.array([e for _s, e in spans])
    left, right = np.maximum(starts - _CONTEXT, 0), np.minimum(ends + _CONTEXT, len(vectors))
    name = (sums[ends] - sums[starts]) / (ends - starts)[:, None]
    count = (starts - left) + (right - ends)
    around = (sums[starts] - sums[left] + sums[right] - sums[ends]) / np.maximum(count, 1)[:, None]
    return np.hstack([name, around]).astype(np.float32)


class SpanTyper:
    """Weights of the classifier: one row per kept bucket, then one per dense dimension; a bias per label."""

    def __init__(self, labels: tuple[str, ...], buckets: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 margin: float, meta: dict | None = None):
        self.labels = labels
        self.buckets = buckets.astype(np.int64)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.margin = float(margin)
        self.meta = meta or {}
        from newsgraph.understand.ner_vectors import load_table

        self.table = load_table()

    def rows(self, features: list[int]) -> np.ndarray:
        """Weight rows of the buckets this typer knows (the others were too rare at training)."""
        wanted = np.asarray(features, dtype=np.int64)
        found = np.minimum(np.searchsorted(self.buckets, wanted), len(self.buckets) - 1)
        return found[self.buckets[found] == wanted]

    def probabilities(self, words: list[str], start: int, end: int, context: Context | None = None) -> np.ndarray:
        return self.probabilities_many(words, [(start, end)], context)[0]

    def probabilities_many(self, words: list[str], spans: list[tuple[int, int]],
                           context: Context | None = None) -> np.ndarray:
        """One row of label probabilities per ``(start, end)`` of ``spans``, all names of one text at once."""
        context = context or self.context(words)
        scores = np.empty((len(spans), len(self.labels)), dtype=np.float32)
        for index, (start, end) in enumerate(spans):
            scores[index] = self.weights[self.rows(span_features(words, start, end, context))].sum(axis=0)
        scores += _dense_many(context.vectors, spans) @ self.weights[len(self.buckets):] + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def context(self, words: list[str]) -> Context:
        return Context(words, self.table)

    def relabel(self, words: list[str], start: int, end: int, label: str, context: Context | None = None) -> str:
        """The label of ``words[start:end]``: the model's, unless the typer is surer of another by ``margin``."""
        return self.relabel_many(words, [(start, end, label)], context)[0]

    def relabel_many(self, words: list[str], spans: list[tuple[int, int, str]],
                     context: Context | None = None) -> list[str]:
        """``relabel`` for every ``(start, end, label)`` of one text."""
        known = [index for index, (_s, _e, label) in enumerate(spans) if label in self.labels]
        labels = [label for _s, _e, label in spans]
        if not known:
            return labels
        probs = self.probabilities_many(words, [spans[i][:2] for i in known], context)
        for row, index in zip(probs, known, strict=True):
            best = int(row.argmax())
            if row[best] - row[self.labels.index(labels[index])] >= self.margin and not self._person_to_place(
                    spans[index], self.labels[best]):
                labels[index] = self.labels[best]
        return labels

    @staticmethod
    def _person_to_place(span: tuple[int, int, str], label: str) -> bool:
        """A person named in full that the typer would make a place ("Daria Hnatiuk" on a sample page): left a
        person. Names of several words the model called PER that are companies or projects ("Блю Стрим", "Норд
        Стрим 2") may still become ORG or MISC."""
        start, end, old = span
        return old == "PER" and label == "LOC" and end - start >= 2

    def save(self, path: Path) -> None:
        np.savez_compressed(path, buckets=self.buckets.astype(np.int32), weights=self.weights.astype(np.float16),
                            bias=self.bias, meta=np.array(json.dumps({**self.meta, "labels": list(self.labels),
                                                                      "margin": self.margin})))


def load_typer(folder: Path) -> SpanTyper | None:
    path = folder / FILE
    if not path.is_file():
        return None
    try:
        with np.load(path) as data:
            meta = json.loads(str(data["meta"]))
            return SpanTyper(tuple(meta["labels"]), data["buckets"], data["weights"], data["bias"], meta["margin"],
                             meta)
    except (OSError, ValueError, KeyError, EOFError) as exc:  # a truncated copy, a file of another format
        raise ModelError(f"the span typer at {path} cannot be read: {exc}",
                         hint=f"refit it with `newsgraph train ner-typer --lang {folder.name.removeprefix('ner-')}`, "
                              "or delete it to run the pipeline without it") from exc


@Language.factory(COMPONENT, default_config={"folder": ""})
def make_span_typer(nlp: Language, name: str, folder: str):
    typer = load_typer(Path(folder)) if folder else None

    def relabel_spans(doc: Doc) -> Doc:
        if typer is None or not doc.ents:
            return doc
        ents = list(doc.ents)
        labels = typer.relabel_many([token.text for token in doc], [(e.start, e.end, e.label_) for e in ents])
        doc.ents = [Span(doc, ent.start, ent.end, label=label) for ent, label in zip(ents, labels, strict=True)]
        return doc

    return relabel_spans
