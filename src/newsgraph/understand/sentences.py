"""Stage: sentence boundaries (``Article.sentences``), rule-based and language-aware enough for news text."""

from __future__ import annotations

import re
from dataclasses import replace

from newsgraph.model import Article, Sentence

__all__ = ["run", "split"]

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit or opening quote; abbreviations below do not end sentences.
_UPPER = "A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓĘĄ"
_BOUNDARY = re.compile(r"""[.!?…]+["'”»“’)\]]*\s+(?=["'“«„(\[]?[""" + _UPPER + r"""\d])""")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "rep", "sen", "gov", "jr", "sr", "inc",
    "ltd", "co", "corp", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "т", "г", "р", "тис", "млн", "млрд", "ім", "вул", "просп",
    "пан", "ул", "им", "тыс", "ok", "ul", "im", "tys", "mln", "mld", "np", "tzw", "godz", "św", "dz", "pkt",
    # titles before a name: a sentence end here would cut "Rev. Martin Luther King" in two
    "rev", "fr", "msgr", "capt", "cmdr", "adm", "maj", "brig", "hon", "pres", "mt", "св", "проф", "акад", "ген",
    "ks", "mec", "inż", "hab", "al",
    # places and documents before a name or a number: "м. Києва", "вул. Хрещатик", "ст. 15", "пров. Тихий"
    "ст", "пров", "обл", "смт", "буд", "бул", "пл", "art", "ust", "woj", "pow",
}


def split(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` as offsets into ``text``."""
    end = len(text) if end is None else end
    sentences, begin = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        word = re.search(r"(\w[\w.]*)[.!?…]*$", text[begin : match.start() + 1])
        stem = word.group(1).rstrip(".") if word else ""
        if stem and match.group().startswith(".") and stem.lower() in _ABBREVIATIONS:
            continue
        if len(stem) == 1 and stem.isalpha() and match.group().startswith("."):
            continue  # an initial ("J. Smith") or a one-letter abbreviation ("м. Києва", "с. Іванівка"): no word
            # of one lower-case letter ends a sentence in our languages
        stop = match.end()
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        if text[begin:stop].strip():
            sentences.append(Sentence(begin, stop))
        begin = match.end()
    if text[begin:end].strip():
        stop = end
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        sentences.append(Sentence(begin, stop))
    return sentences


def run(article: Article) -> Article:
    blocks = [(p.start, p.end) for p in article.paragraphs] or [(0, len(article.text))]
    sentences = []
    for start, end in blocks:
        sentences.extend(split(article.text, start, end))
    return replace(article, sentences=tuple(sentences))
