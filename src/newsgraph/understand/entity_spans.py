"""Span repairs of the entities stage: what a sentence-level recogniser cannot see, mended on the article's text.
Each function takes the text and ``ner.RawSpan`` records and returns records (``understand.entities`` runs them in
order); each can be tested alone.
"""

from __future__ import annotations

import bisect
import re

from newsgraph.text import WEB_NAME_END
from newsgraph.understand import ner
from newsgraph.understand.linking import gazetteer_spans

__all__ = ["LANGUAGE_MENU_ITEMS", "with_web_outlets", "without_language_menus", "with_gazetteer", "split_at_sentences",
           "cut_after_numbers", "with_number_suffix", "with_district_names"]

# What a name's first part may end with where a sentence ends inside a recognised span ("Hamas. Beijing").
_SENTENCE_END = " \t.!?…\"'”»’)]"
# An outlet written as its web address: "OBOZ.UA", "Lenta.ru", "Onet.pl", "Ukrinform.net". Capitalised, a whole
# word, not inside a URL or an e-mail address.
_WEB_OUTLET = re.compile(rf"(?<![\w./@:-])[A-ZА-ЯЁІЇЄҐ][\w-]*(?:\.[\w-]+)*{WEB_NAME_END}(?![\w/@-]|\.\w)")
# A site's language menu, copied with the page's text: languages named in their own tongue or by their code. A line
# made only of these names holds no entity ("Українська" is the menu item, not Ukraine).
LANGUAGE_MENU_ITEMS = frozenset("""
    english українська русский русская polski deutsch français español italiano português беларуская қазақша
    română čeština slovenčina magyar türkçe български srpski српски hrvatski lietuvių latviešu eesti nederlands
    svenska suomi dansk norsk ελληνικά עברית العربية 中文 日本語 한국어 ქართული հայերեն azərbaycan oʻzbekcha
    o‘zbekcha кыргызча тоҷикӣ
    en ua ru pl de fr es eng ukr rus pol укр рус
""".split())
_MENU_SEPARATORS = re.compile(r"[\s|/·•,]+")


def with_web_outlets(text: str, spans: list[ner.RawSpan]) -> list[ner.RawSpan]:
    """An outlet named by its web address is a product (MISC, where SlavicNER's PRO goes: its annotators label
    "BiznesAlert.pl" so), whatever the model called it (it said LOC for "OBOZ.UA"); one the model missed is added."""
    outlets = [(m.start(), m.end()) for m in _WEB_OUTLET.finditer(text)]
    exact = set(outlets)
    out = [ner.RawSpan(s.start, s.end, "MISC") if (s.start, s.end) in exact else s for s in spans]
    for start, end in outlets:
        if not any(s.start < end and start < s.end for s in out):
            out.append(ner.RawSpan(start, end, "MISC"))
    return sorted(out, key=lambda s: s.start)


def _menu_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that are only a language menu ("Polski", "UA | RU | EN")."""
    found, start = [], 0
    for line in text.splitlines(keepends=True):
        items = [item for item in _MENU_SEPARATORS.split(line.casefold()) if item]
        if items and all(item in LANGUAGE_MENU_ITEMS for item in items):
            found.append((start, start + len(line)))
        start += len(line)
    return found


def without_language_menus(text: str, spans: list[ner.RawSpan]) -> list[ner.RawSpan]:
    menus = _menu_lines(text)
    return [s for s in spans if not any(start <= s.start and s.end <= end for start, end in menus)]


def _listed_wins(listed: ner.RawSpan, span: ner.RawSpan, text: str) -> bool:
    """A listed name replaces a recognised span it covers, or one that only adds words before a listed name of two
    or more words ("Russian Carnegie Eurasia Center"); "Sri Lanka Freedom Party" keeps its own span."""
    if listed.start <= span.start and span.end <= listed.end:
        return (listed.end - listed.start) > (span.end - span.start)
    if span.start < listed.start < span.end < listed.end or listed.start < span.start < listed.end < span.end:
        return True  # crossing spans: "Xi Jinping's One Belt" against "One Belt, One Road"
    return span.start < listed.start and span.end == listed.end and " " in text[listed.start : listed.end]


def _tiled_by_listed(span: ner.RawSpan, listed: list[ner.RawSpan], text: str) -> bool:
    """Two or more famous names side by side that the model read as one ("He called China Russia's lifeline")."""
    inside = [g for g in listed if span.start <= g.start and g.end <= span.end]
    if len(inside) < 2:
        return False
    edges = [span.start, *(x for g in inside for x in (g.start, g.end)), span.end]
    return all(not text[a:b].strip() for a, b in zip(edges[::2], edges[1::2], strict=True))


def with_gazetteer(text: str, spans: list[ner.RawSpan]) -> list[ner.RawSpan]:
    """Add the famous names the model missed; where a listed name overlaps a shorter recognised span, the listed
    name wins ("One Belt, One Road" over "One Road")."""
    listed = [ner.RawSpan(start, end, "MISC" if label in {"EVT", "PRO"} else label)
              for start, end, label in gazetteer_spans(text)]
    kept = []
    for span in spans:
        if not any(_listed_wins(g, span, text) for g in listed) and not _tiled_by_listed(span, listed, text):
            kept.append(span)
    taken = [(s.start, s.end) for s in kept]
    for item in listed:
        if not any(item.start < end and start < item.end for start, end in taken):
            kept.append(item)
            taken.append((item.start, item.end))
    return sorted(kept, key=lambda s: s.start)


# Single letters with dots ("S.L.", "F.C.", "D.C."): inside a recognised name they end no sentence ("S.L. Benfica",
# "D.C. United"), though the sentence splitter, reading them alone, may cut there.
_INITIALISM_END = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}\s*$")


def split_at_sentences(text: str, spans: list[ner.RawSpan], starts: list[int]) -> list[ner.RawSpan]:
    """A recognised span that runs over a sentence end is two names, not one: "... between Israel and Hamas.
    Beijing has sought ..." gives "Hamas" and "Beijing" (the model saw two capitalised words in a row). Each part
    keeps the span's label; a part without a letter is dropped. ``starts``: the sentences' first offsets."""
    out = []
    for span in spans:
        inside = starts[bisect.bisect_right(starts, span.start) : bisect.bisect_left(starts, span.end)]
        inner = [start for start in inside if not _INITIALISM_END.search(text, span.start, start)]
        if not inner:
            out.append(span)
            continue
        begin = span.start
        for cut in (*inner, span.end):
            end = cut
            while end > begin and text[end - 1] in _SENTENCE_END:
                end -= 1
            if any(ch.isalpha() for ch in text[begin:end]):
                out.append(ner.RawSpan(begin, end, span.label))
            begin = cut
    return out


# A number inside a name, then a lowercase word: the name ended at the number ("Nord Stream 2 to projekt", "Nord
# Stream 2 z Rosji", "Nord Stream 2 - oświadczyła"). A name goes on after its number only in capitals ("Nord Stream
# 2 AG"), or with the word for "year" after an event's year ("Олимпиаде 1986 года", "w 2008 roku").
_NUMBER_THEN_LOWER = re.compile(r"(?<=\d)(?=\s+(?:[—–-]\s+)?[a-zа-яёіїєґąćęłńóśźż])"
                                r"(?!\s+(?:года|году|годом|год|г\.|року|рік|р\.|roku|rok|r\.)(?!\w))")


def cut_after_numbers(text: str, spans: list[ner.RawSpan]) -> list[ner.RawSpan]:
    """Spans cut where a number inside them is followed by a lowercase word, if letters come before the number
    ("24 часа" stays whole)."""
    out = []
    for span in spans:
        cut = _NUMBER_THEN_LOWER.search(text, span.start, span.end)
        if cut and any(ch.isalpha() for ch in text[span.start : cut.start()]):
            span = ner.RawSpan(span.start, cut.start(), span.label)
        out.append(span)
    return out


# A project's number after a spaced dash belongs to its name: "Северный поток — 2", "Північний потік – 2" (the
# tokenizer keeps "поток-2" whole, and the model learned names that way).
_SPACED_NUMBER = re.compile(r"[^\S\n]*[—–-][^\S\n]*\d{1,2}(?![\d\w])(?![.,]\d)(?!\s*%)")


def with_number_suffix(text: str, spans: list[ner.RawSpan]) -> list[ner.RawSpan]:
    """Products and organisations that end in a letter take a spaced dash and a number of one or two digits after
    them (a place or a person before "– 45" is a count: "з України – 45")."""
    out = []
    for span in spans:
        if span.label in ("MISC", "ORG") and text[span.end - 1 : span.end].isalpha():
            if found := _SPACED_NUMBER.match(text, span.end):
                span = ner.RawSpan(span.start, found.end(), span.label)
        out.append(span)
    return out


# An organisation named after its district: "Вищий суд швейцарського кантону Цуг", "Urząd Górniczy miasta
# Stralsund", "апелляционный суд округа Свеа". The model ends the organisation at the district's word and reads the
# place's name apart; the place is part of the organisation's name. After the district's word a one-word name is
# the district's whatever label the model or the typer gave it ("кантону Цуг" read as an organisation).
_DISTRICT_WORD = re.compile(r"(?:кантон|округ|міста|города|miasta|област|obwodu|район|powiatu|воєводства|"
                            r"воеводства|województwa|kantonu|gminy|громади|штату|штата|stanu)\w*$", re.IGNORECASE)


def with_district_names(text: str, spans: list[ner.RawSpan]) -> list[ner.RawSpan]:
    out: list[ner.RawSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        names_district = span.label == "LOC" or " " not in text[span.start : span.end]
        if (prev and prev.label == "ORG" and names_district and text[prev.end : span.start] == " "
                and _DISTRICT_WORD.search(text, prev.start, prev.end)):
            out[-1] = ner.RawSpan(prev.start, span.end, "ORG")
            continue
        out.append(span)
    return out
