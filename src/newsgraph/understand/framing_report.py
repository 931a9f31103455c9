"""Summaries of stored framing spans (rows of ``Store.framing()``): per outlet and per targeted entity, how often
and how (techniques, most frequent wordings). Plain functions over dicts, so the CLI and the web share them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

__all__ = ["FramingSummary", "by_site", "by_target"]


@dataclass(frozen=True, slots=True)
class FramingSummary:
    key: str  # the outlet, or the target (entity id or name)
    name: str  # what to print
    spans: int
    articles: int
    techniques: tuple[tuple[str, int], ...]  # most frequent first
    wordings: tuple[tuple[str, int], ...]  # most frequent span texts, case-folded

    @property
    def spans_per_article(self) -> float:
        return self.spans / self.articles if self.articles else 0.0


def _summaries(groups: dict[str, list[dict]], names: dict[str, str], top: int) -> list[FramingSummary]:
    out = []
    for key, rows in groups.items():
        techniques = Counter(r.get("technique") or "" for r in rows)
        wordings = Counter((r.get("text") or "").casefold() for r in rows)
        out.append(FramingSummary(
            key, names.get(key, key), len(rows), len({r["article_id"] for r in rows}),
            tuple(techniques.most_common(top)), tuple(wordings.most_common(top)),
        ))
    return sorted(out, key=lambda s: (-s.spans, s.name))


def by_site(rows: list[dict], top: int = 3) -> list[FramingSummary]:
    """One summary per outlet (``site``; "?" when unknown)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row.get("site") or "?"].append(row)
    return _summaries(groups, {}, top)


def by_target(rows: list[dict], entity_names: dict[str, str] | None = None, top: int = 3) -> list[FramingSummary]:
    """One summary per targeted entity (by id, else by the target's text); spans without a target are left out."""
    groups: dict[str, list[dict]] = defaultdict(list)
    names = dict(entity_names or {})
    for row in rows:
        key = row.get("target_entity_id") or row.get("target")
        if key:
            groups[key].append(row)
            names.setdefault(key, row.get("target") or key)
    return _summaries(groups, names, top)
