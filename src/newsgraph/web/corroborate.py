"""Which quotes and claims of a story several independent outlets report, and where a quote's wording drifts.

The stories feature owns corroboration (``newsgraph.connect.corroborate.corroborate``); the reader calls it with the
cheap cross-script stem similarity, because embedding every quote of a story on each page view costs seconds
(set ``NEWSGRAPH_WEB_EMBEDDINGS=1`` to use the embeddings anyway; ``newsgraph story ID`` uses them). Where that
module is absent, a simple grouping in the same shape keeps the story page's sections: records with the same
speaker and shared word stems form a group; two or more independent outlets (copies of a wire text do not count)
corroborate it; same-language versions worded differently are drift.
"""

from __future__ import annotations

import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.model import Article
from newsgraph.text import WORD_RE, fold

__all__ = ["corroboration", "group_records"]

_SAME_WORDS = 0.5  # Jaccard of word stems when a speaker is unknown
_SAME_SPEAKER_WORDS = 0.3  # ... and when both records name the same speaker: rewordings still group
_STEM = 5  # words compared on their first letters, so inflected forms match ("bridge", "bridges")


_CACHE: OrderedDict[tuple, dict] = OrderedDict()
_CACHE_SIZE = 256
_CACHE_LOCK = threading.Lock()


def corroboration(articles: Sequence[Article]) -> dict:
    """``{"quotes": [...], "claims": [...], "drift": [...], "independent_outlets": [...], "copies": [...],
    "source": "connect" | "reader"}`` in the shape of ``newsgraph.connect.corroborate``.

    Grouping a large story's quotes costs far more than rendering its page, so results are kept (in process,
    for the last 256 stories) until one of the story's articles changes."""
    key = tuple((a.id, a.content_hash, a.duplicate_of, len(a.quotes), len(a.claims)) for a in articles)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    result = _corroboration(articles)
    with _CACHE_LOCK:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def _corroboration(articles: Sequence[Article]) -> dict:
    try:
        from newsgraph.connect.corroborate import corroborate
    except ImportError:
        return {**_fallback(articles), "source": "reader"}
    similarity = None if os.environ.get("NEWSGRAPH_WEB_EMBEDDINGS") == "1" else fast_stem_similarity
    return {**corroborate(list(articles), similarity), "source": "connect"}


def fast_stem_similarity(texts: list[str]):
    """``connect.corroborate.stem_similarity`` computed with one matrix product instead of a Python loop over
    pairs (same values: 0.8 + 0.2 * Jaccard of the texts' cross-script stems, 1 on the diagonal)."""
    import numpy as np

    from newsgraph.connect.features import stems

    vocabulary: dict[str, int] = {}
    rows = [{vocabulary.setdefault(stem, len(vocabulary)) for stem in stems(text)} for text in texts]
    members = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for i, columns in enumerate(rows):
        members[i, list(columns)] = 1.0
    shared = members @ members.T
    sizes = members.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    out = (0.8 + 0.2 * jaccard).astype(np.float32)
    np.fill_diagonal(out, 1.0)
    return out


# --- the fallback ------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Group:
    speaker: str | None
    items: list[dict] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)


def _tokens(text: str) -> set[str]:
    return {w[:_STEM] for w in WORD_RE.findall(fold(text)) if len(w) >= 3}


def group_records(items: Sequence[dict]) -> list[list[dict]]:
    """Greedy single pass: each record joins the first group with a compatible speaker and similar words.

    Only groups sharing a word stem with the record are compared (an inverted index), so a story with hundreds
    of quotes stays fast."""
    groups: list[_Group] = []
    postings: dict[str, list[int]] = {}
    for item in items:
        tokens = _tokens(item["text"])
        speaker = item.get("speaker_key")
        shared = Counter(index for token in tokens for index in postings.get(token, ()))
        for index in sorted(shared):
            group = groups[index]
            known_same = speaker is not None and speaker == group.speaker
            if not (known_same or speaker is None or group.speaker is None):
                continue
            overlap = shared[index] / (len(tokens) + len(group.tokens) - shared[index])
            if overlap >= (_SAME_SPEAKER_WORDS if known_same else _SAME_WORDS):
                group.items.append(item)
                group.speaker = group.speaker or speaker
                for token in tokens - group.tokens:
                    postings.setdefault(token, []).append(index)
                group.tokens |= tokens
                break
        else:
            for token in tokens:
                postings.setdefault(token, []).append(len(groups))
            groups.append(_Group(speaker, [item], set(tokens)))
    return [g.items for g in groups]


def _versions(articles: Sequence[Article], attribute: str) -> list[dict]:
    by_id = {a.id: a for a in articles}
    out = []
    for article in articles:
        source = by_id.get(article.duplicate_of or "", article)
        for record in getattr(article, attribute):
            speaker = getattr(record, "speaker_entity_id", None) or getattr(record, "speaker", None)
            out.append({
                "article_id": article.id, "outlet": article.site, "source_outlet": source.site or source.id,
                "language": article.language, "text": record.text, "copy": article.duplicate_of is not None,
                "published": article.published.isoformat() if article.published else None,
                "speaker": getattr(record, "speaker", None), "kind": getattr(record, "kind", None),
                "speaker_entity_id": getattr(record, "speaker_entity_id", None),
                "speaker_key": fold(speaker) if speaker else None,
            })
    return out


def _drift(versions: list[dict]) -> list[dict]:
    originals = [v for v in versions if not v["copy"]]
    pairs = []
    for x, first in enumerate(originals):
        for second in originals[x + 1:]:
            same_language = (first["language"] or "") == (second["language"] or "")
            if same_language and first["source_outlet"] != second["source_outlet"] and \
                    " ".join(fold(first["text"]).split()) != " ".join(fold(second["text"]).split()):
                pairs.append({"reason": "worded differently", "similarity": None, "a": first, "b": second})
    return pairs


def _fallback(articles: Sequence[Article]) -> dict:
    quotes, claims = [], []
    for group in group_records(_versions(articles, "quotes")):
        outlets = sorted({v["source_outlet"] for v in group if not v["copy"]})
        quotes.append({"speaker": group[0]["speaker"], "speaker_entity_id": group[0]["speaker_entity_id"],
                       "text": group[0]["text"], "versions": group, "outlets": outlets,
                       "languages": sorted({v["language"] or "" for v in group}),
                       "corroborated": len(outlets) >= 2, "drift": _drift(group)})
    for group in group_records(_versions(articles, "claims")):
        outlets = sorted({v["source_outlet"] for v in group if not v["copy"]})
        claims.append({"text": group[0]["text"], "kind": group[0]["kind"], "versions": group,
                       "supporting_outlets": outlets, "contradicting_outlets": [], "corroborated": len(outlets) >= 2,
                       "contradicted": False})
    quotes.sort(key=lambda g: (-len(g["outlets"]), g["text"]))
    claims.sort(key=lambda g: (-len(g["supporting_outlets"]), g["text"]))
    return {
        "independent_outlets": sorted({a.site or a.id for a in articles if not a.duplicate_of}),
        "copies": [{"article_id": a.id, "outlet": a.site, "copy_of": a.duplicate_of} for a in articles
                   if a.duplicate_of],
        "quotes": quotes, "claims": claims, "drift": [pair for group in quotes for pair in group["drift"]],
    }
