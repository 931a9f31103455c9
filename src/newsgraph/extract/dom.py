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

from lxml import etree

__all__ = ["Block", "parse", "text_of", "blocks", "BLOCK_TAGS", "SKIP_TAGS", "BOILERPLATE_RE"]

#: Tags that start a new block of text.
BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table "
    "thead tbody tfoot tr td th figure figcaption form fieldset address details summary hr br center menu "
    "caption legend output dialog hgroup".split()
)
#: Tags whose content is never article text.
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas video audio source track map area button "
    "select option textarea input label head title meta link base".split()
)
#: Tags whose content is page furniture wherever they appear below the article container.
FURNITURE_TAGS = frozenset("nav aside footer form menu dialog".split())
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_KIND_OF = {"li": "li", "dt": "li", "dd": "li", "blockquote": "blockquote", "pre": "pre", "figcaption": "caption",
            "caption": "caption", "td": "cell", "th": "cell", **{h: "h" for h in HEADING_TAGS}}

#: class / id words of containers that hold page furniture, not the article.
BOILERPLATE_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|sidebar|side-?bar|widget|footer|masthead|"
    r"share|sharing|social|socials|comments?|comment-list|disqus|related|recommended|recirc|more-stories|"
    r"newsletter|subscribe|subscription|signup|promo|promotion|advert|advertisement|ads?|ad-slot|adslot|"
    r"banner|sponsor|sponsored|outbrain|taboola|cookie|cookies|consent|gdpr|popup|modal|overlay|paywall|"
    r"toolbar|pagination|pager|tags|tag-list|keywords|author-bio|byline|dateline|timestamp|meta|print|"
    r"skip|visually-hidden|sr-only|screen-reader-text|hidden|caption|credit|lang|language|languages|"
    r"teaser|teasers|trending|most-read|mostread|popular|read-also|readalso|see-also|also)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                           default_doctype=False)


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


def _is_hidden(el: etree._Element) -> bool:
    style = el.get("style")
    return el.get("hidden") is not None or (style is not None and _HIDDEN_STYLE_RE.search(style) is not None)


def _looks_boilerplate(el: etree._Element, tag: str) -> bool:
    if tag in FURNITURE_TAGS:
        return True
    if el.get("aria-hidden") == "true":
        return True
    if el.get("role") in {"navigation", "complementary", "contentinfo", "banner", "dialog", "menu"}:
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return len(marks) > 1 and BOILERPLATE_RE.search(marks) is not None and tag not in {"html", "body", "article"}


class _Collector:
    """Accumulates text pieces of the current block and emits Blocks."""

    def __init__(self) -> None:
        self.out: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.lead_link = 0  # characters of link text before any plain text

    def add(self, text: str, in_link: bool) -> None:
        stripped = text.strip()
        if in_link:
            self.link_chars += len(stripped)
            if self.lead_link == sum(len(p.strip()) for p in self.parts):
                self.lead_link += len(stripped)
        self.parts.append(text)

    def flush(self, stack: list, boiler: list[int]) -> None:
        if not self.parts:
            return
        text = _SPACE_RE.sub(" ", "".join(self.parts)).strip()
        links, lead, self.parts, self.link_chars, self.lead_link = self.link_chars, self.lead_link, [], 0, 0
        if not text:
            return
        container = next((el for el in reversed(stack) if el.tag in BLOCK_TAGS), stack[-1] if stack else None)
        tag = container.tag if container is not None else "p"
        level = int(tag[1]) if tag in HEADING_TAGS else 0
        self.out.append(Block(text, min(links, len(text)), _KIND_OF.get(tag, "p"), tuple(stack),
                              tuple(boiler), level, lead_link=min(lead, len(text))))


def blocks(root: etree._Element) -> list[Block]:
    """The page's text blocks in document order (skipping scripts, styles, forms' controls and comments)."""
    collector = _Collector()
    stack: list = []
    boiler: list[int] = []  # depths of open boilerplate-looking containers
    skip_depth = 0  # > 0 while inside a SKIP_TAGS element
    link_depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth or tag in SKIP_TAGS or not tag or _is_hidden(el):
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS:
                collector.flush(stack, boiler)
            stack.append(el)
            if _looks_boilerplate(el, tag):
                boiler.append(len(stack) - 1)
            if tag == "a":
                link_depth += 1
            if el.text:
                collector.add(el.text, link_depth > 0)
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth == 0 and el.tail:
                collector.add(el.tail, link_depth > 0)
            continue
        if tag in BLOCK_TAGS:
            collector.flush(stack, boiler)
        if tag == "a":
            link_depth -= 1
        if boiler and boiler[-1] == len(stack) - 1:
            boiler.pop()
        stack.pop()
        if el.tail:
            collector.add(el.tail, link_depth > 0)
    collector.flush(stack, boiler)
    return collector.out
