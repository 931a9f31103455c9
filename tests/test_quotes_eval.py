"""The quotes benchmark: BRAT loading, overlap matching, grouping of interrupted quotes, speaker scoring."""

from __future__ import annotations

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.eval.quotes import GoldQuote, baseline_quotes, evaluate, load_gold_cases, load_polnear, score
from newsgraph.model import Quote

TEXT = '"We will win," Smith said. "It is certain."\nThe poll showed that voters care.\n'
ANN = (
    "T1\tSource 15 20\tSmith\n"
    "T2\tCue 21 25\tsaid\n"
    "T3\tContent 0 13;27 43\t\"We will win,\" \"It is certain.\"\n"
    "T4\tAttribution 21 25\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 44 52\tThe poll\n"
    "T6\tCue 53 59\tshowed\n"
    "T7\tContent 60 78\tthat voters care\n"
    "E2\tAttribution:T5 Content:T7 Cue:T6 Source:T5\n"
)


@pytest.fixture
def polnear(tmp_path):
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "train" / "attributions").mkdir(parents=True)
    (tmp_path / "train" / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "train" / "attributions" / "doc_ab12.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_brat_attributions_load_with_discontinuous_content(polnear):
    [case] = load_polnear(polnear)
    first, second = case.gold
    assert first.pieces == ((0, 13), (27, 43)) and first.source == "Smith" and first.cue == "said"
    assert second.cue == "showed"


def test_missing_data_says_what_to_pass(tmp_path):
    with pytest.raises(NewsgraphError, match="PolNeAR"):
        load_polnear(tmp_path)


def test_interrupted_quote_matches_as_one_attribution_and_speech_subset_drops_polls(polnear):
    [case] = load_polnear(polnear)
    result = evaluate([case])
    assert result["all"].matched[0.8] == 1 and result["all"].gold == 2
    assert result["all"].speaker_accuracy == 1.0
    assert result["speech"].gold == 1 and result["speech"].prf(0.8) == (1.0, 1.0, 1.0)


def test_overlap_thresholds_and_speaker_words():
    gold = [GoldQuote(0, 100, 110, 115, "Smith")]
    half = Quote(0, 50, "x" * 50, speaker="John Smith", speaker_start=200, speaker_end=210)
    scores = score([half], gold)
    assert scores.matched == {0.3: 1, 0.8: 0} and scores.speaker_right == 1
    wrong = Quote(0, 100, "x", speaker="Jones", speaker_start=300, speaker_end=305)
    assert score([wrong], gold).speaker_right == 0


def test_baseline_is_measured_on_the_same_cases(polnear):
    [case] = load_polnear(polnear)
    found = [(q.text, q.speaker) for q in baseline_quotes(case)]
    assert found == [("We will win", "Smith"), ("It is certain.", "Smith")]


def test_team_gold_cases_name_their_quotes_exactly(tmp_path):
    (tmp_path / "en.jsonl").write_text('{"text": "He said hi.", "quotes": [{"text": "bye", "speaker": null}]}\n')
    with pytest.raises(NewsgraphError, match="not in the text"):
        load_gold_cases(tmp_path)
