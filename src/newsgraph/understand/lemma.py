"""Base forms of names: "Світової організації охорони здоров'я" -> "Світова організація охорони здоров'я".

- uk / ru: pymorphy3. A name of several words is inflected as a phrase: for organisations and places the head noun
  and the adjectives before it go to the nominative in the head's number and gender, the words after the head (its
  genitive complement) stay as they are; for people every word goes to the nominative in one gender chosen for the
  whole name. Surnames and foreign names the dictionary lacks come from pymorphy3's own suffix predictor.
- pl: ``lang/pl`` (a lexicon of well-known names plus suffix rules).
- en and others: the surface form without a possessive 's.

Acronyms, numbers and words in another script are never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["lemmatize", "harmonize", "restore_case"]

# Words, hyphenated words ("Нью-Йорка"), but not a hyphenated number: "потоку-2" is "потоку" + "-2".
_TOKEN_RE = re.compile(r"[^\W\d_][\w'ʼ’]*(?:-[^\W\d_][\w'ʼ’]*)*", re.UNICODE)
_CYRILLIC_RE = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"ʼ": "'", "’": "'"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "’": "'"})
_CASES = ("nomn", "gent", "accs", "datv", "ablt", "loct", "voct")
_NAME_TAGS = {"Name", "Surn", "Patr"}
# A lone word in -ова/-ева/-ина is far more often a man's surname in an oblique case than a woman's in the nominative.
_MASC_OBLIQUE_SURNAME = re.compile(r"(ов|ев|єв|ёв|ін|ин|ын)(а|у|ым|им|ому|ім|ом)$")


@lru_cache(maxsize=2)
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def restore_case(word: str, model: str) -> str:
    """Give ``word`` the capitalisation pattern of ``model`` (UPPER, Title, Title-Title or lower)."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if len(word) == len(model):
        return "".join(w.upper() if m.isupper() else w for w, m in zip(word, model, strict=True))
    parts, model_parts = word.split("-"), model.split("-")
    if len(parts) == len(model_parts):
        pairs = zip(parts, model_parts, strict=True)
        return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in pairs)
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _shouted(word: str, lang: str) -> bool:
    """A word in capitals that is a dictionary word, not an acronym: "КИЇВ", "МОСКВА" (datelines)."""
    if len(word) < 4 or not word.isupper():
        return False
    return any(p.is_known and "Abbr" not in p.tag.grammemes for p in _analyses(word.lower(), lang))


@lru_cache(maxsize=131072)
def _analyses(word: str, lang: str) -> tuple:
    """pymorphy3's readings of one lower-case word, cached: the same words recur in many different names ("поток",
    "министерство"), and analysis is most of the stage's cost in Russian and Ukrainian."""
    return tuple(_morph(lang).parse(word))


def _keep(word: str) -> bool:
    """Acronyms ("ЄС", "СПбПУ"), digits and non-Cyrillic words are left alone."""
    return (any(sum(c.isupper() for c in part) > 1 for part in word.split("-"))
            or not _CYRILLIC_RE.search(word) or any(c.isdigit() for c in word))


def _parses(word: str, lang: str) -> tuple:
    return _noun_like(word.lower().translate(_APOSTROPHES), lang)


@lru_cache(maxsize=131072)
def _noun_like(word: str, lang: str) -> tuple:
    return tuple(p for p in _analyses(word, lang) if p.tag.POS in {"NOUN", "ADJF", "PRTF"})


def _inflect(parse, grammemes: set[str]) -> str | None:
    wanted = {g for g in grammemes if g}
    if "plur" in wanted:
        wanted -= {"masc", "femn", "neut"}
    try:
        inflected = parse.inflect(wanted)
    except ValueError:
        inflected = None
    return inflected.word if inflected else None


def _nominative(parse, gender: str | None = None) -> str | None:
    """The nominative of ``parse`` in its own number (and ``gender`` when given)."""
    if parse.tag.number != "plur" and parse.tag.POS == "NOUN":
        # Ukrainian dictionaries tag the nominative singular without a case, so inflect() cannot find it; the
        # normal form is that word whenever it keeps the gender (a woman's surname's normal form does not).
        normal = parse.normalized
        if normal.tag.gender == parse.tag.gender and normal.tag.number != "plur":
            return normal.word
    return _inflect(parse, {"nomn", parse.tag.number, gender if parse.tag.gender else None})


def _reading_fits(parse, case: str, gender: str | None) -> bool:
    tag = parse.tag
    if tag.case != case:
        return False
    return gender is None or tag.gender in (None, gender) or bool({"ms-f", "Fixd"} & tag.grammemes)


def _reading_score(parses: list[list], case: str, gender: str) -> float:
    """How well one (case, gender) fits a name: words that allow it, their probability, name-dictionary bonus."""
    score = 0.0
    for options in parses:
        fitting = [x for x in options if _reading_fits(x, case, gender)]
        if fitting:
            score += 1.0 + max(x.score for x in fitting)
            score += 0.5 if any(_NAME_TAGS & x.tag.grammemes for x in fitting) else 0.0
    # Ties go to the more frequent case, then to the masculine reading.
    return score - _CASES.index(case) * 0.01 - (0.005 if gender == "femn" else 0.0)


_MASC_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("ові", "еві", "у", "ю"),
                 "ablt": ("ом", "ем", "ым", "им"), "loct": ("ові", "е", "і")}


def _masculine_guess(word: str, case: str) -> str:
    """A man's foreign surname the dictionary cannot inflect: "Рааба" -> "Рааб" (consonant stems only)."""
    for ending in _MASC_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and stem[-1].lower() not in "аеєиіїоуюяыэ'":
            return stem
    return word


_FOREIGN_WOMAN = re.compile(r"(ия|ии|ию|ией|ія|ії|ію|ією)$")


def _foreign_woman(words: list[str], parses: list[list]) -> list[str]:
    """"Асии Биби" -> "Асия Биби": a first name in -ия / -ія the dictionary lacks is a woman's."""
    first = _FOREIGN_WOMAN.sub(lambda m: "ия" if m.group(1) in {"ия", "ии", "ию", "ией"} else "ія", words[0].lower())
    out = [restore_case(first, words[0])]
    for word, options in zip(words[1:], parses[1:], strict=True):
        oblique = [p for p in options if "femn" in p.tag.grammemes and p.tag.case not in (None, "nomn")]
        form = _nominative(oblique[0], "femn") if oblique and not any(p.tag.case == "nomn" for p in options) else None
        out.append(restore_case(form, word) if form else word)
    return out


def _person(words: list[str], lang: str) -> list[str]:
    """Every word of a person's name to the nominative, in the one reading (case, gender) most words allow."""
    # A person's name is singular: "Юлії" is not the plural of "Юлій" here.
    parses = [[p for p in _parses(w, lang) if p.tag.number != "plur"] if not _keep(w) else [] for w in words]
    candidates = [w for w, p in zip(words, parses, strict=True) if p]
    if not candidates:
        return words
    best, best_score = None, -1.0
    for case in _CASES:
        for gender in ("masc", "femn"):
            score = _reading_score(parses, case, gender)
            if score > best_score:
                best, best_score = (case, gender), score
    case, gender = best
    if _FOREIGN_WOMAN.search(words[0].lower()) and len(words) > 1 and \
            not any("femn" in p.tag.grammemes for p in parses[0]):
        return _foreign_woman(words, parses)
    surname = words[-1].lower()
    if case == "nomn" and gender == "femn" and _MASC_OBLIQUE_SURNAME.search(surname):
        masc_gent = all(not p or any(_reading_fits(x, "gent", "masc") for x in p) for p in parses)
        if masc_gent:
            case, gender = "gent", "masc"
    out = []
    for word, options in zip(words, parses, strict=True):
        # A guessed "indeclinable" reading of an unknown word is no reading at all.
        fitting = [x for x in options
                   if _reading_fits(x, case, gender) and (x.is_known or "Fixd" not in x.tag.grammemes)]
        if case == "nomn":
            out.append(word)
            continue
        if not fitting:
            out.append(_masculine_guess(word, case) if gender == "masc" and options else word)
            continue
        fitting.sort(key=lambda x: (not (_NAME_TAGS & x.tag.grammemes), -x.score))
        form = _nominative(fitting[0], gender)
        out.append(restore_case(form, word) if form else word)
    return out


def _head_index(words: list[str], parses: list[list]) -> int | None:
    """The first word that is not an adjective standing before another inflectable word."""
    for index, options in enumerate(parses):
        if _keep(words[index]) or not options:
            return index if index else None
        has_next = index + 1 < len(words) and not _keep(words[index + 1]) and parses[index + 1]
        if has_next and any(p.tag.POS in {"ADJF", "PRTF"} for p in options):
            continue
        return index if any(p.tag.POS == "NOUN" for p in options) else None
    return None


def _phrase(words: list[str], lang: str) -> list[str]:
    """Organisations, places, events: the head noun and its adjectives to the nominative."""
    parses = [_parses(w, lang) for w in words]
    head = _head_index(words, parses)
    if head is None or _keep(words[head]) or not parses[head]:
        return words
    modifiers = range(head)
    nouns = [p for p in parses[head] if p.tag.POS == "NOUN"]

    def agrees(noun) -> bool:
        return all(any(a.tag.case == noun.tag.case and a.tag.number == noun.tag.number and
                       (noun.tag.number == "plur" or a.tag.gender in (None, noun.tag.gender)) for a in parses[i])
                   for i in modifiers)

    readings = [n for n in nouns if agrees(n)] or nouns
    # A name is singular unless the word has no singular ("Штатів"): "України" is not a plural here.
    readings = [n for n in readings if n.tag.number != "plur"] or readings
    # Most probable first; a first name or surname reading is the last resort for an organisation or place.
    readings.sort(key=lambda n: (bool(_NAME_TAGS & n.tag.grammemes), -round(n.score, 2), n.tag.case != "nomn"))
    noun = readings[0]
    if noun.tag.case == "nomn":
        return words
    out = list(words)
    form = _nominative(noun)
    if form:
        out[head] = restore_case(form, words[head])
    for index in modifiers:
        fitting = [a for a in parses[index] if a.tag.case == noun.tag.case and a.tag.number == noun.tag.number]
        if fitting:
            gender = noun.tag.gender if noun.tag.number != "plur" else None
            form = _inflect(fitting[0], {"nomn", noun.tag.number, gender})
            if form:
                out[index] = restore_case(form, words[index])
    return out


def _common_word(word: str, lang: str) -> str:
    """A lower-case name word ("немецких", "россиян"): adjectives to their dictionary form, nouns keep number."""
    options = _parses(word, lang)
    if not options:
        return word
    best = options[0]
    if best.tag.POS in {"ADJF", "PRTF"}:
        return best.normal_form
    return _inflect(best, {"nomn", best.tag.number}) or best.normal_form


def _slavic(text: str, label: str, lang: str) -> str:
    spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    words = [text[s:e] for s, e in spans]
    if not words:
        return text
    if label in {"PER", "LOC"} and lang == "uk":  # Ukrainian base forms un-shout datelines, Russian ones do not
        words = [w.title() if _shouted(w, lang) else w for w in words]
    if len(words) == 1 and words[0].islower():
        lemmas = [_common_word(words[0], lang)]
    else:
        lemmas = _person(words, lang) if label == "PER" else _phrase(words, lang)
    pieces, position = [], 0
    for (start, end), lemma, word in zip(spans, lemmas, words, strict=True):
        pieces.append(text[position:start])
        # pymorphy3 writes the apostrophe its own way; keep the article's.
        pieces.append(lemma if "'" not in lemma else lemma.replace("'", next((c for c in word if c in "'ʼ’"), "'")))
        position = end
    pieces.append(text[position:])
    lemma = "".join(pieces)
    return lemma if "ё" in text.lower() else lemma.replace("ё", "е").replace("Ё", "Е")


def _unquote(text: str) -> str:
    """«Інтерфакс-Україна» -> Інтерфакс-Україна: guillemets around a whole name are not part of it."""
    if len(text) > 2 and text[0] == "«" and text[-1] == "»" and "«" not in text[1:-1]:
        return text[1:-1]
    return text


def harmonize(texts: list[str], labels: list[str], lemmas: list[str]) -> list[str]:
    """Inside one document a lone surname takes the base form the full name gives it: "Захарова" next to
    "Мария Захарова" stays "Захарова", "Габуєва" next to "Олександр Габуєв" becomes "Габуєв"."""
    surnames = [lemma.split()[-1] for lemma, label in zip(lemmas, labels, strict=True)
                if label == "PER" and len(lemma.split()) >= 2]
    out = list(lemmas)
    for index, (text, label) in enumerate(zip(texts, labels, strict=True)):
        if label != "PER" or len(text.split()) != 1 or not surnames:
            continue
        word = text.strip().lower()
        for surname in surnames:
            stem = surname.lower()[: max(3, len(surname) - 1)]
            if word.startswith(stem) and len(word) - len(surname) <= 2:
                out[index] = surname
                break
    return out


@lru_cache(maxsize=65536)
def lemmatize(text: str, label: str, lang: str | None) -> str:
    """The base form of one mention's text (cached: news repeats its names, and pymorphy3 analysis is the costly
    part of the stage in Russian and Ukrainian)."""
    text = text.strip()
    if lang == "uk":
        # SlavicNER's Ukrainian base forms drop guillemets and straighten quotes; its Russian ones keep both.
        return _slavic(_unquote(text.translate(_QUOTES)), label, lang)
    if lang == "ru":
        return _slavic(text, label, lang)
    if lang == "pl":
        from newsgraph.understand.lang.pl.names import lemmatize_name

        return lemmatize_name(text, label)
    return re.sub(r"['’]s?$", "", text) if text.endswith(("'s", "’s", "s'")) else text
