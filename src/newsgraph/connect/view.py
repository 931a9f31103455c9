"""A story as plain records for readers (CLI, web): its articles by outlet and language, a timeline, and the
corroboration of its quotes and claims."""

from __future__ import annotations

from newsgraph.connect.corroborate import Similarity, corroborate
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Story
from newsgraph.store import ArticleFilter, Store

__all__ = ["story_view", "resolve_story", "story_articles"]


def resolve_story(store: Store, story_id: str) -> Story:
    """The story, following merges to the story that absorbed it."""
    story = store.get_story(story_id)
    hops = 0
    while story is not None and story.merged_into and hops < 64:
        story, hops = store.get_story(story.merged_into), hops + 1
    if story is None:
        raise NewsgraphError(f"no story {story_id} in the store", hint="list stories with `newsgraph stories`")
    return story


def story_articles(store: Store, story: Story) -> list[Article]:
    found = {a.id: a for a in store.iter_articles(ArticleFilter(story_id=story.id))}
    for article_id in story.article_ids:  # merged stories' articles may not be re-tagged yet on old stores
        if article_id not in found:
            article = store.get_article(article_id)
            if article is not None:
                found[article_id] = article
    return sorted(found.values(), key=_published)


def _published(article: Article):
    moment = article.published or article.fetched_at
    return (moment is None, moment.isoformat() if moment else "", article.id)


def story_view(store: Store, story_id: str, similarity: Similarity | None = None) -> dict:
    """Everything ``newsgraph story ID`` shows, as plain dicts."""
    story = resolve_story(store, story_id)
    articles = story_articles(store, story)
    entities = []
    for entity_id in story.key_entities:
        entity = store.get_entity(entity_id)
        entities.append({"id": entity_id, "name": entity.name if entity else entity_id})
    by_outlet: dict[str, list[dict]] = {}
    for article in articles:
        by_outlet.setdefault(article.site or "?", []).append(_article_row(article))
    return {
        "id": story.id, "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "languages": list(story.languages), "outlets": list(story.outlets), "key_entities": entities,
        "articles_by_outlet": by_outlet,
        "articles_by_language": _by_language(articles),
        "timeline": [_article_row(a) for a in articles],
        "corroboration": corroborate(articles, similarity),
    }


def _article_row(article: Article) -> dict:
    return {"id": article.id, "published": article.published.isoformat() if article.published else None,
            "language": article.language, "outlet": article.site, "title": article.title, "url": article.url,
            "duplicate_of": article.duplicate_of}


def _by_language(articles: list[Article]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for article in articles:
        out.setdefault(article.language or "?", []).append(article.id)
    return out
