"""The extraction cascade: each stage runs only when the one before it under-delivered.

1. ``fastpath``     our text-density extractor (``fastpath.select``) over the already parsed tree; taken when its
                    confidence reaches ``FAST_CONFIDENCE`` (one dominant prose container, enough text).
2. ``json-ld``      the page's JSON-LD ``articleBody``, taken when the fast path was unsure and the body agrees with
                    the visible page (most of its word 4-grams appear in the page text), so it is not a stale or
                    truncated copy.
3. ``trafilatura``  the reference extractor, on pages where our own path was unsure.
4. ``readability``  readability-lxml, when trafilatura found too little.
5. ``rescue``       the longest non-empty result of the stages above (the fast path's unsure pick included), else
                    every prose block of the page outside page furniture.

The winner is recorded in ``Extraction.extractor``, the stages run in ``Extraction.tried``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from newsgraph.extraction import fastpath
from newsgraph.extraction.dom import Block, blocks, parse
from newsgraph.model import Dropped

__all__ = ["Line", "CascadeResult", "run_cascade", "FAST_CONFIDENCE", "MIN_TEXT_CHARS"]

FAST_CONFIDENCE = 0.4
MIN_TEXT_CHARS = 200  # a fallback result shorter than this counts as "found too little"
JSON_LD_AGREEMENT = 0.8
MIN_RESCUE_WORDS = 5  # below this the page has no article ("Home", a lone menu item)
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    kind: str = "p"


@dataclass(frozen=True, slots=True)
class CascadeResult:
    lines: tuple[Line, ...]
    extractor: str
    tried: tuple[str, ...]
    dropped: tuple[Dropped, ...] = ()
    container: etree._Element | None = None  # the fast path's article element, when it won


def _lines_of(found: list[Block] | tuple[Block, ...]) -> tuple[Line, ...]:
    return tuple(Line(b.text, b.kind) for b in found)


def _text_lines(text: str | None) -> tuple[Line, ...]:
    return tuple(Line(" ".join(line.split())) for line in (text or "").splitlines() if line.strip())


def _chars(lines: tuple[Line, ...]) -> int:
    return sum(len(line.text) for line in lines)


def _words(lines: tuple[Line, ...]) -> int:
    return sum(len(_WORD_RE.findall(line.text)) for line in lines)


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _WORD_RE.findall(text.lower())
    return {tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))}


def _agrees(body: str, page_blocks: list[Block]) -> bool:
    body_shingles = _shingles(body)
    if len(body_shingles) < 20:
        return False
    page = _shingles(" ".join(b.text for b in page_blocks))
    return len(body_shingles & page) / len(body_shingles) >= JSON_LD_AGREEMENT


def run_cascade(html: str, root: etree._Element, url: str | None, json_ld_body: str | None = None) -> CascadeResult:
    """Run the stages in order until one delivers; see the module docstring for the order."""
    page_blocks = blocks(root)
    fast = fastpath.select(page_blocks)
    fast_lines = _lines_of(fast.blocks)
    if fast.confidence >= FAST_CONFIDENCE:
        return CascadeResult(fast_lines, "fastpath", ("fastpath",), fast.dropped, _container_of(fast.blocks))
    tried = ["fastpath"]
    if json_ld_body:
        tried.append("json-ld")
        if _agrees(json_ld_body, page_blocks):
            return CascadeResult(_text_lines(json_ld_body), "json-ld", tuple(tried))
    tried.append("trafilatura")
    candidates = {"fastpath": fast_lines, "trafilatura": _trafilatura(html, url)}
    if _chars(candidates["trafilatura"]) >= MIN_TEXT_CHARS:
        return CascadeResult(candidates["trafilatura"], "trafilatura", tuple(tried))
    tried.append("readability")
    candidates["readability"] = _readability(html, url)
    if _chars(candidates["readability"]) >= MIN_TEXT_CHARS:
        return CascadeResult(candidates["readability"], "readability", tuple(tried))
    tried.append("rescue")
    best = max(candidates, key=lambda name: _chars(candidates[name]))
    if _words(candidates[best]) >= MIN_RESCUE_WORDS:
        return CascadeResult(candidates[best], "rescue", tuple(tried), fast.dropped if best == "fastpath" else (),
                             _container_of(fast.blocks) if best == "fastpath" else None)
    prose = tuple(Line(b.text, b.kind) for b in page_blocks if b.boiler_depth < 0 and len(b.text) >= 40)
    prose = prose if _words(prose) >= MIN_RESCUE_WORDS else ()
    return CascadeResult(prose, "rescue", tuple(tried))


def _container_of(found: tuple[Block, ...]) -> etree._Element | None:
    """The innermost element holding every kept block."""
    if not found:
        return None
    common = found[0].path
    for block in found[1:]:
        size = 0
        for a, b in zip(common, block.path, strict=False):
            if a is not b:
                break
            size += 1
        common = common[:size]
    return common[-1] if common else None


def _trafilatura(html: str, url: str | None) -> tuple[Line, ...]:
    import trafilatura

    return _text_lines(trafilatura.extract(html, url=url, include_comments=False, include_tables=True,
                                           deduplicate=False))


def _readability(html: str, url: str | None) -> tuple[Line, ...]:
    from readability import Document
    from readability.readability import Unparseable

    try:
        summary = Document(html, url=url).summary(html_partial=True)
    except (Unparseable, ValueError, etree.ParserError):
        return ()
    return _lines_of(blocks(parse(summary))) if summary.strip() else ()
