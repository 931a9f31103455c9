"""Pretrained word features for NER: the ner-vectors table, its spaCy vectors and a pipeline using them."""

import json

import numpy as np
import pytest

from newsgraph.errors import ModelError
from newsgraph.train.ner_vectors import build_ner_vectors
from newsgraph.understand.ner_vectors import VECTORS_DIR, WordVectorTable, load_table


def _fake_static_e5(folder, pieces=40, dims=16):
    rng = np.random.default_rng(3)
    folder.mkdir()
    np.save(folder / "tokens.npy", np.arange(5, 5 + pieces, dtype=np.int32))
    np.save(folder / "vectors.npy", rng.normal(size=(pieces, dims)).astype(np.float16))
    np.save(folder / "weights.npy", rng.uniform(0.5, 1.0, size=pieces).astype(np.float16))
    return folder


def test_build_writes_a_smaller_float16_table(tmp_path):
    source = _fake_static_e5(tmp_path / "static")
    meta = build_ner_vectors(source, tmp_path / "out", dims=8)
    vectors = np.load(tmp_path / "out" / "vectors.npy")
    assert vectors.shape == (40, 8) and vectors.dtype == np.float16
    assert 0 < meta["explained_variance"] <= 1
    assert json.loads((tmp_path / "out" / "meta.json").read_text())["dims"] == 8


def test_build_keeps_a_table_made_from_another_source_unless_forced(tmp_path):
    build_ner_vectors(_fake_static_e5(tmp_path / "a"), tmp_path / "out", dims=8)
    build_ner_vectors(tmp_path / "a", tmp_path / "out", dims=8)  # same source: rebuilding is fine
    other = tmp_path / "b"
    _fake_static_e5(other)
    np.save(other / "vectors.npy", np.ones((40, 16), dtype=np.float16))
    with pytest.raises(ModelError, match="retrain"):
        build_ner_vectors(other, tmp_path / "out", dims=8)
    assert build_ner_vectors(other, tmp_path / "out", dims=8, force=True)["dims"] == 8


def test_build_refuses_a_source_without_its_files(tmp_path):
    with pytest.raises(ModelError):
        build_ner_vectors(tmp_path, tmp_path / "out")


def test_missing_table_says_how_to_build_it(tmp_path):
    with pytest.raises(ModelError, match="ner-vectors"):
        WordVectorTable(tmp_path)


@pytest.mark.skipif(not (VECTORS_DIR / "vectors.npy").exists(), reason="models/ner-vectors not built")
def test_every_word_gets_a_vector_and_spellings_of_one_name_lie_close():
    table = load_table()
    vectors = table.embed_words(["Putin", "Путина", "Kowalski", "Zxqvbnmk"])
    assert vectors.shape == (4, table.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


@pytest.mark.skipif(not (VECTORS_DIR / "vectors.npy").exists(), reason="models/ner-vectors not built")
def test_a_pipeline_with_static_vectors_trains_saves_and_loads(tmp_path):
    import spacy
    from spacy.training import Example

    from newsgraph.train.ner import TrainOptions, _blank

    nlp = _blank(TrainOptions("pl", tmp_path, tmp_path / "ner-pl", norm_rows=500, vectors="static-e5"))
    nlp.get_pipe("ner").add_label("PER")
    doc = nlp.make_doc("Wczoraj Jan Kowalski przyjechał.")
    example = Example.from_dict(doc, {"entities": [(8, 20, "PER")]})
    optimizer = nlp.initialize(lambda: [example])
    for _ in range(15):
        nlp.update([example], sgd=optimizer)
    nlp.to_disk(tmp_path / "ner-pl")
    loaded = spacy.load(tmp_path / "ner-pl")
    assert loaded.vocab.vectors.name.startswith("static-e5")
    assert [e.text for e in loaded("Wczoraj Jan Kowalski przyjechał.").ents] == ["Jan Kowalski"]


def test_unknown_vectors_choice_is_refused(tmp_path):
    from newsgraph.train.ner import TrainOptions, _blank

    with pytest.raises(ModelError, match="static-e5"):
        _blank(TrainOptions("pl", tmp_path, tmp_path / "x", vectors="glove"))
