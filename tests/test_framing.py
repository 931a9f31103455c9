"""Framing stage: lexicon spans, techniques, targets, model files and the SemEval span scorer (own test texts)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from newsgraph.eval.framing import merge, span_f1
from newsgraph.model import Mention
from newsgraph.pipeline import article_from_text
from newsgraph.understand import framing, sentences
from newsgraph.understand.framing_lexicon import lexicon
from newsgraph.understand.framing_model import FramingModel, decode

TEXT_EN = (
    "On Tuesday, Russian dictator Vladimir Putin flew to Beijing to meet Xi Jinping. "
    "It is the third trip abroad for the terrorist head of state since the court in The Hague issued its warrant. "
    "Stay with us and do not fall for fakes!"
)


def _mention(text: str, surface: str, label: str, entity_id: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, label, lemma=surface, entity_id=entity_id)


def _framed(text: str, lang: str, mentions=()):
    article = sentences.run(article_from_text(text, lang))
    return framing.run(replace(article, mentions=tuple(mentions))).framing


def _span(found, fragment):
    return next(f for f in found if fragment in f.text)


def test_name_calling_takes_the_adjective_and_targets_the_head_it_modifies():
    mentions = [_mention(TEXT_EN, "Vladimir Putin", "PER", "Q7747"), _mention(TEXT_EN, "Xi Jinping", "PER", "Q15031"),
                _mention(TEXT_EN, "Beijing", "LOC", "Q956")]
    found = _framed(TEXT_EN, "en", mentions)
    dictator = _span(found, "dictator")
    assert dictator.technique == "name_calling"
    assert TEXT_EN[dictator.start : dictator.end] == dictator.text == "Russian dictator"
    assert dictator.target_entity_id == "Q7747" and dictator.sentence == 0


def test_a_description_refers_back_to_the_most_named_person_not_the_last_one():
    text = "Putin met the press. " + TEXT_EN
    mentions = [_mention(text, "Putin", "PER", "Q7747"), _mention(text, "Vladimir Putin", "PER", "Q7747"),
                _mention(text, "Xi Jinping", "PER", "Q15031")]
    head = _span(_framed(text, "en", mentions), "terrorist head of state")
    assert head.technique == "name_calling" and head.target_entity_id == "Q7747"


def test_without_mentions_targets_fall_back_to_the_name_after_the_span():
    found = _framed(TEXT_EN, "en")
    dictator = _span(found, "dictator")
    assert dictator.target == "Vladimir Putin" and dictator.target_entity_id is None
    assert _span(found, "terrorist head of state").target is None
    assert _span(found, "fall for fakes").technique == "slogans"


def test_without_mentions_a_span_stops_before_the_name_it_runs_into():
    text = "Yesterday the Russian dictator Vladimir Putin spoke. The Kremlin Palace was shut."
    cut = framing._before_trailing_name
    end = text.index(" Putin")
    assert text[text.index("the Russian"):cut(text, text.index("the Russian"), end)] == "the Russian dictator"
    assert cut(text, text.index("Russian"), text.index(" dictator")) == text.index(" dictator")  # no name after it
    kremlin = text.index("Kremlin")
    assert cut(text, kremlin, kremlin + len("Kremlin")) == kremlin + len("Kremlin")  # capitalised words only: kept


def test_a_place_label_does_not_target_a_person():
    text = "The finance minister of the aggressor country Ivan Petrov admitted the losses."
    mentions = [_mention(text, "Ivan Petrov", "PER", "Q1")]
    span = _span(_framed(text, "en", mentions), "aggressor country")
    assert span.target_entity_id is None


@pytest.mark.parametrize(
    ("lang", "text", "fragment", "technique"),
    [
        ("uk", "Вранці російський диктатор прилетів до Пекіна.", "російський диктатор", "name_calling"),
        ("uk", "Країна-агресор нібито готує новий наступ.", "нібито", "doubt"),
        ("ru", "Так называемые выборы прошли под дулами автоматов.", "Так называемые", "doubt"),
        ("ru", "Киевский режим снова устроил провокацию.", "режим", "name_calling"),
        ("pl", "Rosyjski dyktator przyleciał do Pekinu.", "Rosyjski dyktator", "name_calling"),
        ("pl", "To była haniebna decyzja rządu.", "haniebna", "loaded_language"),
    ],
)
def test_slavic_lexicon_spans(lang, text, fragment, technique):
    found = _framed(text, lang)
    assert any(f.technique == technique and fragment in f.text for f in found), found


def test_ukrainian_label_targets_the_person_it_modifies():
    text = "Російський диктатор Путін прибув до Китаю."
    mentions = [_mention(text, "Путін", "PER", "Q7747")]
    span = _span(_framed(text, "uk", mentions), "диктатор")
    assert span.target_entity_id == "Q7747" and span.target == "Путін"


def test_lexicon_matches_inflections_and_longest_phrases_only():
    hits = lexicon("uk").find("Диктатора засудили, а країни-агресора ізолювали.")
    assert [h.technique for h in hits] == ["name_calling", "name_calling"]
    hits = lexicon("en").find("the terrorist head of state")
    assert len(hits) == 1 and hits[0].targets == ("PER",)


def test_decode_joins_runs_and_bridges_one_weak_token():
    spans = [(0, 3), (4, 8), (9, 11), (12, 16), (17, 20)]
    probs = np.array([[0.9], [0.2], [0.8], [0.1], [0.7]])
    guesses = decode(spans, probs, ("loaded_language",), np.array([0.5]))
    assert [(g.start, g.end) for g in guesses] == [(0, 3), (9, 11), (17, 20)]
    probs[1, 0] = 0.3
    guesses = decode(spans, probs, ("loaded_language",), np.array([0.5]))
    assert [(g.start, g.end) for g in guesses][0] == (0, 11)


def test_model_round_trip_and_fast_path_equal_the_training_path(tmp_path):
    rng = np.random.default_rng(0)
    rows = np.arange(1, 1 << 12, dtype=np.int64) * 97 % (1 << 20)
    model = FramingModel("en", ("loaded_language", "name_calling"), rows,
                         rng.normal(size=(len(rows), 2)).astype(np.float32), np.array([-2.0, -3.0]),
                         np.array([0.5, 0.5]))
    model.save(tmp_path / "m")
    loaded = FramingModel.load(tmp_path / "m")
    words = "the brutal regime of the tyrant fell".split()
    fast = loaded.text_scores(words)
    slow = loaded.token_scores(loaded.featurizer.transform(words))
    assert np.allclose(fast, slow, atol=1e-3)
    assert loaded.techniques == model.techniques


def test_span_scorer_follows_the_semeval_overlap_definition():
    assert merge([(5, 9), (0, 3), (2, 4)]) == [(0, 4), (5, 9)]
    p, r, f = span_f1([[(0, 10)]], [[(0, 5), (20, 25)]])
    assert p == pytest.approx(0.5) and r == pytest.approx(0.5) and f == pytest.approx(0.5)
    assert span_f1([[]], [[]]) == (0.0, 0.0, 0.0)


def test_shipped_models_load_when_present():
    from newsgraph.understand.framing_model import MODELS_DIR, load_model

    for lang in ("en", "uk", "ru", "pl"):
        if (MODELS_DIR / f"framing-{lang}" / "model.npz").exists():
            model = load_model(lang)
            assert model.lang == lang and "loaded_language" in model.techniques
            assert isinstance(model.predict("A brutal, shameless lie."), list)


def test_tagger_spans_lose_function_words_at_their_edges():
    text = "the dictatorial leader, and"
    start, end = framing._trim(text, 0, len(text))
    assert text[start:end] == "dictatorial leader"


def test_on_a_tie_a_description_refers_back_to_the_first_person_named():
    text = ("In the morning the Ruritanian dictator Ivan Gromov flew to Astana and met Ali Rahman there. "
            "It is the second trip abroad for the terrorist head of state since the court issued its warrant.")
    mentions = [_mention(text, "Ivan Gromov", "PER", "P1"), _mention(text, "Astana", "LOC", "L1"),
                _mention(text, "Ali Rahman", "PER", "P2"), _mention(text, "the court", "ORG", "O1")]
    found = _framed(text, "en", mentions)
    assert _span(found, "Ruritanian dictator").target_entity_id == "P1"
    assert _span(found, "terrorist head of state").target_entity_id == "P1"


def test_a_neutral_role_noun_alone_is_not_name_calling():
    from newsgraph.understand.framing import frame_text

    spans = frame_text("The Chinese leader Xi Jinping hosted the Russian leader in Beijing on Tuesday.", "en")
    assert not [s for s in spans if s.technique == "name_calling"]


# --- targets: labels keep their referent, places are not guessed, person roles ask for a person -----------------
TEXT_VISIT = (
    "Brutal dictator Ivan Petrov landed in Arlen on Monday. Ivan Petrov wants cheap loans. "
    "Petrov brought ministers. "
    "The host, Mark Olsen, greeted the guests. Mark Olsen smiled for the cameras. "
    "A spokesman said that the dictator will also see the king of Tamar."
)


def _visit_mentions():
    return [_mention(TEXT_VISIT, "Ivan Petrov", "PER", "P1"), _mention(TEXT_VISIT, "Arlen", "LOC", "L1"),
            _mention(TEXT_VISIT, "Ivan Petrov", "PER", "P1", 1), _mention(TEXT_VISIT, "Petrov", "PER", "P1", 2),
            _mention(TEXT_VISIT, "Mark Olsen", "PER", "P2"), _mention(TEXT_VISIT, "Mark Olsen", "PER", "P2", 1),
            _mention(TEXT_VISIT, "Tamar", "LOC", "L2")]


def test_a_label_used_again_keeps_the_name_it_was_first_attached_to():
    found = _framed(TEXT_VISIT, "en", _visit_mentions())
    labels = [f for f in found if f.technique == "name_calling" and "dictator" in f.text]
    assert [f.target_entity_id for f in labels] == ["P1", "P1"]  # not P2, named last before the second one


def test_a_person_description_prefers_the_most_named_person_of_the_article():
    text = TEXT_VISIT.replace("the dictator", "the terrorist head of state")
    span = _span(_framed(text, "en", _visit_mentions()), "terrorist head of state")
    assert span.target_entity_id == "P1"  # three mentions against two (+1 for the window)


def test_a_place_description_without_a_country_in_its_sentence_gets_no_target():
    text = ("The court in Arlen issued a warrant. Judges in Arlen met in Tamar. "
            "Days later the leader of the aggressor country flew to Osla.")
    mentions = [_mention(text, "Arlen", "LOC", "L1"), _mention(text, "Arlen", "LOC", "L1", 1),
                _mention(text, "Tamar", "LOC", "L2"), _mention(text, "Osla", "LOC", "L3")]
    span = _span(_framed(text, "en", mentions), "aggressor country")
    assert span.target is None and span.target_entity_id is None


def test_a_conventional_epithet_targets_its_referent_when_the_article_names_it():
    text = ("Ukraine said Russia launched 40 drones. Later the leader of the aggressor country flew to Osla, "
            "and Ukraine's envoy spoke of the aggressor country again.")
    mentions = [_mention(text, "Ukraine", "LOC", "g:ukraine"), _mention(text, "Russia", "LOC", "g:russia"),
                _mention(text, "Osla", "LOC", "L3"), _mention(text, "Ukraine", "LOC", "g:ukraine", 1)]
    spans = [f for f in _framed(text, "en", mentions) if f.text.endswith("aggressor country")]
    assert [f.target_entity_id for f in spans] == ["g:russia", "g:russia"]  # not Ukraine, named nearer
    uk = "Міністр фінансів країни-агресора заявив, що дрони надав Пекін. Росія це визнала."
    uk_mentions = [_mention(uk, "Пекін", "LOC", "g:beijing"), _mention(uk, "Росія", "LOC", "g:russia")]
    assert _span(_framed(uk, "uk", uk_mentions), "країни-агресора").target_entity_id == "g:russia"
    ru = "Россия отвергла обвинения. Но страна-агрессор снова обстреляла город."
    found = _framed(ru, "ru", [_mention(ru, "Россия", "LOC", "g:russia")])
    aggressor = [f for f in found if "агрессор" in f.text]
    assert aggressor and all(f.target_entity_id != "g:russia" for f in aggressor)  # ru has no such table


def test_a_place_description_takes_the_country_named_before_it_in_its_sentence():
    text = "Ministers of Norvia, the aggressor state, denied everything."
    span = _span(_framed(text, "en", [_mention(text, "Norvia", "LOC", "L9")]), "aggressor state")
    assert span.target_entity_id == "L9"


def test_a_tagger_span_ending_in_a_role_targets_a_person_not_a_country():
    from newsgraph.understand.framing_targets import PERSON_ONLY, TargetResolver

    text = "Petrov spoke first. The deal pleased Norvia and its bloodthirsty leader, the papers wrote."
    article = sentences.run(article_from_text(text, "en"))
    article = replace(article, mentions=(_mention(text, "Petrov", "PER", "P1"), _mention(text, "Norvia", "LOC", "L9")))
    start = text.index("bloodthirsty leader")
    end = start + len("bloodthirsty leader")
    assert framing._tagger_targets(text, start, end) == PERSON_ONLY
    target = TargetResolver(article).resolve(start, end, "name_calling", 1, PERSON_ONLY)
    assert target.entity_id == "P1"


def test_hysteresis_decoding_grows_a_sure_word_into_its_weaker_neighbours_within_a_sentence():
    spans = [(0, 3), (4, 8), (9, 11), (12, 16), (17, 20), (21, 24)]
    probs = np.array([[0.1], [0.3], [0.7], [0.3], [0.35], [0.3]])
    breaks = np.array([False, False, False, False, True, False])  # token 4 starts a new sentence
    guesses = decode(spans, probs, ("loaded_language",), np.array([0.6]), breaks, low=np.array([0.25]))
    assert [(g.start, g.end, g.score) for g in guesses] == [(4, 16, 0.7)]  # tokens 4-5 have no sure word of their own


def test_model_files_keep_the_hysteresis_thresholds(tmp_path):
    rows = np.arange(1, 100, dtype=np.int64)
    model = FramingModel("en", ("loaded_language",), rows, np.zeros((99, 1), np.float32), np.array([-1.0]),
                         np.array([0.4]), low=np.array([0.1]))
    model.save(tmp_path / "m")
    assert FramingModel.load(tmp_path / "m").low.tolist() == pytest.approx([0.1])


def test_paragraph_view_counts_a_paragraph_once_per_technique():
    from newsgraph.eval.framing_paragraphs import paragraph_f1

    paragraphs = [[(0, 10, frozenset({"loaded_language"})), (11, 20, frozenset()),
                   (21, 30, frozenset({"name_calling"}))]]
    predicted = [{"loaded_language": [(1, 3), (5, 7), (12, 14)], "name_calling": []}]
    scores = paragraph_f1(paragraphs, predicted, ("loaded_language", "name_calling"))
    assert scores["loaded_language"] == pytest.approx((0.5, 1.0, 2 / 3))
    assert scores["name_calling"] == (0.0, 0.0, 0.0)
    assert scores["*"] == pytest.approx((0.5, 0.5, 0.5))


@pytest.mark.parametrize(("lang", "phrase", "neutral"), [
    ("en", "the country's leader", True), ("en", "Chinese leader", True), ("en", "its leaders", True),
    ("en", "bloodthirsty leader", False), ("uk", "російський президент", True), ("pl", "Rosyjski prezydent", True),
    ("en", "Chinese", False),  # no role noun at all: not this filter's business
])
def test_role_nouns_with_only_determiners_and_nationalities_are_not_name_calling(lang, phrase, neutral):
    assert framing._only_neutral_roles(phrase, 0, len(phrase), lang) is neutral


def test_a_span_that_reaches_into_a_name_stops_before_it():
    text = "Yesterday the brutal tyrant Ivan Petrov spoke."
    article = replace(article_from_text(text, "en"), mentions=(_mention(text, "Ivan Petrov", "PER", "P1"),))
    start, end = framing._outside_names(article, text.index("brutal"), text.index(" Petrov"))
    assert text[start:end] == "brutal tyrant"


def test_a_person_or_organisation_label_refers_back_to_the_most_named_person():
    text = "Ivan Petrov spoke. Ivan Petrov left. Then the puppet flew home."
    mentions = [_mention(text, "Ivan Petrov", "PER", "P1"), _mention(text, "Ivan Petrov", "PER", "P1", 1)]
    span = _span(_framed(text, "en", mentions), "puppet")
    assert span.technique == "name_calling" and span.target_entity_id == "P1"  # "puppet*": "PER ORG"
