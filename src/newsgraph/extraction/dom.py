"""The parsed page as a flat list of text blocks, in document order, each knowing the elements around it.

``parse`` builds an lxml tree once; every extractor (fast path, metadata, links) reads the same tree.
``blocks`` walks it once (``etree.iterwalk``: no Python recursion, deep pages are fine) and cuts the text into
blocks at block-level tags, recording for each block its length, how much of it is link text, the chain of
elements that contain it, and whether a container looks like boilerplate (navigation, share bars, comments ...).
The patterns are named constants here so that they can be read and tuned in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

__all__ = ["Block", "parse", "text_of", "blocks", "BLOCK_TAGS", "SKIP_TAGS", "BOILERPLATE_WORDS"]

#: Tags that start a new block of text.
BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table "
    "thead tbody tfoot tr figure figcaption form fieldset address details summary hr br center menu "
    "caption legend output dialog hgroup".split()
)
#: Tags whose content is never article text.
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas video audio source track map area button "
    "select option textarea input label head title meta link base".split()
)
#: Tags whose content is page furniture wherever they appear below the article container.
FURNITURE_TAGS = frozenset("nav aside footer form menu dialog".split())
#: ... of which these never wrap an article (a <form> or an <aside> sometimes does).
STRONG_FURNITURE_TAGS = frozenset("nav footer dialog".split())
#: Table cells stay in their row's block, separated by a space: a row reads as one line ("DL Ogunjobi 63 85%").
CELL_TAGS = frozenset(("td", "th"))
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_KIND_OF = {"li": "li", "dt": "li", "dd": "li", "blockquote": "blockquote", "pre": "pre", "figcaption": "caption",
            "caption": "caption", "tr": "row", **{h: "h" for h in HEADING_TAGS}}

#: class / id words (split at spaces, "-" and "_") of containers that hold page furniture, not the article.
BOILERPLATE_WORDS = frozenset(
    "nav navbar navigation menu menus breadcrumb breadcrumbs sidebar widget footer masthead share sharing social "
    "socials comment comments disqus related recommended recirc newsletter subscribe subscription signup promo "
    "promotion advert advertisement ad ads adslot banner sponsor sponsored outbrain taboola cookie cookies consent "
    "gdpr popup modal overlay paywall toolbar pagination pager tags keywords byline dateline timestamp meta print "
    "skip hidden caption credit lang language languages teaser teasers trending mostread popular readalso also "
    "sronly".split()
)
#: ... and the phrases among them that only count whole ("side-bar", "more-stories").
BOILERPLATE_PHRASES = ("side-bar", "comment-list", "more-stories", "ad-slot", "tag-list", "author-bio",
                       "visually-hidden", "sr-only", "screen-reader-text", "most-read", "read-also", "see-also")
#: class / id fragments (anywhere, camelCase too) of containers that never hold the article, however much text.
STRONG_BOILERPLATE_FRAGMENTS = ("comment", "cookie", "footer", "disqus", "outbrain", "taboola", "newsletter", "popup",
                                "consent", "gdpr", "breadcrumb", "masthead", "related-posts", "related-articles",
                                "related-stories", "related-content", "recommend")
_STRONG_RE = re.compile("|".join(map(re.escape, STRONG_BOILERPLATE_FRAGMENTS)))
_MARK_SPLIT_RE = re.compile(r"[\s_-]+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                           default_doctype=False, collect_ids=False)  # no id index: we never look ids up


@dataclass(slots=True)
class Block:
    """A run of text between block-level tags."""

    text: str
    links: int  # characters of the text inside <a>
    kind: str  # p, h, li, blockquote, pre, caption, cell
    path: tuple  # the open elements, outermost first (the container is path[-1])
    boilers: tuple[int, ...]  # indexes in ``path`` of the containers that look like boilerplate
    heading_level: int = 0
    boiler_depth: int = -1  # the outermost of ``boilers`` that the fast path confirmed, or -1
    strong_depth: int = -1  # index in ``path`` of the outermost container that is surely furniture, or -1
    lead_link: int = 0  # characters of link text the block opens with (a teaser's headline)

    @property
    def link_density(self) -> float:
        return self.links / len(self.text) if self.text else 1.0


def parse(text: str) -> etree._Element:
    """An lxml tree for the page text (broken and truncated markup are repaired by the parser)."""
    text = text.replace("\x00", "")
    if text.lstrip().startswith("<?xml"):
        text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    root = None
    try:
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        pass
    if root is None or root.find("body") is None and len(root) == 0:
        root = etree.fromstring(f"<html><body><pre>{_escape(text)}</pre></body></html>", _PARSER)
    return root


def text_of(el: etree._Element) -> str:
    """The element's text with whitespace collapsed (scripts and styles included: use on small elements)."""
    return " ".join("".join(el.itertext()).split())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_hidden(attrib) -> bool:
    if "hidden" in attrib:
        return True
    style = attrib.get("style")
    if not style or ("none" not in style and "hidden" not in style):
        return False
    return _HIDDEN_STYLE_RE.search(style) is not None


_FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "dialog", "menu"})


WEAK, STRONG = 1, 2
_NEVER_FURNITURE = frozenset(("html", "body", "article", "main"))


@lru_cache(maxsize=16384)
def _marks_look_boilerplate(marks: str) -> int:
    lowered = marks.lower()
    plain = lowered.replace("commentary", "")
    if _STRONG_RE.search(plain):
        return STRONG
    normal = "-".join(_MARK_SPLIT_RE.split(lowered))
    if not BOILERPLATE_WORDS.isdisjoint(normal.split("-")) or any(p in normal for p in BOILERPLATE_PHRASES):
        return WEAK
    return 0


def _looks_boilerplate(attrib, tag: str) -> int:
    """0, WEAK (may still wrap the article) or STRONG (never does), from the element's tag and attributes."""
    if tag in FURNITURE_TAGS:
        return STRONG if tag in STRONG_FURNITURE_TAGS else WEAK
    if not attrib:
        return 0
    if attrib.get("aria-hidden") == "true" or attrib.get("role") in _FURNITURE_ROLES:
        return WEAK
    if tag in _NEVER_FURNITURE:
        return 0
    classes, ident = attrib.get("class"), attrib.get("id")
    found = _marks_look_boilerplate(classes) if classes else 0  # cached: class names repeat on a page
    if ident and found != STRONG:
        found = max(found, _marks_look_boilerplate(ident))
    return found


class _Collector:
    """Accumulates text pieces of the current block and emits Blocks."""

    def __init__(self) -> None:
        self.out: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.lead_link = 0  # characters of link text before any plain text
        self.plain_seen = False

    def add(self, text: str, in_link: bool) -> None:
        if in_link:
            size = len(text.strip())
            self.link_chars += size
            if not self.plain_seen:
                self.lead_link += size
        elif not self.plain_seen and not text.isspace():
            self.plain_seen = True
        self.parts.append(text)

    def flush(self, stack: list, boiler: list[int], strong: list[int]) -> None:
        if not self.parts:
            return
        text = " ".join("".join(self.parts).split())
        links, lead, self.link_chars, self.lead_link = self.link_chars, self.lead_link, 0, 0
        self.parts.clear()
        self.plain_seen = False
        if not text:
            return
        container = next((el for el in reversed(stack) if el.tag in BLOCK_TAGS), stack[-1] if stack else None)
        tag = container.tag if container is not None else "p"
        level = int(tag[1]) if tag in HEADING_TAGS else 0
        self.out.append(Block(text, min(links, len(text)), _KIND_OF.get(tag, "p"), tuple(stack),
                              tuple(boiler), level, lead_link=min(lead, len(text)),
                              strong_depth=strong[0] if strong else -1))


def blocks(root: etree._Element) -> list[Block]:
    """The page's text blocks in document order (skipping scripts, styles, forms' controls and comments)."""
    collector = _Collector()
    add, flush = collector.add, collector.flush  # bound once: this loop runs for every element of the page
    parts = collector.parts  # the same list object for the whole walk (flush empties it in place)
    block_tags, cell_tags, skip_tags, furniture_tags = BLOCK_TAGS, CELL_TAGS, SKIP_TAGS, FURNITURE_TAGS
    stack: list = []
    boiler: list[int] = []  # depths of open boilerplate-looking containers
    strong: list[int] = []  # ... of those that surely are
    skip_depth = 0  # > 0 while inside a SKIP_TAGS element
    link_depth = 0
    body = root.find("body")  # the <head> holds no text worth walking
    walker = etree.iterwalk(body if body is not None else root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if skip_depth or tag in skip_tags or not isinstance(tag, str):
                skip_depth += 1
                walker.skip_subtree()  # its "end" event still comes, and brings the tail
                continue
            attrib = el.attrib
            if attrib and _is_hidden(attrib):
                skip_depth += 1
                walker.skip_subtree()
                continue
            kind = _looks_boilerplate(attrib, tag) if attrib or tag in furniture_tags else 0
            if tag in block_tags:
                if parts:
                    flush(stack, boiler, strong)
                stack.append(el)
            elif kind or tag in cell_tags:
                if tag in cell_tags:
                    add(" ", False)
                stack.append(el)
            # other inline elements (<b>, <span>, <a> ...) stay off the path: they never hold an article
            if kind:
                boiler.append(len(stack) - 1)
                if kind == STRONG:
                    strong.append(len(stack) - 1)
            if tag == "a":
                link_depth += 1
            text = el.text
            if text:
                add(text, link_depth > 0)
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth == 0 and el.tail:
                add(el.tail, link_depth > 0)
            continue
        if tag in block_tags:
            if parts:
                flush(stack, boiler, strong)
        elif tag == "a":
            link_depth -= 1
        if stack and stack[-1] is el:
            depth = len(stack) - 1
            if boiler and boiler[-1] == depth:
                boiler.pop()
                if strong and strong[-1] == depth:
                    strong.pop()
            stack.pop()
        tail = el.tail
        if tail:
            add(tail, link_depth > 0)
    flush(stack, boiler, strong)
    return collector.out
