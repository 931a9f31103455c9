"""Speakers for the quotes stage: who in the article can speak, what a cue's subject phrase is, and to whom it refers.

Speaker candidates come from ``Article.mentions`` (PER and ORG) when the entities stage filled them; otherwise from a
fallback of our own (capitalised name sequences, acronyms, outlets). A subject phrase next to a cue is a name, a
pronoun ("he", "він"), a description ("the expert", "експерт") or an organisation ("AP", "the Kremlin's press
service"); pronouns and descriptions resolve to the most recent compatible person before the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsgraph.model import Article
from newsgraph.text import fold
from newsgraph.understand import quotes_lexicon as lex

__all__ = ["Candidate", "Subject", "Speaker", "candidates", "subject_before", "subject_after", "resolve", "UPPER"]

UPPER = "A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓĘĄ"
_LOWER_WORD = r"[a-zа-яёіїєґąćęłńóśźż'’-]+"
_NAME_TOKEN = rf"[{UPPER}][\w'’.-]*"
_CONNECTOR = r"(?:de|van|von|bin|al|da|di|del|la|le|der|ibn)"
_NAME_SEQ = rf"{_NAME_TOKEN}(?:[^\S\n]+(?:{_CONNECTOR}[^\S\n]+)?{_NAME_TOKEN}){{0,4}}"
_NAME_SEQ_RE = re.compile(_NAME_SEQ)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """Someone in the article who can be a speaker: a person or an organisation."""

    start: int
    end: int
    text: str
    label: str  # PER or ORG
    name: str  # full name in base form
    entity_id: str | None = None
    gender: str = ""  # m, f or "" when unknown


@dataclass(frozen=True, slots=True)
class Subject:
    """The phrase next to a cue that says who spoke."""

    start: int
    end: int
    text: str
    kind: str  # named, pronoun, description, organisation
    gender: str = ""  # from the pronoun or description: m, f, pl, ""


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    entity_id: str | None
    via: str | None
    start: int | None
    end: int | None


# --- candidates ---------------------------------------------------------------------------------------------------


def candidates(article: Article, lang: str) -> list[Candidate]:
    """Persons and organisations of ``article`` in text order: from its mentions, else from our fallback."""
    if article.mentions:
        return _from_mentions(article, lang)
    return _fallback(article.text, lang)


def _from_mentions(article: Article, lang: str) -> list[Candidate]:
    longest: dict[str, str] = {}
    for m in article.mentions:
        key = m.entity_id or _surname_key(m.lemma or m.text)
        name = m.lemma or m.text
        if len(name) > len(longest.get(key, "")):
            longest[key] = name
    out = []
    for m in article.mentions:
        if m.label not in ("PER", "ORG"):
            continue
        name = longest[m.entity_id or _surname_key(m.lemma or m.text)]
        gender = guess_gender(name, lang) if m.label == "PER" else ""
        out.append(Candidate(m.start, m.end, m.text, m.label, name, m.entity_id, gender))
    return sorted(out, key=lambda c: c.start)


def _fallback(text: str, lang: str) -> list[Candidate]:
    sequences = [(start, end, tokens) for start, end, tokens in _name_sequences(text)]
    persons: list[tuple[int, int, list[str]]] = []
    out: list[Candidate] = []
    for start, end, tokens in sequences:
        label = _label(tokens)
        if label == "ORG":
            out.append(Candidate(start, end, text[start:end], "ORG", " ".join(tokens)))
        elif label == "PER":
            persons.append((start, end, tokens))
    surnames = [tokens[-1] for _, _, tokens in persons]
    for start, end, tokens in sequences:  # single surnames of persons named in full elsewhere
        if len(tokens) == 1 and _label(tokens) == "ONE" and any(same_name(tokens[0], s) for s in surnames):
            persons.append((start, end, tokens))
    for start, end, tokens in persons:
        group = [t for _, _, t in persons if same_name(t[-1], tokens[-1])]
        name = base_name(_fullest(group), lang)
        out.append(Candidate(start, end, text[start:end], "PER", name, None, guess_gender(name, lang)))
    return sorted(out, key=lambda c: c.start)


def _name_sequences(text: str):
    """Capitalised sequences with titles and sentence-initial function words stripped: (start, end, tokens)."""
    for match in _NAME_SEQ_RE.finditer(text):
        tokens = [_POSSESSIVE.sub("", t).rstrip(".") for t in match.group().split()]
        offsets = [m.start() + match.start() for m in re.finditer(r"\S+", match.group())]
        skip = 0
        while skip < len(tokens) - 1 and _not_name(tokens[skip]):
            if tokens[skip].lower() in lex.ORG_WORDS:
                break
            skip += 1
        if skip == len(tokens) - 1 and (tokens[skip].lower() in lex.NOT_NAMES or _is_role(tokens[skip], "en")):
            continue
        end = match.end() - (len(match.group().split()[-1]) - len(tokens[-1])) if tokens[-1] else match.end()
        yield offsets[skip], end, tokens[skip:]


@cache
def _leading_words() -> frozenset[str]:
    """Words that open attributions and sentences ("Według", "По", "За"): never the first word of a name."""
    words = {p.split()[0] for phrases in lex.ACCORDING_TO.values() for p in phrases}
    words |= {p.split()[0] for phrases in lex.POSSESSIVE_ACCORDING.values() for p in phrases}
    return frozenset(words)


def _not_name(token: str) -> bool:
    lowered = token.lower()
    if lowered in lex.NOT_NAMES or lowered in lex.TITLES or lowered in _leading_words():
        return True
    return any(lowered == role or (lowered.startswith(role) and len(lowered) - len(role) <= 2)
               for langs in lex.DESCRIPTIONS.values() for role in langs)


def _strip_leading(tokens: list[str]) -> list[str]:
    """Titles, roles and sentence openers before a name; the last word stays unless it cannot be a name."""
    while len(tokens) > 1 and _not_name(tokens[0]):
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


def _label(tokens: list[str]) -> str:
    lowered = [t.lower() for t in tokens]
    if any(_is_org_word(t) for t in tokens) or " ".join(lowered) in lex.OUTLETS:
        return "ORG"
    if len(tokens) == 1 and len(tokens[0]) >= 2 and tokens[0].replace(".", "").isupper():
        return "ORG"  # AP, ICC, OBOZ.UA
    if any(t in lex.NOT_NAMES for t in lowered):
        return "NONE"
    return "PER" if len(tokens) >= 2 else "ONE"


def _fullest(group: list[list[str]]) -> list[str]:
    """The occurrence with the most tokens; among those the shortest (most often the nominative)."""
    most = max(len(g) for g in group)
    return min((g for g in group if len(g) == most), key=lambda g: len(" ".join(g)))


def same_name(a: str, b: str) -> bool:
    """Two inflected forms of one surname: Putin/Putin's, Зеленського/Зеленський, Tuska/Tusk."""
    a, b = fold(_POSSESSIVE.sub("", a)), fold(_POSSESSIVE.sub("", b))
    if min(len(a), len(b)) < 3:
        return a == b
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - 2) and abs(len(a) - len(b)) <= 3


def _surname_key(name: str) -> str:
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
    if lang in ("uk", "ru"):
        if last.endswith(_SLAVIC_FEMALE_SURNAMES) or first.endswith(("а", "я")):
            return "f"
        return "m"
    if lang == "pl":
        if last.endswith(("ska", "cka", "dzka")) or (first.endswith("a") and first not in ("kuba", "barnaba")):
            return "f"
        return "m"
    return "m" if len(tokens) >= 2 else ""


# --- subject phrases ----------------------------------------------------------------------------------------------


def _words(lang: str) -> str:
    return "|".join(sorted((re.escape(w) for w in lex.DESCRIPTIONS[lang]), key=len, reverse=True))


@cache
def _patterns(lang: str) -> dict[str, re.Pattern]:
    pronouns = "|".join(lex.PRONOUNS[lang])
    roles = _words(lang)
    orgs = "|".join(sorted((re.escape(w) for w in lex.ORG_DESCRIPTIONS[lang]), key=len, reverse=True))
    article = r"(?:(?:the|a|an|this|that|its|his|her)\s+)?"
    modifiers = rf"(?:(?:{_NAME_TOKEN}|{_LOWER_WORD})\s+){{0,3}}?"
    return {
        "pronoun_end": re.compile(rf"(?<!\w)({pronouns})$", re.IGNORECASE),
        "pronoun_start": re.compile(rf"^({pronouns})(?!\w)", re.IGNORECASE),
        "org_end": re.compile(rf"(?<!\w)({article}(?:{_NAME_SEQ}['’]s?\s+)?(?:{orgs}))$", re.IGNORECASE),
        "org_start": re.compile(rf"^({article}(?:{_NAME_SEQ}['’]s?\s+)?(?:{orgs}))(?!\w)", re.IGNORECASE),
        "desc_end": re.compile(rf"(?<!\w)({article}{modifiers}(?:{roles})\w{{0,3}})$", re.IGNORECASE),
        "desc_start": re.compile(rf"^({article}{modifiers}(?:{roles})\w{{0,3}})(?!\w)", re.IGNORECASE),
        "np_end": re.compile(r"(?<!\w)((?:the|a|an|this|that|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)$",
                             re.IGNORECASE),
        "np_start": re.compile(r"^((?:the|a|an|this|that|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
                               r"(?=\s*[,.]|$)",
                               re.IGNORECASE),
        "name_end": re.compile(rf"(?<![\w'’])({_NAME_SEQ})$"),
        "name_start": re.compile(rf"^(?:{_LOWER_WORD}\s+){{0,3}}?({_NAME_SEQ})"),
    }


def subject_before(text: str, lo: int, hi: int, lang: str) -> Subject | None:
    """The subject phrase that ends at ``hi`` ("Putin", "he", "the expert", "AP"), skipping adverbs and appositions."""
    while hi > lo:
        chunk = text[lo:hi].rstrip()
        hi = lo + len(chunk)
        last = re.search(r"(\w+)$", chunk)
        if last and last.group(1).lower() in lex.TRAILING_ADVERBS:
            hi -= len(last.group(1))
            continue
        if chunk.endswith(","):  # "Alexander Gabuev, director of the ... Center, said"
            comma = chunk.rfind(",", 0, len(chunk) - 1)
            if comma <= 0:
                return None
            hi = lo + comma
            continue
        break
    window = text[lo:hi]
    found = _match_subject(window, lang, "end")
    if not found:
        return None
    kind, gender, match = found
    start, end = lo + match.start(1), lo + match.end(1)
    return Subject(start, end, text[start:end], kind, gender)


def subject_after(text: str, lo: int, hi: int, lang: str) -> Subject | None:
    """The subject phrase that starts at ``lo`` ("said Smith", "сказав він", "powiedział premier Tusk")."""
    skipped = len(text[lo:hi]) - len(text[lo:hi].lstrip())
    window = text[lo + skipped : hi]
    found = _match_subject(window, lang, "start")
    if not found:
        return None
    kind, gender, match = found
    base = lo + skipped
    start, end = base + match.start(1), base + match.end(1)
    if text[end - 1] == "." and len(text[start:end].split()[-1]) > 3:  # the sentence's full stop, not an initial
        end -= 1
    if kind == "organisation" and lang != "en":  # "в Міністерстві енергетики": the genitive complement belongs to it
        complement = re.match(r"(?:\s+[a-zа-яёіїєґąćęłńóśźż'’-]{3,}){1,2}(?=\s*[.,;:!?]|$)", text[end:hi])
        if complement:
            end += complement.end()
    return Subject(start, end, text[start:end], kind, gender)


def _match_subject(window: str, lang: str, side: str):
    pats = _patterns(lang)
    if match := pats[f"pronoun_{side}"].search(window):
        return "pronoun", lex.PRONOUNS[lang][match.group(1).lower()], match
    if match := pats[f"org_{side}"].search(window):
        return "organisation", "", match
    if match := pats[f"name_{side}"].search(window):
        tokens = [_POSSESSIVE.sub("", t).rstrip(".") for t in match.group(1).split()]
        stripped = _strip_leading(tokens)
        label = _label(tokens)
        if label == "ORG":
            return "organisation", "", match
        if len(stripped) == 1 and _is_role(stripped[0], lang):  # "Experts believe", "Експерт зазначив"
            return "description", "pl" if _plural(stripped[0]) else "", match
        if stripped:
            return "named", "", match
    if match := pats[f"desc_{side}"].search(window):
        return "description", "pl" if _plural(match.group(1)) else "", match
    if lang == "en" and (match := pats[f"np_{side}"].search(window)):
        return "description", "", match
    return None


# --- resolution ---------------------------------------------------------------------------------------------------


def resolve(subject: Subject, cue_gender: str, before: int, cands: list[Candidate], lang: str,
            case: str = "nomn") -> Speaker:
    """Who ``subject`` refers to: a named candidate, or the most recent compatible one before ``before``."""
    if subject.kind == "named":
        return _named(subject, cands, lang, case)
    if subject.kind == "organisation":
        inside = next((c for c in cands if c.start < subject.end and c.end > subject.start), None)
        name = org_base(re.sub(r"^(the|a|an)\s+", "", subject.text, flags=re.IGNORECASE).split(), lang)
        if inside and inside.end - inside.start >= len(name) - 1 and inside.label == "ORG" and inside.entity_id:
            name = inside.name
        return Speaker(name, inside.entity_id if inside else None, "organisation", subject.start, subject.end)
    gender = subject.gender or cue_gender
    phrase = None if subject.kind == "pronoun" else re.sub(r"^(the|a|an|this|that)\s+", "", subject.text, flags=re.I)
    if gender == "pl" or (subject.kind == "description" and not _is_role(subject.text, lang)):
        return Speaker(phrase, None, subject.kind, subject.start, subject.end)
    for cand in reversed(cands):
        if cand.end <= before and cand.label == "PER" and (not gender or not cand.gender or cand.gender == gender):
            return Speaker(cand.name, cand.entity_id, subject.kind, subject.start, subject.end)
    return Speaker(phrase, None, subject.kind, subject.start, subject.end)


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    return bool(re.search(r"(s|и|і|ы|owie|cy)$", last)) and not last.endswith(("ss", "ys", "is"))


def _is_role(phrase: str, lang: str) -> bool:
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return any(last.startswith(role) and len(last) - len(role) <= 3 for role in lex.DESCRIPTIONS[lang])


def _named(subject: Subject, cands: list[Candidate], lang: str, case: str) -> Speaker:
    overlapping = [c for c in cands if c.start < subject.end and c.end > subject.start]
    if overlapping:
        best = max(overlapping, key=lambda c: c.end - c.start)
        via = "organisation" if best.label == "ORG" else "named"
        return Speaker(best.name, best.entity_id, via, subject.start, subject.end)
    tokens = _strip_leading([_POSSESSIVE.sub("", t).rstrip(".") for t in subject.text.split()])
    same = [c for c in cands if c.label == "PER" and tokens and same_name(c.name.split()[-1], tokens[-1])]
    if same:
        return Speaker(same[-1].name, same[-1].entity_id, "named", subject.start, subject.end)
    return Speaker(base_name(tokens, lang, case) or None, None, "named", subject.start, subject.end)
