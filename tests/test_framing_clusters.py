"""Static-e5 word clusters as framing features: lookup by crc32, ids per window offset, cached and per-token paths
agree, models remember that they use clusters."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.text import fold
from newsgraph.train.framing_clusters import spherical_kmeans
from newsgraph.understand import framing_model
from newsgraph.understand.framing_clusters import WordClusters
from newsgraph.understand.framing_features import WINDOW, Featurizer
from newsgraph.understand.framing_lexicon import lexicon
from newsgraph.understand.framing_model import FramingModel

WORDS = {"tyrant": 3, "тиран": 3, "regime": 1, "the": 0}  # word -> fine cluster (of 4); parent2: 0,1 -> 0; 2,3 -> 1


def _clusters() -> WordClusters:
    hashes = np.array([zlib.crc32(fold(w).encode()) for w in WORDS], dtype=np.uint32)
    order = np.argsort(hashes)
    fine = np.array(list(WORDS.values()), dtype=np.uint16)[order]
    return WordClusters(hashes[order], fine, {2: np.array([0, 0, 1, 1], dtype=np.uint16)}, {"test": True})


def _hash(offset: int, kind: str, value: str) -> int:
    return (zlib.crc32(f"{offset}|{kind}={value}".encode()) & ((1 << 20) - 1)) or 1


def test_lookup_finds_words_by_the_crc_of_their_folded_form():
    clusters = _clusters()
    crcs = np.array([zlib.crc32(w.encode()) for w in ("tyrant", "regime", "unknown")], dtype=np.int64)
    assert clusters.levels == (4, 2)
    assert clusters.lookup(crcs).tolist() == [[3, 1], [1, 0], [-1, -1]]


def test_cluster_features_per_offset():
    plain = Featurizer(lexicon("en"))
    featurizer = Featurizer(lexicon("en"), clusters=_clusters())
    ids = featurizer.type_ids("Tyrant")
    base = plain.type_ids("Tyrant")
    for slot, offset in enumerate(WINDOW):
        added = set(ids[slot]) - set(base[slot])
        expected = ({_hash(offset, "c2", "1")} if abs(offset) <= 1 else set()) | (
            {_hash(offset, "c4", "3")} if offset == 0 else set())
        assert added == expected  # the finest level counts only for the word itself, coarser ones further out
    assert featurizer.type_ids("unknown") == plain.type_ids("unknown")  # outside the table: no cluster feature


def test_words_of_one_cluster_share_features_across_languages():
    featurizer = Featurizer(lexicon("ru"), clusters=_clusters())
    shared = set(featurizer.type_ids("tyrant")[2]) & set(featurizer.type_ids("тиран")[2])
    assert shared - {_hash(0, "sh", "l")} == {_hash(0, "c4", "3"), _hash(0, "c2", "1")}


def _model(clusters) -> FramingModel:
    rng = np.random.default_rng(3)
    rows = np.arange(1, 1 << 12, dtype=np.int64) * 257 % (1 << 20)
    extra = np.array([_hash(o, k, v) for o in WINDOW for k, v in (("c4", "3"), ("c2", "1"), ("c2", "0"))])
    rows = np.unique(np.concatenate([rows, extra]))
    return FramingModel("en", ("loaded_language", "name_calling"), rows,
                        rng.normal(size=(len(rows), 2)).astype(np.float32), np.array([-2.0, -3.0]),
                        np.array([0.5, 0.5]), clusters=clusters)


def test_cached_scores_equal_per_token_scores_with_clusters():
    model = _model(_clusters())
    words = "the brutal regime of the tyrant fell and the Tyrant lied".split()
    expected = model.token_scores(model.featurizer.transform(words))
    assert np.allclose(model.text_scores(words), expected, atol=1e-5)
    without = _model(None)
    assert not np.allclose(without.text_scores(words), expected, atol=1e-3)


def test_a_model_remembers_its_clusters(tmp_path, monkeypatch):
    clusters = _clusters()
    monkeypatch.setattr(framing_model, "word_clusters", lambda: clusters)
    _model(clusters).save(tmp_path)
    loaded = FramingModel.load(tmp_path)
    assert loaded.clusters is clusters
    words = "the tyrant and the regime".split()
    assert np.allclose(loaded.text_scores(words), _model(clusters).text_scores(words), atol=1e-2)  # float16
    other = WordClusters(clusters.hashes[:2].astype(np.uint32), np.array([0, 1], np.uint16),
                         {2: np.array([0, 0, 1, 1], np.uint16)})
    monkeypatch.setattr(framing_model, "word_clusters", lambda: other)
    with pytest.raises(NewsgraphError, match="other word clusters"):
        FramingModel.load(tmp_path)
    _model(None).save(tmp_path)
    assert FramingModel.load(tmp_path).clusters is None


def test_spherical_kmeans_separates_directions():
    rng = np.random.default_rng(0)
    centres = np.eye(4, dtype=np.float32)
    points = np.repeat(centres, 25, axis=0) + rng.normal(scale=0.05, size=(100, 4)).astype(np.float32)
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    found = spherical_kmeans(points, 4, seed=1)
    assert np.allclose(np.sort((found @ centres.T).max(axis=0)), 1.0, atol=0.02)
