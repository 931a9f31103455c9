"""The fast path: our own text-density extractor over the blocks of ``dom.blocks``.

Every block votes for the elements that contain it: prose (long, few links, outside page furniture) votes with its
length, navigation and furniture vote against with theirs. The container with the highest total is the article;
its blocks are kept in order, less the ones that are furniture inside it, link lists, and the short lines that
open or close it (title, byline, share bar). ``confidence`` says how sure the choice is: the share of the page's
prose inside the chosen container, discounted when the article is short or link-heavy. The cascade takes the fast
path's result only above a threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extract.dom import Block
from newsgraph.model import Dropped

__all__ = ["FastResult", "select", "MIN_PROSE_CHARS"]

MIN_PROSE_CHARS = 60  # a block shorter than this is not prose on its own
MAX_PROSE_LINK_DENSITY = 0.35
TEASER_LEAD_LINK = 25  # a block opening with this much link text is a teaser (headline link + summary)
WRAPPER_PROSE_SHARE = 0.3  # a "boilerplate" container holding this share of the page's prose is a wrapper
_SENTENCE_END_RE = re.compile(r"[.!?…:;»”\"')]\s*$")
_FURNITURE_LINE_RE = re.compile(
    r"^(?:advertisement|advertising|реклама|reklama|share|share this|read more|more|loading|comments?|"
    r"follow us|subscribe|sign up|tags?|related|print|email|facebook|twitter|x|telegram|whatsapp|"
    r"поділитися|поделиться|udostępnij)\s*:?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FastResult:
    blocks: tuple[Block, ...]
    confidence: float
    dropped: tuple[Dropped, ...] = ()


def _is_prose(block: Block) -> bool:
    return (block.lead_link < TEASER_LEAD_LINK and len(block.text) >= MIN_PROSE_CHARS and block.link_density <= MAX_PROSE_LINK_DENSITY
            and block.kind not in {"h", "caption"})


def _confirm_boilerplate(blocks: list[Block]) -> None:
    """Set ``boiler_depth`` from the boilerplate-looking containers that do not hold most of the page's prose.

    A class name is weak evidence: "widget Blog" or "page-ad-margins" may wrap the whole article.
    """
    prose_in: dict[int, int] = {}
    total = 0
    for block in blocks:
        if _is_prose(block):
            total += len(block.text)
            for depth in block.boilers:
                key = id(block.path[depth])
                prose_in[key] = prose_in.get(key, 0) + len(block.text)
    for block in blocks:
        block.boiler_depth = next((d for d in block.boilers
                                   if prose_in.get(id(block.path[d]), 0) < WRAPPER_PROSE_SHARE * total), -1)


def _vote(block: Block) -> float:
    size = len(block.text)
    if block.boiler_depth >= 0:
        return -0.5 * size - 5
    if block.lead_link >= TEASER_LEAD_LINK:
        return -0.5 * size
    if _is_prose(block):
        bonus = 1.2 if _SENTENCE_END_RE.search(block.text) else 1.0
        return size * bonus
    if block.link_density > 0.5:
        return -0.8 * size - 5
    return -0.1 * size


def _best_container(blocks: list[Block]) -> tuple[object | None, dict[int, float]]:
    totals: dict[int, float] = {}
    elements: dict[int, object] = {}
    for block in blocks:
        vote = _vote(block)
        for el in block.path:
            key = id(el)
            totals[key] = totals.get(key, 0.0) + vote
            elements[key] = el
    if not totals:
        return None, totals
    best = max(totals, key=totals.__getitem__)
    return elements[best], totals


def select(blocks: list[Block]) -> FastResult:
    """The article's blocks, with how confident the choice is and what was left out."""
    _confirm_boilerplate(blocks)
    container, _ = _best_container(blocks)
    if container is None:
        return FastResult((), 0.0)
    inside = [b for b in blocks if container in b.path]
    depth = inside[0].path.index(container) if inside else 0
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for block in inside:
        reason = _drop_reason(block, depth)
        if reason:
            dropped.append(Dropped(block.text[:200], reason, "fastpath"))
        else:
            kept.append(block)
    kept, trimmed = _trim_edges(kept)
    dropped.extend(Dropped(b.text[:200], "boilerplate", "fastpath-edge") for b in trimmed)
    return FastResult(tuple(kept), _confidence(blocks, kept), tuple(dropped))


def _drop_reason(block: Block, container_depth: int) -> str | None:
    if block.boiler_depth > container_depth:
        return "boilerplate"
    if block.link_density > 0.5 and len(block.text) < 400:
        return "links"
    if block.lead_link >= TEASER_LEAD_LINK and block.link_density > 0.15:
        return "teaser"
    if block.kind == "h" and block.heading_level == 1:
        return "title"
    if _FURNITURE_LINE_RE.match(block.text):
        return "boilerplate"
    return None


def _trim_edges(kept: list[Block]) -> tuple[list[Block], list[Block]]:
    """Drop the short non-prose lines before the first and after the last prose block (byline, date, share)."""
    prose = [i for i, b in enumerate(kept) if _is_prose(b)]
    if not prose:
        return kept, []
    first, last = prose[0], prose[-1]
    head = [b for b in kept[:first] if b.kind != "h" or len(b.text) < 20]
    head_keep = [b for b in kept[:first] if b not in head]
    return head_keep + kept[first:last + 1], head + kept[last + 1:]


def _confidence(all_blocks: list[Block], kept: list[Block]) -> float:
    total_prose = sum(len(b.text) for b in all_blocks if _is_prose(b) and b.boiler_depth < 0)
    kept_prose = sum(len(b.text) for b in kept if _is_prose(b))
    kept_chars = sum(len(b.text) for b in kept)
    if not kept_chars or not total_prose:
        return 0.0
    share = kept_prose / total_prose
    length_factor = min(1.0, kept_prose / 1000)
    prose_share = kept_prose / kept_chars
    return share * (0.5 + 0.5 * length_factor) * (0.6 + 0.4 * prose_share)
