"""Word clusters for the framing taggers (``newsgraph train framing-clusters``), from the static-e5 embedding.

A word-feature tagger learns nothing about a loaded word it never saw in a few hundred training articles. Words
close in static-e5 (``connect.static``: e5 SentencePiece tokens, 256-d, language directions removed) fall into the
same cluster whatever their language ("thugs", "бандити", "bandyci"), so a cluster id is a feature that carries
what the tagger learned about one word to its neighbours, and across languages.

Recipe: the folded word types of the news corpora under ``../shared`` (the ones ``train embeddings`` counts) seen at
least ``min_count`` times in one language; each word's static-e5 vector (SIF-weighted sum of its tokens,
normalised); spherical k-means with ``FINE`` clusters on the most frequent words, then every word assigned to its
nearest centroid; the centroids grouped again into coarser levels (``COARSE``). Tokenising a word with e5's
SentencePiece costs ~65 us, too slow for the tagger's cold path, so the table is computed here once and shipped:
``clusters.npz`` holds crc32 hashes of the folded words (no text), each word's fine cluster, and the fine -> coarse
maps. Words outside the table get no cluster feature.
"""

from __future__ import annotations

import json
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newsgraph.connect.static import StaticEmbedder
from newsgraph.errors import NewsgraphError
from newsgraph.text import fold_all
from newsgraph.train.embeddings import news_corpora
from newsgraph.understand.framing_clusters import CLUSTERS_DIR
from newsgraph.understand.framing_lexicon import token_columns

__all__ = ["FINE", "COARSE", "count_words", "word_vectors", "spherical_kmeans", "build_clusters"]

FINE = 1024
COARSE = (256, 64)


def count_words(shared: str | Path, log: Callable[[str], None] = print) -> dict[str, Counter]:
    """Per language, the folded word types of the shared news corpora and how often each occurs."""
    counts: dict[str, Counter] = {}
    for lang, paragraphs in news_corpora(shared).items():
        counter: Counter = Counter()
        for paragraph in paragraphs:
            counter.update(fold_all(token_columns(paragraph)[2]))
        counts[lang] = counter
        log(f"{lang}: {sum(counter.values()):,} words, {len(counter):,} types")
    return counts


def word_vectors(words: list[str], embedder: StaticEmbedder) -> tuple[np.ndarray, np.ndarray]:
    """Normalised static-e5 vectors of ``words`` and a mask of the words that have one (some known token)."""
    rows = [embedder.token_rows(word) for word in words]
    lengths = np.fromiter(map(len, rows), np.int64, len(rows))
    has = lengths > 0
    flat = np.concatenate([r for r in rows if len(r)])
    starts = np.concatenate(([0], np.cumsum(lengths[has])[:-1]))
    vectors = np.add.reduceat(embedder.vectors[flat], starts, axis=0)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vectors.astype(np.float32), has


def nearest(vectors: np.ndarray, centroids: np.ndarray, batch: int = 20_000) -> np.ndarray:
    return np.concatenate([(vectors[i : i + batch] @ centroids.T).argmax(axis=1)
                           for i in range(0, len(vectors), batch)]) if len(vectors) else np.zeros(0, np.int64)


def spherical_kmeans(vectors: np.ndarray, k: int, iterations: int = 12, seed: int = 5,
                     weights: np.ndarray | None = None) -> np.ndarray:
    """``k`` unit centroids maximising the (weighted) cosine of each vector to its centroid."""
    rng = np.random.default_rng(seed)
    weights = np.ones(len(vectors), np.float32) if weights is None else weights.astype(np.float32)
    centroids = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    for _ in range(iterations):
        assigned = nearest(vectors, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, vectors * weights[:, None])
        empty = np.linalg.norm(sums, axis=1) == 0
        sums[empty] = vectors[rng.choice(len(vectors), size=int(empty.sum()), replace=False)]
        centroids = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    return centroids


def build_clusters(shared: str | Path = "../shared", out: str | Path = CLUSTERS_DIR, min_count: int = 2,
                   fit_words: int = 15_000, log: Callable[[str], None] = print) -> dict:
    began = time.perf_counter()
    counts = count_words(shared, log)
    if not any(counts.values()):
        raise NewsgraphError(f"no news text found under {shared}", hint="pass --shared PATH (the ../shared root)")
    total: Counter = Counter()
    for counter in counts.values():
        total.update({w: c for w, c in counter.items() if c >= min_count and any(ch.isalpha() for ch in w)})
    words = sorted(total, key=lambda w: (-total[w], w))
    vectors, has = word_vectors(words, StaticEmbedder())
    words = [w for w, ok in zip(words, has, strict=True) if ok]
    log(f"{len(words):,} word types with a vector")
    # Fit on each language's most frequent words, so that English, the largest corpus, does not set every centroid.
    index = {w: i for i, w in enumerate(words)}
    fit = sorted({index[w] for counter in counts.values() for w, _ in counter.most_common(fit_words) if w in index})
    fine = spherical_kmeans(vectors[fit], FINE)
    assigned = nearest(vectors, fine)
    sizes = np.bincount(assigned, minlength=FINE).astype(np.float32)
    parents = {k: nearest(fine, spherical_kmeans(fine, k, weights=np.sqrt(sizes + 1))) for k in COARSE}
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), np.uint32, len(words))
    # On a hash collision keep the more frequent word (words are sorted by frequency): np.unique keeps the first.
    hashes, first = np.unique(hashes, return_index=True)
    meta = {"words": int(len(hashes)), "fine": FINE, "coarse": list(COARSE), "min_count": min_count,
            "fit_words_per_language": fit_words, "fitted_on": len(fit), "seconds": round(time.perf_counter() - began),
            "tokens": {lang: int(sum(c.values())) for lang, c in counts.items()}}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "clusters.npz", hashes=hashes, fine=assigned[first].astype(np.uint16),
                        **{f"parent{k}": parents[k].astype(np.uint16) for k in COARSE})
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {out}: {meta}")
    return meta
