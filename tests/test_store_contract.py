"""The storage contract: every backend must pass these (parametrise ``backend`` when PostgreSQL lands)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from newsgraph.model import Article, Entity, Mention, Quote, SiteTemplate, Story
from newsgraph.store import ArticleFilter, open_store


@pytest.fixture(params=["sqlite"])
def backend(request, tmp_path):
    with open_store(tmp_path / "contract.db") as store:
        yield store


def make_article(n: int = 1, **changes) -> Article:
    text = f"Wołodymyr Zełenski spotkał się z prezydentem. Artykuł numer {n}."
    base = Article(
        id=f"a{n}", url=f"https://example.pl/news/{n}", text=text, title=f"Zełenski number {n}",
        site="example.pl", language="pl", published=datetime(2023, 10, 17, 9, 0, tzinfo=UTC),
        content_hash=f"h{n}",
        mentions=(Mention(0, 18, "Wołodymyr Zełenski", "PER", "Wołodymyr Zełenski", "Q3874799"),),
        quotes=(Quote(19, 44, text[19:44], "indirect", speaker="Wołodymyr Zełenski", speaker_entity_id="Q3874799"),),
    )
    return replace(base, **changes)


def test_put_get_roundtrip(backend):
    article = make_article()
    assert backend.put_article(article, raw_html=b"<html>x</html>").status == "inserted"
    assert backend.get_article("a1") == article
    assert backend.get_article_by_url("https://example.pl/news/1") == article
    assert backend.get_raw_html("a1") == b"<html>x</html>"
    assert backend.get_raw_encoding("a1") is None
    backend.put_article(make_article(2), raw_html=b"<html>\xef</html>", raw_encoding="cp1251")
    assert backend.get_raw_encoding("a2") == "cp1251"


def test_same_content_is_not_duplicated_and_changes_update(backend):
    backend.put_article(make_article())
    assert backend.put_article(make_article()).status == "unchanged"
    changed = make_article(text="Nowy tekst artykułu.", content_hash="h-new", mentions=(), quotes=())
    assert backend.put_article(changed).status == "updated"
    assert backend.stats()["articles"] == 1
    assert backend.get_article("a1").text == "Nowy tekst artykułu."


def test_search_folds_case_and_diacritics(backend):
    backend.put_article(make_article())
    hits = backend.search("zelenski")
    assert [h.article_id for h in hits] == ["a1"]
    assert "Zełenski" in hits[0].snippet
    assert backend.search("ZEŁENSKI")
    assert backend.search("nothing-like-this") == []


def test_search_filters(backend):
    backend.put_article(make_article(1))
    backend.put_article(make_article(2, language="uk", site="other.ua"))
    assert {h.article_id for h in backend.search("Zełenski", ArticleFilter(lang="uk"))} == {"a2"}
    assert {h.article_id for h in backend.search("Zełenski", ArticleFilter(site="example.pl"))} == {"a1"}
    late = ArticleFilter(since=datetime(2024, 1, 1, tzinfo=UTC))
    assert backend.search("Zełenski", late) == []


def test_entities_quotes(backend):
    backend.put_article(make_article())
    backend.put_entities([Entity("Q3874799", "PER", "Volodymyr Zelenskyy", (("pl", "Wołodymyr Zełenski"),))])
    backend.put_entities([Entity("Q3874799", "PER", "Volodymyr Zelenskyy", (("uk", "Володимир Зеленський"),))])
    entity = backend.get_entity("Q3874799")
    assert set(entity.names) == {("pl", "Wołodymyr Zełenski"), ("uk", "Володимир Зеленський")}
    assert entity.mention_count == 1
    assert backend.find_entities("wolodymyr zelenski")[0].id == "Q3874799"
    assert backend.find_entities("Володимир")[0].id == "Q3874799"
    assert backend.top_entities(lang="pl")[0][1] == 1
    assert backend.quotes(speaker="Zełenski")[0]["article_id"] == "a1"
    assert backend.entity_mentions("Q3874799")[0]["start"] == 0


def test_site_templates_stories_state(backend):
    backend.put_site_template(SiteTemplate("example.pl", 3, (("Czytaj także", 3),), 1))
    assert backend.get_site_template("example.pl").line_counts == (("Czytaj także", 3),)
    backend.put_article(make_article())
    story = Story("s1", "Zełenski", languages=("pl",), article_ids=("a1",),
                  last_seen=datetime(2023, 10, 17, tzinfo=UTC))
    backend.put_story(story)
    backend.set_article_story("a1", "s1")
    assert backend.get_story("s1") == story
    assert backend.get_article("a1").story_id == "s1"
    assert [s.id for s in backend.stories(lang="pl")] == ["s1"]
    backend.put_state("lsh", b"\x00\x01")
    assert backend.get_state("lsh") == b"\x00\x01"


def test_reads_while_writing(tmp_path):
    """WAL: a second connection can search while the first writes."""
    path = tmp_path / "wal.db"
    with open_store(path) as writer, open_store(path) as reader:
        writer.put_article(make_article(1))
        errors = []

        def read():
            try:
                for _ in range(20):
                    reader.search("Zełenski")
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        thread = threading.Thread(target=read)
        thread.start()
        for n in range(2, 30):
            writer.put_article(make_article(n))
        thread.join()
        assert not errors
        assert reader.stats()["articles"] == 29
