"""Stage: language of the article and of each paragraph (mixed pages), with lingua restricted to the
configured languages (``newsgraph.config.LANGUAGES``)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from newsgraph.config import LANGUAGES
from newsgraph.model import Article

__all__ = ["run", "detect", "detect_paragraphs"]

_MIN_CHARS = 20  # shorter paragraphs inherit the article's language: too little evidence


@cache
def _detector(languages: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect(text: str, languages: tuple[str, ...] = LANGUAGES) -> str | None:
    """ISO 639-1 code of ``text`` among ``languages``, or None when there is too little text to tell."""
    sample = text[:4000]
    if len(sample.strip()) < 3:
        return None
    found = _detector(tuple(languages)).detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None


def detect_paragraphs(article: Article, languages: tuple[str, ...] = LANGUAGES) -> Article:
    paragraphs = []
    for p in article.paragraphs:
        chunk = article.text[p.start : p.end]
        lang = detect(chunk, languages) if len(chunk.strip()) >= _MIN_CHARS else article.language
        paragraphs.append(replace(p, language=lang or article.language))
    return replace(article, paragraphs=tuple(paragraphs))


def run(article: Article, languages: tuple[str, ...] = LANGUAGES) -> Article:
    if not article.language:
        article = replace(article, language=detect(article.text, languages))
    if article.paragraphs and any(p.language is None for p in article.paragraphs):
        article = detect_paragraphs(article, languages)
    return article
