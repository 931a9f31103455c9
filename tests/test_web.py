"""The web reader in process (FastAPI TestClient): every page and API endpoint over a small store."""

from __future__ import annotations

import io
import json
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import newsgraph
from newsgraph.web import create_app
from test_web_fixtures import build_reader_store

PAGES = ["/", "/story/story-1", "/article/art-en-1", "/entity/Q1", "/entities", "/entities?q=petr", "/search",
         "/search?q=bridges", "/search?q=bridges&lang=en&site=alpha.example&since=2026-03-01&until=2026-03-31",
         "/search?entity=Q2", "/search?q=bridges&page=2", "/quotes", "/quotes?speaker=Q1", "/quotes?about=Kyiv",
         "/quotes?lang=uk"]
API = ["/api/health", "/api/stats", "/api/front", "/api/stories", "/api/stories/story-1", "/api/articles/art-en-1",
       "/api/entities", "/api/entities?q=Petrenko", "/api/entities/Q1", "/api/search?q=bridges", "/api/quotes",
       "/api/quotes?speaker=Petrenko"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "reader.db"
    with newsgraph.open(path) as store:
        build_reader_store(store)
    with TestClient(create_app(path)) as test_client:
        yield test_client


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_with_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in response.text


@pytest.mark.parametrize("url", API)
def test_every_api_endpoint_answers_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    response.json()


def test_openapi_schema_lists_every_api_route(client):
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/front", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/entities/{entity_id}",
                 "/api/search", "/api/search.jsonl", "/api/search.parquet", "/api/quotes"):
        assert path in schema["paths"]
    assert not any(path.startswith(("/article", "/story")) for path in schema["paths"])  # pages stay out


def test_no_cdn_docs_pages(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_front_shows_stories_and_coverage(client):
    data = client.get("/api/front").json()
    assert data["stories"][0]["id"] == "story-1"
    assert dict(data["languages"]) == {"en": 3, "uk": 1}
    assert "alpha.example" in dict(data["outlets"])
    html = client.get("/").text
    assert "Kyiv rebuilds its bridges" in html and "alpha.example" in html


def test_story_corroboration_and_drift(client):
    data = client.get("/api/stories/story-1").json()
    assert {site for site, _ in data["by_outlet"]} == {"alpha.example", "beta.example", "gamma.example"}
    assert [a["id"] for a in data["timeline"]] == ["art-en-1", "art-en-2", "art-en-3", "art-uk-1"]
    quotes = data["corroboration"]["quotes"]
    corroborated = [g for g in quotes if g["corroborated"]]
    assert corroborated and set(corroborated[0]["outlets"]) >= {"alpha.example", "beta.example"}
    assert any(g["drift"] for g in quotes), quotes
    html = client.get("/story/story-1").text
    assert "<svg" in html and "we shall rebuild all of the bridges" in html and 'class="drift"' in html
    assert "(copy)" not in html  # no article of this story is a copy


def test_article_highlights_spans_with_provenance(client):
    html = client.get("/article/art-en-1").text
    assert 'class="hl hl-entity"' in html and "hl-quote" in html and "hl-claim" in html and "hl-framing" in html
    assert "direct quote by Ivan Petrenko via named" in html
    assert "Subscribe to our newsletter" in html and "promo-line" in html  # what the extractor dropped
    assert 'href="https://alpha.example/news/art-en-1"' in html
    data = client.get("/api/articles/art-en-1").json()
    assert data["entity_names"]["Q1"] == "Ivan Petrenko"
    assert data["dropped"][0]["reason"] == "boilerplate"
    text = data["text"]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in data["mentions"])


def test_entity_page(client):
    data = client.get("/api/entities/Q1").json()
    assert dict(data["names"]) == {"en": ["Ivan Petrenko"], "uk": ["Іван Петренко"]}
    assert data["timeline"] == [["2026-03-02", 4]]
    assert len(data["quotes_by"]) == 4
    assert data["cooccurring"][0]["entity"]["id"] == "Q2"
    assert "<svg" in client.get("/entity/Q1").text
    about = client.get("/api/entities/Q2").json()["quotes_about"]
    assert {q["article_id"] for q in about} == {"art-en-1", "art-en-3"}  # where Kyiv is named inside the quote


def test_search_facets_and_filters(client):
    data = client.get("/api/search", params={"q": "bridges"}).json()
    assert {h["article_id"] for h in data["hits"]} >= {"art-en-1", "art-en-2"}
    facets = {name: {item[0]: item[1] for item in values} for name, values in data["facets"].items()}
    assert facets["language"]["en"] >= 2 and facets["month"] == {"2026-03": len(data["hits"])}
    assert "Q1" in facets["entity"]
    assert data["facets"]["month"][0][2:] == ["2026-03-01", "2026-03-31"]
    assert 'until=2026-03-31' in client.get("/search", params={"q": "bridges"}).text
    only = client.get("/api/search", params={"q": "bridges", "site": "beta.example"}).json()
    assert [h["article_id"] for h in only["hits"]] == ["art-en-2"]
    browse = client.get("/api/search", params={"entity": "Q2"}).json()["hits"]
    assert [h["article_id"] for h in browse] == ["art-uk-1", "art-en-3", "art-en-2", "art-en-1"]  # newest first
    assert client.get("/api/search", params={"entity": "Q2", "page": 2}).json()["hits"] == []
    by_entity = client.get("/api/search", params={"entity": "Q2", "lang": "uk"}).json()
    assert [h["article_id"] for h in by_entity["hits"]] == ["art-uk-1"]
    assert client.get("/api/search", params={"q": "bridges", "until": "2026-03-01"}).json()["hits"] == []
    assert client.get("/api/search", params={"since": "yesterday"}).status_code == 422
    assert client.get("/search", params={"since": "yesterday"}).status_code == 422


def test_search_downloads(client):
    jsonl = client.get("/api/search.jsonl", params={"q": "bridges"})
    assert jsonl.status_code == 200 and "attachment" in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert {r["id"] for r in rows} >= {"art-en-1", "art-en-2"} and rows[0]["mentions"]
    parquet = client.get("/api/search.parquet", params={"q": "bridges", "limit": 2})
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.num_rows == 2 and "text" in table.column_names


def test_quotes_explorer(client):
    data = client.get("/api/quotes").json()
    assert len(data["quotes"]) == 4 and data["speakers"][0][0] in {"Ivan Petrenko", "Іван Петренко"}
    assert len(client.get("/api/quotes", params={"lang": "uk"}).json()["quotes"]) == 1
    assert len(client.get("/api/quotes", params={"speaker": "Q1"}).json()["quotes"]) == 4  # by entity id
    assert len(client.get("/api/quotes", params={"speaker": "Q1", "lang": "uk"}).json()["quotes"]) == 1
    assert {q["article_id"] for q in client.get("/api/quotes", params={"about": "Q2"}).json()["quotes"]} == {
        "art-en-1", "art-en-3"}
    assert len(client.get("/api/quotes", params={"speaker": "Petrenko"}).json()["quotes"]) == 3  # name search
    html = client.get("/quotes", params={"speaker": "Q1"}).text
    assert "we will rebuild every bridge in Kyiv" in html


def test_unknown_ids_are_404_in_html_and_json(client):
    for url in ("/story/nope", "/article/nope", "/entity/nope"):
        response = client.get(url)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    for url in ("/api/stories/nope", "/api/articles/nope", "/api/entities/nope"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["kind"] in {"story", "article", "entity"}


def test_empty_store_degrades_to_empty_sections(tmp_path):
    with TestClient(create_app(newsgraph.open(tmp_path / "empty.db"))) as empty:
        for url in ("/", "/search", "/search?q=anything", "/quotes", "/entities", "/api/front", "/api/quotes"):
            assert empty.get(url).status_code == 200, url
        assert "The store is empty" in empty.get("/").text


def test_article_without_analysis_or_story_record(tmp_path):
    from newsgraph.model import Article

    store = newsgraph.open(tmp_path / "bare.db")
    store.put_article(Article(id="bare", url=None, text="Just text.\nSecond line.", content_hash="b",
                              story_id="orphan"))
    with TestClient(create_app(store)) as bare:
        html = bare.get("/article/bare").text
        assert "Just text." in html and "No entities found" in html
        assert bare.get("/story/orphan").status_code == 200  # a story id with articles but no story record


def test_fallback_corroboration_has_the_connect_shape(tmp_path):
    from newsgraph.store import ArticleFilter
    from newsgraph.web.corroborate import _fallback

    store = newsgraph.open(tmp_path / "fallback.db")
    build_reader_store(store)
    result = _fallback(list(store.iter_articles(ArticleFilter(story_id="story-1"))))
    top = result["quotes"][0]
    assert top["corroborated"] and set(top["outlets"]) == {"alpha.example", "beta.example", "gamma.example"}
    assert result["drift"] and {result["drift"][0]["a"]["outlet"], result["drift"][0]["b"]["outlet"]} >= {
        "gamma.example"}
    assert {"supporting_outlets", "contradicting_outlets", "corroborated"} <= result["claims"][0].keys()


def test_chart_buckets_days_weeks_months():
    from newsgraph.web.svg import bar_chart, bucket_counts

    days = bucket_counts([("2026-01-01", 2), ("2026-01-03", 1)])
    assert days == [("2026-01-01", 2), ("2026-01-02", 0), ("2026-01-03", 1)]  # gaps kept: the x axis is time
    weeks = bucket_counts([("2026-01-01", 1), ("2026-04-01", 1)])
    assert len(weeks) <= 60 and sum(n for _, n in weeks) == 2 and weeks[0][0] == "2025-12-29"
    months = bucket_counts([("2020-01-05", 1), ("2026-03-01", 4), ("bad", 9)])
    assert months[0] == ("2020-01", 1) and months[-1] == ("2026-03", 4) and len(months) == 75
    svg = str(bar_chart(days, 'mentions "<x>"'))
    assert svg.startswith("<svg") and svg.count("<rect") == 3 and 'aria-label="mentions &#34;&lt;x&gt;&#34;"' in svg
    assert "style=" not in svg  # presentation attributes only: the CSP forbids inline styles
    assert bar_chart([], "empty") == ""


def test_store_reader_queries_match_the_portable_defaults(tmp_path):
    """The SQLite overrides answer like the base class's defaults (built on the abstract methods)."""
    from newsgraph.store import Store

    store = newsgraph.open(tmp_path / "defaults.db")
    build_reader_store(store)
    assert store.entity_timeline("Q1") == Store.entity_timeline(store, "Q1") == [("2026-03-02", 4)]
    fast = [(e.id, n) for e, n in store.cooccurring_entities("Q1")]
    assert fast == [(e.id, n) for e, n in Store.cooccurring_entities(store, "Q1")] == [("Q2", 4)]
    assert store.search_facets("bridges") == Store.search_facets(store, "bridges")
    assert store.search_facets("") == {"language": [], "site": [], "month": [], "entity": []}


def test_merged_story_shows_the_story_that_absorbed_it(tmp_path):
    from newsgraph.model import Story

    store = newsgraph.open(tmp_path / "merged.db")
    build_reader_store(store)
    store.put_story(Story(id="old-story", title="Old", merged_into="story-1", article_ids=("art-en-1",)))
    with TestClient(create_app(store)) as merged:
        data = merged.get("/api/stories/old-story").json()
        assert data["story"]["id"] == "story-1" and len(data["timeline"]) == 4
