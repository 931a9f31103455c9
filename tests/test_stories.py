"""Story clustering: incremental assignment, merges, time windows, cross-lingual via entity ids, and
``newsgraph.cluster`` giving exactly what the store path gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

import newsgraph
from newsgraph.connect.index import MemoryIndex, StoreIndex
from newsgraph.connect.link import link_article
from newsgraph.connect.stories import Linker
from newsgraph.eval.stories import cluster_with, score_clustering
from newsgraph.eval.stories_data import load_fixture
from newsgraph.model import Article, Mention

T0 = datetime(2026, 5, 16, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_embeddings(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "0")


def _article(article_id, title, text, lang, entities=(), hours=0.0, site=None):
    mentions = tuple(Mention(0, 0, "", "PER", entity_id=e) for e in entities)
    return Article(id=article_id, url=None, text=text, title=title, language=lang, site=site or f"{lang}.example",
                   published=T0 + timedelta(hours=hours), mentions=mentions)


VISIT = ["putin", "xi_jinping", "beijing"]
STRIKE = ["ryanair", "france", "michael_oleary"]
ARTICLES = [
    _article("en", "Putin arrives in Beijing", "The Russian president began a two-day state visit.", "en", VISIT),
    _article("uk", "Путін прибув до Пекіна", "Президент Росії розпочав дводенний державний візит.", "uk", VISIT, 1),
    _article("ru", "Путин прилетел в Пекин", "Президент России начал двухдневный государственный визит.", "ru",
             VISIT, 2),
    _article("pl", "Putin z wizytą w Pekinie", "Prezydent Rosji rozpoczął dwudniową wizytę państwową.", "pl",
             VISIT, 3),
    _article("strike", "Ryanair cancels 400 flights", "Air traffic controllers in France are on strike.", "en",
             STRIKE, 4),
    _article("strike-pl", "Ryanair odwołał 400 lotów", "Strajk kontrolerów ruchu lotniczego we Francji.", "pl",
             STRIKE, 5),
]


def test_articles_in_four_languages_join_one_story_through_entity_ids():
    ids = newsgraph.cluster(ARTICLES)
    assert len(set(ids[:4])) == 1
    assert ids[4] == ids[5] != ids[0]


def test_the_same_entities_ten_days_later_start_a_new_story():
    later = _article("later", "Putin in Beijing again", "Another visit.", "en", VISIT, hours=240)
    ids = newsgraph.cluster([*ARTICLES[:2], later])
    assert ids[0] == ids[1] != ids[2]


def test_linking_an_article_twice_keeps_its_story():
    index = MemoryIndex()
    linker = Linker(index)
    first = linker.link(ARTICLES[0])
    again = linker.link(ARTICLES[0])
    assert first.story_id == again.story_id


def _unit(vector):
    vector = np.asarray(vector, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _vectors():
    rng = np.random.default_rng(0)
    base, noise = rng.standard_normal(384), rng.standard_normal(384)
    noise -= (noise @ base) / (base @ base) * base
    a = _unit(base)
    b = _unit(base / np.linalg.norm(base) * 0.87 + noise / np.linalg.norm(noise) * np.sqrt(1 - 0.87 ** 2))
    return a, b, _unit(a + b)


def _bridge_case():
    a, b, c = _vectors()
    names = ["putin", "beijing"]  # shared entity ids: an embedding alone never joins or merges stories
    first = _article("first", "Putin arrives in Beijing", "The Russian president arrived for talks.", "en", names)
    second = _article("second", "Путін прибув до Пекіна", "Президент Росії прибув на переговори.", "uk", names,
                      hours=1)
    bridge = _article("bridge", "Putin arrives in Beijing for talks", "The Russian president arrived for talks.",
                      "en", names, hours=2)
    return [(first, a), (second, b), (bridge, c)]


def test_an_article_that_bridges_two_stories_merges_them():
    index = MemoryIndex()
    linker = Linker(index)
    (first, a), (second, b), (bridge, c) = _bridge_case()
    s1 = linker.link(first, a).story_id
    s2 = linker.link(second, b).story_id
    assert s1 != s2  # not similar enough on their own
    s3 = linker.link(bridge, c).story_id
    assert s3 == s1
    assert index.story(s2)["merged_into"] == s1
    assert index.live_story(index.article("second")["story"])["id"] == s1


def test_a_merge_retags_stored_articles_and_records_merged_into(store):
    linker = Linker(StoreIndex(store))
    for article, vector in _bridge_case():
        store.put_article(linker.link(article, vector))
    survivor = store.get_article("first").story_id
    assert store.get_article("second").story_id == survivor
    merged = [s for s in (store.get_story(a.story_id) for a in store.iter_articles()) if s]
    assert all(s.merged_into is None for s in merged)
    live = store.stories()
    assert [s.id for s in live] == [survivor]
    assert set(live[0].languages) == {"en", "uk"}


def test_cluster_equals_the_store_path_on_the_labelled_set(store):
    items = load_fixture(entities="noisy")
    articles = [i.article for i in items]
    batch = newsgraph.cluster(articles)
    for article in articles:
        store.put_article(link_article(article, store))
    stored = [store.get_article(a.id).story_id for a in articles]
    assert stored == batch
    dups = {a.id: store.get_article(a.id).duplicate_of for a in articles}
    assert all(dups[i.article.id] == i.copy_of for i in items)


def test_story_records_in_the_store_carry_title_span_languages_outlets_and_entities(store):
    for article in ARTICLES:
        store.put_article(link_article(article, store))
    visit = store.get_story(store.get_article("en").story_id)
    assert visit.title == "Putin arrives in Beijing"
    assert set(visit.languages) == {"en", "uk", "ru", "pl"}
    assert len(visit.outlets) == 4 and set(visit.article_ids) == {"en", "uk", "ru", "pl"}
    assert visit.first_seen == T0 and visit.last_seen == T0 + timedelta(hours=3)
    assert set(visit.key_entities) == set(VISIT)
    assert [s.id for s in store.stories(lang="pl")] == [store.get_article("strike").story_id, visit.id]


def test_labelled_set_without_embeddings_scores_well_with_entity_ids():
    items = load_fixture(entities="gold")
    pred, _ = cluster_with([i.article for i in items], None)
    scores = score_clustering(items, pred)
    assert scores["pairwise"].f1 >= 0.95
    assert scores["cross_language"].f1 >= 0.95


def test_weekdays_and_months_are_not_evidence_of_one_story():
    from newsgraph.connect.features import stems

    assert stems("On Thursday in September; у четвер, 5 вересня; w czwartek we wrześniu; в четверг") == []
    assert stems("Inflation slowed in September") == ["infla", "slove"]


def _same_topic_pair(hours):
    vector = _unit(np.ones(384))
    first = _article("rate-1", "Central bank raises key rate", "The central bank raised its key rate to 18%.",
                     "en", ["bank_a", "governor_a"])
    second = _article("rate-2", "Central bank keeps key rate", "Another central bank kept its rate at 15%.",
                      "en", ["bank_b"], hours=hours)
    return (first, vector), (second, vector)


@pytest.mark.parametrize(("hours", "half_life", "joined"), [(2, 1.0, True), (40, None, True), (40, 1.0, False)])
def test_embedding_evidence_fades_with_the_days_between_article_and_story(hours, half_life, joined):
    from dataclasses import replace

    from newsgraph.connect.stories import LinkSettings

    linker = Linker(MemoryIndex(), replace(LinkSettings(), vector_half_life_days=half_life))
    (first, a), (second, b) = _same_topic_pair(hours)
    assert (linker.link(first, a).story_id == linker.link(second, b).story_id) is joined
