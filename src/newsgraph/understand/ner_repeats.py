"""A name the NER model recognised once is also a name where the same words come again in the text (all languages).

The small CNN reads a few words around each token, so it may tag "Моравецкий" in one sentence and miss him in the
next, where the words around him say less. A news article repeats its names, and a reader takes the second
"Климкин" for the man the first one was. After the model, every recognised name (its exact words) is looked for
again in the same text; where it stands alone, with no entity on it, it becomes an entity with the label the model
gave that name most often. "Stands alone": not glued to a number or to a capitalised word (other than a sentence's
first word) before or after it, which would make it part of a longer name the model missed ("Nord Stream" inside
"Nord Stream 2 AG"); a function word the model took for a name is never looked for. In uk, ru and pl a one-word
name is also found in its other cases: a capitalised word with the name's first four letters and the same base
form ("Моравецкий" ... "Моравецкого").
Measured on the unseen SlavicNER topic, span F1 without -> with (paragraphs as `eval ner` reads them; whole
documents as the stage reads an article): uk 69.45 -> 70.69 / 69.19 -> 70.51, pl 81.61 -> 82.27 / 81.46 -> 82.59,
ru 78.47 -> 78.50 / 78.43 -> 78.48; WikiNEuRal and ner-uk test sentences move by under 0.1 (docs/entities.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["COMPONENT", "FUNCTION_WORDS", "repeated_names"]

COMPONENT = "newsgraph_repeated_names"
_MIN_CHARS = 2  # "NS", "ЄС" are names; a one-letter initial alone is not

#: Capitalised function words the recogniser sometimes takes for a name at the start of a sentence ("And" as LOC).
#: A span that is only one of these is never a name, and is never looked for again.
FUNCTION_WORDS = frozenset("""
    a an and but or the this that these those it its he she they we you i yes no also thus however meanwhile
    then so in on at for from with by of to as if when while after before because although
    і й та а але або це цей ця ці він вона воно вони ми ви я так ні також тому проте коли якщо
    и но или это этот эта эти он она оно они мы вы я да нет также поэтому однако когда если
    i a ale lub albo to ten ta te on ona ono oni my wy ja tak nie także więc jednak kiedy jeśli
""".split())


def _name_key(span: Span) -> tuple[str, ...] | None:
    text = span.text
    if len(text) < _MIN_CHARS or not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return None
    if text.casefold() in FUNCTION_WORDS:
        return None
    return tuple(token.text for token in span)


_SENTENCE_ENDS = frozenset(".!?…:;")


def _starts_sentence(doc: Doc, index: int) -> bool:
    return index == 0 or doc[index - 1].is_space or doc[index - 1].text in _SENTENCE_ENDS


def _glued(doc: Doc, index: int) -> bool:
    """A neighbour that would make the words part of a longer name: a number, or a capitalised word that is not
    just the first word of a sentence ("Позже Климкин", "And Nord Stream")."""
    text = doc[index].text
    if text[:1].isdigit():
        return True
    return text[:1].isupper() and text.casefold() not in FUNCTION_WORDS and not _starts_sentence(doc, index)


def repeated_names(doc: Doc) -> Doc:
    labels: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for ent in doc.ents:
        key = _name_key(ent)
        if key:
            labels[key][ent.label_] += 1
    if not labels:
        return doc
    taken = [False] * len(doc)
    for ent in doc.ents:
        for index in range(ent.start, ent.end):
            taken[index] = True
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in labels:
        by_first[key[0]].append(key)
    added = []
    for start, token in enumerate(doc):
        if taken[start] or token.text not in by_first:
            continue
        for key in sorted(by_first[token.text], key=len, reverse=True):
            end = start + len(key)
            if end > len(doc) or any(taken[start:end]):
                continue
            if tuple(t.text for t in doc[start:end]) != key:
                continue
            if (start > 0 and _glued(doc, start - 1)) or (end < len(doc) and _glued(doc, end)):
                continue
            added.append(Span(doc, start, end, label=labels[key].most_common(1)[0][0]))
            for index in range(start, end):
                taken[index] = True
            break
    if doc.lang_ in _INFLECTING:
        added += _inflected_repeats(doc, labels, taken)
    if added:
        doc.ents = sorted(list(doc.ents) + added, key=lambda span: span.start)
    return doc


_INFLECTING = frozenset({"uk", "ru", "pl"})
_STEM_MIN = 4


def _inflected_repeats(doc: Doc, labels: dict, taken: list[bool]) -> list[Span]:
    """One-word names come back in other cases ("Моравецкий" ... "Моравецкого"): a capitalised word that starts
    with the name's stem and has the same base form is the same name."""
    from newsgraph.understand.lemma import lemmatize

    stems = {}
    for key, counter in labels.items():
        word = key[0]
        if len(key) == 1 and len(word) > _STEM_MIN and word.isalpha():
            label = counter.most_common(1)[0][0]
            stems.setdefault(word[:_STEM_MIN], []).append((word, label))
    added = []
    for index, token in enumerate(doc):
        text = token.text
        if taken[index] or not text[:1].isupper() or not text.isalpha() or text[:_STEM_MIN] not in stems:
            continue
        if (index > 0 and _glued(doc, index - 1)) or (index + 1 < len(doc) and _glued(doc, index + 1)):
            continue
        for word, label in stems[text[:_STEM_MIN]]:
            if abs(len(text) - len(word)) <= 3 and (
                    lemmatize(text, label, doc.lang_) == lemmatize(word, label, doc.lang_)):
                added.append(Span(doc, index, index + 1, label=label))
                taken[index] = True
                break
    return added


Language.component(COMPONENT, func=repeated_names)
