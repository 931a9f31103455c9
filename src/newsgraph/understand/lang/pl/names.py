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
_MIN_SHARE = 0.6
SUFFIXES_PATH = Path(__file__).with_name("suffixes.json")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DOMAIN_RE = re.compile(r"\w\.[a-z]{2,}\b")
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
        strip, _, add = _choose(word, options).partition(":")
        if len(word) - int(strip) < 2:
            return word  # a rule learned on longer words ate the stem: "Tom" -> "cy", "Die" -> "Da"
        stem = word[: len(word) - int(strip)] if int(strip) else word
        base = stem + (add.upper() if word.isupper() else add)
        if base != word and re.search(r"[gk]y$", base.lower()):
            base = base[:-1] + ("I" if base.isupper() else "i")  # Polish spells k/g + i: "Helsinkach" -> "Helsinki"
        return base
    return word


def _choose(word: str, options: dict[str, int]) -> str:
    """The most frequent rewrite, unless Polish cannot have produced the form with it, or the evidence is split."""
    lower = word.lower()
    if re.search(r"(?:[gk]|ch)ie$", lower):
        # A locative softens g/k/ch (Praga -> Pradze, Hamburg -> Hamburgu): "-gie/-kie" is a nominative ("Engie",
        # "Bałtyckie"), so no locative rule may strip it.
        options = {rule: n for rule, n in options.items() if int(rule.partition(":")[0]) < 2} or {"0:": 1}
    best, count = max(options.items(), key=lambda item: item[1])
    identity = options.get("0:", 0)
    if identity and count < _MIN_SHARE * sum(options.values()):
        return "0:"  # split evidence ("Sandra"): leaving a name as written is the safer mistake
    return best


def _agree_head(words: list[str], bases: list[str]) -> list[str]:
    """Adjectives agree with their head noun, which the suffix rules alone do not know: "Morza Czarnego" -> "Morze
    Czarne" and "Polskiego Radia" -> "Polskie Radio" (neuter head), "Federalnego Trybunału" -> "Federalny Trybunał"
    (masculine head), "Forum Ekonomicznego" -> "Forum Ekonomiczne" (an indeclinable -um head, left as written by the
    rules)."""
    if not bases:
        return bases
    head = 1 if len(bases) > 1 and _ADJECTIVE_OBLIQUE.search(words[0].lower()) else 0
    noun = bases[head].lower()
    if not _NEUTER_HEAD.search(noun):
        if head and re.search(r"[^\W\daeiouyąęó]$", noun):  # a masculine head: "Sąd", "Port", "Urząd"
            return [_to_masculine(words[0], bases[0]), *bases[1:]]
        return bases
    fixed = []
    for index, (surface, base) in enumerate(zip(words, bases, strict=True)):
        if index != head and (surface != base or index == head + 1 and noun.endswith("um")):
            base = _to_neuter(surface, base)
        fixed.append(base)
    return fixed


_ADJECTIVE_OBLIQUE = re.compile(r"(?:ego|emu|ym|im)$")
_NEUTER_HEAD = re.compile(r"(?:[^i]e|o|um)$")  # Morze, Radio, Forum (not the -ie of Unie, Komisje)


def _to_neuter(surface: str, base: str) -> str:
    ending = _ADJECTIVE_OBLIQUE.search(surface.lower())
    if not ending:
        return base
    stem = surface[: ending.start()]
    soft = ending.group() == "im" and not stem.lower().endswith("i")  # "Polskim" -> "Polskie"
    return stem + ("ie" if soft else "e")


def _to_masculine(surface: str, base: str) -> str:
    ending = _ADJECTIVE_OBLIQUE.search(surface.lower())
    if not ending or surface == base:
        return base
    stem = surface[: ending.start()]
    if stem.lower().endswith("i"):  # "Polskiego" -> stem "Polski"
        return stem
    return stem + ("i" if ending.group() == "im" or re.search(r"[kg]$", stem.lower()) else "y")


def lemmatize_name(text: str, label: str) -> str:
    """The base form of a Polish name: "Unii Europejskiej" -> "Unia Europejska", "Putina" -> "Putin"."""
    known = PHRASES.get(text.lower())
    if known:
        return known
    if _DOMAIN_RE.search(text):
        return text  # "Money.pl", "ryanair.com"
    gaps, words, bases, position, after, rest = [], [], [], 0, "0", ""
    for match in _WORD_RE.finditer(text):
        gaps.append(text[position : match.start()])
        if match.group() in _STOP_WORDS:
            rest = text[match.start() :]  # "wojny w Ukrainie": nothing after a preposition changes
            break
        base = _word(match.group(), label, after)
        words.append(match.group())
        bases.append(base)
        position, after = match.end(), "1" if base != match.group() else "2"
    else:
        rest = text[position:]
    if label != "PER":
        bases = _agree_head(words, bases)
    return "".join(gap + base for gap, base in zip(gaps, bases + [""], strict=False)) + rest
