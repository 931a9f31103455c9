"""The entities stage on small texts (needs the shipped models; skipped, with the training command, without them)."""

import pytest

from newsgraph.errors import ModelError
from newsgraph.model import Article
from newsgraph.understand import entities, entity_spans, ner
from newsgraph.understand.linking import entity_id

SEED_LIKE = (
    "Vladimir Putin flew to Beijing on Tuesday for talks with Xi Jinping, his second trip abroad since the "
    "International Criminal Court issued a warrant for his arrest. Days earlier Putin visited Kyrgyzstan.\n"
    "Alexander Gabuev, director of the Carnegie Eurasia Center, said China had become Russia's lifeline. "
    "Gabuev added that the One Belt, One Road initiative left Zambia and Sri Lanka with heavy debts.\n"
    "Finance minister Anton Siluanov said most of the drones came from Beijing, and Xi praised the forum."
)
UK_TEXT = (
    "Володимир Путін прибув до Пекіна на переговори з Сі Цзіньпіном. Міжнародний кримінальний суд видав ордер на "
    "арешт Путіна. Директор Центру Карнегі Олександр Габуєв вважає, що Китай підтримує Росію."
)


def needs_model(lang):
    if not ner.available(lang):
        pytest.skip(f"no {lang} NER model: newsgraph train ner --lang {lang} --data ../shared/data/ner")


def analyse(text, lang):
    import newsgraph

    return newsgraph.analyze(text, lang=lang)


def ids_of(article):
    return {m.entity_id for m in article.mentions}


def test_seed_like_english_text_comes_out_right():
    needs_model("en")
    article = analyse(SEED_LIKE, "en")
    for mention in article.mentions:
        assert article.text[mention.start : mention.end] == mention.text
    found = ids_of(article)
    for name, label in [("Putin", "PER"), ("Xi Jinping", "PER"), ("International Criminal Court", "ORG"),
                        ("Alexander Gabuev", "PER"), ("Anton Siluanov", "PER"), ("Beijing", "LOC"),
                        ("Kyrgyzstan", "LOC"), ("Zambia", "LOC"), ("Sri Lanka", "LOC"), ("One Belt, One Road", "MISC"),
                        ("Carnegie Eurasia Center", "ORG")]:
        assert entity_id(name, label, "en") in found, name
    gabuev = {m.entity_id for m in article.mentions if m.text.startswith("Gabuev")}
    assert gabuev == {entity_id("Alexander Gabuev", "PER", "en")}


def test_ukrainian_text_links_to_the_same_entities():
    needs_model("uk")
    article = analyse(UK_TEXT, "uk")
    found = ids_of(article)
    assert entity_id("Putin", "PER", "en") in found
    assert entity_id("Beijing", "LOC", "en") in found
    putin = [m for m in article.mentions if m.text == "Путіна"]
    assert putin and putin[0].lemma == "Путін"
    assert all(m.sentence is not None for m in article.mentions)


def test_language_without_a_model_gets_no_mentions():
    article = Article(id="x", url=None, text="Der Bundeskanzler sprach in Berlin.", language="de")
    assert entities.run(article).mentions == ()


def test_missing_model_raises_a_model_error_with_the_training_command(monkeypatch, tmp_path):
    monkeypatch.setattr(ner, "MODELS_DIR", tmp_path)
    ner._load.cache_clear()
    try:
        with pytest.raises(ModelError, match="newsgraph train ner --lang pl"):
            ner.load("pl")
    finally:
        ner._load.cache_clear()


def test_gazetteer_names_fill_what_the_model_missed():
    text = "Talks on One Belt, One Road in Beijing."
    spans = entity_spans.with_gazetteer(text, [ner.RawSpan(text.index("One Road"), text.index(" in"), "ORG")])
    assert [(text[s.start : s.end], s.label) for s in spans] == [("One Belt, One Road", "MISC"), ("Beijing", "LOC")]


def test_listed_name_wins_over_a_span_that_only_adds_a_word_before_it():
    text = "the Russian Carnegie Eurasia Center and the Sri Lanka Freedom Party"
    model = [ner.RawSpan(4, 35, "ORG"), ner.RawSpan(text.index("Sri"), len(text), "ORG")]
    spans = entity_spans.with_gazetteer(text, model)
    assert [text[s.start : s.end] for s in spans] == ["Carnegie Eurasia Center", "Sri Lanka Freedom Party"]



def test_a_name_ends_at_its_number_when_a_lowercase_word_follows():
    text = "Nord Stream 2 to projekt. Nord Stream 2 AG płaci. Na Olimpiadzie 1986 roku. 24 godziny"
    spans = [ner.RawSpan(0, text.index(" projekt"), "MISC"),
             ner.RawSpan(text.index("Nord Stream 2 AG"), text.index(" płaci"), "ORG"),
             ner.RawSpan(text.index("Olimpiadzie"), text.index(". 24"), "MISC"),
             ner.RawSpan(text.index("24"), len(text), "MISC")]
    cut = entity_spans.cut_after_numbers(text, spans)
    assert [text[s.start : s.end] for s in cut] == ["Nord Stream 2", "Nord Stream 2 AG", "Olimpiadzie 1986 roku",
                                                    "24 godziny"]
    text = "Nord Stream 2 - oświadczyła"
    assert entity_spans.cut_after_numbers(text, [ner.RawSpan(0, len(text), "MISC")]) == [ner.RawSpan(0, 13, "MISC")]


def test_a_spaced_dash_and_number_belong_to_the_name_before_them():
    text = "Проект «Северный поток — 2» и Газпром – 9% акций, Путин - 2 раза, из Украины – 45 человек"
    spans = [ner.RawSpan(text.index("Северный"), text.index(" — 2"), "MISC"),
             ner.RawSpan(text.index("Газпром"), text.index(" – 9"), "ORG"),
             ner.RawSpan(text.index("Путин"), text.index(" - 2"), "PER"),
             ner.RawSpan(text.index("Украины"), text.index(" – 45"), "LOC")]
    found = [text[s.start : s.end] for s in entity_spans.with_number_suffix(text, spans)]
    assert found == ["Северный поток — 2", "Газпром", "Путин", "Украины"]


def test_a_people_linked_to_its_country_leaves_the_country_a_place():
    from newsgraph.pipeline import article_from_text

    text = "Rosjanie budują gazociąg. Rosji zależy na nim."
    article = article_from_text(text, "pl")
    spans = [ner.RawSpan(0, 8, "PER"), ner.RawSpan(text.index("Rosji"), text.index(" zależy"), "LOC")]
    mentions = entities.build_mentions(article, spans, "pl")
    assert [(m.text, m.label) for m in mentions] == [("Rosjanie", "PER"), ("Rosji", "LOC")]


def test_a_capitalised_function_word_is_never_a_mention(monkeypatch):
    from newsgraph.pipeline import article_from_text
    from newsgraph.understand import sentences

    text = "And the talks went on. Putin left Beijing."
    monkeypatch.setattr(ner, "recognise", lambda t, lang: [ner.RawSpan(0, 3, "LOC"), ner.RawSpan(23, 28, "PER")])
    article = sentences.run(article_from_text(text, "en"))
    texts = [m.text for m in entities.mentions_of(article)]
    assert "And" not in texts
    assert "Putin" in texts


def test_english_title_before_a_name_is_not_part_of_it_and_makes_a_person():
    from newsgraph.understand.ner import recognise

    text = "Senator Jane Miller visited the plant, and Mayor Tom Baker met General Motors executives."
    spans = {(text[s.start:s.end], s.label) for s in recognise(text, "en")}
    assert ("Jane Miller", "PER") in spans and ("Tom Baker", "PER") in spans
    assert not any(name.startswith(("Senator", "Mayor")) for name, _label in spans)


def test_a_span_over_a_sentence_end_is_two_names(monkeypatch):
    from newsgraph.pipeline import article_from_text
    from newsgraph.understand import sentences

    text = "The war between Israel and Hamas. Beijing has sought balance. He met the U.S. Army chief."
    hamas_beijing = ner.RawSpan(text.index("Hamas"), text.index(" has"), "LOC")
    army = ner.RawSpan(text.index("U.S."), text.index(" chief"), "ORG")
    monkeypatch.setattr(ner, "recognise", lambda t, lang: [hamas_beijing, army])
    article = sentences.run(article_from_text(text, "en"))
    found = [(m.text, m.label, m.sentence) for m in entities.mentions_of(article)]
    assert ("Hamas", "ORG", 0) in found and ("Beijing", "LOC", 1) in found  # Hamas: listed, an organisation
    assert not any("." in name and "U.S." not in name for name, _label, _sentence in found)
    assert ("U.S. Army", "ORG", 2) in found  # an abbreviation's full stop ends no sentence


def test_a_recognised_name_is_not_cut_after_an_initialism():
    text = "He played for S.L. Benfica and for D.C. United."
    spans = [ner.RawSpan(text.index("S.L."), text.index(" and"), "ORG"),
             ner.RawSpan(text.index("D.C."), len(text) - 1, "ORG")]
    starts = [0, text.index("Benfica"), text.index("United")]  # what a splitter reading "S.L." alone may give
    kept = entity_spans.split_at_sentences(text, spans, starts)
    assert [text[s.start : s.end] for s in kept] == ["S.L. Benfica", "D.C. United"]


def test_an_outlet_named_by_its_web_address_is_an_organisation(monkeypatch):
    text = "As reported by OBOZ.UA, talks failed. Onet.pl agreed; see https://Lenta.ru/news or write to Desk@Ria.ru."
    oboz = ner.RawSpan(text.index("OBOZ"), text.index(","), "LOC")
    spans = entity_spans.with_web_outlets(text, [oboz])
    assert [(text[s.start : s.end], s.label) for s in spans] == [("OBOZ.UA", "MISC"), ("Onet.pl", "MISC")]
    assert entity_spans.with_web_outlets("They met in Moscow.News came later.", []) == []


def test_famous_names_side_by_side_are_not_one_name():
    text = "He called China Russia's lifeline; the Sri Lanka Freedom Party disagreed."
    model = [ner.RawSpan(10, text.index("'s"), "ORG"), ner.RawSpan(text.index("Sri"), text.index(" disagreed"), "ORG")]
    spans = entity_spans.with_gazetteer(text, model)
    assert [(text[s.start : s.end], s.label) for s in spans] == [
        ("China", "LOC"), ("Russia", "LOC"), ("Sri Lanka Freedom Party", "ORG")]


def test_a_language_menu_names_no_entity():
    text = ("Polski\nрусский\nУкраїнська\nUA | RU | EN\n\n"
            "Putin met Xi in the Great Hall of the People in Beijing.\nEnglish")
    model = [ner.RawSpan(text.index(word), text.index(word) + len(word), "LOC")
             for word in ("Українська", "UA", "Putin", "English")]
    spans = entity_spans.without_language_menus(text, entity_spans.with_gazetteer(text, model))
    assert [text[s.start : s.end] for s in spans] == [
        "Putin", "Xi", "Great Hall of the People", "Beijing"]
    line = "The Українська правда story ran in English."  # in running text a language name stays what it was
    kept = [ner.RawSpan(4, 20, "ORG")]
    assert entity_spans.without_language_menus(line, kept) == kept


def test_a_span_without_a_letter_is_never_a_mention(monkeypatch):
    from newsgraph.pipeline import article_from_text
    from newsgraph.understand import sentences

    text = "Газ подорожчав на 59 відсотків у Києві."
    monkeypatch.setattr(ner, "recognise", lambda t, lang: [ner.RawSpan(t.index("59"), t.index("59") + 2, "LOC"),
                                                           ner.RawSpan(t.index("Києві"), len(t) - 1, "LOC")])
    article = sentences.run(article_from_text(text, "uk"))
    assert [m.text for m in entities.mentions_of(article)] == ["Києві"]


def test_an_organisation_named_after_its_district_takes_the_place_name():
    text = "Вищий суд швейцарського кантону Цуг відновив арешт, сказав суд у Києві."
    spans = [ner.RawSpan(0, text.index(" Цуг"), "ORG"), ner.RawSpan(text.index("Цуг"), text.index(" відновив"), "LOC"),
             ner.RawSpan(text.index("суд у"), text.index(" у Києві"), "ORG"),
             ner.RawSpan(text.index("Києві"), len(text) - 1, "LOC")]
    found = [(text[s.start : s.end], s.label) for s in entity_spans.with_district_names(text, spans)]
    assert found == [("Вищий суд швейцарського кантону Цуг", "ORG"), ("суд", "ORG"), ("Києві", "LOC")]


def test_the_district_name_joins_whatever_label_it_was_given():
    text = "Вищий суд швейцарського кантону Цуг відновив арешт компанії Nord Stream AG."
    court_end, zug_end = text.index(" Цуг"), text.index(" відновив")
    for label in ("ORG", "PER", "MISC"):
        spans = [ner.RawSpan(0, court_end, "ORG"), ner.RawSpan(court_end + 1, zug_end, label)]
        found = [(text[s.start : s.end], s.label) for s in entity_spans.with_district_names(text, spans)]
        assert found == [("Вищий суд швейцарського кантону Цуг", "ORG")]
    # a name of several words the model did not call a place stays apart
    text = "Суд округу Nord Stream AG відмовив."
    company = ner.RawSpan(text.index("Nord"), text.index(" відмовив"), "ORG")
    spans = [ner.RawSpan(0, text.index(" Nord"), "ORG"), company]
    assert len(entity_spans.with_district_names(text, spans)) == 2
