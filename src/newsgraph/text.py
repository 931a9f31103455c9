"""Small text utilities shared by the stages: folding for search and matching, stable hashing."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["fold", "normalize_space", "stable_hash", "WORD_RE"]

# Letters that Unicode does not decompose into base letter + mark, but that readers treat as variants.
_EXTRA_FOLDS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
        "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "þ": "th", "ð": "d",
        "’": "'", "ʼ": "'", "`": "'", "´": "'",
    }
)
_SPACE_RE = re.compile(r"\s+")
WORD_RE = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Zełenski" -> "zelenski", "Ёлка" -> "елка", "Ï" -> "i"."""
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def normalize_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def stable_hash(*parts: str, length: int = 16) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()
    return digest[:length]
