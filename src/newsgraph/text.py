"""Small text utilities shared by the stages: folding for search and matching, stable hashing."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["fold", "fold_all", "normalize_space", "stable_hash", "WORD_RE", "WEB_NAME_END"]

# Letters that Unicode does not decompose into base letter + mark, but that readers treat as variants.
_EXTRA_FOLDS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
        "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "þ": "th", "ð": "d",
        "’": "'", "ʼ": "'", "`": "'", "´": "'",
    }
)
_EXTRA_FOLD_CHARS = tuple(map(chr, _EXTRA_FOLDS))
_NOT_WORD_RE = re.compile(r"[^\w\n]")
_SPACE_RE = re.compile(r"\s+")
WORD_RE = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)
# How the web address an outlet is named by ends ("OBOZ.UA", "Lenta.ru", "Onet.pl"): the ending in one case, so two
# sentences glued together ("Moscow.News") are not taken for one.
_WEB_ENDINGS = "ua|ru|pl|by|kz|com|net|org|info|news|eu|tv|fm|io|uk"
WEB_NAME_END = rf"\.(?:{_WEB_ENDINGS}|{_WEB_ENDINGS.upper()})"


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Zełenski" -> "zelenski", "Ёлка" -> "елка", "Ï" -> "i"."""
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def fold_all(words: list[str]) -> list[str]:
    """``[fold(w) for w in words]`` for words without line breaks, in a few C-level passes over the joined words
    (``fold`` costs microseconds a word in Python): no normalisation step carries anything across a line break."""
    text = "\n".join(words)
    for ch in [ch for ch in _EXTRA_FOLD_CHARS if ch in text]:  # str.replace per letter present: translate is slower
        text = text.replace(ch, _EXTRA_FOLDS[ord(ch)])
    text = unicodedata.normalize("NFKD", text)
    for mark in [ch for ch in set(_NOT_WORD_RE.findall(text)) if unicodedata.combining(ch)]:  # marks are not \w
        text = text.replace(mark, "")
    if not unicodedata.is_normalized("NFC", text):  # a quick check; most text is, once its marks are gone
        text = unicodedata.normalize("NFC", text)
    folded = text.casefold().split("\n")
    return folded if len(folded) == len(words) else [fold(w) for w in words]


def normalize_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def stable_hash(*parts: str, length: int = 16) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()
    return digest[:length]
