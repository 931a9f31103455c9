"""Speakers for the quotes stage: who in the article can speak, what a cue's subject phrase is, and to whom it refers.

Speaker candidates come from ``Article.mentions`` (PER and ORG) when the entities stage filled them; otherwise from a
fallback of our own (capitalised name sequences, acronyms, outlets). A subject phrase next to a cue is a name, a
pronoun ("he", "він"), a description ("the expert", "експерт") or an organisation ("AP", "the Kremlin's press
service"); pronouns and descriptions resolve to the most recent compatible person before the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from newsgraph.model import Article, Mention
from newsgraph.text import fold
from newsgraph.understand import quotes_lexicon as lex
from newsgraph.understand import quotes_names as names

__all__ = ["Candidate", "Subject", "Speaker", "candidates", "subject_before", "subject_after", "resolve"]

_TIME_OR_ASIDE = re.compile(
    r"\s*(?:\([^()]{1,40}\)|(?:last|this|next|on|earlier|late)\s+(?:week|month|year|night|\w+day)|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+night|\s+morning)?|yesterday|today|"
    r"tonight|(?:less than |more than |about )?\w+ (?:days|weeks|months|years) ago)$",
    re.IGNORECASE)


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
    quoted: bool = False  # named inside a quotation: talked about, not talking


@dataclass(frozen=True, slots=True)
class Subject:
    """The phrase next to a cue that says who spoke."""

    start: int
    end: int
    text: str
    kind: str  # named, pronoun, verb (the subject a Slavic verb ending carries), description, organisation
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
        return _with_missed_repeats(_from_mentions(article, lang), _fallback(article.text, lang))
    return _fallback(article.text, lang)


def _with_missed_repeats(found: list[Candidate], fallback: list[Candidate]) -> list[Candidate]:
    """Add the fallback's person names that the entities stage missed but named elsewhere ("Putin" after "Vladimir
    Putin"), with that entity's name and id: pronouns must not skip over them."""
    persons = [c for c in found if c.label == "PER"]
    extra = []
    for cand in fallback:
        if cand.label != "PER" or any(c.start < cand.end and c.end > cand.start for c in found):
            continue
        same = next((p for p in persons if p.name and names.same_name(p.name.split()[-1], cand.text.split()[-1])),
                    None)
        if same:
            extra.append(Candidate(cand.start, cand.end, cand.text, "PER", same.name, same.entity_id, same.gender))
    return sorted(found + extra, key=lambda c: c.start)


def _from_mentions(article: Article, lang: str) -> list[Candidate]:
    mentions = [_cleaned(article.text, m, lang) for m in article.mentions if m.label in ("PER", "ORG")]
    mentions = [m for m in mentions if m is not None]
    longest: dict[str, str] = {}
    ids: dict[str, str | None] = {}
    for m in mentions:
        key = m.entity_id or names.surname_key(m.lemma)
        if len(m.lemma) > len(longest.get(key, "")):
            longest[key] = m.lemma
            ids[m.lemma] = m.entity_id
    fullest = [name for name in longest.values() if name]
    out = []
    for m in mentions:
        name = longest[m.entity_id or names.surname_key(m.lemma)]
        entity_id = m.entity_id
        if m.label == "PER":  # "Putin" linked apart from "Vladimir Putin": the fullest name with that surname
            name = max((n for n in fullest if names.same_name(n.split()[-1], name.split()[-1])), key=len, default=name)
            entity_id = ids.get(name) or entity_id
        gender = names.guess_gender(name, lang) if m.label == "PER" else ""
        out.append(Candidate(m.start, m.end, m.text, m.label, name, entity_id, gender))
    return sorted(out, key=lambda c: c.start)


def _cleaned(text: str, m: Mention, lang: str) -> Mention | None:
    """A mention as a speaker candidate: one line, titles dropped, base form; None when it cannot be a person or
    organisation ("Chinese", "China Russia" tagged PER)."""
    m = _with_hyphen_tail(text, m, lang)
    lemma = (m.lemma or m.text).split("\n")[-1].strip()
    if m.label == "ORG":  # "The Interior Ministry" -> "Interior Ministry", "Міністерство енергетики." -> no stop
        lemma = re.sub(r"^(the|a|an)\s+", "", " ".join(lemma.split()), flags=re.IGNORECASE).rstrip(".,;:")
        return replace(m, lemma=lemma) if lemma else None
    tokens = names.without_affiliation(names.POSSESSIVE.sub("", lemma).split(), lang)
    if not tokens or (len(tokens) == 1 and tokens[0].lower() in lex.TITLES):
        return None
    label = names.label(tokens, lang)
    if label == "NONE":
        return None
    # the entities stage's lemma may keep a case ending: "Олексія Данілова"
    base = names.base_name(tokens, lang) if label != "ORG" else " ".join(tokens)
    return replace(m, label="ORG" if label == "ORG" else "PER", lemma=base)


def _with_hyphen_tail(text: str, m: Mention, lang: str) -> Mention:
    """A mention cut at a hyphen ("Kosiniaka" of "Kosiniaka-Kamysza") gets its tail, in base form."""
    tail = re.match(rf"-[{names.UPPER}][\w'’]+", text[m.end : m.end + 40])
    if not tail:
        return m
    surface = text[m.start : m.end + tail.end()]
    inflected = bool(m.lemma) and m.lemma != m.text
    lemma = names.base_name(surface.split(), lang, "gent" if inflected else "nomn")
    return replace(m, end=m.end + tail.end(), text=surface, lemma=lemma)


def _fallback(text: str, lang: str) -> list[Candidate]:
    sequences = list(names.sequences(text, lang))
    persons: list[tuple[int, int, list[str]]] = []
    out: list[Candidate] = []
    for start, end, tokens in sequences:
        label = names.label(tokens, lang)
        if label == "ORG":
            out.append(Candidate(start, end, text[start:end], "ORG", " ".join(tokens)))
        elif label == "PER":
            persons.append((start, end, tokens))
    surnames = [tokens[-1] for _, _, tokens in persons]
    for start, end, tokens in sequences:  # single surnames of persons named in full elsewhere
        single = len(tokens) == 1 and names.label(tokens, lang) == "ONE"
        if single and any(names.same_name(tokens[0], s) for s in surnames):
            persons.append((start, end, tokens))
    titled = {}
    for start, _, tokens in persons:  # "Mrs. Clinton", "Ms. Gil", "Mr. Trump": the title tells the gender
        title = re.search(r"\b(Mr|Mrs|Ms|Miss|Sir|Lady|пан|пані|pan|pani)\.?\s*$", text[max(0, start - 6) : start])
        if title:
            titled[fold(tokens[-1])[:5]] = "m" if title.group(1).lower() in ("mr", "sir", "пан", "pan") else "f"
    for start, end, tokens in persons:
        group = [t for _, _, t in persons if names.same_name(t[-1], tokens[-1])]
        name = names.base_name(names.fullest(group), lang)
        gender = names.guess_gender(name, lang) or titled.get(fold(tokens[-1])[:5], "")
        out.append(Candidate(start, end, text[start:end], "PER", name, None, gender))
    return sorted(out, key=lambda c: c.start)


# --- subject phrases ----------------------------------------------------------------------------------------------


def _words(lang: str) -> str:
    return "|".join(sorted((re.escape(w) for w in lex.DESCRIPTIONS[lang]), key=len, reverse=True))


@cache
def _patterns(lang: str) -> dict[str, re.Pattern]:
    pronouns = "|".join(lex.PRONOUNS[lang])
    roles = _words(lang)
    orgs = "|".join(sorted((re.escape(w) for w in lex.ORG_DESCRIPTIONS[lang]), key=len, reverse=True))
    article = r"(?:(?:the|a|an|this|that|its|his|her|some|many|most|several|other|two|three|all)\s+)?"
    modifiers = rf"(?:(?:{names.NAME_TOKEN}|{names.LOWER_WORD})\s+){{0,3}}?"
    return {
        "pronoun_end": re.compile(rf"(?<!\w)({pronouns})$", re.IGNORECASE),
        "pronoun_start": re.compile(rf"^({pronouns})(?!\w)", re.IGNORECASE),
        "org_end": re.compile(rf"(?<!\w)({article}(?:{names.NAME_SEQ}['’]s?\s+)?(?:{orgs}))$", re.IGNORECASE),
        "org_start": re.compile(rf"^({article}(?:{names.NAME_SEQ}['’]s?\s+)?(?:{orgs}))(?!\w)", re.IGNORECASE),
        "desc_end": re.compile(rf"(?<!\w)({article}{modifiers}(?:{roles})\w{{0,3}})$", re.IGNORECASE),
        "desc_start": re.compile(rf"^({article}{modifiers}(?:{roles})\w{{0,3}})(?!\w)", re.IGNORECASE),
        "np_end": re.compile(r"(?<!\w)((?:the|a|an|this|that|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)$",
                             re.IGNORECASE),
        "np_start": re.compile(r"^((?:the|a|an|this|that|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
                               r"(?=\s*[,.]|$)",
                               re.IGNORECASE),
        # A company's name in quotation marks, the uk/ru/pl custom: «Газпром» заявив, повідомили в "Нафтогазі".
        "quoted_end": re.compile(rf"[«\"„“]([{names.UPPER}][\w'’.-]*(?:\s[\w'’.-]+){{0,3}})[»\"”]$"),
        "quoted_start": re.compile(rf"^(?:{names.LOWER_WORD}\s+){{0,2}}?[«\"„“]([{names.UPPER}][\w'’.-]*"
                                   rf"(?:\s[\w'’.-]+){{0,3}})[»\"”](?!\w)"),
        "name_end": re.compile(rf"(?<![\w'’])({names.NAME_SEQ})$"),
        "name_start": re.compile(rf"^(?:{names.LOWER_WORD}\s+){{0,3}}?({names.NAME_SEQ})"),
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
        if when := _TIME_OR_ASIDE.search(chunk):  # "Feinstein (D-Calif.) last week said"
            hi = lo + when.start()
            continue
        if last and lang == "en" and last.group(1).endswith("ly") and last.group(1)[0].islower():  # "defiantly"
            hi -= len(last.group(1))
            continue
        if last and last.group(1).lower() in ("and", "і", "та", "и", "i", "oraz"):  # "... and says": not here
            return None
        if age := re.search(r",\s*\d{1,3}$", chunk):  # "Jillian Chase, 27, a Tinder user, said"
            hi = lo + age.start()
            continue
        if chunk.endswith(","):  # "Alexander Gabuev, director of the ... Center, said"
            comma = chunk.rfind(",", 0, len(chunk) - 1)
            if comma <= 0:
                return None
            aside = _match_subject(chunk[comma + 1 : -1].strip(), lang, "end")
            if aside and aside[0] == "named" and aside[2].start(1) == 0:  # "a spokeswoman, Karen Bell, said"
                start = lo + chunk.index(aside[2].group(1), comma)
                return Subject(start, start + len(aside[2].group(1)), aside[2].group(1), "named")
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


_LOCATIVE = frozenset({"у", "в", "во", "w", "we"})


# A Polish verb in the past tense opening a sentence without a subject: "Zaakcentował, że ...". No name ends so.
_PL_PAST_VERB = re.compile(r"\w{3,}(?:ował|owała|owali|owały|ił|iła|ili|iły|ył|yła|yli|yły)")


def _follows_preposition(window: str, match: re.Match, lang: str) -> bool:
    """A name of two or more words right after a preposition: its first word is the place ("в Германии Ричард")."""
    before = window[: match.start(1)].split()
    return len(match.group(1).split()) > 1 and bool(before) and before[-1].lower() in lex.PLACE_PREPOSITIONS.get(
        lang, ())


def _after_preposition(window: str, match: re.Match, lang: str) -> int | None:
    """Where the phrase before "у Москві" ends, when the one-word name ``match`` found follows a preposition that
    has words before it ("Гайко Маас у Москві заявив"); None otherwise: at the clause start, or after adverbs only,
    the place names an institution ("Раніше в Газпромі заявили")."""
    words = window[: match.start(1)].split()
    prepositions = lex.PLACE_PREPOSITIONS.get(lang, ())
    if len(match.group(1).split()) > 1 or len(words) < 2 or words[-1].lower() not in prepositions:
        return None
    cut = window.rindex(words[-1], 0, match.start(1))
    return None if only_openers(window[:cut]) else cut


def _in_institution(window: str, match: re.Match) -> bool:
    """A one-word name after "в" / "у" / "w" with nothing but sentence adverbs before: "(Раніше) в Газпромі"."""
    words = window[: match.start(1)].split()
    if len(match.group(1).split()) != 1 or not words or words[-1].lower() not in _LOCATIVE:
        return False
    return only_openers(window[: window.rindex(words[-1], 0, match.start(1))])


def only_openers(words: str) -> bool:
    """Nothing but sentence adverbs and connectives: "Jednocześnie", "Потім", "Ale", "Раніше сьогодні"."""
    return all(word.lower() in lex.NOT_NAMES for word in re.findall(r"\w+", words))


def _match_subject(window: str, lang: str, side: str):
    pats = _patterns(lang)
    if lang != "en" and (match := pats[f"quoted_{side}"].search(window)):
        return "organisation", "", match
    if match := pats[f"pronoun_{side}"].search(window):
        return "pronoun", lex.PRONOUNS[lang][match.group(1).lower()], match
    named = pats[f"name_{side}"].search(window)
    if named and side == "end" and lang != "en" and _follows_preposition(window, named, lang):
        # "Посол США в Германии Ричард Гренелл": the place after the preposition, then the person
        first = named.group(1).split()[0]
        named = pats[f"name_{side}"].search(window, named.start(1) + len(first) + 1) or named
    if named and side == "end" and lang != "en" and (cut := _after_preposition(window, named, lang)) is not None:
        return _match_subject(window[:cut].rstrip(), lang, side)
    if named and side == "end" and lang != "en" and _in_institution(window, named):
        return "organisation", "", named  # "Раніше в Газпромі заявили"
    if named and lang == "pl" and _PL_PAST_VERB.fullmatch(named.group(1)):
        return None
    if named and lang != "en" and (words := named.group(1).split())[0].lower() in _LOCATIVE and len(words) > 1:
        # "У Газпромі заявили": the sentence's capitalised preposition is not part of the name, and "in X they
        # said" names an institution
        if rest := pats[f"name_{side}"].search(window, named.start(1) + len(words[0])):
            return "organisation", "", rest
    if named and names.label([names.POSSESSIVE.sub("", t).rstrip(".") for t in named.group(1).split()], lang) == "ORG":
        return "organisation", "", named  # "The Interior Ministry said"
    if match := pats[f"org_{side}"].search(window):
        return "organisation", "", match
    if match := named:
        tokens = [names.POSSESSIVE.sub("", t).rstrip(".") for t in match.group(1).split()]
        stripped = names.strip_leading(tokens, lang)
        label = names.label(tokens, lang)
        if label == "ORG":
            return "organisation", "", match
        common = lang != "en" and len(stripped) == 1 and names.token_kind(stripped[0], lang) == "word"
        if len(stripped) == 1 and (names.is_role(stripped[0], lang) or common):  # "Experts believe", "Критики говорят"
            return "description", "pl" if names.plural(stripped[0]) else "", match
        if stripped:
            return "named", "", match
    if match := pats[f"desc_{side}"].search(window):
        return "description", "pl" if names.plural(match.group(1)) else "", match
    if lang == "en" and (match := pats[f"np_{side}"].search(window)):
        return "description", "", match
    return None


# --- resolution ---------------------------------------------------------------------------------------------------


# An article, or a preposition opening the sentence, before an organisation's name: "The Ministry said", "У
# Газпромі заявили", "W Orlenie".
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|у|в|во|w|we|z|ze|u|od|от|від|із|з)\s+", re.IGNORECASE)


def resolve(subject: Subject, cue_gender: str, before: int, cands: list[Candidate], lang: str,
            case: str = "nomn") -> Speaker:
    """Who ``subject`` refers to: a named candidate, or the most recent compatible one before ``before``."""
    if subject.kind == "named":
        return _named(subject, cands, lang, case)
    if subject.kind == "organisation":
        person = next((c for c in cands if c.label == "PER" and subject.start <= c.start
                       and abs(c.end - subject.end) <= 1), None)
        if person:  # "Глава МЗС ФРН Гайко Маас": the person the phrase ends with
            return Speaker(person.name, person.entity_id, "named", subject.start, subject.end)
        inside = next((c for c in cands if c.start < subject.end and c.end > subject.start), None)
        name = names.org_base(_LEADING_ARTICLE.sub("", subject.text).split(), lang)
        covers = inside and inside.start <= subject.start + 4 and inside.end >= subject.end - 1
        if covers and inside.label == "ORG" and inside.entity_id and len(inside.name) >= len(inside.text) - 2:
            name = inside.name
        return Speaker(name, inside.entity_id if inside else None, "organisation", subject.start, subject.end)
    gender = subject.gender or cue_gender
    if gender == "n":  # "it said": the most recent organisation
        org = next((c for c in reversed(cands) if c.end <= before and c.label == "ORG"), None)
        return Speaker(org.name if org else None, org.entity_id if org else None, "pronoun", subject.start, subject.end)
    phrase = (None if subject.kind in ("pronoun", "verb")
              else re.sub(r"^(the|a|an|this|that)\s+", "", subject.text, flags=re.I))
    if gender == "pl" or (subject.kind == "description" and not names.is_role(subject.text, lang)):
        return Speaker(phrase, None, subject.kind, subject.start, subject.end)
    for cand in reversed(cands):
        if (cand.end <= before and cand.label == "PER" and not cand.quoted
                and (not gender or not cand.gender or cand.gender == gender)):
            return Speaker(cand.name, cand.entity_id, subject.kind, subject.start, subject.end)
    return Speaker(phrase, None, subject.kind, subject.start, subject.end)


def _named(subject: Subject, cands: list[Candidate], lang: str, case: str) -> Speaker:
    overlapping = [c for c in cands if c.start < subject.end and c.end > subject.start]
    if overlapping:
        best = max(overlapping, key=lambda c: c.end - c.start)
        via = "organisation" if best.label == "ORG" else "named"
        name = best.name
        if case == "gent" and lang == "pl" and best.label == "PER" and name in subject.text:
            name = names.base_name(name.split(), lang, case)  # only this genitive form is in the text: "Zdaniem Tuska"
        return Speaker(name, best.entity_id, via, subject.start, subject.end)
    tokens = names.strip_leading([names.POSSESSIVE.sub("", t).rstrip(".") for t in subject.text.split()], lang)
    same = [c for c in cands if c.label == "PER" and tokens and names.same_name(c.name.split()[-1], tokens[-1])]
    if same:
        return Speaker(same[-1].name, same[-1].entity_id, "named", subject.start, subject.end)
    return Speaker(names.base_name(tokens, lang, case) or None, None, "named", subject.start, subject.end)
