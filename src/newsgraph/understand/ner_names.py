"""A lone first name or surname that the NER model took for a place becomes a person, and a lone place it took for
a person becomes a place (uk, ru).

The small CNN reads a few words around each token, and a lone name in an oblique case ("Гоголя", "Шевченка",
"Чеслава") looks to it much like a town's; 235 of the uk model's errors on ner-uk's test were exactly that. The
dictionary knows better: pymorphy3 lists such words as first names, surnames or patronymics, and only as animate
nouns. A one-word LOC span whose word the dictionary knows, whose every reading is animate, one of them a name, and
none a place (ru's Geox), is relabelled PER, unless its base form is a place our gazetteer lists. Words the
dictionary does not know are left alone: its suffix guesser takes foreign place names ("Чиуауа", "Паттайе") for
surnames, which cost ru 1 point of F1 when they were let in.
Measured with `newsgraph eval ner` (docs/entities.md): ner-uk test 76.15 -> 78.42, ru WikiNEuRal 73.57 -> 73.79,
and the unseen SlavicNER topic +0.1 (uk) / +0.15 (ru).
The other way (sixteenth session): a one-word PER span that the dictionary knows only as an inanimate noun, never a
name (and in ru as a place: Geox), is LOC ("Стокгольмі", "Дохе"), unless a person named in full in the same text
shares its first four letters. ner-uk test 78.52 -> 78.82, ru WikiNEuRal 73.74 -> 74.13, the unseen topic's whole
stage uk 74.27 -> 75.20 and ru 79.76 -> 79.69 ("заявил Маас": the Maas is also a river).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from newsgraph.understand.lemma import _APOSTROPHES, _NAME_TAGS, _analyses, lemmatize
from newsgraph.understand.linking import gazetteer_id

__all__ = ["NAME_LANGS", "COMPONENT", "is_lone_person_name"]

NAME_LANGS = frozenset({"uk", "ru"})
COMPONENT = "newsgraph_lone_names"


def is_lone_person_name(word: str, lang: str) -> bool:
    """A capitalised word that pymorphy3 knows only as an animate noun, at least once as a name, never as a place."""
    if lang not in NAME_LANGS or not word[:1].isupper():
        return False
    readings = _analyses(word.lower().translate(_APOSTROPHES), lang)
    if not any(reading.is_known for reading in readings):
        return False
    grammemes = [reading.tag.grammemes for reading in readings if reading.score > 0]
    if not grammemes or any("inan" in g or "Geox" in g for g in grammemes):
        return False
    if not any(g & _NAME_TAGS for g in grammemes):
        return False
    # "Львова" reads as the surname Львов, and is far more often the city
    return gazetteer_id(lemmatize(word, "LOC", lang), "LOC", lang) is None


def is_lone_place_name(word: str, lang: str) -> bool:
    """A capitalised word that pymorphy3 knows only as an inanimate noun, never as a name: "Стокгольмі", "Дохе"
    are places, not people, whatever the recogniser said."""
    if lang not in NAME_LANGS or not word[:1].isupper() or word.isupper():
        return False
    readings = [r for r in _analyses(word.lower().translate(_APOSTROPHES), lang) if r.score > 0]
    if not readings or not all(r.is_known for r in readings):
        return False
    grammemes = [r.tag.grammemes for r in readings]
    if any(g & _NAME_TAGS or "anim" in g for g in grammemes):
        return False
    # uk's dictionary marks no place as such (ru's Geox): there every reading must be an inanimate noun
    return all("NOUN" in g and "inan" in g for g in grammemes) and (lang != "ru" or any("Geox" in g for g in grammemes))


@Language.component(COMPONENT)
def relabel_lone_names(doc):
    ents = list(doc.ents)
    changed = False
    # Surnames of people named in full here: "Маас" after "Хайко Маас" is the man, not the river.
    surnames = {ent[-1].text.lower()[:4] for ent in ents if ent.label_ == "PER" and len(ent) > 1}
    for index, ent in enumerate(ents):
        if ent.label_ == "LOC" and len(ent) == 1 and is_lone_person_name(ent.text, doc.lang_):
            ents[index] = Span(doc, ent.start, ent.end, label="PER")
            changed = True
        elif (ent.label_ == "PER" and len(ent) == 1 and ent.text.lower()[:4] not in surnames
              and is_lone_place_name(ent.text, doc.lang_)):
            ents[index] = Span(doc, ent.start, ent.end, label="LOC")
            changed = True
    if changed:
        doc.ents = ents
    return doc
