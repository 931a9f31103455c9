"""The recurrent token encoders a NER pipeline may be trained with (understand/ner_encoders.py)."""

import pytest

from newsgraph.errors import ModelError
from newsgraph.train.ner import TrainOptions, train_ner
from test_ner_teacher import GOLD, _conll


@pytest.mark.parametrize(("encoder", "registered"), [("bilstm", "newsgraph.BiLSTMEncoder.v1"),
                                                      ("cnn+bilstm", "newsgraph.CNNBiLSTMEncoder.v1")])
def test_a_recurrent_pipeline_trains_saves_and_loads_with_its_encoder(tmp_path, encoder, registered):
    import spacy

    data = tmp_path / "data"
    _conll(data / "wikineural" / "en" / "val.conllu.gz", GOLD * 4)
    _conll(data / "wikiann" / "en" / "train.conllu.gz", GOLD[:1])
    options = TrainOptions("en", data, tmp_path / "ner-en", epochs=2, dev_size=4, width=16, depth=1, norm_rows=500,
                           hidden=16, encoder=encoder)
    figures = train_ner(options, report=lambda line: None)
    assert figures["architecture"]["encoder"] == encoder
    assert registered in (tmp_path / "ner-en" / "config.cfg").read_text(encoding="utf-8")
    from newsgraph.train.model_card import write_model_card

    card = write_model_card(tmp_path / "ner-en", "en").read_text(encoding="utf-8")
    assert "bidirectional LSTM" in card and f"--encoder {encoder}" in card

    import newsgraph.understand.ner_encoders  # noqa: F401  (what understand/ner.py imports before loading)

    nlp = spacy.load(tmp_path / "ner-en")
    doc = nlp("Angela Merkel visited Geneva .")  # an untrained-sized model: only that it runs on raw text
    assert all(ent.label_ in {"PER", "ORG", "LOC", "MISC"} for ent in doc.ents)
    assert nlp("").ents == ()


def test_an_unknown_encoder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="unknown --encoder"):
        train_ner(TrainOptions("en", tmp_path, tmp_path / "x", encoder="transformer"), report=lambda line: None)


def test_an_odd_width_for_a_recurrent_encoder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="even --width"):
        train_ner(TrainOptions("en", tmp_path, tmp_path / "x", encoder="bilstm", width=63), report=lambda line: None)


def test_a_bidirectional_encoder_needs_an_even_width():
    from newsgraph.understand.ner_encoders import bilstm_encoder

    with pytest.raises(ValueError, match="even width"):
        bilstm_encoder(width=15, depth=1)
