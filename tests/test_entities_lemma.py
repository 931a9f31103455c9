"""Base forms of names in uk / ru (pymorphy3) and pl (lexicon + suffix rules); en possessives."""

import pytest

from newsgraph.understand.lemma import lemmatize, restore_case


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Світової організації охорони здоров'я", "ORG", "Світова організація охорони здоров'я"),
        ("Путіна", "PER", "Путін"),
        ("Сі Цзіньпіном", "PER", "Сі Цзіньпін"),
        ("Габуєва", "PER", "Габуєв"),
        ("Олександра Габуєва", "PER", "Олександр Габуєв"),
        ("Терези Мей", "PER", "Тереза Мей"),
        ("Юлії Тимошенко", "PER", "Юлія Тимошенко"),
        ("Міжнародного кримінального суду", "ORG", "Міжнародний кримінальний суд"),
        ("Сполучених Штатів", "LOC", "Сполучені Штати"),
        ("Верховної Ради", "ORG", "Верховна Рада"),
        ("Нью-Йорка", "LOC", "Нью-Йорк"),
        ("Пекіна", "LOC", "Пекін"),
        ("України", "LOC", "Україна"),
        ("КИЇВ", "LOC", "Київ"),
        ("ЄС", "ORG", "ЄС"),
        ('"Економічну правду"', "PRO", '"Економічна правда"'),
        ("«Інтерфакс-Україна»", "ORG", "Інтерфакс-Україна"),
    ],
)
def test_ukrainian_base_forms(text, label, expected):
    assert lemmatize(text, label, "uk") == expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Путина", "PER", "Путин"),
        ("Путину", "PER", "Путин"),
        ("Си Цзиньпина", "PER", "Си Цзиньпин"),
        ("Международного уголовного суда", "ORG", "Международный уголовный суд"),
        ("Антона Силуанова", "PER", "Антон Силуанов"),
        ("Германии", "LOC", "Германия"),
        ("Соединенных Штатов", "LOC", "Соединенные Штаты"),
        ("МОСКВА", "LOC", "МОСКВА"),
        ("НАТО", "ORG", "НАТО"),
    ],
)
def test_russian_base_forms(text, label, expected):
    assert lemmatize(text, label, "ru") == expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Putina", "PER", "Putin"),
        ("Zełenskiego", "PER", "Zełenski"),
        ("Unii Europejskiej", "ORG", "Unia Europejska"),
        ("Xi Jinpinga", "PER", "Xi Jinping"),
        ("NATO", "ORG", "NATO"),
        ("Money.pl", "PRO", "Money.pl"),
    ],
)
def test_polish_base_forms(text, label, expected):
    assert lemmatize(text, label, "pl") == expected


def test_polish_genitive_complement_is_kept():
    assert lemmatize("MSZ Ukrainy", "ORG", "pl") == "MSZ Ukrainy"


def test_english_drops_the_possessive():
    assert lemmatize("Xi Jinping's", "PER", "en") == "Xi Jinping"
    assert lemmatize("Putin", "PER", "en") == "Putin"


def test_restore_case_follows_the_model_word():
    assert restore_case("нью-йорк", "Нью-Йорка") == "Нью-Йорк"
    assert restore_case("ради", "РАДИ") == "РАДИ"


def test_polish_adjective_agrees_with_a_neuter_head():
    assert lemmatize("Morza Czarnego", "LOC", "pl") == "Morze Czarne"
    assert lemmatize("Morzu Bałtyckim", "LOC", "pl") == "Morze Bałtyckie"


def test_polish_words_in_gie_kie_are_not_locatives():
    # Praga -> Pradze, Hamburg -> Hamburgu: no Polish locative ends in -gie/-kie, so these are nominatives.
    assert lemmatize("Engie", "ORG", "pl") == "Engie"
    assert lemmatize("Warszawie", "LOC", "pl") == "Warszawa"


def test_polish_adjective_before_its_head_agrees_with_it():
    assert lemmatize("Polskiego Radia", "PRO", "pl") == "Polskie Radio"
    assert lemmatize("Federalnego Trybunału Konstytucyjnego", "ORG", "pl") == "Federalny Trybunał Konstytucyjny"
    assert lemmatize("Międzynarodowego Forum Ekonomicznego", "EVT", "pl") == "Międzynarodowe Forum Ekonomiczne"


def test_polish_rules_keep_a_stem_and_polish_spelling():
    assert lemmatize("Die Welt", "PRO", "pl") == "Die Welt"  # a rule from longer words would leave "D"
    assert lemmatize("Tom Brake", "PER", "pl") == "Tom Brake"
    assert lemmatize("Helsinkach", "LOC", "pl") == "Helsinki"  # k + i, never "Helsinky"
    assert lemmatize("Kentucky", "LOC", "pl") == "Kentucky"  # unchanged words keep their spelling


def test_polish_names_with_numbers_are_inflected_around_them():
    assert lemmatize("Gazociągu Północnego 2", "PRO", "pl") == "Gazociąg Północny 2"
    assert lemmatize("Money.pl", "PRO", "pl") == "Money.pl"
