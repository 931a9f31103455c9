"""Incremental, cross-lingual story clustering: each article joins the best matching live story or starts one.

One ``Linker`` serves both paths: ``cluster_articles`` (``newsgraph.cluster``) runs it over a ``MemoryIndex``,
ingest runs it over the store (``connect.link``). Per article it

1. looks for near-duplicates through MinHash LSH buckets; a copy joins the story of its earliest source,
2. gathers candidate stories from capped posting lists (entity ids, cross-script stems, embedding LSH buckets),
3. scores them on entity-id overlap, stem overlap (idf-weighted) and embedding similarity, inside a time window,
4. joins the best one above the threshold (or starts a story) and merges other stories the article bridges.

The work per article is bounded by the number of keys and the posting cap, not by the size of the store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from newsgraph.connect import dedup
from newsgraph.connect.features import Embedder, Features, article_time, features_of, idf, lead_text
from newsgraph.connect.index import LinkIndex, MemoryIndex, pack, unpack
from newsgraph.model import Article
from newsgraph.text import stable_hash

__all__ = ["LinkSettings", "Linker", "cluster_articles", "link_articles", "story_id_for", "settings_for",
           "STATIC_SETTINGS"]

DAY = 86400.0


@dataclass(frozen=True, slots=True)
class LinkSettings:
    window_days: float = 3.0  # an article joins a story last seen at most this long before (or after) it
    merge_score: float = 0.6  # an article scoring this high against two stories bridges them
    max_candidates: int = 12
    profile_stems: int = 80
    profile_entities: int = 30
    vector_bands: int = 8
    vector_bits: int = 12
    # e5 "query:" cosines of title + lead: below the floor means "unrelated", floor + span and up "the same
    # story". Chosen with the weights and the join score by `newsgraph eval stories` on the labelled set.
    join_score: float = 0.40
    vector_floor: float = 0.86
    vector_span: float = 0.06
    weights: tuple[float, float, float] = (1.0, 1.0, 2.5)  # stems, entities, embedding
    min_evidence: float = 0.05  # least idf-weighted share of stems or entity ids the article must share
    # Added to the join and merge scores when the article or the story has no date: without a time window,
    # same-topic stories (gas supply vs Nord Stream) meet. 0.25 ends cross-topic merges on undated SlavicNER.
    undated_margin: float = 0.25
    # Subtract each language's running mean vector before comparing (the static model's vectors keep a "which
    # language" direction; for languages its distillation did not cover, only the stream itself can show it).
    center_languages: bool = False
    center_prior: float = 5.0  # the mean counts fully once a language has many more articles than this
    # An embedding says "same topic"; closeness in time is what turns that into "same event". The embedding's
    # evidence halves with every this many days between the article and the story's nearest article (None: no
    # decay). Names and words shared with the story keep their full weight, so a follow-up days later still joins.
    # One day was the first value tried; 0.25-1 day give the same labelled-set figures, 1.5-3 days fewer.
    vector_half_life_days: float | None = 1.0


# The static model's cosines live on a wider scale than e5's (e5 puts unrelated news at ~0.8, the static model
# near 0). Its floor and top (floor + span) sit at the 97.9th and 99.98th percentiles of the cosine between
# unrelated corpus texts (`unrelated_cosine` in the model's meta.json, measured by `newsgraph train embeddings`):
# where the thresholds first chosen on the labelled set for the unrefined model sat, carried over to the refined
# model's scale without tuning on the labelled set again. A static cosine is weaker evidence than e5's: an article
# must share more idf-weighted names or words with a story (min_evidence 0.12) before the embedding counts.
STATIC_SETTINGS = LinkSettings(join_score=0.35, vector_floor=0.25, vector_span=0.266, weights=(1.0, 1.0, 2.5),
                               min_evidence=0.12, undated_margin=0.45, center_languages=True)


def settings_for(kind: str | None) -> LinkSettings:
    """The linker settings for vectors of an embedding kind ("static", "e5"; None: no embeddings)."""
    return STATIC_SETTINGS if kind == "static" else LinkSettings()


def story_id_for(article_id: str) -> str:
    return "st_" + stable_hash("story", article_id, length=12)


class Linker:
    def __init__(self, index: LinkIndex, settings: LinkSettings = LinkSettings()):
        self.index = index
        self.settings = settings

    # --- the one entry point ---------------------------------------------------------------------------------
    def link(self, article: Article, vector: np.ndarray | None = None) -> Article:
        """The article with ``story_id`` and ``duplicate_of`` set; the index learns it."""
        known = self.index.article(article.id)
        if known is not None:
            story = self.index.live_story(known["story"])
            self.index.flush()
            return replace(article, story_id=story["id"] if story else known["story"], duplicate_of=known["dup"])
        if vector is not None and self.settings.center_languages:
            vector = self._centred(vector, article.language or "")
        f = features_of(article, vector)
        sig = dedup.signature(f.shingles)
        record = {"id": f.article_id, "t": f.time, "f": f.fetched, "lang": f.language, "sig": pack(sig, "<u4"),
                  "n": len(f.shingles), "dup": None, "copies": [], "story": None}
        roots = self._duplicate_roots(record)
        if roots:
            story_id = self._link_copy(record, roots, article)
        else:
            story_id = self._assign_story(f, article)
            record["story"] = story_id
        for key in dedup.band_keys(sig):
            self.index.add_posting(key, f.article_id)
        self.index.put_article(record)
        self.index.flush()
        return replace(article, story_id=story_id, duplicate_of=record["dup"])

    def _centred(self, vector: np.ndarray, language: str) -> np.ndarray:
        """The vector minus its language's running mean (shrunk while few articles are known), re-normalised;
        the running mean learns the raw vector."""
        state = self.index.get(f"vm:{language}")
        total = unpack(state["sum"]) if state else None
        if total is None or len(total) != len(vector):
            total, n = np.zeros(len(vector), dtype=np.float32), 0
        else:
            n = state["n"]
        self.index.put(f"vm:{language}", {"sum": pack(total + vector), "n": n + 1})
        if not n:
            return vector
        centred = vector - (total / n) * (n / (n + self.settings.center_prior))
        norm = float(np.linalg.norm(centred))
        return centred / norm if norm > 0 else vector

    # --- near-duplicates -------------------------------------------------------------------------------------
    def _duplicate_roots(self, record: dict) -> list[dict]:
        seen, roots = set(), {}
        sig = unpack(record["sig"], "<u4")
        for key in dedup.band_keys(sig):
            for other_id in self.index.postings(key):
                if other_id in seen:
                    continue
                seen.add(other_id)
                other = self.index.article(other_id)
                if other is None or (other["lang"] and record["lang"] and other["lang"] != record["lang"]):
                    continue
                if dedup.is_duplicate(sig, unpack(other["sig"], "<u4"), record["n"], other["n"]):
                    root = self.index.article(other["dup"]) if other["dup"] else other
                    if root is not None:
                        roots[root["id"]] = root
        return sorted(roots.values(), key=lambda r: r["id"])

    def _link_copy(self, record: dict, roots: list[dict], article: Article) -> str:
        candidates = [(r["id"], r["t"], r["f"]) for r in roots] + [(record["id"], record["t"], record["f"])]
        first = dedup.earliest(candidates)
        oldest_root = next((r for r in roots if r["id"] == dedup.earliest(candidates[:-1])), roots[0])
        story = self.index.live_story(oldest_root["story"])
        record["story"] = story["id"]
        if first != record["id"]:
            root = next(r for r in roots if r["id"] == first)
            record["dup"] = root["id"]
            root["copies"] = [*root["copies"], record["id"]]
            self.index.put_article(root)
        else:
            # The new article is older than the copies we knew: it becomes their source.
            for root in roots:
                for copy_id in [root["id"], *root["copies"]]:
                    copy = root if copy_id == root["id"] else self.index.article(copy_id)
                    if copy is None:
                        continue
                    copy.update(dup=record["id"], copies=[])
                    self.index.put_article(copy)
                    record["copies"].append(copy_id)
                    self.index.reassigned(copy_id, self._live_id(copy["story"]), record["id"])
        self._add_to_story(story, article, None, independent=record["dup"] is None)
        return story["id"]

    # --- stories ---------------------------------------------------------------------------------------------
    def _assign_story(self, f: Features, article: Article) -> str:
        keys = self._story_keys(f)
        weights = self._weights(f)
        scored = []
        for story in self._candidates(keys):
            score = self._score(f, weights, story)
            if score is not None:
                scored.append((score, story["id"], story))
        scored.sort(key=lambda item: (-item[0], item[1]))
        if scored and scored[0][0] >= self._threshold(f, scored[0][2], self.settings.join_score):
            story = scored[0][2]
            for score, _, other in scored[1:]:
                if score >= self._threshold(f, other, self.settings.merge_score) and self._compatible(story, other):
                    story = self._merge(story, other)
        else:
            story = self._new_story(f, article)
        self._add_to_story(story, article, f, independent=True)
        for key in keys:
            self.index.add_posting(key, story["id"])
        self.index.count_documents([k for k in keys if not k.startswith("v:")])
        return story["id"]

    def _threshold(self, f: Features, story: dict, base: float) -> float:
        """Without dates the time window cannot keep related-but-different stories apart: ask for more."""
        undated = f.time is None or story["first"] is None
        return base + self.settings.undated_margin if undated else base

    def _story_keys(self, f: Features) -> list[str]:
        keys = [f"e:{e}" for e in f.entities[:8]] + [f"t:{s}" for s in f.stems]
        if f.vector is not None:
            bits = (_hyperplanes(self.settings.vector_bands * self.settings.vector_bits, len(f.vector)) @ f.vector) > 0
            width = self.settings.vector_bits
            for band in range(self.settings.vector_bands):
                chunk = bits[band * width:(band + 1) * width]
                keys.append(f"v:{band}:{int(np.packbits(chunk).view('>u2')[0]) if width <= 16 else 0}")
        return keys

    def _weights(self, f: Features) -> dict[str, float]:
        total = self.index.document_frequency("*")
        keys = [f"e:{e}" for e in f.entities] + [f"t:{s}" for s in f.stems]
        return {k: idf(self.index.document_frequency(k), total) for k in keys}

    def _candidates(self, keys: list[str]) -> list[dict]:
        hits: dict[str, int] = {}
        for key in keys:
            for story_id in self.index.postings(key):
                hits[story_id] = hits.get(story_id, 0) + 1
        ranked = sorted(hits, key=lambda sid: (-hits[sid], sid))[: self.settings.max_candidates]
        live: dict[str, dict] = {}
        for story_id in ranked:
            story = self.index.live_story(story_id)
            if story is not None:
                live.setdefault(story["id"], story)
        return list(live.values())

    def _score(self, f: Features, weights: dict[str, float], story: dict) -> float | None:
        """How well the article fits the story (0..1), or None when the story is outside the time window."""
        window = self.settings.window_days * DAY
        gap = 0.0
        if f.time is not None and story["first"] is not None:
            if f.time < story["first"] - window or f.time > story["last"] + window:
                return None
            gap = max(0.0, f.time - story["last"], story["first"] - f.time) / DAY
        parts = []
        w_stems, w_entities, w_vector = self.settings.weights
        if f.stems:
            parts.append((w_stems, _overlap(f.stems, story["stems"], weights, "t:")))
        if f.entities and story["entities"]:
            parts.append((w_entities, _overlap(f.entities, story["entities"], weights, "e:")))
        if max((score for _, score in parts), default=0.0) < self.settings.min_evidence:
            return 0.0  # an embedding alone does not make a story: some names or words must be shared
        centroid = unpack(story["vsum"]) if f.vector is not None and story["vsum"] is not None else None
        if centroid is not None and len(centroid) == len(f.vector):
            cosine = float(f.vector @ centroid) / (float(np.sqrt(centroid @ centroid)) or 1.0)
            similarity = _clip((cosine - self.settings.vector_floor) / self.settings.vector_span)
            if self.settings.vector_half_life_days:
                similarity *= 0.5 ** (gap / self.settings.vector_half_life_days)
            parts.append((w_vector, similarity))
        if not parts:
            return None
        return sum(w * s for w, s in parts) / sum(w for w, _ in parts)

    def _compatible(self, story: dict, other: dict) -> bool:
        """Two stories an article bridges may merge only if their time spans meet and their profiles are not
        unrelated (the bridging article itself is the strong evidence)."""
        window = self.settings.window_days * DAY
        if story["first"] is not None and other["first"] is not None:
            if other["first"] > story["last"] + window or story["first"] > other["last"] + window:
                return False
        if story["vsum"] is not None and other["vsum"] is not None:
            a, b = unpack(story["vsum"]), unpack(other["vsum"])
            if len(a) == len(b):
                cosine = float(a @ b) / ((float(np.linalg.norm(a)) * float(np.linalg.norm(b))) or 1.0)
                return cosine >= self.settings.vector_floor
        return _profile_cosine(story["stems"], other["stems"]) >= 0.3

    def _new_story(self, f: Features, article: Article) -> dict:
        return {"id": story_id_for(f.article_id), "title": article.title or lead_text(article, 12)[:120],
                "first": f.time, "last": f.time, "n": 0, "articles": [], "languages": {}, "outlets": {},
                "entities": {}, "stems": {}, "vsum": None, "merged_into": None}

    def _add_to_story(self, story: dict, article: Article, f: Features | None, independent: bool) -> None:
        story["articles"] = [*story["articles"], article.id]
        _bump(story["languages"], article.language or "")
        _bump(story["outlets"], article.site or "")
        time = f.time if f is not None else article_time(article)
        if time is not None:
            story["first"] = time if story["first"] is None else min(story["first"], time)
            story["last"] = time if story["last"] is None else max(story["last"], time)
        if f is not None and independent:
            story["n"] += 1
            for entity in f.entities:
                _bump(story["entities"], entity)
            for stem in f.stems:
                _bump(story["stems"], stem)
            story["entities"] = _top(story["entities"], self.settings.profile_entities)
            story["stems"] = _top(story["stems"], self.settings.profile_stems)
            base = unpack(story["vsum"]) if story["vsum"] is not None else None
            if f.vector is not None and (base is None or len(base) == len(f.vector)):
                story["vsum"] = pack(f.vector if base is None else base + f.vector)
        self.index.put_story(story)

    def _merge(self, keep: dict, gone: dict) -> dict:
        if (len(gone["articles"]), -(gone["first"] or 0)) > (len(keep["articles"]), -(keep["first"] or 0)):
            keep, gone = gone, keep
        for field in ("languages", "outlets", "entities", "stems"):
            for key, count in gone[field].items():
                _bump(keep[field], key, count)
        keep["entities"] = _top(keep["entities"], self.settings.profile_entities)
        keep["stems"] = _top(keep["stems"], self.settings.profile_stems)
        if gone["vsum"] is not None:
            other = unpack(gone["vsum"])
            kept = unpack(keep["vsum"]) if keep["vsum"] is not None else None
            if kept is None:
                keep["vsum"] = pack(other)
            elif len(kept) == len(other):
                keep["vsum"] = pack(kept + other)
        keep["n"] += gone["n"]
        keep["articles"] = [*keep["articles"], *gone["articles"]]
        for key in ("first", "last"):
            values = [v for v in (keep[key], gone[key]) if v is not None]
            keep[key] = (min if key == "first" else max)(values) if values else None
        gone["merged_into"] = keep["id"]
        self.index.put_story(gone)
        self.index.put_story(keep)
        for article_id in gone["articles"]:
            record = self.index.article(article_id)
            if record is not None:
                record["story"] = keep["id"]
                self.index.put_article(record)
                self.index.reassigned(article_id, keep["id"], record["dup"])
        return keep

    def _live_id(self, story_id: str) -> str:
        story = self.index.live_story(story_id)
        return story["id"] if story else story_id


@lru_cache(maxsize=8)
def _hyperplanes(count: int, width: int) -> np.ndarray:
    """Random hyperplanes for the embedding LSH keys, per vector width (e5: 384, the static model: fewer)."""
    return np.random.default_rng(11).standard_normal((count, width)).astype(np.float32)


def _overlap(values: tuple[str, ...], profile: dict[str, int], weights: dict[str, float], prefix: str) -> float:
    """The idf-weighted share of the article's stems (or entity ids) that the story profile holds."""
    total = shared = 0.0
    for value in values:
        weight = weights.get(prefix + value, 1.0)
        total += weight
        if value in profile:
            shared += weight
    return shared / total if total else 0.0


def _profile_cosine(a: dict[str, int], b: dict[str, int]) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = (sum(v * v for v in a.values()) ** 0.5) * (sum(v * v for v in b.values()) ** 0.5)
    return dot / norm if norm else 0.0


def _bump(counter: dict[str, int], key: str, by: int = 1) -> None:
    if key:
        counter[key] = counter.get(key, 0) + by


def _top(counter: dict[str, int], size: int) -> dict[str, int]:
    if len(counter) <= size:
        return counter
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:size])


def _clip(value: float) -> float:
    return 0.0 if value < 0 else 1.0 if value > 1 else value


def link_articles(articles: list[Article], embedder: Embedder | None = None,
                  settings: LinkSettings | None = None) -> list[Article]:
    """Link a batch in order, in memory: the articles with ``story_id`` / ``duplicate_of`` as of the end."""
    index = MemoryIndex()
    embedder = embedder or Embedder()
    linker = Linker(index, settings or settings_for(embedder.kind))
    vectors = embedder.embed([lead_text(a) for a in articles])
    linked = [linker.link(article, vector) for article, vector in zip(articles, vectors, strict=True)]
    out = []
    for article in linked:
        record = index.article(article.id)
        story = index.live_story(record["story"]) if record else None
        out.append(replace(article, story_id=story["id"] if story else article.story_id,
                           duplicate_of=record["dup"] if record else article.duplicate_of))
    return out


def cluster_articles(articles: list[Article]) -> list[str]:
    """A story id per article, in order: the same linker ingest uses, over an in-memory index."""
    return [a.story_id or a.id for a in link_articles(articles)]
