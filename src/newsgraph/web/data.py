"""What each page shows, as plain JSON-able dicts: the HTML pages render them, the ``/api`` routes return them.

Every function reads the store through the ``Store`` interface only, and a feature whose data is absent (no stories
yet, no quotes, no entities) yields empty lists, never an error.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from newsgraph.model import Article, Story
from newsgraph.serialize import to_dict
from newsgraph.store import ArticleFilter, Store
from newsgraph.web.corroborate import corroboration

__all__ = ["NotFound", "SearchParams", "front", "story", "article", "entity", "entities", "search", "quotes",
           "article_summary", "story_articles"]

STORY_ARTICLE_CAP = 80  # articles loaded for one story page (its latest)
SEARCH_PAGE = 20
FACET_SAMPLE = 1000  # matches counted for the search facets (exact below that)
ENTITY_ARTICLES = 30  # latest articles of an entity read for its quotes
FEW_MENTIONS = 1000  # up to this many mentions, an entity's articles are found from its mentions
COOCCURRENCE_ARTICLES = 300  # latest articles of an entity read for "named together with"
QUOTE_ARTICLES = 40  # latest articles read for the unfiltered quotes explorer


class NotFound(LookupError):
    def __init__(self, kind: str, key: str):
        super().__init__(f"no {kind} {key!r} in the store")
        self.kind, self.key = kind, key


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_summary(article: Article) -> dict:
    return {
        "id": article.id, "title": article.title, "site": article.site, "language": article.language,
        "published": _iso(article.published), "url": article.url, "authors": list(article.authors),
        "story_id": article.story_id, "duplicate_of": article.duplicate_of,
    }


def _story_summary(story: Story) -> dict:
    data = to_dict(story)
    data["article_count"] = len(story.article_ids)
    return data


# --- front -------------------------------------------------------------------------------------------------------
def front(store: Store, stories: int = 20, articles: int = 20) -> dict:
    stats = store.stats()
    return {
        "stats": {k: v for k, v in stats.items() if not isinstance(v, dict)},
        "languages": sorted(stats.get("languages", {}).items(), key=lambda item: -item[1]),
        "outlets": sorted(stats.get("sites", {}).items(), key=lambda item: -item[1])[:30],
        "stories": [_story_summary(s) for s in store.stories(limit=stories)],
        "latest": [article_summary(a) for a in store.iter_articles(limit=articles)],
    }


# --- story -------------------------------------------------------------------------------------------------------
def story_articles(store: Store, story_id: str) -> tuple[Story | None, list[Article]]:
    """The story (following merges to the story that absorbed it) and its latest articles: those tagged with it,
    then those its record lists (merged stories' articles may not be re-tagged yet), at most STORY_ARTICLE_CAP."""
    record = store.get_story(story_id)
    for _ in range(16):  # merges chain; a bound keeps a cycle from hanging the page
        target = store.get_story(record.merged_into) if record is not None and record.merged_into else None
        if target is None:
            break
        record = target
    key = record.id if record is not None else story_id
    found = {a.id: a for a in store.iter_articles(ArticleFilter(story_id=key), limit=STORY_ARTICLE_CAP)}
    for article_id in record.article_ids if record is not None else ():
        if len(found) >= STORY_ARTICLE_CAP:
            break
        if article_id not in found and (article := store.get_article(article_id)) is not None:
            found[article_id] = article
    return record, list(found.values())


def story(store: Store, story_id: str) -> dict:
    record, found = story_articles(store, story_id)
    if record is None and not found:
        raise NotFound("story", story_id)
    if record is None:  # articles point at a story the store has no record of (yet): describe it from them
        dates = sorted((a.published for a in found if a.published), key=lambda d: d.isoformat())
        record = Story(id=story_id, title=found[-1].title or story_id,
                       first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
                       languages=tuple(sorted({a.language for a in found if a.language})),
                       outlets=tuple(sorted({a.site for a in found if a.site})),
                       article_ids=tuple(a.id for a in found))
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in found:
        by_outlet[a.site or "?"].append(article_summary(a))
    timeline = sorted((article_summary(a) for a in found), key=lambda a: a["published"] or "")
    entity_names = _entity_names(store, [e for e in record.key_entities[:12]])
    return {
        "story": _story_summary(record),
        "key_entities": [{"id": i, "name": entity_names.get(i, i)} for i in record.key_entities[:12]],
        "languages": sorted(Counter(a.language or "?" for a in found).items(), key=lambda item: -item[1]),
        "by_outlet": sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0])),
        "timeline": timeline,
        "timeline_days": sorted(Counter(a["published"][:10] for a in timeline if a["published"]).items()),
        "corroboration": corroboration(found),
    }


# --- article -----------------------------------------------------------------------------------------------------
def _entity_names(store: Store, ids: list[str]) -> dict[str, str]:
    names = {}
    for entity_id in dict.fromkeys(ids):
        entity = store.get_entity(entity_id)
        if entity is not None:
            names[entity_id] = entity.name
    return names


def article(store: Store, article_id: str) -> tuple[Article, dict]:
    record = store.get_article(article_id)
    if record is None:
        raise NotFound("article", article_id)
    data = to_dict(record)
    data["entity_names"] = _entity_names(store, [m.entity_id for m in record.mentions if m.entity_id][:60])
    data["dropped"] = to_dict(record.extraction.dropped) if record.extraction else []
    return record, data


# --- entities ----------------------------------------------------------------------------------------------------
def entity(store: Store, entity_id: str) -> dict:
    record = store.get_entity(entity_id)
    if record is None:
        matches = store.find_entities(entity_id, limit=1)
        if not matches:
            raise NotFound("entity", entity_id)
        record = matches[0]
    names: dict[str, list[str]] = defaultdict(list)
    for language, name in record.names:
        if name not in names[language or "?"]:
            names[language or "?"].append(name)
    return {
        "entity": to_dict(record),
        "names": sorted(names.items()),
        "timeline": store.entity_timeline(record.id),
        **_entity_quotes(store, record.id),
        "cooccurring": [{"entity": to_dict(e), "articles": n}
                        for e, n in store.cooccurring_entities(record.id, articles=COOCCURRENCE_ARTICLES)],
    }


def _quote_row(article: Article, quote) -> dict:
    row = {"article_id": article.id, "site": article.site, "language": article.language,
           "published": _iso(article.published), "title": article.title, "url": article.url}
    row.update(to_dict(quote))
    return row


def entity_articles(store: Store, entity_id: str, limit: int) -> list[Article]:
    """The latest articles that mention an entity. A rarely named entity is found from its mentions (an index
    range); a often named one by walking the newest articles (it turns up within the first few)."""
    record = store.get_entity(entity_id)
    if record is not None and record.mention_count <= FEW_MENTIONS:
        rows = store.entity_mentions(entity_id)
        ids = list(dict.fromkeys(row["article_id"] for row in reversed(rows)))[:limit]
        return [a for a in (store.get_article(i) for i in ids) if a is not None]
    return list(store.iter_articles(ArticleFilter(entity_id=entity_id), limit=limit))


def _entity_quotes(store: Store, entity_id: str, articles: int = ENTITY_ARTICLES, limit: int = 30) -> dict:
    """Quotes by the entity (its speaker id) and about it (it is named inside the quote), from its latest articles:
    one indexed walk over those articles instead of a scan of every quote in the store."""
    by, about = [], []
    for found in entity_articles(store, entity_id, articles):
        inside = [m for m in found.mentions if m.entity_id == entity_id]
        for quote in found.quotes:
            if quote.speaker_entity_id == entity_id:
                by.append(_quote_row(found, quote))
            elif any(quote.start <= m.start and m.end <= quote.end for m in inside):
                about.append(_quote_row(found, quote))
    return {"quotes_by": by[:limit], "quotes_about": about[:limit]}


def entities(store: Store, q: str = "", lang: str | None = None, label: str | None = None) -> dict:
    if q.strip():
        found = [(e, e.mention_count) for e in store.find_entities(q, limit=50)]
    else:
        found = store.top_entities(lang=lang, label=label, top=50)
    return {"q": q, "entities": [{"entity": to_dict(e), "mentions": n} for e, n in found]}


# --- search ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str = ""
    lang: str | None = None
    site: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    entity: str | None = None
    page: int = 1

    @property
    def where(self) -> ArticleFilter:
        return ArticleFilter(lang=self.lang, site=self.site, since=self.since, until=self.until,
                             entity_id=self.entity)


def search(store: Store, params: SearchParams) -> dict:
    offset = (max(params.page, 1) - 1) * SEARCH_PAGE
    if params.q.strip():
        hits = [to_dict(h) for h in store.search(params.q, params.where, limit=SEARCH_PAGE, offset=offset)]
        facets = store.search_facets(params.q, params.where, sample=FACET_SAMPLE)
    else:  # no words: browse the latest articles under the filters
        only_entity = params.entity and params.where == ArticleFilter(entity_id=params.entity)
        latest = list(entity_articles(store, params.entity, SEARCH_PAGE + offset) if only_entity
                      else store.iter_articles(params.where, limit=SEARCH_PAGE + offset))[offset:]
        hits = [{**article_summary(a), "article_id": a.id, "snippet": a.text[:200]} for a in latest]
        facets = {}
    entity_ids = [value for value, _ in facets.get("entity", [])[:15]]
    names = _entity_names(store, entity_ids + ([params.entity] if params.entity else []))
    facets["entity"] = [(value, n, names.get(value, value)) for value, n in facets.get("entity", [])[:15]]
    facets["month"] = [(value, n, *_month_bounds(value)) for value, n in facets.get("month", [])]
    return {
        "query": {"q": params.q, "lang": params.lang, "site": params.site, "since": _iso(params.since),
                  "until": _iso(params.until), "entity": params.entity, "page": params.page},
        "entity_name": names.get(params.entity) if params.entity else None,
        "hits": hits,
        "facets": {k: v[:15] for k, v in facets.items()},
        "has_more": len(hits) == SEARCH_PAGE,
    }


def _month_bounds(month: str) -> tuple[str | None, str | None]:
    """First and last day of ``YYYY-MM`` (for the month facet's links)."""
    try:
        year, number = int(month[:4]), int(month[5:7])
        return f"{month[:7]}-01", f"{month[:7]}-{calendar.monthrange(year, number)[1]:02d}"
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None, None


def search_articles(store: Store, params: SearchParams, limit: int) -> list[Article]:
    """The full articles of a search result, for downloads."""
    if params.q.strip():
        hits = store.search(params.q, params.where, limit=limit)
        return [a for a in (store.get_article(h.article_id) for h in hits) if a is not None]
    return list(store.iter_articles(params.where, limit=limit))


# --- quotes ------------------------------------------------------------------------------------------------------
def quotes(store: Store, speaker: str | None = None, about: str | None = None, lang: str | None = None,
           limit: int = 100) -> dict:
    """The quotes explorer. An entity id (the links the pages make) is answered from that entity's latest
    articles; a free-text name goes to the store's quote search; no filter lists the newest articles' quotes."""
    speaker_entity = store.get_entity(speaker) if speaker and not about else None
    about_entity = store.get_entity(about) if about and not speaker else None
    if speaker_entity or about_entity:
        entity_id = (speaker_entity or about_entity).id
        found = _entity_quotes(store, entity_id, limit=limit)["quotes_by" if speaker_entity else "quotes_about"]
        rows = [r for r in found if not lang or r["language"] == lang]
    elif speaker or about:
        rows = store.quotes(speaker=speaker or None, about=about or None, lang=lang or None, limit=limit)
    else:  # newest quotes: the quotes of the newest articles (an index walk, not a sort of every quote)
        latest = store.iter_articles(ArticleFilter(lang=lang or None), limit=QUOTE_ARTICLES)
        rows = [_quote_row(a, q) for a in latest for q in a.quotes][:limit]
    speakers = Counter((r.get("speaker"), r.get("speaker_entity_id")) for r in rows if r.get("speaker"))
    return {"query": {"speaker": speaker, "about": about, "lang": lang}, "quotes": rows,
            "speakers": [(name, entity_id, n) for (name, entity_id), n in speakers.most_common(20)]}
