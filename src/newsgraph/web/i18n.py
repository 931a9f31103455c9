"""UI languages: gettext catalogs (``web/locale/<lang>/LC_MESSAGES/messages.mo``) and choosing one per request.

The choice, in order: ``?ui=uk`` (remembered in the ``ui`` cookie), the cookie, the browser's Accept-Language,
English. Only the interface is translated; article content is shown as stored.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

__all__ = ["UI_LANGUAGES", "DEFAULT", "LOCALE_DIR", "translations", "pick_language"]

UI_LANGUAGES = {"en": "English", "uk": "Українська", "ru": "Русский", "pl": "Polski"}
DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
COOKIE = "ui"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language``; English (the msgids) when there is none."""
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation("messages", localedir=LOCALE_DIR, languages=[language], fallback=True)


def _from_accept_language(header: str) -> str | None:
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()[:2]))
    for _, _, code in sorted(ranked):
        if code in UI_LANGUAGES:
            return code
    return None


def pick_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in UI_LANGUAGES:
            return candidate
    return _from_accept_language(accept_language or "") or DEFAULT
