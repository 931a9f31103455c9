"""Benchmark: story clustering, near-duplicates, per-article cost and throughput (``newsgraph eval stories``).

Clustering is scored against gold labels with pairwise precision / recall / F1 (over article pairs) and B-cubed
(per article), over all pairs, within each language and across languages (pairs whose articles differ in language).
Copies are part of the data: a copy must land in its source's story.

Every figure is printed beside an anchor measured in the same run: the same linker without embeddings (entity ids
and cross-script stems only), exact-hash deduplication, and an all-pairs scan for cost.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.connect.features import Embedder, lead_text
from newsgraph.connect.index import MemoryIndex
from newsgraph.connect.stories import Linker, LinkSettings, settings_for
from newsgraph.eval.stories_data import Labelled, edited_copies, synthetic_stream
from newsgraph.model import Article

__all__ = ["Scores", "pairwise", "bcubed", "score_clustering", "cluster_with", "dedup_benchmark", "cost_benchmark",
           "throughput", "cross_topic_merges", "embed_all", "store_cost_benchmark", "Embedded", "timed_embed",
           "end_to_end"]


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float

    @staticmethod
    def of(precision: float, recall: float) -> Scores:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Scores(precision, recall, f1)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Sequence[str], pred: Sequence[str], langs: Sequence[str] | None = None) -> Scores:
    """Pairwise P/R/F1 from cluster sizes (no pair enumeration); with ``langs``, only cross-language pairs."""
    def same(keys: Callable[[int], tuple]) -> int:
        total = sum(_pairs(c) for c in Counter(keys(i) for i in range(len(gold))).values())
        if langs is None:
            return total
        within = sum(_pairs(c) for c in Counter((*keys(i), langs[i]) for i in range(len(gold))).values())
        return total - within

    both = same(lambda i: (gold[i], pred[i]))
    predicted = same(lambda i: (pred[i],))
    actual = same(lambda i: (gold[i],))
    return Scores.of(both / predicted if predicted else 1.0, both / actual if actual else 1.0)


def bcubed(gold: Sequence[str], pred: Sequence[str]) -> Scores:
    if not gold:
        return Scores.of(1.0, 1.0)
    joint = Counter(zip(gold, pred, strict=True))
    by_gold, by_pred = Counter(gold), Counter(pred)
    precision = sum(joint[(g, p)] / by_pred[p] for g, p in zip(gold, pred, strict=True)) / len(gold)
    recall = sum(joint[(g, p)] / by_gold[g] for g, p in zip(gold, pred, strict=True)) / len(gold)
    return Scores.of(precision, recall)


def score_clustering(items: Sequence[Labelled], pred: Sequence[str]) -> dict:
    """All-pairs, cross-language and per-language pairwise scores, and B-cubed."""
    gold = [item.story for item in items]
    langs = [item.article.language or "" for item in items]
    out = {"pairwise": pairwise(gold, pred), "cross_language": pairwise(gold, pred, langs),
           "bcubed": bcubed(gold, pred), "languages": {}}
    for lang in sorted(set(langs)):
        keep = [i for i, code in enumerate(langs) if code == lang]
        out["languages"][lang] = pairwise([gold[i] for i in keep], [pred[i] for i in keep])
    return out


def cross_topic_merges(items: Sequence[Labelled], pred: Sequence[str]) -> dict:
    """For data labelled by topic only: how many predicted stories (and same-story pairs) mix topics."""
    topics_of: dict[str, set[str]] = {}
    for item, story in zip(items, pred, strict=True):
        topics_of.setdefault(story, set()).add(item.topic)
    multi = [s for s, members in Counter(pred).items() if members > 1]
    mixed = [s for s in multi if len(topics_of[s]) > 1]
    topic_pairs = pairwise([item.topic for item in items], pred)
    return {"stories": len(set(pred)), "multi_article_stories": len(multi), "mixed_stories": len(mixed),
            "story_merge_rate": len(mixed) / len(multi) if multi else 0.0,
            "pair_merge_rate": 1.0 - topic_pairs.precision,
            "articles_in_multi": sum(1 for s in pred if s in set(multi))}


def embed_all(articles: Sequence[Article], embedder: Embedder | None = None) -> list[np.ndarray | None]:
    embedder = embedder or Embedder(True)
    out: list[np.ndarray | None] = []
    for start in range(0, len(articles), 64):
        out.extend(embedder.embed([lead_text(a) for a in articles[start:start + 64]]))
    return out


@dataclass(frozen=True, slots=True)
class Embedded:
    """Title + lead vectors of one embedding kind, and what computing them cost (CPU seconds of all threads)."""

    kind: str
    vectors: list
    cpu_s: float
    wall_s: float

    @property
    def available(self) -> bool:
        return bool(self.vectors) and self.vectors[0] is not None


def timed_embed(articles: Sequence[Article], kind: str) -> Embedded:
    embedder = Embedder(True, kind=kind)
    embedder.embed(["warm up"])  # load the model outside the timing
    cpu, wall = time.process_time(), time.perf_counter()
    vectors = embed_all(articles, embedder)
    return Embedded(kind, vectors, time.process_time() - cpu, time.perf_counter() - wall)


def cluster_with(articles: Sequence[Article], vectors: Sequence[np.ndarray | None] | None,
                 settings: LinkSettings = LinkSettings()) -> tuple[list[str], list[str | None]]:
    """Story ids and duplicate_of per article, from the linker over an in-memory index (as ``newsgraph.cluster``).

    Pass ``settings_for(kind)`` with vectors of a kind: e5 and the static model use different cosine scales."""
    index = MemoryIndex()
    linker = Linker(index, settings)
    vectors = vectors if vectors is not None else [None] * len(articles)
    for article, vector in zip(articles, vectors, strict=True):
        linker.link(article, vector)
    stories, duplicates = [], []
    for article in articles:
        record = index.article(article.id)
        stories.append(index.live_story(record["story"])["id"])
        duplicates.append(record["dup"])
    return stories, duplicates


# --- near-duplicates -------------------------------------------------------------------------------------------
def dedup_benchmark(bases: Sequence[Article], copies_per_base: int = 1) -> dict:
    """Edited copies of distinct bases: a copy must be marked a duplicate of its base (the earlier one)."""
    articles, gold = edited_copies(list(bases), copies_per_base)
    _, duplicates = cluster_with(articles, None)
    family = {a.id: gold.get(a.id, a.id) for a in articles}
    predicted = [(a.id, d) for a, d in zip(articles, duplicates, strict=True) if d]
    correct = sum(1 for a, d in predicted if family[a] == family[d])
    found = sum(1 for a, d in predicted if a in gold and d == gold[a])
    hashes = Counter(a.text for a in articles)
    exact = sum(1 for a in articles if a.id in gold and hashes[a.text] > 1)
    return {"articles": len(articles), "copies": len(gold),
            "ours": Scores.of(correct / len(predicted) if predicted else 1.0, found / len(gold) if gold else 1.0),
            "exact_hash_recall": exact / len(gold) if gold else 1.0}


def distinct_bases(articles: Sequence[Article], limit: int) -> list[Article]:
    """Up to ``limit`` articles sharing little text with each other (natural syndication and rewrites removed, so
    that the only near-duplicates in the benchmark are the copies it makes)."""
    from newsgraph.connect import dedup
    from newsgraph.connect.features import shingles

    kept: list[Article] = []
    buckets: dict[str, list[tuple[np.ndarray, int]]] = {}
    for article in articles:
        if len(kept) >= limit:
            break
        if len(article.text.split()) < 40:
            continue
        grams = shingles(article.text)
        sig = dedup.signature(grams)
        keys = dedup.band_keys(sig)
        near = any(_shares_text(dedup.similarity(sig, other, len(grams), size))
                   for key in keys for other, size in buckets.get(key, ()))
        if near:
            continue
        kept.append(article)
        for key in keys:
            buckets.setdefault(key, []).append((sig, len(grams)))
    return kept


def _shares_text(similarity: tuple[float, float]) -> bool:
    jaccard, containment = similarity
    return jaccard >= 0.2 or containment >= 0.4


# --- cost and throughput -----------------------------------------------------------------------------------------
def _stream_vectors(rng: np.random.Generator, story_vectors: dict, article: Article) -> np.ndarray:
    key = article.mentions[0].entity_id if article.mentions else article.id
    if key not in story_vectors:
        story_vectors[key] = rng.standard_normal(384).astype(np.float32)
    vector = story_vectors[key] + 0.6 * rng.standard_normal(384).astype(np.float32)
    return vector / np.linalg.norm(vector)


def cost_benchmark(total: int, checkpoints: Sequence[int], sample: int = 300) -> Iterator[dict]:
    """Per-article linking cost (ms) when the index holds N articles, beside an all-pairs scan over N vectors
    (one row per checkpoint, as soon as it is measured).

    The index is grown to each size with synthetic records (random signatures, stories of ~8 articles over a
    50k-word vocabulary, every posting list filled to its cap), then ``sample`` stream articles are linked and
    timed: what matters is the size of what the linker looks things up in, not how it got there.
    """
    rng = np.random.default_rng(2)
    story_vectors: dict = {}
    index = MemoryIndex()
    linker = Linker(index)
    stream = synthetic_stream(total + sample * len(checkpoints))
    filled = 0
    for size in sorted(c for c in checkpoints if c <= total):
        filled = _prefill(index, filled, size, rng)
        timings = []
        for _ in range(sample):
            article = next(stream)
            vector = _stream_vectors(rng, story_vectors, article)
            started = time.process_time()  # CPU time: other jobs on a shared machine do not count
            linker.link(article, vector)
            timings.append(time.process_time() - started)
        yield {"size": size, "ours_ms": 1000 * float(np.median(timings)),
               "all_pairs_ms": 1000 * _all_pairs_cost(size, rng)}


def _prefill(index: MemoryIndex, start: int, stop: int, rng: np.random.Generator) -> int:
    from newsgraph.connect import dedup
    from newsgraph.connect.features import stems
    from newsgraph.connect.index import pack

    for n in range(start, stop):
        sig = rng.integers(0, 2 ** 32, size=dedup.NUM_PERM, dtype=np.uint64).astype(np.uint32)
        story_id = f"st_fill{n // 8}"
        index.put_article({"id": f"fill{n}", "t": 1.7e9 + 60 * n, "f": None, "lang": "en", "sig": pack(sig, "<u4"),
                           "n": 40, "dup": None, "copies": [], "story": story_id})
        for key in dedup.band_keys(sig):
            index.add_posting(key, f"fill{n}")
        keys = [f"t:{stem}" for stem in stems(" ".join(f"w{int(v)}x" for v in rng.integers(0, 50_000, size=30)))]
        keys += [f"e:q{int(v)}" for v in rng.integers(0, 50_000, size=3)]
        for key in keys:
            index.add_posting(key, story_id)
        index.count_documents(keys)
        if n % 8 == 0:
            index.put_story({"id": story_id, "title": "", "first": 1.7e9 + 60 * n, "last": 1.7e9 + 60 * n, "n": 8,
                             "articles": [f"fill{n + i}" for i in range(8)], "languages": {"en": 8},
                             "outlets": {"x": 8}, "entities": {k[2:]: 1 for k in keys if k.startswith("e:")},
                             "stems": {k[2:]: 1 for k in keys if k.startswith("t:")},
                             "vsum": pack(rng.standard_normal(384)), "merged_into": None})
    return stop


def store_cost_benchmark(total: int, checkpoints: Sequence[int], sample: int = 200) -> list[dict]:
    """Per-article cost (ms) of the store path (link into a SQLite store, then store the article)."""
    import tempfile

    from newsgraph.connect.index import StoreIndex
    from newsgraph.store import open_store

    rng = np.random.default_rng(3)
    story_vectors: dict = {}
    rows, pending, timings = [], sorted(c for c in checkpoints if c < total), []
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        linker = Linker(StoreIndex(store))
        for n, article in enumerate(synthetic_stream(total, seed=5)):
            vector = _stream_vectors(rng, story_vectors, article)
            measuring = bool(pending) and n >= pending[0]
            started = time.process_time()
            store.put_article(linker.link(article, vector))
            if measuring:
                timings.append(time.process_time() - started)
                if len(timings) >= sample:
                    rows.append({"size": pending.pop(0), "store_ms": 1000 * float(np.median(timings))})
                    timings = []
    return rows


def _all_pairs_cost(size: int, rng: np.random.Generator, repeats: int = 3) -> float:
    """The time to compare one article's vector with ``size`` stored ones: a lower bound for any all-pairs method."""
    matrix = rng.standard_normal((size, 384), dtype=np.float32)
    float((matrix[:1] @ matrix[0]).max())  # touch the BLAS path once outside the timing
    query = rng.standard_normal(384, dtype=np.float32)
    started = time.process_time()
    for _ in range(repeats):
        float((matrix @ query).max())
    return (time.process_time() - started) / repeats


def throughput(count: int = 3000) -> dict:
    """Linking alone on a synthetic stream (features and vectors ready): articles per CPU-second of one core."""
    rng = np.random.default_rng(4)
    story_vectors: dict = {}
    articles = list(synthetic_stream(count, seed=9))
    vectors = [_stream_vectors(rng, story_vectors, a) for a in articles]
    linker = Linker(MemoryIndex())
    started = time.process_time()  # one core's CPU time: other jobs on a shared machine do not count
    for article, vector in zip(articles, vectors, strict=True):
        linker.link(article, vector)
    return {"link_per_s": count / (time.process_time() - started)}


def end_to_end(articles: Sequence[Article], embedded: Embedded) -> dict:
    """Articles per CPU-second of the whole linking stage on real articles: embedding title + lead (as measured
    when the vectors were made) plus features, near-duplicates and story assignment."""
    settings = settings_for(embedded.kind) if embedded.available else LinkSettings()
    vectors = embedded.vectors if embedded.available else None
    cpu, wall = time.process_time(), time.perf_counter()
    cluster_with(articles, vectors, settings)
    link_cpu, link_wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(articles)
    return {"kind": embedded.kind, "articles": n, "embed_per_cpu_s": n / embedded.cpu_s if embedded.cpu_s else math.inf,
            "link_per_cpu_s": n / link_cpu if link_cpu else math.inf,
            "per_cpu_s": n / (embedded.cpu_s + link_cpu), "per_wall_s": n / (embedded.wall_s + link_wall)}
