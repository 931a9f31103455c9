"""The reader's speed benchmark (`newsgraph eval web`): a synthetic store and per-page render times.

The store is synthetic (generated words in four languages, Zipf-distributed entities, stories of a few articles
each, quotes, claims and framing spans with valid offsets) so the benchmark needs no data set and scales to any size.
Times are measured in process (FastAPI's TestClient): routing, store queries, template rendering; no network.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from newsgraph.model import Article, Claim, Entity, FramingSpan, Mention, Paragraph, Quote, Story
from newsgraph.web.data import STORY_ARTICLE_CAP

__all__ = ["build_synthetic_store", "synthetic_articles", "time_pages"]

LANGS = ("en", "uk", "ru", "pl")
_SYLLABLES = {
    "en": "ta ro ne mi ka lo se di pa vo re",
    "pl": "ża ro ne mi ką ło sze dy pa wo rz",
    "uk": "та ро не мі ка ло се ді па во ре",
    "ru": "та ро не ми ка ло се ди па во ре",
}
_SAID = {"en": "said", "uk": "заявив", "ru": "заявил", "pl": "powiedział"}
_LOADED = {"en": "regime", "uk": "режим", "ru": "режим", "pl": "reżim"}
START = datetime(2025, 1, 1, tzinfo=UTC)


def _word(rng: random.Random, lang: str) -> str:
    syllables = _SYLLABLES[lang].split()
    return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))


def _entity_name(n: int, lang: str) -> str:
    rng = random.Random(n)
    return " ".join(_word(rng, lang).capitalize() for _ in range(2))


class _Builder:
    """Appends text piece by piece and records the offsets of what it appended."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _article(i: int, rng: random.Random, story: int, entities: int) -> Article:
    lang = LANGS[story % 4]
    b = _Builder()
    mentions, quotes, claims, framing, paragraphs = [], [], [], [], []
    picked = [min(int(rng.paretovariate(1.1)) - 1 + (story % 50), entities - 1) for _ in range(4)]
    for p in range(5):
        start = b.length
        entity = picked[p % len(picked)]
        name = _entity_name(entity, lang)
        m_start, m_end = b.add(name)
        mentions.append(Mention(m_start, m_end, name, "PER", lemma=name, entity_id=f"Q{entity}"))
        b.add(f" {_SAID[lang]}: «")
        words = " ".join(_word(rng, lang) for _ in range(12))
        q_start, q_end = b.add(words)
        quotes.append(Quote(q_start, q_end, words, speaker=name, speaker_entity_id=f"Q{entity}",
                            speaker_start=m_start, speaker_end=m_end, speaker_via="named"))
        b.add("». ")
        sentence = " ".join(_word(rng, lang) for _ in range(25)) + f" {rng.randint(2, 999)} {_LOADED[lang]}."
        c_start, c_end = b.add(sentence)
        claims.append(Claim(c_start, c_end, sentence, "number", round(rng.random(), 2)))
        loaded = len(sentence) - len(_LOADED[lang]) - 1
        framing.append(FramingSpan(c_start + loaded, c_start + loaded + len(_LOADED[lang]), _LOADED[lang],
                                   "loaded_language", 0.8))
        paragraphs.append(Paragraph(start, b.length))
        b.add("\n")
    text = b.text
    return Article(
        id=f"a{i:07d}", url=f"https://site{i % 40}.example/news/{i}", text=text, title=" ".join(
            _word(rng, lang) for _ in range(7)).capitalize(), site=f"site{i % 40}.example", language=lang,
        published=START + timedelta(hours=story // 3, minutes=i % 60), paragraphs=tuple(paragraphs),
        content_hash=f"h{i}", mentions=tuple(mentions), quotes=tuple(quotes[:3]), claims=tuple(claims[:2]),
        framing=tuple(framing[:2]), story_id=f"s{story:06d}",
    )


def synthetic_articles(count: int, seed: int = 7, entities: int = 2000):
    """Yields (article, story number); stories hold about six articles each."""
    rng = random.Random(seed)
    for i in range(count):
        yield _article(i, rng, i // 6, entities), i // 6


def build_synthetic_store(path: Path, count: int, progress: Callable[[int], None] | None = None,
                          entities: int = 2000) -> bool:
    """Build the store at ``path`` unless one of that size is already there; True when built now."""
    from newsgraph.store import open_store

    with open_store(path) as store:
        if store.stats()["articles"] >= count:
            return False
        members: dict[int, list[Article]] = {}
        present = {a.id for a in store.iter_articles()} if store.stats()["articles"] else set()  # resume a build
        for article, story in synthetic_articles(count, entities=entities):
            if article.id not in present:
                store.put_article(article)
            members.setdefault(story, []).append(article)
            if progress and (article_number := int(article.id[1:]) + 1) % 10_000 == 0:
                progress(article_number)
        for story, found in members.items():
            store.put_story(Story(
                id=f"s{story:06d}", title=found[0].title or "", first_seen=found[0].published,
                last_seen=found[-1].published, languages=tuple(sorted({a.language for a in found})),
                outlets=tuple(sorted({a.site for a in found})), article_ids=tuple(a.id for a in found),
                key_entities=tuple(dict.fromkeys(m.entity_id for m in found[0].mentions)),
            ))
        store.put_entities(
            Entity(f"Q{n}", "PER", _entity_name(n, "en"), tuple((lang, _entity_name(n, lang)) for lang in LANGS))
            for n in range(entities)
        )
    return True


BIG_STORY = STORY_ARTICLE_CAP  # the large story the benchmark adds: as many articles as a story page reads


def _put_big_story(store, count: int) -> None:
    """A story as large as the story page reads: its quotes and claims make corroboration the page's main cost."""
    first = max(0, count // 3)
    ids = tuple(f"a{i:07d}" for i in range(first, min(count, first + BIG_STORY)))
    store.put_story(Story(id="s-big", title="Big synthetic story", article_ids=ids, languages=LANGS,
                          first_seen=START, last_seen=START + timedelta(days=2)))


def _pages(count: int, title: str) -> list[tuple[str, str]]:
    middle = count // 2
    word = next(iter(_SYLLABLES["en"].split()))
    return [
        ("anchor: /api/health (framework)", "/api/health"),
        ("front /", "/"),
        ("story /story/… (6 articles)", f"/story/s{middle // 6:06d}"),
        (f"story /story/s-big ({BIG_STORY} articles)", "/story/s-big"),
        ("article /article/…", f"/article/a{middle:07d}"),
        ("entity (most mentioned)", "/entity/Q23"),
        ("entity (rare)", "/entity/Q1500"),
        ("entities /entities", "/entities?q=" + _entity_name(3, "en").split()[0]),
        ("search (common word)", f"/search?q={word}"),
        ("search (three words of one title)", "/search?q=" + quote(title)),
        ("search filtered lang+site", f"/search?q={word}&lang=en&site=site4.example"),
        ("search by entity, no words", "/search?entity=Q5"),
        ("quotes /quotes", "/quotes"),
        ("quotes by speaker (entity id)", "/quotes?speaker=Q23"),
        ("quotes by speaker (name text)", "/quotes?speaker=" + _entity_name(3, "en").split()[1]),
        ("api /api/front", "/api/front"),
        ("api /api/search", f"/api/search?q={word}"),
    ]


def time_pages(path: Path, repeat: int = 30) -> list[tuple[str, float, float, float, int]]:
    """(page, first view ms, median ms, p95 ms, HTTP status) for each benchmarked page."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from newsgraph.store import open_store
    from newsgraph.web import create_app

    with open_store(path) as store:
        count = store.stats()["articles"]
        _put_big_story(store, count)
        sample = store.get_article(f"a{count // 3:07d}")
        title = " ".join((sample.title or "").split()[:3]) if sample else "ta"
    rows = []
    with open_store(path) as store:  # the whole-store aggregates the reader reuses for a minute, uncached
        for name, call in (("uncached: store.stats() (front)", store.stats),
                           ("uncached: top_entities(50) (/entities)", lambda: store.top_entities(top=50))):
            times = []
            for _ in range(max(3, repeat // 5)):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            rows.append((name, times[0], statistics.median(times), times[-1], 0))
    with TestClient(create_app(path)) as client:
        for name, url in _pages(count, title):
            started = time.perf_counter()
            status = client.get(url).status_code  # first view: templates compiled, caches and SQLite pages cold
            first = (time.perf_counter() - started) * 1000
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            rows.append((name, first, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], status))
    return rows
