"""Benchmark: story clustering, near-duplicates, per-article cost and throughput (``newsgraph eval stories``).

Clustering is scored against gold labels with pairwise precision / recall / F1 (over article pairs) and B-cubed
(per article), over all pairs, within each language and across languages (pairs whose articles differ in language).
Copies are part of the data: a copy must land in its source's story.

Every figure is printed beside an anchor measured in the same run: the same linker without embeddings (entity ids
and cross-script stems only), exact-hash deduplication, and an all-pairs scan for cost.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsgraph.connect.features import Embedder, lead_text
from newsgraph.connect.index import MemoryIndex
from newsgraph.connect.stories import Linker, LinkSettings
from newsgraph.eval.stories_data import Labelled, edited_copies, synthetic_stream
from newsgraph.model import Article

__all__ = ["Scores", "pairwise", "bcubed", "score_clustering", "cluster_with", "dedup_benchmark", "cost_benchmark",
           "throughput", "cross_topic_merges", "embed_all"]


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


def cluster_with(articles: Sequence[Article], vectors: Sequence[np.ndarray | None] | None,
                 settings: LinkSettings = LinkSettings()) -> tuple[list[str], list[str | None]]:
    """Story ids and duplicate_of per article, from the linker over an in-memory index (as ``newsgraph.cluster``)."""
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
    """Up to ``limit`` articles that are not near-duplicates of each other (natural syndication removed)."""
    kept: list[Article] = []
    index = MemoryIndex()
    linker = Linker(index)
    for article in articles:
        if len(kept) >= limit:
            break
        if len(article.text.split()) < 40:
            continue
        linker.link(article, None)
        if index.article(article.id)["dup"] is None:
            kept.append(article)
    return kept


# --- cost and throughput -----------------------------------------------------------------------------------------
def _stream_vectors(rng: np.random.Generator, story_vectors: dict, article: Article) -> np.ndarray:
    key = article.mentions[0].entity_id if article.mentions else article.id
    if key not in story_vectors:
        story_vectors[key] = rng.standard_normal(384).astype(np.float32)
    vector = story_vectors[key] + 0.6 * rng.standard_normal(384).astype(np.float32)
    return vector / np.linalg.norm(vector)


def cost_benchmark(total: int, checkpoints: Sequence[int], sample: int = 300) -> list[dict]:
    """Per-article linking cost (ms) after the index holds N articles, beside an all-pairs scan over N vectors."""
    rng = np.random.default_rng(2)
    story_vectors: dict = {}
    index = MemoryIndex()
    linker = Linker(index)
    kept: list[np.ndarray] = []
    rows, pending = [], sorted(c for c in checkpoints if c < total)
    timings: list[float] = []
    for n, article in enumerate(synthetic_stream(total)):
        vector = _stream_vectors(rng, story_vectors, article)
        measuring = bool(pending) and n >= pending[0]
        started = time.perf_counter()
        linker.link(article, vector)
        if measuring:
            timings.append(time.perf_counter() - started)
        if len(kept) < 200_000:
            kept.append(vector)
        if measuring and len(timings) >= sample:
            rows.append({"size": pending.pop(0), "ours_ms": 1000 * float(np.median(timings)),
                         "all_pairs_ms": 1000 * _all_pairs_cost(kept, vector)})
            timings = []
    return rows


def _all_pairs_cost(vectors: list[np.ndarray], query: np.ndarray, repeats: int = 5) -> float:
    """The time to compare one article with every stored one (vectors only: a lower bound for all pairs)."""
    matrix = np.stack(vectors)
    started = time.perf_counter()
    for _ in range(repeats):
        float((matrix @ query).max())
    return (time.perf_counter() - started) / repeats


def throughput(count: int = 3000) -> dict:
    """Articles per second: linking alone (features and vectors ready), and e5 embedding of title + lead."""
    rng = np.random.default_rng(4)
    story_vectors: dict = {}
    articles = list(synthetic_stream(count, seed=9))
    vectors = [_stream_vectors(rng, story_vectors, a) for a in articles]
    linker = Linker(MemoryIndex())
    started = time.perf_counter()
    for article, vector in zip(articles, vectors, strict=True):
        linker.link(article, vector)
    link_rate = count / (time.perf_counter() - started)
    sample = [Article(id=str(i), url=None, text=" ".join(random.Random(i).sample(_WORDS, 60)), title="News today")
              for i in range(64)]
    embedder = Embedder(True)
    embedder.embed([lead_text(sample[0])])  # load the model outside the timing
    started = time.perf_counter()
    embedded = embedder.embed([lead_text(a) for a in sample])
    embed_rate = len(sample) / (time.perf_counter() - started) if embedded[0] is not None else math.inf
    combined = 1.0 / (1.0 / link_rate + (0.0 if math.isinf(embed_rate) else 1.0 / embed_rate))
    return {"link_per_s": link_rate, "embed_per_s": embed_rate, "end_to_end_per_s": combined}


_WORDS = ("government minister said talks border president agreement energy prices market report police city "
          "election parliament vote budget defence war peace army strike airline flights company profit bank rate "
          "inflation court ruling health hospital vaccine weather flood storm football match season title").split()
