"""Claims stage: kinds, numbers, entities and scores in en/uk/ru/pl (texts written for these tests)."""

from __future__ import annotations

import pytest

from newsgraph.model import Mention
from newsgraph.pipeline import article_from_text
from newsgraph.understand import claims, sentences
from newsgraph.understand.claims_numbers import find_numbers


def _claims(text: str, lang: str, mentions=()):
    article = sentences.run(article_from_text(text, lang))
    from dataclasses import replace

    return claims.run(replace(article, mentions=tuple(mentions))).claims


def _by_text(found, fragment):
    return next(c for c in found if fragment in c.text)


TEXT_EN = (
    "In April 2024, the tribunal in Geneva issued a warrant for the general. "
    "He can be detained in any of the 124 states that have joined the treaty. "
    "What will happen next? "
    "Follow our Telegram channel and do not fall for fakes!"
)


def test_english_numbers_kinds_and_low_scores_for_questions_and_promo():
    found = _claims(TEXT_EN, "en")
    event = _by_text(found, "April 2024")
    assert event.kind == "event" and "April 2024" in event.numbers
    number = _by_text(found, "124 states")
    assert number.kind == "number" and "124 states" in number.numbers
    assert number.score >= 0.5
    assert not any("What will happen" in c.text or "Telegram" in c.text for c in found)


def test_entities_of_a_claim_come_from_mentions_inside_the_sentence():
    text = "Finance minister Ivan Petrenko said that 80 percent of the drones came from Ruritania."
    start = text.index("Ivan Petrenko")
    country = text.index("Ruritania")
    mentions = [Mention(start, start + 13, "Ivan Petrenko", "PER", entity_id="Q1"),
                Mention(country, country + 9, "Ruritania", "LOC", entity_id="Q2")]
    (claim,) = _claims(text, "en", mentions)
    assert claim.entity_ids == ("Q1", "Q2")
    assert claim.kind == "number" and "80 percent" in claim.numbers[0]
    assert claim.sentence == 0 and claim.start == 0 and claim.end == len(text)


def test_a_digit_inside_a_name_is_no_quantity():
    text = "The second sentence says nothing. A court froze shares of Nord Stream 2 AG and 40 tankers."
    name = text.index("Nord Stream 2 AG")
    mentions = [Mention(name, name + len("Nord Stream 2 AG"), "Nord Stream 2 AG", "ORG", entity_id="O1")]
    claim = _by_text(_claims(text, "en", mentions), "froze")
    assert claim.numbers == ("40 tankers",) and claim.kind == "number"
    without_entities = _by_text(_claims(text, "en"), "froze")  # no entity stage: nothing tells the name apart
    assert "2" in " ".join(without_entities.numbers)


@pytest.mark.parametrize(
    ("lang", "text", "kind", "number"),
    [
        ("uk", "У березні 2023 року суд у Гаазі видав ордер на арешт генерала.", "event", "березні 2023"),
        ("uk", "Його можуть затримати в будь-якій із 124 країн, що ратифікували статут.", "number", "124 країн"),
        ("ru", "В марте 2023 года суд в Гааге выдал ордер на арест генерала.", "event", "марте 2023"),
        ("ru", "На форум пригласили лидеров из 130 стран, сообщил МИД.", "number", "130 стран"),
        ("pl", "W marcu 2023 roku sąd w Hadze wydał nakaz aresztowania generała.", "event", "marcu 2023"),
        ("pl", "Na forum zaproszono przywódców ze 130 państw, poinformował MSZ.", "number", "130 państw"),
    ],
)
def test_slavic_kinds_and_numbers(lang, text, kind, number):
    (claim,) = _claims(text, lang)
    assert claim.kind == kind
    assert number in claim.numbers


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "Because of the drought, the harvest of the Nord region shrank sharply.", "causal"),
        ("en", "The Finance Ministry expects the deficit of Ruritania to grow next year.", "prediction"),
        ("uk", "Міністр фінансів Антон Коваль заявив, що уряд підтримує реформу.", "attributed"),
        ("ru", "Из-за засухи урожай в Краснодарском крае резко сократился.", "causal"),
        ("pl", "Minister Jan Nowak powiedział, że rząd poprze reformę.", "attributed"),
    ],
)
def test_cue_kinds(lang, text, kind):
    (claim,) = _claims(text, lang)
    assert claim.kind == kind


def test_opinions_and_questions_score_below_facts():
    facts = _claims("The council approved a budget of 4 billion euros on Monday.", "en")
    opinion = claims.score_sentence(claims.SentenceSignals("I think we should all relax a bit.", "en", [], False))
    question = claims.score_sentence(claims.SentenceSignals("Who will win the vote in Ruritania?", "en", [], False))
    assert facts and facts[0].score > opinion[0] and facts[0].score > question[0]
    assert opinion[0] < claims.MIN_SCORE and question[0] < claims.MIN_SCORE


def test_numbers_keep_the_counted_noun_and_read_dates_first():
    found = {(n.text, n.kind) for n in find_numbers("By March 2023, 2,5 млн людей and 12 000 человек; $3 billion")}
    assert ("March 2023", "date") in found
    assert ("2,5 млн людей", "quantity") in found
    assert ("12 000 человек", "quantity") in found
    assert any(text.startswith("$3 billion") for text, _ in found)


def test_stage_runs_without_sentences_or_mentions():
    article = article_from_text("The plant produced 300 tonnes of steel in May 2022, the owner said.", "en")
    found = claims.run(article).claims
    assert found and found[0].numbers[:2] == ("300 tonnes", "May 2022")
