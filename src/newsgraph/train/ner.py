"""Train one shipped NER pipeline: ``newsgraph train ner --lang uk --data ../shared/data/ner --out DIR``.

A blank spaCy language (its tokenizer only) plus one ``ner`` component with its own small hashed-embedding CNN:
no pretrained vectors, nothing downloaded, a few MB on disk, CPU speed in the tens of thousands of words/s.
Training is bounded by epochs AND a wall-clock budget, because it runs on shared CPUs; the best epoch on a small
development sample (carved from the training mix, never from a test split) is the one saved.
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import ModelError
from newsgraph.train.corpora import HELD_OUT_TOPIC, Sample, read_silver, silver_origins, training_samples

__all__ = ["TrainOptions", "MODEL_LABELS", "VECTOR_CHOICES", "ENCODER_CHOICES", "train_ner", "label_map_for", "to_doc"]

log = logging.getLogger(__name__)

# EVT and PRO (SlavicNER) are folded into MISC: WikiNEuRal's MISC covers the same names, and one label per kind of
# name keeps the sets compatible.
MODEL_LABELS = ("PER", "ORG", "LOC", "MISC")
# "" (default): hashed word features only. "static-e5": also each token's vector from the static multilingual
# embedding (models/ner-vectors, built by `newsgraph train ner-vectors`).
VECTOR_CHOICES = ("", "static-e5")
_LABEL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "EVT": "MISC", "PRO": "MISC"}

# Small CNN: hashed NORM/PREFIX/SUFFIX/SHAPE embeddings (no vectors) and maxout-window layers. Names are mostly
# lexical, so the NORM table is the part worth making large (it costs memory, not speed). Width and depth set the
# speed: width 96 and 4 layers measured 40% slower (below 10k words/s for the stage) for +2 F1 at most, so the
# defaults stay at 64 and 3.
_MODEL_CONFIG = """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [{norm_rows}, 5000, 5000, 2500]
include_static_vectors = {static_vectors}

{encode}
"""

# Each --encoder: the architecture it names and its settings besides width and depth. "cnn" (default): spaCy's
# maxout-window CNN. "bilstm": bidirectional LSTM layers over the same features, the whole sentence as context.
# "cnn+bilstm": the CNN, then one residual bidirectional LSTM layer. The recurrent ones are registered by
# understand/ner_encoders.py.
_ENCODERS = {
    "cnn": ("spacy.MaxoutWindowEncoder.v2", "window_size = 1\nmaxout_pieces = 3"),
    "bilstm": ("newsgraph.BiLSTMEncoder.v1", "dropout = 0.0"),
    "cnn+bilstm": ("newsgraph.CNNBiLSTMEncoder.v1", "lstm_depth = 1"),
}
ENCODER_CHOICES = tuple(_ENCODERS)
_ENCODER_CONFIG = """[model.tok2vec.encode]
@architectures = "{architecture}"
width = {width}
depth = {depth}
{settings}"""


@dataclass(frozen=True, slots=True)
class TrainOptions:
    lang: str
    data: Path
    out: Path
    epochs: int = 8
    minutes: float = 15.0
    dropout: float = 0.2
    dev_size: int = 1500
    seed: int = 13
    limit: int | None = None  # at most this many training samples (quick runs, tests)
    width: int = 64
    depth: int = 3
    norm_rows: int = 30000
    hidden: int = 64
    wikiann_share: int | None = 10000  # WikiANN sentences to mix in (None: all of them)
    vectors: str = ""  # "static-e5": pretrained word features from models/ner-vectors (understand/ner_vectors.py)
    # Teacher-labelled sentences (train/ner_teacher.py) added to the training part. They relabel WikiANN's sentences,
    # so WikiANN's own tags (auto-projected, no MISC) are then left out, and the development sample is all gold.
    silver: Path | None = None
    encoder: str = "cnn"


def label_map_for(lang: str) -> dict[str, str]:
    return dict(_LABEL_MAP)


def _spaces(words: tuple[str, ...]) -> list[bool]:
    """Readable spacing for pre-tokenised corpora: no space before closing punctuation or after opening."""
    no_space_before = {",", ".", ":", ";", "!", "?", ")", "]", "»", "%", "'s"}
    no_space_after = {"(", "[", "«"}
    spaces = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        spaces.append(following is not None and following not in no_space_before and word not in no_space_after)
    return spaces


def to_doc(nlp, sample: Sample):
    """A gold ``Doc`` from either kind of sample; spans that do not align with tokens are widened."""
    from spacy.tokens import Doc

    if sample.words:
        return Doc(nlp.vocab, words=list(sample.words), spaces=_spaces(sample.words), ents=list(sample.tags))
    doc = nlp.make_doc(sample.text)
    ents, taken = [], set()
    for start, end, label in sample.spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or taken & set(range(span.start, span.end)):
            continue
        taken |= set(range(span.start, span.end))
        ents.append(span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    return doc


def _examples(nlp, samples: list[Sample]):
    from spacy.training import Example

    examples = []
    for sample in samples:
        try:
            gold = to_doc(nlp, sample)
        except ValueError as exc:  # a malformed sentence in a corpus: skip it, keep the rest
            log.debug("skipped sample: %s", exc)
            continue
        examples.append(Example(nlp.make_doc(gold.text), gold))
    return examples


def _blank(options: TrainOptions):
    import spacy
    from thinc.api import Config

    if options.vectors not in VECTOR_CHOICES:
        raise ModelError(f"unknown --vectors {options.vectors!r}", hint="use static-e5, or leave it out")
    static = options.vectors == "static-e5"
    if static:
        from newsgraph.understand.ner_vectors import REGISTERED_NAME, load_table

        load_table()  # fails early, with the command that builds it, when models/ner-vectors is missing
        nlp = spacy.blank(options.lang, config={"nlp": {"vectors": {"@vectors": REGISTERED_NAME}}})
    else:
        nlp = spacy.blank(options.lang)
    if options.encoder not in ENCODER_CHOICES:
        raise ModelError(f"unknown --encoder {options.encoder!r}", hint=f"use one of {', '.join(ENCODER_CHOICES)}")
    if options.encoder != "cnn" and options.width % 2:
        raise ModelError(f"--encoder {options.encoder} needs an even --width, not {options.width}",
                         hint="half of the width reads each direction; try --width 64")
    import newsgraph.understand.ner_encoders  # noqa: F401  (registers the recurrent encoders)

    architecture, settings = _ENCODERS[options.encoder]
    encoder = _ENCODER_CONFIG.format(architecture=architecture, width=options.width, depth=options.depth,
                                     settings=settings)
    config = _MODEL_CONFIG.format(width=options.width, norm_rows=options.norm_rows, hidden=options.hidden,
                                  static_vectors=str(static).lower(), encode=encoder)
    model = Config().from_str(config)["model"]
    nlp.add_pipe("ner", config={"model": model})
    return nlp


def train_ner(options: TrainOptions, report=print) -> dict:
    """Train, keep the best epoch on the development sample, save it and its card; returns the figures."""
    from spacy.util import compounding, minibatch

    if options.silver and not options.silver.is_file():
        raise ModelError(f"no silver sentences at {options.silver}",
                         hint="write them with `newsgraph train ner-silver --teacher T.pt --out FILE`")
    random.seed(options.seed)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    nlp = _blank(options)
    samples = training_samples(options.data, options.lang, label_map_for(options.lang), options.wikiann_share)
    if options.silver:
        samples = [sample for sample in samples if sample.source != "wikiann"]
    if options.limit:
        samples = samples[: options.limit]
    dev, train = samples[: options.dev_size], samples[options.dev_size :]
    if options.silver:
        silver = list(read_silver(options.silver))
        train = train + (silver[: options.limit] if options.limit else silver)
        random.Random(options.seed).shuffle(train)
    train_examples, dev_examples = _examples(nlp, train), _examples(nlp, dev)
    for label in MODEL_LABELS:
        nlp.get_pipe("ner").add_label(label)
    optimizer = nlp.initialize(lambda: train_examples[:2000])
    report(f"{options.lang}: {len(train_examples)} training samples, {len(dev_examples)} development samples")
    started, best, history = time.monotonic(), -1.0, []
    deadline = started + options.minutes * 60
    for epoch in range(options.epochs):
        random.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in minibatch(train_examples, size=compounding(16.0, 128.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=options.dropout, losses=losses)
            if time.monotonic() > deadline:
                break
        with nlp.select_pipes(enable=["ner"]), nlp.use_params(optimizer.averages):
            scores = nlp.evaluate(dev_examples)
        f1 = float(scores.get("ents_f") or 0.0) * 100
        history.append({"epoch": epoch + 1, "loss": round(float(losses.get("ner", 0.0)), 1), "dev_f1": round(f1, 2),
                        "minutes": round((time.monotonic() - started) / 60, 1)})
        report(f"  epoch {epoch + 1}: loss {losses.get('ner', 0.0):.0f}, dev F1 {f1:.2f}")
        if f1 > best:
            best = f1
            with nlp.use_params(optimizer.averages):
                nlp.to_disk(options.out)
        if time.monotonic() > deadline:
            report(f"  time budget of {options.minutes} min reached")
            break
    figures = {"dev_f1": round(best, 2), "epochs": history, "train_samples": len(train_examples),
               "sources": sorted({s.source for s in train}), "held_out_topic": HELD_OUT_TOPIC,
               "wikiann_share": None if options.silver else options.wikiann_share,
               "silver": {"file": options.silver.name, "sentences": len(silver),
                          "origins": silver_origins(options.silver)} if options.silver else None,
               "architecture": {"width": options.width, "depth": options.depth, "norm_rows": options.norm_rows,
                                "hidden": options.hidden, "vectors": options.vectors or None,
                                "encoder": options.encoder}}
    (options.out / "training.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return figures
