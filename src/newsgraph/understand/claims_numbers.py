"""Numbers a claim involves: quantities ("123 countries", "5%", "$2 billion", "thousands of children") and dates
("March 2023", "October 17", "17 жовтня", "w marcu 2023"), in en/uk/ru/pl.

A quantity keeps the noun it counts when one follows ("123 countries"): that is what a fact-checker looks up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NumberMention", "find_numbers"]

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?"
    r"|січ\w*|лют\w*|берез\w*|квіт\w*|трав\w*|черв\w*|лип\w*|серп\w*|верес\w*|жовт\w*|листопад\w*|груд\w*"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*"
    r"|styczni\w*|styczeń|lut\w*|marc\w*|kwietni\w*|kwiecień|maj\w*|czerw\w*|lip\w*|sierp\w*|wrze[sś]\w*"
    r"|październik\w*|pazdziernik\w*|listopad\w*|grudni\w*|grudzień"
)
_YEAR = r"(?:1[89]|20)\d{2}"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\b(?:\s+{_YEAR})?"  # 17 жовтня (2023)
    rf"|(?:{_MONTHS})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b"  # October 17(, 2023)
    rf"|(?:{_MONTHS})\b\s+{_YEAR}\b"  # March 2023, березні 2023
    rf"|(?<![\d.,]){_YEAR}(?![\d.,%])\b)",  # a bare year
    re.IGNORECASE,
)
_SCALE = (r"thousand|million|billion|trillion|тис\.?|тисяч\w*|млн|мільйон\w*|млрд|мільярд\w*|миллион\w*|"
          r"миллиард\w*|tys\.?|tysi\w*|mln|milion\w*|mld|miliard\w*|bn|m")
_AMOUNT = r"\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_CURRENCY = r"[$€£₴₽]|USD|EUR|UAH|PLN|RUB"
_QUANTITY = re.compile(
    rf"(?:(?:{_CURRENCY})\s?)?(?<![\w.])(?:{_AMOUNT})(?:st|nd|rd|th)?(?:\s?(?:{_SCALE})\b)?"
    rf"(?:\s?(?:%|per\s?cent|percent|відс\w*|процент\w*|proc\w*)|\s?(?:{_CURRENCY}))?"
    rf"(?:\s+(?!(?:that|the|of|and|in|to|on|at|for|which|who|які|що|и|і|та|в|у|на|что|które|który|i|w|z|na)\b)"
    rf"(?:[^\W\d_]{{3,}}))?",
    re.IGNORECASE,
)
_WORD_QUANTITY = re.compile(
    r"\b(?:hundreds|thousands|millions|dozens|сотні|тисячі|мільйони|десятки|сотни|тысячи|миллионы|setki|tysiące|"
    r"miliony|dziesiątki)\s+(?:of\s+)?[^\W\d_]{3,}",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    text: str
    kind: str  # "quantity" or "date"


def find_numbers(text: str) -> list[NumberMention]:
    """Dates first (so "March 2023" is not read as the quantity "2023"), then quantities in what is left."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    has_digit = _DIGIT.search(text) is not None  # every pattern but word quantities needs a digit: skip them
    for match in _DATE.finditer(text) if has_digit else ():
        found.append(NumberMention(match.start(), match.end(), match.group().strip(), "date"))
        taken.append(match.span())
    for pattern in (_QUANTITY, _WORD_QUANTITY) if has_digit else (_WORD_QUANTITY,):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and end > s for s, e in taken) or not any(ch.isdigit() or ch.isalpha()
                                                                       for ch in match.group()):
                continue
            found.append(NumberMention(start, end, match.group().strip(), "quantity"))
            taken.append((start, end))
    return sorted(found, key=lambda n: n.start)
