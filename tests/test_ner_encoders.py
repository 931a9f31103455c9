"""The recurrent token encoders a NER pipeline may be trained with (understand/ner_encoders.py)."""

import gzip

import pytest

from newsgraph.errors import ModelError
from newsgraph.train.ner import TrainOptions, train_ner

GOLD = [
    ("Angela Merkel visited Paris on Monday .", "B-PER I-PER O B-LOC O O O"),
    ("The United Nations met in Geneva .", "O B-ORG I-ORG O O B-LOC O"),
    ("Volkswagen opened a plant in Poland .", "B-ORG O O O O B-LOC O"),
    ("Lionel Messi joined Inter Miami .", "B-PER I-PER O B-ORG I-ORG O"),
]


def _conll(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for text, tags in rows:
            for index, (word, tag) in enumerate(zip(text.split(), tags.split(), strict=True)):
                handle.write(f"{index}\t{word}\t{tag}\n")
            handle.write("\n")


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


def test_a_bidirectional_encoder_needs_an_even_width():
    from newsgraph.understand.ner_encoders import bilstm_encoder

    with pytest.raises(ValueError, match="even width"):
        bilstm_encoder(width=15, depth=1)
