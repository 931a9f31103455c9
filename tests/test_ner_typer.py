"""The span typer: a second opinion on the label of each name the NER model found (understand/ner_typer.py)."""

import gzip
import json

import numpy as np
import pytest

from newsgraph.train.ner_typer import fit_typer
from newsgraph.understand.ner_typer import load_typer, span_features

LABELS = ("PER", "ORG", "LOC", "MISC")


def _names():
    clubs, people = ["Lavrio", "Torres", "Benevento", "Esteghlal"], ["Damascius", "Avicenna", "Mordecai", "Eddington"]
    names = []
    for club in clubs:
        for verb in ("signed with", "was loaned to", "joined"):
            words = f"In 2015 the striker {verb} {club} for the season .".split()
            names.append((words, words.index(club), words.index(club) + 1, "ORG"))
    for person in people:
        for verb in ("the writings of", "the philosopher", "a letter from"):
            words = f"Scholars read {verb} {person} and his pupils .".split()
            names.append((words, words.index(person), words.index(person) + 1, "PER"))
    return names


def test_the_bag_of_words_stops_at_the_sentence_end():
    words = "He signed with Lavrio . The team sold the album .".split()
    changed = "He signed with Lavrio . The team sold the philosopher .".split()
    assert span_features(words, 3, 4) == span_features(changed, 3, 4)
    assert span_features(words, 3, 4) != span_features("He wrote about Lavrio .".split(), 3, 4)
    paragraphs = ["He", "signed", "with", "Lavrio", "\n\n", "The", "team", "sold", "the", "album"]
    other = ["He", "signed", "with", "Lavrio", "\n\n", "The", "team", "sold", "the", "philosopher"]
    assert span_features(paragraphs, 3, 4) == span_features(other, 3, 4)


def test_the_typer_overrides_the_model_only_when_much_surer(tmp_path):
    typer = fit_typer(_names(), LABELS, margin=0.3, l2=0.1, min_count=1, report=lambda _line: None)
    words = "The young striker signed with Ravenna for the season .".split()
    club = words.index("Ravenna")
    assert typer.relabel(words, club, club + 1, "LOC") == "ORG"
    assert typer.relabel(words, club, club + 1, "ORG") == "ORG"
    assert typer.relabel(words, club, club + 1, "EVT") == "EVT"  # a label it was not trained on stays
    unsure = fit_typer(_names(), LABELS, margin=1.0, min_count=1, report=lambda _line: None)
    assert unsure.relabel(words, club, club + 1, "LOC") == "LOC"

    typer.save(tmp_path / "typer.npz")
    loaded = load_typer(tmp_path)
    assert loaded.labels == LABELS and loaded.margin == 0.3
    assert np.allclose(loaded.probabilities(words, club, club + 1), typer.probabilities(words, club, club + 1),
                       atol=1e-2)  # weights are stored as float16
    assert load_typer(tmp_path / "nowhere") is None


def test_the_pipelines_run_the_typer_right_after_the_model():
    from newsgraph.understand import ner
    from newsgraph.understand.ner_names import COMPONENT as LONE_NAMES
    from newsgraph.understand.ner_typer import COMPONENT, FILE

    for lang in ner.NER_LANGUAGES:
        if not (ner.model_dir(lang) / FILE).is_file():
            pytest.skip(f"no {lang} typer")
        names = ner.load(lang).pipe_names
        assert names[names.index("ner") + 1] == COMPONENT
        if LONE_NAMES in names:
            assert names.index(LONE_NAMES) == names.index(COMPONENT) + 1


def test_the_batched_features_are_those_of_one_name_at_a_time():
    from newsgraph.understand.ner_typer import Context, _dense_many, dense_features
    from newsgraph.understand.ner_vectors import load_table

    table = load_table()
    words = "Lavrio signed Benevento and Rafinha Silva for the season".split()
    spans = [(0, 1), (2, 3), (4, 6), (8, 9)]
    batched = _dense_many(Context(words, table).vectors, spans)
    for row, (start, end) in zip(batched, spans, strict=True):
        assert np.allclose(row, dense_features(table, words, start, end), atol=1e-5)


def test_the_card_section_is_replaced_and_the_rest_of_the_card_kept(tmp_path):
    from newsgraph.train.ner_typer import CARD_HEADING, write_card_section

    (tmp_path / "MODEL_CARD.md").write_text("# ner-uk\n\n## Figures\nF1 81\n", encoding="utf-8")
    meta = {"lang": "uk", "names": 10, "buckets": 5, "dense": 256, "l2": 0.3, "iterations": 3, "margin": 0.6,
            "sources": ["ner-uk"]}
    write_card_section(tmp_path, meta)
    write_card_section(tmp_path, {**meta, "names": 12})
    card = (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert card.count(CARD_HEADING) == 1 and "Fitted on 12 gold names" in card and "## Figures\nF1 81" in card


def test_the_train_command_fits_a_typer_beside_the_pipeline(tmp_path):
    import shutil

    from typer.testing import CliRunner

    from conftest import shared_path
    from newsgraph.cli import _load_commands, app
    from newsgraph.understand.ner import MODELS_DIR

    data = shared_path("data", "ner")
    folder = tmp_path / "ner-uk"
    shutil.copytree(MODELS_DIR / "ner-uk", folder)
    (folder / "typer.npz").unlink(missing_ok=True)
    silver = tmp_path / "silver-uk.jsonl.gz"
    with gzip.open(silver, "wt", encoding="utf-8") as handle:  # one sentence of two teacher-tagged names
        handle.write(json.dumps({"words": ["Зеленський", "прибув", "до", "Львова"], "tags": ["B-PER", "O", "O",
                                 "B-LOC"], "origin": "unlp2025"}) + "\n")
    _load_commands()
    result = CliRunner().invoke(app, ["train", "ner-typer", "--lang", "uk", "--data", str(data),
                                      "--model", str(folder), "--silver", str(silver), "--silver-weight", "0.5"])
    assert result.exit_code == 0, result.output
    typer = load_typer(folder)
    assert typer.meta["sources"] == ["ner-uk", "slavicner"] and typer.margin == 0.6
    assert typer.meta["silver"] == {"file": silver.name, "names": 2, "weight": 0.5, "origins": {"unlp2025": 1}}
    assert "## Span typer" in (folder / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_a_broken_typer_file_says_what_to_do(tmp_path):
    from newsgraph.errors import ModelError

    folder = tmp_path / "ner-uk"
    folder.mkdir()
    (folder / "typer.npz").write_bytes(b"not a numpy archive")
    with pytest.raises(ModelError, match="cannot be read") as caught:
        load_typer(folder)
    assert "train ner-typer --lang uk" in str(caught.value.hint)


def test_a_person_named_in_full_is_never_made_a_place():
    from newsgraph.understand.ner_typer import SpanTyper

    assert SpanTyper._person_to_place((5, 7, "PER"), "LOC")
    assert not SpanTyper._person_to_place((5, 6, "PER"), "LOC")  # one word may ("Стокгольмі")
    assert not SpanTyper._person_to_place((5, 7, "PER"), "ORG")  # "Блю Стрим": a company the model took for a man


def test_fitting_beside_no_pipeline_says_to_train_it_first(tmp_path):
    from newsgraph.errors import ModelError
    from newsgraph.train.ner_typer import train_typer

    with pytest.raises(ModelError, match="no NER pipeline") as caught:
        train_typer(tmp_path, "uk", tmp_path / "ner-uk")
    assert "newsgraph train ner --lang uk" in str(caught.value.hint)
    assert not (tmp_path / "ner-uk" / "typer.npz").exists()


def test_silver_names_are_named_on_the_card(tmp_path):
    from newsgraph.train.ner_typer import write_card_section

    meta = {"lang": "en", "names": 10, "buckets": 5, "dense": 256, "l2": 0.3, "iterations": 3, "margin": 0.6,
            "sources": ["wikineural"], "silver": {"file": "silver-en.jsonl.gz", "names": 7, "weight": 0.5,
                                                  "origins": {"wikiann": 3, "semeval2020": 2}}}
    card = write_card_section(tmp_path, meta).read_text(encoding="utf-8")
    assert "Plus 7 names the NER teacher tagged in `silver-en.jsonl.gz`" in card
    assert "wikiann 3, semeval2020 2" in card and "--silver silver-en.jsonl.gz --silver-weight 0.5" in card
    assert "(`train ner-silver`;" in card
    news_only = {**meta, "silver": {**meta["silver"], "origins": {"ru-zen-prop": 2}}}
    card = write_card_section(tmp_path, news_only).read_text(encoding="utf-8")
    assert "(`train ner-silver --wikiann-lang none`; sentences by origin: ru-zen-prop 2)" in card


def test_a_missing_silver_file_says_how_to_write_one(tmp_path):
    from newsgraph.errors import ModelError
    from newsgraph.train.ner_typer import train_typer

    folder = tmp_path / "ner-en"
    folder.mkdir()
    (folder / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="no silver sentences") as caught:
        train_typer(tmp_path, "en", folder, silver=tmp_path / "absent.jsonl.gz")
    assert "train ner-silver --lang en" in str(caught.value.hint)
