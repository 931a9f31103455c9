"""Per-field metadata extractors. Each field is filled from the first source that has it, in a fixed order:

=============  ==========================================================================================
title          JSON-LD headline, og:title, the first <h1>, <title> (less a " | Site" suffix)
authors        JSON-LD author(s), meta author / article:author (names, not URLs), visible byline ("By ...")
published      JSON-LD datePublished, article:published_time, meta date names, <time datetime>, a visible date
updated        JSON-LD dateModified, article:modified_time / og:updated_time
section        JSON-LD articleSection, article:section, meta section names
canonical_url  <link rel=canonical>, og:url, JSON-LD url / mainEntityOfPage
=============  ==========================================================================================

Visible dates are read only from short lines outside page furniture, and never from a copyright notice.
``Metadata.sources`` records which source filled each field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from lxml import etree

from newsgraph.extraction.dates import is_copyright, parse_date, parse_text_date, within
from newsgraph.extraction.dom import FURNITURE_TAGS, text_of
from newsgraph.extraction.urls import absolute

__all__ = ["Metadata", "extract_metadata", "json_ld_objects"]

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "report", "liveblogposting", "webpage"}
_DATE_META = ("article:published_time", "og:published_time", "pubdate", "publishdate", "publish-date",
              "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
              "parsely-pub-date", "datepublished", "article.published")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified", "dcterms.modified")
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
_SECTION_META = ("article:section", "section", "parsely-section", "category", "dc.subject")
_BYLINE_RE = re.compile(r"^\s*(?:by|від|автор|авторка|author|text|tekst|текст|autor|автор:)\s*:?\s+(.{3,80})$",
                        re.IGNORECASE)
NEAR_HEADLINE_SIBLINGS = 4
_ANY_FIELD_CLASS_RE = re.compile(r"byline|auth|writer|date|time|publish|posted|data|дата|section|categ|rubri|"
                                 r"kategori|kicker|breadcrumb", re.IGNORECASE)
_BYLINE_CLASS_RE = re.compile(r"byline|author|autor|writer", re.IGNORECASE)
_DATE_CLASS_RE = re.compile(r"date|time|published|posted|data|дата", re.IGNORECASE)
_SECTION_CLASS_RE = re.compile(r"section|category|rubric|kategoria|rubryka|kicker|breadcrumb", re.IGNORECASE)
_CRUMB_SPLIT_RE = re.compile(r"\s*[/»>›|]\s*")
_META_SPLIT_RE = re.compile(r"\s*[|·•]\s*")
_TITLE_SUFFIX_RE = re.compile(r"\s+[|–—•·:-]\s+[^|–—•·]{2,40}$")
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|\bі\b|\bи\b|\bi\b|&)\s*")


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    section: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    body: str | None = None  # JSON-LD articleBody
    images: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)

    def fill(self, name: str, value, source: str) -> None:
        if value and not getattr(self, name):
            setattr(self, name, value)
            self.sources[name] = source


def json_ld_objects(root: etree._Element) -> list[dict]:
    """Every JSON-LD object on the page (``@graph`` flattened); broken JSON is skipped."""
    found: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack.extend(graph if isinstance(graph, list) else [])
            elif isinstance(item, list):
                stack.extend(item)
    return found


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _first_str(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return _first_str(value[0])
    if isinstance(value, dict):
        return _first_str(value.get("@id") or value.get("url") or value.get("name"))
    return None


def _clean_authors(names: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        if not name or name.startswith(("http://", "https://", "/")):
            continue
        for part in _NAME_SPLIT_RE.split(name.strip()):
            part = part.strip(" .,:;")
            if 2 < len(part) < 60 and part not in out and not part.isdigit():
                out.append(part)
    return tuple(out)


def _from_json_ld(meta: Metadata, objects: list[dict], base: str | None) -> None:
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    articles.sort(key=lambda o: "webpage" in _types(o))  # a real article type before a bare WebPage
    for obj in articles:
        meta.fill("title", _first_str(obj.get("headline")) or _first_str(obj.get("name")), "json-ld")
        meta.fill("authors", _clean_authors(_names(obj.get("author"))), "json-ld")
        meta.fill("published", _valid(parse_date(_first_str(obj.get("datePublished")))), "json-ld")
        meta.fill("updated", _valid(parse_date(_first_str(obj.get("dateModified")))), "json-ld")
        meta.fill("section", _first_str(obj.get("articleSection")), "json-ld")
        meta.fill("description", _first_str(obj.get("description")), "json-ld")
        body = obj.get("articleBody")
        meta.fill("body", body.strip() if isinstance(body, str) else None, "json-ld")
        url = _first_str(obj.get("mainEntityOfPage")) or _first_str(obj.get("url"))
        meta.fill("canonical_url", absolute(url, base) if url and "://" in url else None, "json-ld")
        image = _first_str(obj.get("image"))
        meta.fill("images", (absolute(image, base),) if image and absolute(image, base) else (), "json-ld")
        publisher = obj.get("publisher")
        meta.fill("site_name", _first_str(publisher.get("name")) if isinstance(publisher, dict) else None, "json-ld")


def _valid(value: datetime | None) -> datetime | None:
    return value if within(value) else None


def _meta_tags(root: etree._Element) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value:
            tags.setdefault(key, []).append(value)
    return tags


def _from_meta(meta: Metadata, tags: dict[str, list[str]], base: str | None) -> None:
    def first(*keys: str) -> str | None:
        return next((tags[k.lower()][0] for k in keys if k.lower() in tags), None)

    meta.fill("title", first("og:title", "twitter:title"), "opengraph")
    for key in _AUTHOR_META:
        meta.fill("authors", _clean_authors(tags.get(key, [])), f"meta:{key}")
    for key in _DATE_META:
        meta.fill("published", _valid(parse_date(first(key))), f"meta:{key}")
    for key in _MODIFIED_META:
        meta.fill("updated", _valid(parse_date(first(key))), f"meta:{key}")
    for key in _SECTION_META:
        meta.fill("section", first(key), f"meta:{key}")
    og_url = first("og:url")
    meta.fill("canonical_url", absolute(og_url, base) if og_url else None, "opengraph")
    meta.fill("site_name", first("og:site_name", "application-name"), "opengraph")
    meta.fill("description", first("og:description", "description"), "meta")
    image = first("og:image", "twitter:image")
    meta.fill("images", (absolute(image, base),) if image and absolute(image, base) else (), "opengraph")


def _in_furniture(el: etree._Element) -> bool:
    for ancestor in el.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in FURNITURE_TAGS or ancestor.get("role") == "contentinfo":
            return True
        if re.search(r"footer|copyright", f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}", re.I):
            return True
    return False


def _from_page(meta: Metadata, root: etree._Element, base: str | None) -> None:
    """The visible page: <link rel=canonical>, <h1>, <title>, <time>, byline and date lines."""
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.fill("canonical_url", absolute(link.get("href"), base), "link-canonical")
    for h1 in root.iter("h1"):
        text = text_of(h1)
        if text and not _in_furniture(h1):
            meta.fill("title", text, "h1")
            break
    title = next(root.iter("title"), None)
    if title is not None and title.text:
        meta.fill("title", _TITLE_SUFFIX_RE.sub("", " ".join(title.text.split())), "title-tag")
    for time_el in root.iter("time"):
        if not _in_furniture(time_el):
            value = time_el.get("datetime") or text_of(time_el)
            meta.fill("published", _valid(parse_date(value)), "time-element")
    _visible_byline_and_date(meta, root)
    _near_headline(meta, root)


@lru_cache(maxsize=8192)
def _field_marks(marks: str) -> tuple[bool, bool, bool]:
    """Whether class / id / itemprop / rel words mark a byline, a date, a section (cached: they repeat)."""
    if len(marks) < 4 or not _ANY_FIELD_CLASS_RE.search(marks):
        return False, False, False
    return (_BYLINE_CLASS_RE.search(marks) is not None, _DATE_CLASS_RE.search(marks) is not None,
            _SECTION_CLASS_RE.search(marks) is not None)


def _visible_byline_and_date(meta: Metadata, root: etree._Element) -> None:
    body = root.find("body")
    if body is None or (meta.authors and meta.published):
        return  # the section alone is not worth a walk over the whole page
    for el in body.iter("span", "div", "p", "a", "address", "li"):
        attrib = el.attrib
        if not attrib and el.tag != "address":
            continue
        marks = f"{attrib.get('class') or ''} {attrib.get('id') or ''} {attrib.get('itemprop') or ''} " \
                f"{attrib.get('rel') or ''}"
        is_author, is_date, is_section = _field_marks(marks)
        wants_author = not meta.authors and (is_author or el.tag == "address")
        wants_date = not meta.published and is_date
        wants_section = not meta.section and is_section
        if not (wants_author or wants_date or wants_section) or len(el) > 8:
            continue
        text = text_of(el)
        if not text or len(text) > 120 or is_copyright(text) or _in_furniture(el):
            continue
        if wants_author:
            match = _BYLINE_RE.match(text)
            meta.fill("authors", _clean_authors([match.group(1) if match else text]), "byline")
        if wants_date:
            meta.fill("published", _valid(parse_text_date(text)), "visible-date")
        if wants_section and len(text) < 60:
            crumbs = [c for c in _CRUMB_SPLIT_RE.split(text) if c]
            meta.fill("section", crumbs[-1] if crumbs else None, "visible-section")
        if meta.authors and meta.published and meta.section:
            return


def _near_headline(meta: Metadata, root: etree._Element) -> None:
    """Byline and date from the short lines right after the <h1> ("17 жовтня 2023, 09:12 | Автор: ...")."""
    h1 = next((h for h in root.iter("h1") if not _in_furniture(h)), None)
    if h1 is None or (meta.published and meta.authors):
        return
    for sibling in list(h1.itersiblings())[:NEAR_HEADLINE_SIBLINGS]:
        if not isinstance(sibling.tag, str) or len(sibling) > 8:
            continue
        text = text_of(sibling)
        if not text or len(text) > 160 or is_copyright(text):
            continue
        meta.fill("published", _valid(parse_text_date(text)), "visible-date")
        for part in _META_SPLIT_RE.split(text):
            match = _BYLINE_RE.match(part)
            if match:
                meta.fill("authors", _clean_authors([match.group(1)]), "byline")


def extract_metadata(root: etree._Element, url: str | None) -> Metadata:
    """Title, authors, dates, section, canonical URL and lead image of a parsed page."""
    meta = Metadata()
    _from_json_ld(meta, json_ld_objects(root), url)
    _from_meta(meta, _meta_tags(root), url)
    _from_page(meta, root, url)
    if meta.title:
        meta.title = " ".join(meta.title.split())
    return meta
