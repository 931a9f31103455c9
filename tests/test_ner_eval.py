"""Scoring of `newsgraph eval ner`, the corpus readers and a tiny `newsgraph train ner` run."""

from collections import Counter

from conftest import shared_path
from newsgraph.eval.ner import SpanScore, _bcubed, _pairs
from newsgraph.train.corpora import _repair_iob, read_conll, slavicner_rows


def test_span_score_counts_exact_spans_per_label():
    score = SpanScore()
    score.add(gold={(0, 2, "PER"), (5, 6, "LOC")}, pred={(0, 2, "PER"), (5, 7, "LOC")})
    assert score.f1("PER") == 100.0
    assert score.f1("LOC") == 0.0
    assert round(score.f1(), 1) == 50.0


def test_pairwise_linking_counts_only_pairs_across_languages():
    cells = Counter({("uk", "a", "G1"): 2, ("pl", "a", "G1"): 1, ("ru", "b", "G1"): 1})
    agree_p, all_p = _pairs(cells, 0)  # pairs with the same predicted id: uk-pl, all gold-equal
    assert (agree_p, all_p) == (2, 2)
    agree_r, all_r = _pairs(cells, 1)  # pairs with the same gold id: uk-pl 2, uk-ru 2, pl-ru 1; 2 agree
    assert (agree_r, all_r) == (2, 5)
    assert _bcubed(Counter({("uk", "a", "G1"): 2})) == 1.0


def test_span_f1_scores_the_stage_tokenisation_and_the_corpus_tokens(monkeypatch):
    """ner-uk writes the initial "Г." as two tokens; the stage's tokenizer keeps it whole, as the model learned it."""
    import spacy

    from newsgraph.eval import ner as eval_ner
    from newsgraph.train.corpora import Sample

    nlp = spacy.blank("uk")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": [{"TEXT": "Г."}, {"TEXT": "Курлова"}]}])
    monkeypatch.setattr("newsgraph.understand.ner.load", lambda lang: nlp)
    sample = Sample(words=("За", "формулою", "Г", ".", "Курлова", "."),
                    tags=("O", "O", "B-PER", "I-PER", "I-PER", "O"))
    assert eval_ner.span_f1([sample], "uk", {"PER"}).f1() == 100.0
    assert eval_ner.span_f1([sample], "uk", {"PER"}, tokens="corpus").f1() == 0.0


def test_quote_marks_at_span_edges_can_be_ignored(monkeypatch):
    """SlavicNER's ru annotators put the marks inside some product names: '"Северный поток-2"'."""
    import spacy

    from newsgraph.eval import ner as eval_ner
    from newsgraph.train.corpora import Sample

    nlp = spacy.blank("ru")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "MISC", "pattern": [{"TEXT": "Северный"}, {"TEXT": "поток-2"}]}])
    monkeypatch.setattr("newsgraph.understand.ner.load", lambda lang: nlp)
    sample = Sample(words=("Проект", '"', "Северный", "поток-2", '"', "."),
                    tags=("O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"))
    assert eval_ner.span_f1([sample], "ru", {"MISC"}).f1() == 0.0
    assert eval_ner.span_f1([sample], "ru", {"MISC"}, ignore_marks=True).f1() == 100.0


def test_stage_f1_scores_whole_documents_as_analyze_gives_them(tmp_path, monkeypatch):
    from newsgraph.eval import ner as eval_ner
    from newsgraph.model import Mention
    from newsgraph.understand import entities

    text = 'Уряд Данії погодив «Північний потік-2».'
    for folder, name, body in (("raw", "d1.txt", text),
                               ("ner", "d1.tsv", "5\t10\tДанії\tДанія\tLOC\tGPE-Denmark\n"
                                                 "19\t38\t«Північний потік-2»\tПівнічний потік-2\tPRO\tPRO-NS2\n")):
        (tmp_path / folder / "topic" / "uk").mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "topic" / "uk" / name).write_text(body, encoding="utf-8")
    found = (Mention(5, 10, "Данії", "LOC", "Данія", "g:denmark", 0),
             Mention(20, 37, "Північний потік-2", "MISC", "Північний потік-2", "n:x", 0))
    monkeypatch.setattr(entities, "mentions_of", lambda article: found)
    strict, loose = eval_ner.stage_f1(tmp_path, "uk", {"topic"})
    assert strict.f1() == 50.0  # the marks inside the gold product name
    assert loose.f1() == 100.0


def test_stray_inside_tags_are_repaired():
    assert _repair_iob(["O", "I-PER", "I-PER", "B-LOC", "I-ORG"]) == ["O", "B-PER", "I-PER", "B-LOC", "B-ORG"]


def test_wikineural_reader_maps_labels():
    path = shared_path("data", "ner", "wikineural", "en", "test.conllu.gz")
    sample = next(iter(read_conll(path, {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"})))
    assert sample.words and len(sample.words) == len(sample.tags)


def test_slavicner_offsets_point_at_the_mentions():
    root = shared_path("data", "ner", "slavicner")
    _topic, text, rows = next(iter(slavicner_rows(root, "uk", {"brexit"})))
    assert rows and all(text[r.start : r.end] == r.text for r in rows[:20])


def test_train_command_writes_a_loadable_model_and_card(tmp_path):
    data = shared_path("data", "ner")
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app

    _load_commands()
    out = tmp_path / "ner-uk"
    result = CliRunner().invoke(app, ["train", "ner", "--lang", "uk", "--data", str(data), "--out", str(out),
                                      "--epochs", "1", "--limit", "1700", "--minutes", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "meta.json").exists()
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in card and "non-commercial" in card


def test_a_lone_name_the_model_took_for_a_place_becomes_a_person():
    from newsgraph.understand.ner_names import is_lone_person_name

    assert is_lone_person_name("Гоголя", "uk")  # the surname Гоголь, only ever a person
    assert is_lone_person_name("Чеслава", "uk")  # a first name
    assert is_lone_person_name("Обама", "ru")
    for place in ("Києва", "Львова", "Харкова", "Одеси"):
        assert not is_lone_person_name(place, "uk"), place
    assert not is_lone_person_name("Львова", "ru")  # the surname Львов, and the city our gazetteer lists
    assert not is_lone_person_name("Паттайе", "ru")  # not in the dictionary: its guesser would call it a surname
    assert not is_lone_person_name("гоголя", "uk")  # not capitalised
    assert not is_lone_person_name("Гоголя", "pl")  # no dictionary for pl


def test_a_lone_place_the_model_took_for_a_person_becomes_a_place():
    import spacy
    from spacy.tokens import Span

    from newsgraph.understand.ner_names import is_lone_place_name, relabel_lone_names

    assert is_lone_place_name("Стокгольмі", "uk") and is_lone_place_name("Стокгольме", "ru")
    assert not is_lone_place_name("Гоголя", "uk") and not is_lone_place_name("Обама", "ru")  # people
    assert not is_lone_place_name("Зеленський", "uk")  # a surname the dictionary knows
    nlp = spacy.blank("ru")
    doc = nlp("Хайко Маас приехал. Маас сказал, что был в Стокгольме.")
    doc.ents = [Span(doc, 0, 2, "PER"), Span(doc, 4, 5, "PER"), Span(doc, 10, 11, "PER")]
    assert [(e.text, e.label_) for e in relabel_lone_names(doc).ents] == [
        ("Хайко Маас", "PER"), ("Маас", "PER"), ("Стокгольме", "LOC")]  # the man named in full keeps his surname


def test_the_uk_and_ru_pipelines_relabel_lone_names_after_the_model():
    import pytest

    from newsgraph.understand import ner
    from newsgraph.understand.ner_names import COMPONENT

    for lang in ("uk", "ru"):
        if not ner.available(lang):
            pytest.skip(f"no {lang} model")
        names = ner.load(lang).pipe_names
        after_model = names.index("ner") + (2 if "newsgraph_span_typer" in names else 1)  # the typer comes first
        assert names[after_model] == COMPONENT
    assert COMPONENT not in ner.load("en").pipe_names


def _doc_with_names(text: str, names: list[tuple[str, str]]):
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("ru")(text)
    spans = []
    for name, label in names:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in spans]
    return doc


def test_a_recognised_name_is_recognised_again_where_it_recurs():
    import re

    from newsgraph.understand.ner_repeats import repeated_names

    text = "Министр Климкин прибыл в Вену. Позже Климкин встретился с Маасом, и Климкин уехал."
    doc = repeated_names(_doc_with_names(text, [("Климкин", "PER"), ("Вену", "LOC")]))
    assert [(e.label_, e.start_char) for e in doc.ents if e.text == "Климкин"] == [
        ("PER", m.start()) for m in re.finditer("Климкин", text)]
    assert "Маасом" not in {e.text for e in doc.ents}  # only names the model found are looked for
    assert list(repeated_names(_doc_with_names("", [])).ents) == []  # an empty text stays empty


def test_a_repeat_inside_a_longer_name_or_a_function_word_is_left_alone():
    from newsgraph.understand.ner_repeats import repeated_names

    text = "Nord Stream was built. Nord Stream 2 AG said so. The Nord Stream Fund paid. And so on. And Nord Stream."
    doc = repeated_names(_doc_with_names(text, [("Nord Stream", "MISC"), ("And", "LOC")]))
    found = [(e.text, e.start_char) for e in doc.ents]
    # "Nord Stream 2 AG" and "Nord Stream Fund" are longer names the model missed: a piece of them is not added;
    # the "And" the model took for a place is not a name to look for again
    assert found == [("Nord Stream", 0), ("And", text.index("And")), ("Nord Stream", text.rindex("Nord Stream"))]


def test_every_pipeline_looks_for_its_names_again_last():
    import pytest

    from newsgraph.understand import ner
    from newsgraph.understand.ner_repeats import COMPONENT

    for lang in ner.NER_LANGUAGES:
        if not ner.available(lang):
            pytest.skip(f"no {lang} model")
        assert ner.load(lang).pipe_names[-1] == COMPONENT


def test_a_one_word_name_is_found_again_in_its_other_cases():
    from newsgraph.understand.ner_repeats import repeated_names

    text = "Премьер Моравецкий приехал в Киев. Визит Моравецкого был коротким. Моравия далеко."
    doc = repeated_names(_doc_with_names(text, [("Моравецкий", "PER"), ("Киев", "LOC")]))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Моравецкий", "PER"), ("Киев", "LOC"), ("Моравецкого", "PER")]  # "Моравия" has another base form


def test_the_report_says_one_language_has_no_cross_lingual_pairs_instead_of_a_zero():
    from rich.console import Console

    from newsgraph.eval.ner_report import print_report

    link = {"pairwise_p": 0.0, "pairwise_r": 0.0, "pairwise_f1": 0.0, "bcubed_f1": 92.5, "mentions": 10,
            "cross_pairs": 0}
    console = Console(record=True, width=300)
    print_report({"f1": {}, "lemma": {}, "linking": link}, console)
    text = console.export_text()
    assert "pairwise: none (needs two languages" in text and "B-cubed F1 92.5" in text
    console = Console(record=True, width=300)
    print_report({"f1": {}, "lemma": {}, "linking": {**link, "pairwise_f1": 88.5, "cross_pairs": 40}}, console)
    assert "F1 88.5" in console.export_text()
