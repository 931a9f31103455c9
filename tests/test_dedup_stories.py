"""Near-duplicates and syndication: edited copies, the earliest-source rule, both on the batch and the store path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsgraph.connect import dedup
from newsgraph.connect.link import link_article
from newsgraph.connect.stories import link_articles
from newsgraph.model import Article

WIRE = (
    "Polish farmers blocked the Dorohusk border crossing with Ukraine on Monday, stopping around 600 trucks "
    "carrying Ukrainian grain. The protesters say cheap imports are pushing down prices and want the government "
    "in Warsaw to close the border to agricultural goods until the European Commission changes the trade rules. "
    "Police said the blockade would last at least three days and that drivers should expect long delays."
)
OTHER = (
    "Several hundred farmers from the Lublin region are protesting at the crossing in Dorohusk. They say cheap "
    "grain from Ukraine lowers purchase prices, while truck drivers have been waiting for days in the queue and "
    "local businesses complain about losses."
)
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_embeddings(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "0")


def _article(article_id: str, text: str, hours: float = 0, site: str = "wire.example", title: str = "Farmers block",
             fetched_hours: float | None = None) -> Article:
    fetched = T0 + timedelta(hours=fetched_hours) if fetched_hours is not None else None
    return Article(id=article_id, url=None, text=text, title=title, site=site, language="en",
                   published=T0 + timedelta(hours=hours), fetched_at=fetched)


def _edited(text: str) -> str:
    words = text.split()
    words[5] = "halted"  # an edited word
    del words[20]  # a dropped word
    return "From our wire service: " + " ".join(words) + " Subscribe to our newsletter. Photo: agency."


def test_an_edited_copy_with_its_own_headline_is_a_duplicate_of_the_source():
    original = _article("orig", WIRE)
    copy = _article("copy", _edited(WIRE), hours=2, site="city.example", title="Blockade halts grain at border")
    linked = link_articles([original, copy])
    assert linked[0].duplicate_of is None
    assert linked[1].duplicate_of == "orig"
    assert linked[0].story_id == linked[1].story_id


def test_an_independent_article_on_the_same_event_is_not_a_copy():
    linked = link_articles([_article("a", WIRE), _article("b", OTHER, hours=1, site="other.example")])
    assert [a.duplicate_of for a in linked] == [None, None]


def test_the_earliest_published_source_wins_even_when_it_arrives_last():
    late_copy = _article("copy", _edited(WIRE), hours=3, site="city.example")
    second_copy = _article("copy2", _edited(WIRE) + " Share this article.", hours=4, site="region.example")
    source = _article("source", WIRE, hours=0)
    linked = {a.id: a for a in link_articles([late_copy, second_copy, source])}
    assert linked["source"].duplicate_of is None
    assert linked["copy"].duplicate_of == "source"
    assert linked["copy2"].duplicate_of == "source"


def test_fetch_time_breaks_a_tie_in_publication_time():
    first = _article("b-fetched-first", WIRE, fetched_hours=1)
    second = _article("a-fetched-later", _edited(WIRE), fetched_hours=5, site="city.example")
    linked = {a.id: a for a in link_articles([second, first])}
    assert linked["a-fetched-later"].duplicate_of == "b-fetched-first"


def test_store_path_repoints_stored_copies_to_an_earlier_source(store):
    for article in (_article("copy", _edited(WIRE), hours=3, site="city.example"), _article("source", WIRE)):
        store.put_article(link_article(article, store))
    assert store.get_article("source").duplicate_of is None
    assert store.get_article("copy").duplicate_of == "source"
    assert store.get_article("copy").story_id == store.get_article("source").story_id


def test_signature_estimates_jaccard_and_containment():
    a = dedup.signature({f"w{i} w{i + 1} w{i + 2}" for i in range(200)})
    b = dedup.signature({f"w{i} w{i + 1} w{i + 2}" for i in range(100)})
    jaccard, containment = dedup.similarity(a, b, 200, 100)
    assert 0.35 < jaccard < 0.65
    assert containment > 0.85
    brief = dedup.signature({f"w{i} w{i + 1} w{i + 2}" for i in range(20)})
    assert dedup.similarity(a, brief, 200, 20)[1] > 0.85
    assert not dedup.is_duplicate(a, brief, 200, 20)  # a brief quoting a long article is not its copy
