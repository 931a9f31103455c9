"""Entity ids that are the same across documents and languages, computed from the name alone (no store needed).

1. ``name_key``: a base form in any of our scripts becomes a Latin "sound skeleton" ("Путін", "Путин", "Putin",
   "Putina" after lemmatisation -> "putin"; "Зеленський", "Zelensky", "Zełenski" -> "zelenski").
   People are keyed by the initial of the first name and the surname ("Олександр Габуєв" = "Alexander Gabuev").
2. ``lang/aliases.py``: a team-written gazetteer for well-known entities whose names transliteration cannot join
   (Xi Jinping / Сі Цзіньпін, Beijing / Пекін, ICC / Міжнародний кримінальний суд). Aliases for people only match
   people, so a town named like a president stays a town; a different first name never matches ("Igor Putin").
3. Inside one document a partial name takes the id of the full name it belongs to ("Xi" -> "Xi Jinping", "Gabuev" ->
   "Alexander Gabuev") and an acronym the id of the name it abbreviates ("ICC").
   Aliases learned from SlavicNER's cross-lingual ids (``lang/learned_aliases.json``, ``newsgraph train aliases``)
   fill in where the team's list says nothing ("Нидерланды" / "Holandia").
4. Anything else gets its own new id from its key: an unseen name is never merged with a famous one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.text import fold, stable_hash

__all__ = ["name_key", "group_key", "slug", "team_gazetteer", "entity_id", "link_mentions",
           "gazetteer_id", "known_label", "gazetteer_spans", "display_name", "region_id", "place_of",
           "REGION_SUFFIX",
           "LinkInput"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "ʼ": "", "’": "",
}
# Polish spelling -> the same broad Latin as the Cyrillic table (before diacritics are folded away).
_POLISH = [("szcz", "shch"), ("ch", "kh"), ("cz", "ch"), ("sz", "sh"), ("rz", "zh"), ("ż", "zh"), ("ź", "zh"),
           ("ś", "sh"), ("ć", "ch"), ("dź", "dzh"), ("ł", "l"), ("w", "v"), ("c", "ts"), ("j", "y")]
# Other Latin spellings (English and most others).
_LATIN = [("x", "ks"), ("w", "v"), ("q", "k"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("j", "y"),
          ("c(?=[eiy])", "s"), ("c(?!h)", "k")]
# The skeleton: one symbol per sound class, so spelling conventions of the four languages meet.
_SKELETON = [("shch", "Š"), ("zh", "Z"), ("sh", "S"), ("ch", "C"), ("kh", "g"), ("ts", "c"), ("h", "g"),
             ("y", "i"), ("ie", "e"), ("ye", "e")]
_STOP = {"the", "of", "and", "for", "in", "on", "і", "й", "та", "и", "w", "i", "z", "na", "dla", "der", "de", "la"}
_PERSON_ALIAS_PREFIX = "P"
LEARNED_ALIASES = Path(__file__).resolve().parent / "lang" / "learned_aliases.json"


@dataclass(frozen=True, slots=True)
class LinkInput:
    """What linking needs from one mention."""

    lemma: str
    label: str
    lang: str | None


def _is_cyrillic(text: str) -> bool:
    return bool(re.search(r"[а-яёіїєґ]", text, re.IGNORECASE))


@lru_cache(maxsize=65536)
def _word_skeleton(word: str, lang: str | None) -> str:
    acronym = len(word) > 1 and word.isupper()
    word = word.lower()
    if _is_cyrillic(word):
        word = "".join(_CYRILLIC.get(ch, ch) for ch in word)
    else:
        rules = _POLISH if lang == "pl" or re.search(r"[łśćźżąęń]", word) else _LATIN
        for pattern, repl in rules:
            word = re.sub(pattern, repl, word)
    word = fold(word)
    for pattern, repl in _SKELETON:
        word = word.replace(pattern, repl)
    word = re.sub(r"[^a-zA-Z0-9Š]", "", word)
    if acronym:
        return "#" + word  # "UN" is not the word "Unia" cut short
    if not acronym:
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: "Zelenskyy", "Ніцца" (not in "УНН")
        word = re.sub(r"li(?=[aeou])", "l", word)  # soft l: "Фінляндія" / "Finlandia"
    return word


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-–—.,'’ʼ\"«»„“”()]+", name) if w]


@lru_cache(maxsize=65536)
def name_key(name: str, label: str, lang: str | None = None) -> str:
    """The language-independent key of a base form; people: first-name initial + surname."""
    words = [_word_skeleton(w, lang) for w in _words(name) if w.lower() not in _STOP]
    words = [w for w in words if w]
    if not words:
        return fold(name)
    if label != "PER":
        # Case and adjective endings differ between languages ("Балтійське море" / "Балтийское море"): drop
        # word-final vowels of multi-letter words.
        words = [re.sub(r"(?<=[^aeiou#])[aeiou]+$", "", w) if len(w) > 3 and w[0] != "#" else w for w in words]
    if label == "PER" and len(words) >= 2:
        # Oleksandr / Alexander / Aleksander, Ihor / Igor, Yevhen / Evgeny share an initial class.
        initial = {"o": "a", "i": "e"}.get(words[0][0], words[0][0])
        return f"{initial} {words[-1]}"
    return " ".join(words)


def _group(label: str) -> str:
    return _PERSON_ALIAS_PREFIX if label == "PER" else "X"


def slug(name: str) -> str:
    """The readable part of an entity id: "One Belt, One Road" -> "one-belt-one-road"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def group_key(name: str, label: str, lang: str | None = None) -> str:
    """The gazetteer key of a name: people only ever match people."""
    return f"{_group(label)}|{name_key(name, label, lang)}"


@lru_cache(maxsize=1)
def team_gazetteer() -> dict[str, tuple[str, str]]:
    """(label group | key) -> (id, label) of every alias the team listed."""
    from newsgraph.understand.lang.aliases import ALIASES

    index: dict[str, tuple[str, str]] = {}
    for (label, canonical), aliases in ALIASES.items():
        gid = "g:" + slug(canonical)
        for alias in (canonical, *aliases):
            for lang in (None, "pl"):  # a Latin alias may be read with Polish or with English spelling rules
                index.setdefault(group_key(alias, label, lang), (gid, label))
    return index


@lru_cache(maxsize=1)
def country_ids() -> dict[str, str]:
    """Folded name -> id of every country and continent CLDR names (``lang.countries``), matched exactly, never by
    sound key: "Perry" must not be Peru. A country the team lists keeps the team's id, one learned from SlavicNER
    its learned id (so "Holland", learned, and "Нидерланды", CLDR's, stay one entity)."""
    from newsgraph.understand.lang.countries import country_aliases

    team = {name: gid for name, (gid, label) in _listed_by_folded_name().items() if label == "LOC"}
    learned = _learned()["entries"]

    def learned_id(name: str) -> str | None:
        entry = learned.get(group_key(name, "LOC")) or learned.get(group_key(name, "LOC", "pl"))
        return entry[0] if entry and entry[1] == "LOC" else None

    index: dict[str, str] = {}
    for english, names in country_aliases().items():
        gid = (next((team[fold(name)] for name in names if fold(name) in team), None)
               or next((found for name in names if (found := learned_id(name))), None) or "g:" + slug(english))
        for name in names:
            index.setdefault(fold(name), gid)
    return index


def country_id(name: str) -> str | None:
    return country_ids().get(fold(name))


@lru_cache(maxsize=1)
def _learned() -> dict:
    """Aliases learned from SlavicNER's cross-lingual ids (``newsgraph train aliases``); empty when not built."""
    if not LEARNED_ALIASES.exists():
        return {"entries": {}, "names": {}}
    return json.loads(LEARNED_ALIASES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[str, str]]:
    """The team's aliases, then the learned ones where the team says nothing."""
    index = dict(team_gazetteer())
    for key, (gid, label) in _learned()["entries"].items():
        index.setdefault(key, (gid, label))
    return index


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    from newsgraph.understand.lang.aliases import ALIASES
    from newsgraph.understand.lang.countries import country_aliases

    names = dict(_learned()["names"])
    names.update({"g:" + slug(name): name for name in country_aliases()})
    names.update({"g:" + slug(name): name for _label, name in ALIASES})
    return names


def display_name(entity_id: str) -> str | None:
    """The canonical (English) name of a listed entity: one display name whatever language mentioned it first."""
    return _canonical_names().get(entity_id)


# Both below are pure functions of the name over fixed tables, asked again for every mention of a name: cached (a
# long ingest meets a few hundred thousand distinct names at most).
@lru_cache(maxsize=200_000)
def gazetteer_id(name: str, label: str, lang: str | None = None) -> str | None:
    """The listed id of a name: the team's aliases (by sound key), a country (exact name), a learned alias."""
    key = group_key(name, label, lang)
    team = team_gazetteer().get(key)
    if team:
        return team[0]
    country = country_id(name) if label != "PER" else None
    if country:
        return country
    entry = _gazetteer().get(key)
    return entry[0] if entry else None


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern, dict[str, str]]:
    from newsgraph.understand.lang.aliases import ALIASES

    labels: dict[str, str] = {}
    for (label, canonical), aliases in ALIASES.items():
        for alias in (canonical, *aliases):
            if len(alias) >= 2 and alias[:1].isupper():
                labels.setdefault(alias, label)
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return pattern, labels


def gazetteer_spans(text: str) -> list[tuple[int, int, str]]:
    """Every place where a famous name is written exactly as listed (case-sensitive, whole words): recall for the
    names a reader expects never to be missed ("One Belt, One Road")."""
    pattern, labels = _alias_pattern()
    return [(m.start(), m.end(), labels[m.group()]) for m in pattern.finditer(text)]


#: Listed organisations that are places too, and that annotators (SlavicNER's among them) label so: a union of
#: states, seats of government named after their building. A LOC label on them stays.
ALSO_PLACES = frozenset({"g:european-union", "g:kremlin", "g:white-house", "g:pentagon"})


@lru_cache(maxsize=200_000)
def known_label(name: str, label: str, lang: str | None = None) -> str:
    """The gazetteer's label for a famous name the recogniser labelled as the other kind ("Китай" as PER -> LOC);
    otherwise ``label``. Only a name that is famous as one kind alone is relabelled. (Among non-persons the
    recogniser's label mostly stays: forcing the listed one cost uk 4 points on SlavicNER's unseen topic, whose
    annotators call "Північний потік-2" the company where the text means it, and "ЄС" a place; a listed
    organisation the model called MISC or LOC becomes ORG, except those that are places too: ``ALSO_PLACES``.)"""
    if label == "PER":
        # A person's name becomes a place or an organisation only on an exact listed name: by sound key the
        # surname "Ross" is "Rosja" (Russia) and "Perry" Peru.
        if country_id(name) and name not in _also_personal_names():
            return "LOC"  # "Данія" as PER: every country CLDR names
        if gazetteer_id(name, label, lang):
            return label
        listed = _listed_by_folded_name().get(fold(name))
        return listed[1] if listed else label
    listed = team_gazetteer().get(group_key(name, label, lang)) if label in ("MISC", "LOC") else None
    if listed and listed[1] == "ORG" and (label == "MISC" or listed[0] not in ALSO_PLACES):
        return "ORG"  # "Газпромі" as MISC or LOC: a company, not a place
    if gazetteer_id(name, label, lang):
        return label
    entry = team_gazetteer().get(group_key(name, "PER", lang))
    return entry[1] if entry else label


@lru_cache(maxsize=1)
def _listed_by_folded_name() -> dict[str, tuple[str, str]]:
    """Folded name -> (id, label) of every non-person the team lists: exact matching, where a sound key is too loose."""
    from newsgraph.understand.lang.aliases import ALIASES

    return {fold(alias): ("g:" + slug(canonical), label) for (label, canonical), aliases in ALIASES.items()
            if label != "PER" for alias in (canonical, *aliases)}


@lru_cache(maxsize=1)
def _also_personal_names() -> frozenset[str]:
    from newsgraph.understand.lang.countries import ALSO_PERSONAL_NAMES, country_aliases

    return frozenset(name for english in ALSO_PERSONAL_NAMES for name in country_aliases().get(english, ()))


def entity_id(name: str, label: str, lang: str | None = None) -> str:
    """The id of a base form: the gazetteer's, a region's (derived from its centre), or a new one from the key."""
    found = gazetteer_id(name, label, lang)
    if found:
        return found
    if label == "LOC":  # not ORG: "Батьківщина" is also a party
        region = region_id(name, lang)
        if region:
            return region
    return "n:" + stable_hash(_group(label), name_key(name, label, lang), length=12)


# Regions named after their centre city: "Львівщина", "Львівська область", "Львовская область", "obwód lwowski",
# "Lwowszczyzna", "Lviv region" all name one region in four languages. Its id is the city's id plus REGION_SUFFIX,
# so the region never takes the city's id (Lviv region is not Lviv), yet the languages meet, and the story linker
# can treat a region and its centre as one place (``place_of``).
REGION_SUFFIX = "-region"
_REGION_FORMS = [
    re.compile(r"^(?P<stem>.+?)\s+(?:region|oblast|province|voivodeship)$", re.IGNORECASE),
    re.compile(r"^(?P<stem>\w+?)(?:щина|ччина|szczyzna)$", re.IGNORECASE),
    re.compile(r"^(?P<stem>\w+?)(?P<end>ськ|цьк|зьк|ск|цк|зк)(?:а|ая)\s+област\w*$", re.IGNORECASE),
    re.compile(r"^obw[oó]d\s+(?P<stem>\w+?)(?P<end>sk|ck|zk)i$", re.IGNORECASE),
]
# What a stem may have lost on its way to the adjective: "Одеса" -> "Одеська", "Донецьк" -> "Донецька".
_CENTRE_ENDINGS = ("", "а", "я", "и", "ь", "са", "сса", "ськ", "цьк", "ск", "цк", "a", "sa", "ssa", "y")


def _region_stem(name: str) -> tuple[str, str] | None:
    for pattern in _REGION_FORMS:
        match = pattern.match(name.strip())
        if match:
            return match.group("stem"), (match.groupdict().get("end") or "")
    return None


@lru_cache(maxsize=8192)
def region_id(name: str, lang: str | None = None) -> str | None:
    """The id of a region named after its centre ("Львівщина" -> "g:lviv-region"), or None for other names.
    A centre missing from the gazetteer still gives the four languages one id when its spellings meet."""
    found = _region_stem(name)
    if found is None:
        return None
    stem, end = found
    if len(stem) < 3:
        return None
    for ending in _CENTRE_ENDINGS:
        centre = gazetteer_id(stem + ending, "LOC", lang)
        if centre:
            return centre + REGION_SUFFIX
    if end in {"цьк", "цк", "ck"}:
        stem += end  # "Донецька область" -> "Донецьк", "obwód doniecki" -> "Donieck"
    return "n:" + stable_hash(_group("LOC"), name_key(stem, "LOC", lang), length=12) + REGION_SUFFIX


def place_of(entity_id: str) -> str:
    """A region as its centre city, anything else as itself: where a story happens, at the granularity that
    articles in different languages agree on ("Lviv" in one, "Львівщина" in another)."""
    return entity_id.removesuffix(REGION_SUFFIX)


def _initials(name: str, lang: str | None) -> str:
    return "".join(w[0] for w in _words(name) if w.lower() not in _STOP and w[:1].isalpha()).lower()


def _same_word(short: str, full: str) -> bool:
    """Skeletons of one word, allowing a case ending the lemmatiser missed ("gabuev" / "gabueva")."""
    if short == full:
        return True
    shorter, longer = sorted((short, full), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 2


def _partial_owner(index: int, items: list[LinkInput], ids: list[str], surname_only: bool = False) -> str | None:
    """The id of the fuller name in the document that this person's name is part of (``surname_only``: only a name
    whose last word it is)."""
    words = [_word_skeleton(w, items[index].lang) for w in _words(items[index].lemma)]
    if not words:
        return None
    votes: Counter = Counter()
    for other, item in enumerate(items):
        if other == index or item.label != "PER":
            continue
        full = [_word_skeleton(w, item.lang) for w in _words(item.lemma)]
        if len(full) <= len(words):
            continue
        if all(any(_same_word(w, f) for f in full) for w in words):
            surname_match = any(_same_word(w, full[-1]) for w in words)
            if surname_only and not surname_match:
                continue
            votes[ids[other]] += 2 if surname_match else 1
    return votes.most_common(1)[0][0] if votes else None


def _acronym_owner(index: int, items: list[LinkInput], ids: list[str]) -> str | None:
    """The id of the name this acronym abbreviates in the document; a number stays with it ("СП-2" is "Северный
    поток-2", not "Северный поток")."""
    words = _words(items[index].lemma)
    letters, numbers = "".join(w for w in words if not w.isdigit()), [w for w in words if w.isdigit()]
    if not (2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()) or len(words) - len(numbers) != 1:
        return None
    wanted = letters.lower()
    for other, item in enumerate(items):
        full = _words(item.lemma)
        if other == index or len(full) < 2 or [w for w in full if w.isdigit()] != numbers:
            continue
        if _initials(" ".join(w for w in full if not w.isdigit()), item.lang) == wanted:
            return ids[other]
    return None


def _maybe_person(item: LinkInput, current: str) -> bool:
    """A lone capitalised word the recogniser called ORG, MISC or LOC may be a surname ("Gabuev" after "Alexander
    Gabuev"); listed names are left alone, and a place only joins a person whose surname it is (see link_mentions)."""
    return item.label in {"ORG", "MISC", "LOC"} and not current.startswith("g:") and len(_words(item.lemma)) == 1


def link_mentions(items: list[LinkInput]) -> list[str]:
    """One entity id per mention of one document (same order)."""
    ids = [entity_id(item.lemma, item.label, item.lang) for item in items]
    resolved = list(ids)
    for index, item in enumerate(items):
        if resolved[index].startswith("g:") and len(_words(item.lemma)) > 1:
            continue
        owner = None
        if item.label == "PER" or _maybe_person(item, resolved[index]):
            # A place that is a first name of someone in the text stays a place ("Paris" beside "Paris Hilton").
            owner = _partial_owner(index, items, ids, surname_only=item.label == "LOC")
        if owner is None:
            owner = _acronym_owner(index, items, ids)
        if owner is not None:
            resolved[index] = owner
    return resolved
