"""Polish base forms of names: a small team-written lexicon first, then suffix rules learned from gold base forms.

``suffixes.json`` maps a context (label group, first word or not, capitalised or not, the word's last 1-5 letters)
to the most frequent rewrites "strip:add" with their counts (``newsgraph.train.pl_lemma`` writes it). The longest
ending seen wins, so "Zełenskiego" uses "-skiego -> -ski" before the plain "-o" rule.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from newsgraph.understand.lang.pl.lexicon import PHRASES, WORDS

__all__ = ["lemmatize_name", "rule_context", "MAX_SUFFIX", "SUFFIXES_PATH"]

MAX_SUFFIX = 5
SUFFIXES_PATH = Path(__file__).with_name("suffixes.json")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DOMAIN_RE = re.compile(r"\w\.[a-z]{2,}\b|\d")
_STOP_WORDS = {"w", "we", "na", "i", "z", "ze", "do", "od", "dla", "o", "po", "przy", "pod", "nad", "za", "przeciw"}


def rule_context(label: str, after: str, word: str, size: int) -> str:
    """``after``: "0" for the first word, "1" after a word that changed (an agreeing adjective may follow), "2" after
    one that did not (a genitive complement follows: "MSZ Ukrainy")."""
    group = "P" if label == "PER" else "X"
    cap = "C" if word[:1].isupper() else "l"
    return f"{group}{after}{cap}|{word.lower()[-size:]}"


@lru_cache(maxsize=1)
def _rules() -> dict[str, dict[str, int]]:
    if not SUFFIXES_PATH.exists():
        return {}
    return json.loads(SUFFIXES_PATH.read_text(encoding="utf-8"))


def _with_case(base: str, model: str) -> str:
    if len(model) > 1 and model.isupper():
        return base.upper()
    return base[:1].upper() + base[1:] if model[:1].isupper() else base


def _word(word: str, label: str, after: str) -> str:
    known = WORDS.get(word.lower()) if after != "2" else None
    if known:
        return _with_case(known, word)
    if len(word) > 1 and (word.isupper() or sum(c.isupper() for c in word) > 1 and "-" not in word):
        return word  # an acronym: "NATO", "PiS"
    rules = _rules()
    for size in range(min(MAX_SUFFIX, len(word) - 1), 0, -1):
        options = rules.get(rule_context(label, after, word, size))
        if not options:
            continue
        strip, _, add = max(options.items(), key=lambda item: item[1])[0].partition(":")
        stem = word[: len(word) - int(strip)] if int(strip) else word
        return stem + (add.upper() if word.isupper() else add)
    return word


def lemmatize_name(text: str, label: str) -> str:
    """The base form of a Polish name: "Unii Europejskiej" -> "Unia Europejska", "Putina" -> "Putin"."""
    known = PHRASES.get(text.lower())
    if known:
        return known
    if _DOMAIN_RE.search(text):
        return text  # "Money.pl", "ryanair.com"
    pieces, position, after = [], 0, "0"
    for match in _WORD_RE.finditer(text):
        pieces.append(text[position : match.start()])
        base = _word(match.group(), label, after)
        if match.group() in _STOP_WORDS:
            pieces.append(text[match.start() :])  # "wojny w Ukrainie": nothing after a preposition changes
            return "".join(pieces)
        pieces.append(base)
        position, after = match.end(), "1" if base != match.group() else "2"
    pieces.append(text[position:])
    return "".join(pieces)
