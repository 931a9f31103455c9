"""Quotes stage: the team's gold cases (en uk ru pl), the seed page, offsets, mentions, store and CLI."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import FIXTURES, shared_path
from newsgraph.eval.quotes import load_gold_cases
from newsgraph.model import Mention
from newsgraph.pipeline import analyze, article_from_text
from newsgraph.understand import quotes as quotes_stage

CASES = load_gold_cases(FIXTURES / "quotes")


def _quotes(text: str, lang: str, stages=("sentences", "quotes")):
    return analyze(article_from_text(text, lang), stages=stages, strict=False).quotes


def _overlap(quote, start: int, end: int) -> float:
    return max(0, min(quote.end, end) - max(quote.start, start)) / (end - start)


@pytest.mark.parametrize("stages", [("sentences", "quotes"), ("sentences", "entities", "quotes")],
                         ids=["fallback-speakers", "with-entities"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_case(case, stages):
    # "with-entities" uses the entities stage's mentions where its model is installed (strict=False skips it if not)
    found = _quotes(case.text, case.lang, stages)
    assert len(found) == len(case.gold), [q.text for q in found]
    for gold in case.gold:
        best = max(found, key=lambda q: _overlap(q, gold.start, gold.end))
        assert _overlap(best, gold.start, gold.end) >= 0.8, (best.text, case.text[gold.start : gold.end])
        assert (best.speaker, best.kind) == (gold.source, gold.kind), best


def test_every_language_and_convention_has_cases():
    assert {c.lang for c in CASES} == {"en", "uk", "ru", "pl"}
    assert all(sum(c.lang == lang for c in CASES) >= 7 for lang in ("en", "uk", "ru", "pl"))


def test_offsets_point_into_the_text():
    text = CASES[0].text
    for quote in _quotes(text, "en"):
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert text[quote.speaker_start : quote.speaker_end] == "she"
        assert quote.speaker_via == "pronoun" and quote.sentence == 1


def test_interrupted_quote_keeps_one_speaker_for_both_parts():
    text = "Mayor Tom Baker spoke. “Yes,” he said, “we expected it.” Then he left."
    parts = _quotes(text, "en")
    assert [q.text for q in parts] == ["Yes", "we expected it."]
    assert {q.speaker for q in parts} == {"Tom Baker"} and {q.cue for q in parts} == {"said"}


def test_apostrophes_are_not_quote_marks():
    assert _quotes("Putin's plane landed. The Kremlin's press service didn't comment.", "en") == ()


def test_speaker_comes_from_mentions_when_the_entities_stage_filled_them():
    text = "Володимир Зеленський прибув до Варшави. «Ми готові», — сказав президент Зеленський."
    article = article_from_text(text, "uk")
    full, short = text.index("Володимир"), text.rindex("Зеленський")
    article = replace(article, mentions=(
        Mention(full, full + 20, text[full : full + 20], "PER", "Володимир Зеленський", "Q3881"),
        Mention(short, short + 10, "Зеленський", "PER", "Зеленський", "Q3881"),
    ))
    quote = quotes_stage.run(article).quotes[0]
    assert (quote.speaker, quote.speaker_entity_id, quote.speaker_via) == ("Володимир Зеленський", "Q3881", "named")


def test_unattributed_quote_without_speech_is_skipped_but_speech_is_kept():
    assert _quotes("They signed a deal promising “unlimited” relations.", "en") == ()
    kept = _quotes("“We will build it here and we will build it now.”", "en")
    assert len(kept) == 1 and kept[0].speaker is None and kept[0].speaker_via is None


@pytest.mark.parametrize("stages", [("sentences", "quotes"), None], ids=["fallback-speakers", "full-pipeline"])
def test_seed_page_who_said_what(stages):
    text = shared_path("seed", "000_952f5f0153c31d6f.txt").read_text(encoding="utf-8")
    # the full pipeline uses the entities stage's mentions where its model is installed (strict=False skips it)
    found = analyze(article_from_text(text, "en"), stages=stages, strict=False).quotes

    def by(start: str):
        return next(q for q in found if q.text.startswith(start) or start in q.text)

    assert by("Yes, some people think this is China's attempt").speaker == "Vladimir Putin"
    assert by("Russia is a safe and friendly neighbor").speaker == "Alexander Gabuev"
    gabuev = by("It is the main market for Russian goods")
    assert (gabuev.speaker, gabuev.speaker_via, gabuev.cue) == ("Alexander Gabuev", "description", "added")
    ap = by("The Russian leader will be one of the highest-ranking guests")
    assert (ap.speaker, ap.speaker_via, ap.kind) == ("AP", "organisation", "direct")
    goals = by("achieve common development goals")
    assert (goals.speaker, goals.kind) == ("Vladimir Putin", "indirect")
    assert by("the dictator is going to hold talks").speaker_via == "organisation"
    drones = by("the Russian Federation recently publicly admitted")
    assert (drones.speaker, drones.speaker_via) == ("OBOZ.UA", "organisation")  # not "OBOZ.U"


def test_store_and_cli_list_quotes_with_their_article(tmp_path):
    from typer.testing import CliRunner

    import newsgraph
    from newsgraph.cli import _load_commands, app

    db = tmp_path / "q.db"
    article = analyze(article_from_text(CASES[0].text, "en"), stages=("sentences", "quotes"))
    with newsgraph.open(db) as store:
        store.put_article(article)
        rows = store.quotes(speaker="Jane Miller")
    assert rows and rows[0]["article_id"] == article.id and rows[0]["start"] == article.quotes[0].start
    _load_commands()
    result = CliRunner().invoke(app, ["quotes", "--db", str(db), "--speaker", "Jane Miller", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "We will not let these jobs go overseas" in result.output


@pytest.mark.parametrize("stages", [("sentences", "quotes"), None], ids=["fallback-speakers", "full-pipeline"])
def test_an_outlet_named_by_its_web_address_is_a_speaker(stages):
    text = "According to Onet.pl, the minister will resign. The U.S. State Department said the talks would go on."
    found = analyze(article_from_text(text, "en"), stages=stages, strict=False).quotes
    assert [(q.speaker, q.speaker_via) for q in found] == [("Onet.pl", "organisation"),
                                                          ("U.S. State Department", "organisation")]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("uk", "\"Нафтогаз\" повідомив: \"Газпром свідомо маніпулює словами і підмінює поняття\".",
     [("Газпром свідомо маніпулює словами і підмінює поняття", "Нафтогаз")]),
    ("uk", "\"Суд не відновив арешт акцій компанії\", – заявили в \"Нафтогазі\".",
     [("Суд не відновив арешт акцій компанії", "Нафтогаз")]),
    ("ru", "«Газпром» заявил, что суд не восстановил арест акций компании.",
     [("суд не восстановил арест акций компании", "Газпром")]),
    ("uk", "У Газпромі стверджують, що швейцарський суд не відновив арешт акцій.",
     [("швейцарський суд не відновив арешт акцій", "Газпром")]),
    ("uk", "«Ні», — сказав він журналістам.", [("Ні", None)]),  # a one-word answer is still speech
])
def test_a_company_name_in_quotation_marks_is_a_speaker_not_a_quote(lang, text, expected):
    assert [(q.text, q.speaker) for q in _quotes(text, lang)] == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # A place after a preposition is not the subject: the phrase before it is.
    ("uk", "Глава МЗС ФРН Гайко Маас у Москві заявив, що уряд Німеччини підтримує будівництво газопроводу.",
     [("уряд Німеччини підтримує будівництво газопроводу", "Гайко Маас")]),
    ("ru", "Посол США в Германии Ричард Гренелл заявил, что санкции вполне вероятны.",
     [("санкции вполне вероятны", "Ричард Гренелл")]),
    # After adverbs only, "в Газпромі" still names the institution.
    ("uk", "Раніше в Газпромі заявили, що суд не відновив арешт акцій.",
     [("суд не відновив арешт акцій", "Газпром")]),
    # The verb's ending is the subject: a man's verb after a man, a sentence adverb is nobody.
    ("pl", "Minister Konrad Szymański ocenił rozmowy jako dobre. Jednocześnie zaznaczył, że Polska i Niemcy "
           "inaczej patrzą na budowę gazociągu.",
     [("Polska i Niemcy inaczej patrzą na budowę gazociągu", "Konrad Szymański")]),
    ("pl", "Gościem radia był Konrad Szymański. \"Ta sprawa jest zerojedynkowa\" - dodał.",
     [("Ta sprawa jest zerojedynkowa", "Konrad Szymański")]),
    ("pl", "Zaakcentował, że w pierwszym rzędzie jest to projekt gospodarczy.", []),
])
def test_the_subject_is_found_past_places_and_in_the_verb(lang, text, expected):
    assert [(q.text, q.speaker) for q in _quotes(text, lang, ("sentences", "entities", "quotes"))] == expected


def test_a_person_named_inside_a_quotation_is_not_whom_a_later_pronoun_means():
    text = ('Senator John Smith spoke on Monday: "I warned Peter Jones about the vote long ago." '
            "He added that the vote would fail.")
    found = _quotes(text, "en", ("sentences", "entities", "quotes"))
    assert [q.speaker for q in found] == ["John Smith", "John Smith"]
