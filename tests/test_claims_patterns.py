"""Claim score: general patterns of news language (sentences written for these tests, none from an annotated set).

Digits that count nothing (clock times, ranks, ordinals, identifiers), spelled-out numbers, page furniture,
listicles, greetings, imperatives, the writer's own voice, attributed opinions, and digitless reports of decisions.
"""

from __future__ import annotations

import pytest

from newsgraph.understand.claims import MIN_SCORE, SentenceSignals, score_sentence
from newsgraph.understand.claims_numbers import find_numbers


def _score(text: str, lang: str) -> float:
    return score_sentence(SentenceSignals(text, lang, [], False))[0]


def _kinds(text: str) -> set[tuple[str, str]]:
    return {(n.text, n.kind) for n in find_numbers(text)}


def test_clock_times_ranks_ordinals_and_identifiers_are_not_quantities():
    assert _kinds("Updated at 09:30 CET") == {("09:30", "time")}
    assert ("7pm", "time") in _kinds("The debate starts at 7pm on Friday")
    assert ("godz. 18", "time") in _kinds("Sklepy będą otwarte do godz. 18 w sobotę")
    assert ("Top 7", "rank") in _kinds("Top 7 gadgets of the year")
    assert ("25th", "ordinal") in _kinds("The 25th edition of the fair")
    assert ("20-річчя", "ordinal") in _kinds("Компанія відзначила 20-річчя")
    assert ("1234567890", "identifier") in _kinds("Телефон 1234567890")
    assert ("12,5%", "quantity") in _kinds("Безработица выросла до 12,5% в мае")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Rescuers pulled eleven miners out of the shaft.", "eleven miners"),
        ("Ураган зруйнував триста будинків на узбережжі.", "триста будинків"),
        ("Суд оштрафовал компанию на пятьсот тысяч рублей.", "пятьсот тысяч рублей"),
        ("Do szpitala trafiło dwadzieścia osób.", "dwadzieścia osób"),
    ],
)
def test_spelled_out_numbers_are_quantities(text, number):
    assert (number, "quantity") in _kinds(text)


def test_a_number_word_referring_back_is_no_new_quantity():
    assert _kinds("The talks between the two delegations went on.") == set()
    assert _kinds("The two were expected in Vienna.") == set()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Photo: Associated Press / John Doe"),
        ("en", "Updated at 09:30 CET."),
        ("en", "Top 7 gadgets you will want this Christmas"),
        ("en", "12 tips for a calmer morning routine"),
        ("en", "Congratulations to our sports desk on 20 years of live coverage!"),
        ("en", "© 2025 Example Media. All rights reserved."),
        ("uk", "Відео: як минув фестиваль у Полтаві"),
        ("uk", "Діліться новиною в соцмережах та коментуйте!"),
        ("ru", "Читайте также: 8 ошибок при выборе ноутбука"),
        ("ru", "Как выбрать зимние шины: советы экспертов"),
        ("pl", "Aktualizacja: 11:40"),
        ("pl", "Sprawdź, które drogi będą zamknięte w weekend."),
        ("pl", "Jak obliczyć podatek od darowizny? Poradnik"),
    ],
)
def test_page_furniture_listicles_greetings_and_calls_to_action_are_dropped(lang, text):
    assert _score(text, lang) < MIN_SCORE


@pytest.mark.parametrize(
    ("lang", "fact", "opinion"),
    [
        ("en", '"The pipeline was shut on Monday," the operator said.', '"This is an outrage," the operator said.'),
        ("uk", "«Рейс скасували через туман», — повідомили в аеропорту.", "«Це ганьба», — заявив депутат."),
        ("ru", "«Поставки прекращены с понедельника», — заявили в компании.", "«Это позор», — заявил депутат."),
        ("pl", "„Zakład wstrzymał produkcję” – poinformował rzecznik.", "„To hańba” – powiedział poseł."),
    ],
)
def test_an_attributed_fact_scores_above_an_attributed_exclamation(lang, fact, opinion):
    assert _score(fact, lang) >= MIN_SCORE > _score(opinion, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The regulator revoked the broadcaster's licence after the hearing."),
        ("en", "The defence ministry denied that its aircraft had crossed the border."),
        ("uk", "Апеляційний суд скасував вирок колишньому меру."),
        ("uk", "Ціни на пальне в області знизилися вдруге за місяць."),
        ("ru", "Губернатор отправил в отставку министра здравоохранения региона."),
        ("ru", "Прокуратура предъявила обвинение директору завода."),
        ("pl", "Senat odrzucił poprawki opozycji do ustawy o podatkach."),
        ("pl", "Ceny prądu dla firm wzrosły od stycznia."),
    ],
)
def test_reported_decisions_rulings_and_changes_are_kept_without_digits(lang, text):
    assert _score(text, lang) >= MIN_SCORE


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I spent 5 hours at the airport and honestly it was fine."),
        ("uk", "Ми всі чекаємо на весну."),
        ("ru", "Мне кажется, что 2 недели отпуска — это мало."),
        ("pl", "Moim zdaniem ta reforma nie ma sensu."),
    ],
)
def test_the_writers_own_voice_and_opinions_are_dropped(lang, text):
    assert _score(text, lang) < MIN_SCORE


def test_we_inside_a_quote_is_the_speakers_and_costs_nothing():
    inside = SentenceSignals('"We closed the plant on Monday," the owner said.', "en", [], False)
    outside = SentenceSignals("We closed the plant on Monday, the owner said.", "en", [], False)
    assert "first_person" not in inside.cues and "first_person" in outside.cues


def test_a_bare_future_is_a_forecast_only_with_a_source():
    bare = SentenceSignals("Prices will keep rising.", "en", [], False)
    sourced = SentenceSignals("Prices will keep rising, the central bank said.", "en", [], False)
    assert "prediction" not in bare.cues and "prediction" in sourced.cues
