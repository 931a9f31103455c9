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
_A = "['’ʼ]"  # the apostrophe of Ukrainian п'ять, дев'ять
_NUMBER_WORDS = "|".join((  # spelled-out cardinals from two up and scale words ("one" is left out: "one of the")
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen",
    "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?",
    "dozens?",
    # uk
    f"два|дві|двох|двом|двома|три|трьох|трьом|чотири|чотирьох|п{_A}ять|п{_A}яти|шість|шести|сім|вісім|восьми",
    f"дев{_A}ять|дев{_A}яти|десять|десяти|(?:оди|два|три|чотир|п{_A}ят|шіст|сім|вісім|дев{_A}ят)надцят[ьи]",
    f"двадцят[ьи]|тридцят[ьи]|сорок[аи]?|(?:п{_A}ят|шіст|сім|вісім)десят(?:и)?|сто|ста|сотні|двісті|триста",
    f"чотириста|(?:п{_A}ят|шіст|сім|вісім|дев{_A}ят)сот|тисяч[аіу]?|мільйон\\w*|мільярд\\w*|десятки",
    # ru
    "две|двух|двум|двумя|трех|трёх|трем|тремя|четыре|четырех|четырёх|пять|пяти|шесть|семь|семи|восемь|девять",
    "девяти|(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат[ьи]|двадцат[ьи]|тридцат[ьи]",
    "(?:пять|шесть|семь|восемь)десят|(?:пяти|шести|семи|восьми)десяти|девяност[оа]|двести|двухсот|трехсот",
    "трёхсот|четыреста|четырехсот|четырёхсот|(?:пят|шест|сем|восем|девят)ьсот|(?:пяти|шести|семи|восьми)сот",
    "сотни|тысяч[аиу]?|миллион\\w*|миллиард\\w*",
    # pl
    "dwa|dwie|dwóch|dwoje|trzy|trzech|cztery|czterech|pięć|pięciu|sześć|sześciu|siedem|siedmiu|osiem|ośmiu",
    "dziewięć|dziewięciu|dziesięć|dziesięciu|(?:jede|dwa|trzy|czter|pięt|szes|siedem|osiem|dziewięt)naście",
    "(?:jede|dwu|trzy|czter|pięt|szes|siedem|osiem|dziewięt)nastu|dwadzieścia|dwudziestu|trzydzieści|trzydziestu",
    "czterdzieści|czterdziestu|(?:pięć|sześć|siedem|osiem|dziewięć)dziesi(?:ąt|ęciu)|sto|stu|dwieście|dwustu",
    "trzysta|trzystu|czterysta|czterystu|(?:pięć|sześć|siedem|osiem|dziewięć)set|(?:pięci|sześci|siedmi|ośmi)uset",
    "tysiąc|tysiące|tysięcy|setki|milion\\w*|miliard\\w*|dziesiątki",
))
_NUMBER_WORD = re.compile(f"(?:{_NUMBER_WORDS})", re.IGNORECASE)  # fullmatch on one word
# The first three letters of every number word above: most sentences and words fail this set lookup, so the regex
# runs on few words.
_NUMBER_STARTS = frozenset(
    "two thr fou fiv six sev eig nin ten ele twe thi fif for hun tho mil bil tri doz "
    "два дві дво дву две одн оди три тре трё трь чот чет п'я п’я пʼя пят шіс шес шест сім сем віс вос дев дес "
    "сор сто ста сот "
    "тис тыс міл мил "
    "dwa dwi dwó dwo dwu trz czt pię sze sie osi ośm dzi jed sto stu tys set mil".split()
)
_NOT_COUNTED = frozenset(  # words after a number word that are not what it counts
    "that the of and in to on at for which who або які що и і та в у на или что które który i w z lub albo or "
    "are were was is have has had will would can could may might did do does also more times".split()
)
_BACK_REFERENCE = frozenset({"the", "these", "those"})  # "the two countries" refers back: no new quantity
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Digits that are no quantity: a clock time ("14:05", "7am", "w godzinach 11–15"), a rank ("Top 5", "Топ-10"), an
# ordinal or an anniversary ("30th birthday", "50. urodzin", "10-й", "40-річчям", "55-летием") and identifiers
# (seven or more digits in a row: tax numbers, phone numbers).
_TIME = re.compile(r"(?<![\d.,])\d{1,2}(?::\d{2}(?!\d)|\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w))", re.IGNORECASE)
_HOURS = re.compile(r"\b[Gg]odz\w*\.?\s+\d{1,2}(?:\s?[–-]\s?\d{1,2})?(?!\d)")  # "w godzinach 11–15", "godz. 7"
_RANK = re.compile(r"\b(?:top|топ)[\s-]?\d+\b", re.IGNORECASE)
_ORDINAL = re.compile(
    r"(?<![\d.,])\d+(?:(?:st|nd|rd|th)\b|\.\s+(?=[a-ząćęłńóśźż])"  # 30th, "50. urodzin"
    r"|-(?:й|я|е|го|му|ї|ої|ий|ого|ому|ій|ая|ое|ый|ty|ta|te|go|mu|річч\w*|лети[еяюи]|летием|leci[eau]|leciem)\b)",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"(?<![\d.,])\d{7,}(?![\d.,])")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    text: str
    kind: str  # "quantity" or "date"; digits that count nothing: "time", "rank", "ordinal", "identifier"


def find_numbers(text: str) -> list[NumberMention]:
    """Dates first (so "March 2023" is not read as the quantity "2023"), then clock times, ranks, ordinals and
    identifiers (so "14:05", "Top 5" and "30th birthday" are not read as quantities), then quantities, with digits
    or spelled out ("двенадцать лет", "six million Ukrainians"), in what is left."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    has_digit = _DIGIT.search(text) is not None  # every pattern but word quantities needs a digit: skip them
    hours = (_HOURS,) if "odz" in text else ()  # Polish "godz." / "godzinach" only
    for pattern, kind in ((_DATE, "date"), (_TIME, "time"), *((p, "time") for p in hours), (_RANK, "rank"),
                          (_ORDINAL, "ordinal"), (_IDENTIFIER, "identifier")) if has_digit else ():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and end > s for s, e in taken):
                continue
            found.append(NumberMention(start, end, match.group().strip(), kind))
            taken.append((start, end))
    spans = [match.span() for match in _QUANTITY.finditer(text)] if has_digit else []
    for start, end in spans + _word_quantities(text):
        if any(start < e and end > s for s, e in taken) or not any(ch.isdigit() or ch.isalpha()
                                                                   for ch in text[start:end]):
            continue
        found.append(NumberMention(start, end, text[start:end].strip(), "quantity"))
        taken.append((start, end))
    return sorted(found, key=lambda n: n.start)


def _is_number_word(word: str) -> bool:
    return word[:3].lower() in _NUMBER_STARTS and all(_NUMBER_WORD.fullmatch(part) for part in word.split("-"))


def _word_quantities(text: str) -> list[tuple[int, int]]:
    """Spelled-out numbers with the noun they count: "six million Ukrainians", "сто рублей", "czterystu
    pracowników", "thousands of residents"; not "the two countries" (a reference back) or "three days ago"."""
    if not any(word[:3] in _NUMBER_STARTS for word in _WORD.findall(text.lower())):
        return []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans, i = [], 0
    while i < len(words):
        if not _is_number_word(words[i][2]) or (i and words[i - 1][2].lower() in _BACK_REFERENCE):
            i += 1
            continue
        j = i + 1
        while j < len(words) and (_is_number_word(words[j][2]) or (
                words[j][2].lower() == "and" and j + 1 < len(words) and _is_number_word(words[j + 1][2]))):
            j += 1
        if j < len(words) and words[j][2].lower() == "of":
            j += 1
        if j < len(words):
            noun = words[j][2]
            ago = j + 1 < len(words) and words[j + 1][2].lower() == "ago"
            if len(noun) >= 3 and noun.replace("'", "").replace("’", "").replace("-", "").isalpha() and (
                    noun.lower() not in _NOT_COUNTED) and not ago:
                spans.append((words[i][0], words[j][1]))
        i = j
    return spans
