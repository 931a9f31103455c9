"""Names for the quotes stage: capitalised name sequences, what kind of word a capitalised token is, base forms
(uk/ru lemmatised with pymorphy3, Polish genitives undone), grammatical gender of a person's name.

Used by ``quotes_speakers`` when the entities stage gave no mentions, and to put names in base form.
"""

from __future__ import annotations

import re
from functools import cache

from newsgraph.text import WEB_NAME_END, fold
from newsgraph.understand import quotes_lexicon as lex

__all__ = ["UPPER", "NAME_SEQ", "sequences", "label", "same_name", "surname_key", "fullest", "strip_leading",
           "token_kind", "without_affiliation", "base_name", "org_base", "guess_gender", "is_role", "plural",
           "POSSESSIVE"]

UPPER = "A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓĘĄ"
LOWER_WORD = r"[a-zа-яёіїєґąćęłńóśźż'’-]+"
# An outlet named by its web address ("OBOZ.UA", "Lenta.ru", "Onet.pl") is one token, not "OBOZ" + ".U".
_DOMAIN_END = rf"{WEB_NAME_END}(?![\w.])"
_WEB_NAME = re.compile(rf"[\w-]+{WEB_NAME_END}")
NAME_TOKEN = (rf"(?:[{UPPER}][\w'’-]{{0,2}}\.(?!\s*\n)"  # "J.", "Mr."
              rf"|[{UPPER}][\w'’-]*(?:{_DOMAIN_END}|\.[{UPPER}]\.?)?)")  # "U.S.", "OBOZ.UA"
CONNECTOR = r"(?:de|van|von|bin|al|da|di|del|la|le|der|ibn|of)"
NAME_SEQ = rf"{NAME_TOKEN}(?:[^\S\n]+(?:{CONNECTOR}[^\S\n]+)?{NAME_TOKEN}){{0,4}}"
NAME_SEQ_RE = re.compile(NAME_SEQ)
POSSESSIVE = re.compile(r"['’]s?$")


def sequences(text: str, lang: str = "en"):
    """Capitalised sequences with titles, sentence openers and (uk/ru/pl) common words stripped:
    (start, end, tokens)."""
    for match in NAME_SEQ_RE.finditer(text):
        pairs = [(match.start() + m.start(), POSSESSIVE.sub("", m.group()).rstrip("."))
                 for m in re.finditer(r"\S+", match.group())]
        opener = _opens_sentence(text, pairs[0][0])
        while len(pairs) > 1 and pairs[0][1].lower() not in lex.ORG_WORDS and (
                _not_name(pairs[0][1]) or _affiliation(pairs, lang, opener)):
            pairs.pop(0)
            opener = False
        tokens = [t for _, t in pairs]
        lone = tokens[0] if len(tokens) == 1 else ""
        if lone and (len(lone) < 2 or lone.lower() in lex.NOT_NAMES or is_role(lone, "en")
                     or (opener and token_kind(lone, lang) == "word")):
            continue
        if tokens[-1]:
            yield pairs[0][0], pairs[-1][0] + len(pairs[-1][1]), tokens


def without_affiliation(tokens: list[str], lang: str) -> list[str]:
    """A person's name without the words an entity tagger may take in front of it: "ЄС Мішель Барньє",
    "Данії Ларс Люкке Расмуссен", "Brexit Мішель Барньє" (another script)."""
    tokens = strip_leading(tokens, lang)
    while len(tokens) > 1 and _affiliation([(0, t) for t in tokens], lang, False):
        tokens = tokens[1:]
    return tokens


def _script(token: str) -> str:
    return "cyrillic" if re.search(r"[А-ЯЁІЇЄҐа-яёіїєґ]", token) else "latin"


def _affiliation(pairs: list[tuple[int, str]], lang: str, opener: bool) -> bool:
    """A word before a name that is not part of it: "ЮВО Наталия Горина", "UE Tusk", "Пакистана Имран Хан",
    or a common word opening the sentence ("Критики ...")."""
    token, following = pairs[0][1], pairs[1][1]
    if len(token) >= 2 and token.isupper() and not following.isupper():
        return True
    if _script(token) != _script(pairs[-1][1]):  # "Brexit Мішель Барньє": a name keeps to one script
        return True
    kind = token_kind(token, lang) if lang != "en" else "unknown"
    return kind == "geo" or (kind == "word" and opener)


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos]
    return pos == 0 or bool(re.search(r"(?:^|[.!?…:»”\"\n])\s*$", before))


def token_kind(token: str, lang: str) -> str:
    """What a capitalised word is: name, geo, org, adj (maybe an adjectival surname), word, or unknown."""
    if lang in ("uk", "ru"):
        return _slavic_kind(token, lang)
    if lang == "pl" and (token.lower() in lex.cue_forms("pl") or token.lower() in lex.NOT_NAMES):
        return "word"
    return "unknown"


@cache
def _slavic_kind(token: str, lang: str) -> str:
    if not re.fullmatch(r"[А-ЯЁІЇЄҐа-яёіїєґ'’-]+", token) or token.isupper():
        return "unknown"
    parses = _morph(lang).parse(token)
    tags = set().union(*(set(p.tag.grammemes) for p in parses))
    if {"Name", "Surn", "Patr"} & tags:
        return "name"
    if "Geox" in tags:
        return "geo"
    if "Orgn" in tags:
        return "org"
    if not parses[0].is_known:
        return "unknown"
    return "adj" if "ADJF" in tags else "word"


@cache
def _leading_words() -> frozenset[str]:
    """Words that open attributions and sentences ("Według", "По", "За"): never the first word of a name."""
    words = {p.split()[0] for phrases in lex.ACCORDING_TO.values() for p in phrases}
    words |= {p.split()[0] for phrases in lex.POSSESSIVE_ACCORDING.values() for p in phrases}
    return frozenset(words)


def _not_name(token: str, lang: str = "en") -> bool:
    lowered = token.lower()
    if lowered in lex.NOT_NAMES or lowered in lex.TITLES or lowered in _leading_words():
        return True
    return any(lowered == role or (lowered.startswith(role) and len(lowered) - len(role) <= 2)
               for langs in lex.DESCRIPTIONS.values() for role in langs)


def strip_leading(tokens: list[str], lang: str = "en") -> list[str]:
    """Titles, roles and sentence openers before a name; the last word stays unless it cannot be a name."""
    while len(tokens) > 1 and _not_name(tokens[0], lang):
        tokens = tokens[1:]
    if len(tokens) == 1 and tokens[0].lower() in lex.NOT_NAMES:
        return []
    return tokens


@cache
def _org_stems() -> tuple[str, ...]:
    return tuple(sorted({w[:-1] if len(w) < 7 else w[:-2] for w in lex.ORG_STEM_WORDS if len(w) >= 5}))


def _is_org_word(token: str) -> bool:
    lowered = token.lower()
    return lowered in lex.ORG_WORDS or lowered in lex.ORG_STEM_WORDS or lowered.startswith(_org_stems())


def label(tokens: list[str], lang: str = "en") -> str:
    lowered = [t.lower() for t in tokens]
    if any(_is_org_word(t) for t in tokens) or " ".join(lowered) in lex.OUTLETS:
        return "ORG"
    if len(tokens) == 1 and len(tokens[0]) >= 2 and tokens[0].replace(".", "").isupper():
        return "ORG"  # AP, ICC, OBOZ.UA
    if len(tokens) == 1 and _WEB_NAME.fullmatch(tokens[0]):
        return "ORG"  # Onet.pl, Lenta.ru
    if any(t in lex.NOT_NAMES for t in lowered):
        return "NONE"
    if lang != "en":
        kinds = [token_kind(t, lang) for t in tokens]
        if "org" in kinds:
            return "ORG"
        if len(tokens) >= 2 and not {"name", "unknown"} & set(kinds):
            return "NONE"  # "Європейський Союзі"
    return "PER" if len(tokens) >= 2 else "ONE"


def fullest(group: list[list[str]]) -> list[str]:
    """The occurrence with the most tokens; among those the shortest (most often the nominative)."""
    most = max(len(g) for g in group)
    return min((g for g in group if len(g) == most), key=lambda g: len(" ".join(g)))


def same_name(a: str, b: str) -> bool:
    """Two inflected forms of one surname: Putin/Putin's, Зеленського/Зеленський, Tuska/Tusk."""
    a, b = fold(POSSESSIVE.sub("", a)), fold(POSSESSIVE.sub("", b))
    if min(len(a), len(b)) < 3:
        return a == b
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - 2) and abs(len(a) - len(b)) <= 3


def surname_key(name: str) -> str:
    last = name.split()[-1] if name.split() else name
    return fold(last)[:5]


# --- base forms and gender ----------------------------------------------------------------------------------------


@cache
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def base_name(tokens: list[str] | str, lang: str, case: str = "nomn") -> str:
    """The name in base form: uk/ru tokens lemmatised with pymorphy3 (gender kept), pl genitives undone."""
    tokens = tokens.split() if isinstance(tokens, str) else tokens
    if lang in ("uk", "ru"):
        case = _sequence_case(tokens, lang) or case
        if case == "nomn":
            return " ".join(tokens)
        gender = _sequence_gender(tokens, lang, case)
        return " ".join(_slavic_lemma(t, lang, case, gender) for t in tokens)
    if lang == "pl" and (case == "gent" or any(t.endswith("ego") for t in tokens)):
        return " ".join(_polish_nominative(t) for t in tokens)
    return " ".join(tokens)


def _name_parses(token: str, lang: str) -> list:
    if not re.fullmatch(r"[А-ЯЁІЇЄҐа-яёіїєґ'’-]+", token):
        return []
    return [p for p in _morph(lang).parse(token) if {"Name", "Surn", "Patr", "ADJF"} & set(p.tag.grammemes)]


def _sequence_case(tokens: list[str], lang: str) -> str | None:
    """The case of a name when one of its words cannot be nominative ("Антона Силуанова" -> gent)."""
    for token in tokens:  # a first name that can be nominative decides: "Антон Силуанов"
        if any("Name" in p.tag.grammemes and p.tag.case == "nomn" and p.tag.number != "plur"
               for p in _name_parses(token, lang)):
            return None
    for token in tokens:
        parses = _name_parses(token, lang)
        if parses and not any(p.tag.case == "nomn" for p in parses):
            return parses[0].tag.case
    return None


def _sequence_gender(tokens: list[str], lang: str, case: str) -> str | None:
    for token in tokens:  # the first name tells the gender best
        for p in _name_parses(token, lang):
            if "Name" in p.tag.grammemes and p.tag.case == case:
                return p.tag.gender
    return None


def _slavic_lemma(token: str, lang: str, case: str, gender: str | None) -> str:
    parses = _name_parses(token, lang)
    if not parses:
        return token
    fitting = [p for p in parses if p.tag.case == case] or parses
    chosen = next((p for p in fitting if gender and p.tag.gender == gender), fitting[0])
    inflected = chosen.inflect({"nomn", "sing"} if chosen.tag.POS == "ADJF" else {"nomn"})
    word = inflected.word if inflected else chosen.normal_form
    return word[:1].upper() + word[1:]


def _polish_nominative(token: str) -> str:
    if "-" in token:  # Kosiniaka-Kamysza -> Kosiniak-Kamysz
        return "-".join(_polish_nominative(part) for part in token.split("-"))
    for ending, replacement in (("skiego", "ski"), ("ckiego", "cki"), ("iego", "i"), ("ego", "y"), ("ej", "a")):
        if token.endswith(ending):
            return token[: -len(ending)] + replacement
    if token.endswith("a") and len(token) > 4 and token[-2] not in "aeiouy":
        return token[:-1]  # Tuska -> Tusk, Donalda -> Donald
    return token


def org_base(tokens: list[str], lang: str) -> str:
    """An organisation's name with its head word in the nominative: "Міністерстві енергетики" -> "Міністерство ..."."""
    if lang in ("uk", "ru") and tokens and re.fullmatch(r"[А-ЯЁІЇЄҐа-яёіїєґ'’-]+", tokens[0]):
        parse = _morph(lang).parse(tokens[0])[0]
        if parse.tag.POS == "NOUN" and parse.tag.case != "nomn":
            word = parse.normal_form
            tokens = [word[:1].upper() + word[1:], *tokens[1:]]
    return " ".join(tokens)


_SLAVIC_FEMALE_SURNAMES = ("ова", "ева", "єва", "іна", "ина", "ська", "ская", "цька", "цкая")


def guess_gender(name: str, lang: str) -> str:
    tokens = name.split()
    if not tokens:
        return ""
    first, last = tokens[0].lower(), tokens[-1].lower()
    if first in lex.FEMALE_FIRST_NAMES:
        return "f"
    if first in lex.MALE_FIRST_NAMES:
        return "m"
    if lang in ("uk", "ru"):
        if last.endswith(_SLAVIC_FEMALE_SURNAMES) or first.endswith(("а", "я")):
            return "f"
        return "m"
    if lang == "pl":
        if last.endswith(("ska", "cka", "dzka")) or (first.endswith("a") and first not in ("kuba", "barnaba")):
            return "f"
        return "m"
    return ""


def plural(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    return bool(re.search(r"(s|и|і|ы|owie|cy)$", last)) and not last.endswith(("ss", "ys", "is"))


def is_role(phrase: str, lang: str) -> bool:
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return any(last.startswith(role) and len(last) - len(role) <= 3 for role in lex.DESCRIPTIONS[lang])
