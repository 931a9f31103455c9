"""Which quotes and claims of a story several independent outlets report, and where a quote's wording drifts.

The stories feature owns corroboration (``newsgraph.connect.corroboration``); until it lands, or when it offers
nothing for a story, the reader falls back to this simple grouping so the story page still shows the sections:
records with the same speaker and shared words (folded word stems, Jaccard >= 0.3; 0.5 when a speaker is
unknown) form one group;
a group reported by two or more independent outlets (copies of a wire text do not count) is corroborated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.model import Article
from newsgraph.text import WORD_RE, fold

__all__ = ["Group", "group_records", "corroboration"]

_SAME_WORDS = 0.5  # Jaccard of word stems when the speakers are unknown
_SAME_SPEAKER_WORDS = 0.3  # ... and when both records name the same speaker: rewordings still group
_STEM = 5  # words compared on their first letters, so inflected forms match ("bridge", "bridges")


@dataclass(slots=True)
class Group:
    speaker: str | None
    items: list[dict] = field(default_factory=list)  # {"article_id", "site", "language", "text", "speaker", ...}
    tokens: set[str] = field(default_factory=set)

    @property
    def outlets(self) -> list[str]:
        return sorted({i["site"] or "?" for i in self.items if not i.get("duplicate_of")})

    def to_dict(self) -> dict:
        versions: dict[tuple[str, str], dict] = {}
        for item in self.items:
            key = (item["language"] or "?", " ".join(fold(item["text"]).split()))
            version = versions.setdefault(key, {"text": item["text"], "language": item["language"], "reports": []})
            version["reports"].append({k: item.get(k) for k in ("article_id", "site", "start", "end", "duplicate_of")})
        by_language: dict[str, int] = {}
        for language, _ in versions:
            by_language[language] = by_language.get(language, 0) + 1
        names = [i["speaker"] for i in self.items if i.get("speaker")]
        return {
            "speaker": self.speaker,
            "speaker_name": names[0] if names else None,
            "outlets": self.outlets,
            "independent_outlets": len(self.outlets),
            "corroborated": len(self.outlets) >= 2,
            # Different wordings in one language cannot be explained by translation: that is drift.
            "drift": any(n > 1 for n in by_language.values()),
            "versions": sorted(versions.values(), key=lambda v: -len(v["reports"])),  # most reported first
        }


def _tokens(text: str) -> set[str]:
    return {w[:_STEM] for w in WORD_RE.findall(fold(text)) if len(w) >= 3}


def _similar(a: set[str], b: set[str], threshold: float) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= threshold


def group_records(items: Sequence[dict]) -> list[Group]:
    """Greedy single pass: each record joins the first group with a compatible speaker and similar words."""
    groups: list[Group] = []
    for item in items:
        tokens = _tokens(item["text"])
        speaker = item.get("speaker_key")
        for group in groups:
            known_same = speaker is not None and speaker == group.speaker
            compatible = known_same or speaker is None or group.speaker is None
            if compatible and _similar(tokens, group.tokens, _SAME_SPEAKER_WORDS if known_same else _SAME_WORDS):
                group.items.append(item)
                group.tokens |= tokens
                group.speaker = group.speaker or speaker
                break
        else:
            groups.append(Group(speaker, [item], tokens))
    return groups


def _items(articles: Sequence[Article], attribute: str) -> list[dict]:
    items = []
    for article in articles:
        for record in getattr(article, attribute):
            speaker = getattr(record, "speaker_entity_id", None) or getattr(record, "speaker", None)
            items.append({
                "article_id": article.id, "site": article.site, "language": article.language,
                "duplicate_of": article.duplicate_of, "text": record.text, "start": record.start, "end": record.end,
                "speaker": getattr(record, "speaker", None), "speaker_key": fold(speaker) if speaker else None,
            })
    return items


def _external(articles: Sequence[Article]) -> dict | None:
    """The stories feature's corroboration, when it is installed and answers for these articles."""
    try:
        from newsgraph.connect import corroboration  # lands with the stories feature
    except ImportError:
        return None
    function = getattr(corroboration, "corroborate", None)
    if function is None:
        return None
    result = function(list(articles))
    # Only a result in the shape the story page renders is used; anything else falls back to the reader's own.
    if not isinstance(result, dict):
        return None
    groups = [*result.get("quotes", []), *result.get("claims", [])]
    if not all(isinstance(g, dict) and {"versions", "outlets", "corroborated"} <= g.keys() for g in groups):
        return None
    return result


def corroboration(articles: Sequence[Article]) -> dict:
    """``{"quotes": [group], "claims": [group], "source": "connect" | "reader"}``; corroborated groups first."""
    external = _external(articles)
    if external is not None:
        return {**external, "source": "connect"}
    out: dict = {"source": "reader"}
    for attribute in ("quotes", "claims"):
        groups = [g.to_dict() for g in group_records(_items(articles, attribute))]
        groups.sort(key=lambda g: (-g["independent_outlets"], -len(g["versions"])))
        out[attribute] = groups
    return out
