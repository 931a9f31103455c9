"""The fast path: our own text-density extractor over the blocks of ``dom.blocks``.

Every block votes for the elements that contain it: prose (long, few links, outside page furniture) votes with its
length, navigation and furniture vote against with theirs. The container with the highest total is the article.
Its blocks are kept in order, less:

* furniture inside it (containers whose class / id / tag mark navigation, share bars, comments ...), except inside
  a <blockquote> (quotations and embedded posts keep their links);
* link lists, teasers (a block opening with a headline link) and teaser lists (>= 3 sibling records of the same
  tag and class, each a label plus at most one paragraph: "more from", related posts, comment threads);
* image captions (<figure>, <figcaption>, a trailing "(Image: ...)" / "Credit: ..."), the <h1> title, copyright
  notices, repeated paragraphs, and the short lines before the first and after the last paragraph (byline, date,
  share bar, tag list; list items, table rows and quotations after the last paragraph stay).

``confidence`` says how sure the choice is: the share of the page's prose inside the chosen container (recognised
teaser lists do not count against it), discounted when the article is short or holds little prose. The cascade
takes the fast path's result only above a threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extraction.dates import is_copyright
from newsgraph.extraction.dom import Block
from newsgraph.model import Dropped

__all__ = ["FastResult", "select", "MIN_PROSE_CHARS"]

MIN_PROSE_CHARS = 60  # a block shorter than this is not prose on its own
MAX_PROSE_LINK_DENSITY = 0.35
TEASER_LEAD_LINK = 25  # a block opening with this much link text is a teaser (headline link + summary)
WRAPPER_PROSE_SHARE = 0.3  # a "boilerplate" container holding this share of the page's prose is a wrapper
MIN_RECORDS = 3  # sibling records (same tag and class) that make a teaser list
LEAD_MIN_CHARS = 40
TRAILING_KINDS = frozenset({"li", "pre", "row", "blockquote", "h", "p"})
LINKED_SENTENCE_CHARS = 80  # a sentence this long stays even when most of it is links
_SENTENCE_END_RE = re.compile(r"[.!?…:;»”\"')]\s*$")
_WORD_RE = re.compile(r"\w")
#: An image caption ends with its credit: "... (Image: Getty)", "... Credit: ESA", "... Фото: Reuters".
_CREDIT_RE = re.compile(r"(?:\((?:image|photo|picture|pic|foto|фото|zdjęcie)s?\s*:[^)]{1,60}\)|"
                        r"\b(?:credit|photo|image|фото|zdjęcie|fot)s?\.?\s*:\s*[^.:;!?]{1,60})\s*$", re.IGNORECASE)
_MARKUP_RE = re.compile(r"^<[a-zA-Z!/][^>]*>")  # markup that reached the text (escaped or in <noscript>)
_FURNITURE_LINE_RE = re.compile(
    r"^(?:advertisement|advertising|advert|ad|sponsored|реклама|reklama|share|share this|read more|more|loading|"
    r"comments?|follow us|subscribe|sign up|tags?|related|print|email|facebook|twitter|x|telegram|whatsapp|"
    r"поділитися|поделиться|udostępnij)\s*:?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FastResult:
    blocks: tuple[Block, ...]
    confidence: float
    dropped: tuple[Dropped, ...] = ()


def _is_prose(block: Block) -> bool:
    return (len(block.text) >= MIN_PROSE_CHARS and block.link_density <= MAX_PROSE_LINK_DENSITY
            and block.lead_link < TEASER_LEAD_LINK and block.kind not in {"h", "caption"})


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
        block.boiler_depth = next((d for d in block.boilers if d == block.strong_depth
                                   or prose_in.get(id(block.path[d]), 0) < WRAPPER_PROSE_SHARE * total), -1)


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
    """The element with the highest total vote of the blocks below it, and every element's total.

    Votes land on each block's own container; each element is registered once (walking up a block's path stops
    at the first element already known), then totals are summed bottom-up: linear in the number of elements.
    """
    totals: dict[int, float] = {}
    elements: dict[int, object] = {}
    parent_of: dict[int, int | None] = {}
    depth_of: dict[int, int] = {}
    for block in blocks:
        path = block.path
        if not path:
            continue
        leaf = id(path[-1])
        totals[leaf] = totals.get(leaf, 0.0) + _vote(block)
        for depth in range(len(path) - 1, -1, -1):
            key = id(path[depth])
            if key in elements:
                break
            elements[key] = path[depth]
            depth_of[key] = depth
            parent_of[key] = id(path[depth - 1]) if depth else None
    for key in sorted(elements, key=depth_of.__getitem__, reverse=True):
        parent = parent_of[key]
        if parent is not None:
            totals[parent] = totals.get(parent, 0.0) + totals.get(key, 0.0)
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
    records = _record_blocks(inside, depth)
    for block in inside:
        reason = "teaser-list" if id(block) in records and not _quoted(block, depth) else _drop_reason(block, depth)
        if reason:
            dropped.append(Dropped(block.text[:200], reason, "fastpath"))
        else:
            kept.append(block)
    kept, trimmed = _trim_edges(kept)
    dropped.extend(Dropped(b.text[:200], "boilerplate", "fastpath-edge") for b in trimmed)
    return FastResult(tuple(kept), _confidence(blocks, kept, records), tuple(dropped))


def _signature(el) -> tuple:
    """Tag and first class name: records of a list share them ("post post-7816 ..." and "post post-1806 ...")."""
    classes = (el.get("class") or "").split()
    return el.tag, classes[0] if classes else ""


def _record_label(block: Block) -> bool:
    """A record's label: a headline link, or a short line that is not a subheading (a name, a date)."""
    return block.link_density > 0.5 or (len(block.text) < MIN_PROSE_CHARS and block.kind != "h")


def _record_blocks(inside: list[Block], depth: int) -> set[int]:
    """Blocks of repeated records below the container: >= MIN_RECORDS sibling elements with the same tag and
    class, each holding short lines (name, date, headline) and at most one prose block. That is how lists of
    teasers, "more from" rails and comment threads look; an article's own sections hold several paragraphs."""
    groups: dict[int, list[Block]] = {}
    elements: dict[int, object] = {}
    for block in inside:
        for el in block.path[depth + 1:-1] if len(block.path) > depth + 2 else ():
            groups.setdefault(id(el), []).append(block)
            elements[id(el)] = el
    siblings: dict[tuple, list[int]] = {}
    for key, el in elements.items():
        members = groups[key]
        prose = sum(1 for b in members if _is_prose(b))
        if len(members) >= 2 and prose <= 1 and any(_record_label(b) for b in members):
            parent = el.getparent()
            siblings.setdefault((id(parent), *_signature(el)), []).append(key)
    found: set[int] = set()
    for keys in siblings.values():
        if len(keys) >= MIN_RECORDS:
            found.update(id(b) for key in keys for b in groups[key])
    return found


def _linked_sentence(block: Block) -> bool:
    """A full sentence that happens to be mostly links (a paragraph citing sources), not a link list."""
    return (len(block.text) >= LINKED_SENTENCE_CHARS and block.lead_link < TEASER_LEAD_LINK
            and _SENTENCE_END_RE.search(block.text) is not None)


def _quoted(block: Block, container_depth: int) -> bool:
    """Inside a <blockquote> in the article: a quotation or an embedded post, links and all."""
    return any(el.tag == "blockquote" for el in block.path[container_depth + 1:])


def _drop_reason(block: Block, container_depth: int) -> str | None:
    if block.strong_depth > container_depth:
        return "boilerplate"
    if _quoted(block, container_depth):
        return None
    if block.boiler_depth > container_depth:
        return "boilerplate"
    if block.link_density > 0.5 and len(block.text) < 400 and not _linked_sentence(block):
        return "links"
    if block.kind == "h" and block.heading_level == 1:
        return "title"
    if block.kind == "caption" or any(el.tag == "figure" for el in block.path[container_depth + 1:]):
        return "caption"
    if len(block.text) < 300 and _CREDIT_RE.search(block.text):
        return "caption"
    if len(block.text) < 300 and is_copyright(block.text):
        return "copyright-footer"
    text = block.text
    if _FURNITURE_LINE_RE.match(text) or _MARKUP_RE.match(text) or not _WORD_RE.search(text):
        return "boilerplate"
    return None


def _trim_edges(kept: list[Block]) -> tuple[list[Block], list[Block]]:
    """Drop the short non-prose lines before the first and after the last prose block (byline, date, share)."""
    prose = [i for i, b in enumerate(kept) if _is_prose(b)]
    if not prose:
        return kept, []
    first, last = prose[0], prose[-1]
    head = [b for b in kept[:first] if not _opens_article(b)]
    head_keep = [b for b in kept[:first] if b not in head]
    tail = kept[last + 1:]
    tail_keep = [b for b in tail if _continues_article(b)]
    while tail_keep and tail_keep[-1].kind == "h":  # a heading with nothing under it titles what was dropped
        tail_keep.pop()
    return head_keep + kept[first:last + 1] + tail_keep, head + [b for b in tail if b not in tail_keep]


def _opens_article(block: Block) -> bool:
    """A line before the first paragraph that belongs to the article (a subheading, a short lead)."""
    return (block.kind == "h" and len(block.text) >= 20) or (
        block.kind == "p" and len(block.text) >= LEAD_MIN_CHARS and block.link_density < 0.3)


def _continues_article(block: Block) -> bool:
    """A short line after the last paragraph that still belongs to the article (a list item, code, a table row),
    not a credit, a tag list or a share bar."""
    return (block.link_density < 0.3 or _linked_sentence(block)) and block.kind in TRAILING_KINDS


def _confidence(all_blocks: list[Block], kept: list[Block], records: set[int]) -> float:
    """Share of the page's prose that was kept (teaser lists recognised as such do not count against it),
    discounted for short articles and for kept text that is not prose."""
    total_prose = sum(len(b.text) for b in all_blocks
                      if _is_prose(b) and b.boiler_depth < 0 and id(b) not in records)
    kept_prose = sum(len(b.text) for b in kept if _is_prose(b))
    kept_chars = sum(len(b.text) for b in kept)
    if not kept_chars or not total_prose:
        return 0.0
    share = kept_prose / total_prose
    length_factor = min(1.0, kept_prose / 1000)
    prose_share = kept_prose / kept_chars
    return share * (0.5 + 0.5 * length_factor) * (0.6 + 0.4 * prose_share)
