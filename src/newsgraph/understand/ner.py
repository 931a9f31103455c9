"""The shipped NER pipelines (``newsgraph/models/ner-<lang>``): lazy, cached loading and span recognition."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.errors import ModelError

__all__ = ["NER_LANGUAGES", "MODELS_DIR", "RawSpan", "model_dir", "load", "recognise", "available"]

log = logging.getLogger(__name__)

NER_LANGUAGES = ("en", "uk", "ru", "pl")
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
_LOCK = threading.Lock()
# Characters a recognised span should not start or end with (quotes stay: «Економічна правда» is a name).
_EDGE_JUNK = " \t\n,;:!?-–—"


@dataclass(frozen=True, slots=True)
class RawSpan:
    start: int
    end: int
    label: str


def model_dir(lang: str) -> Path:
    # NEWSGRAPH_NER_MODELS points at another folder of ner-<lang> pipelines: how a candidate is measured before it
    # replaces the shipped one.
    override = os.environ.get("NEWSGRAPH_NER_MODELS")
    return (Path(override) if override else MODELS_DIR) / f"ner-{lang}"


def available(lang: str) -> bool:
    return (model_dir(lang) / "meta.json").exists()


def _missing(lang: str) -> ModelError:
    return ModelError(
        f"the {lang} NER model is missing ({model_dir(lang)})",
        hint=(f"Train it with: newsgraph train ner --lang {lang} --data ../shared/data/ner "
              f"--out src/newsgraph/models/ner-{lang}"),
    )


@lru_cache(maxsize=len(NER_LANGUAGES))
def _load(lang: str):
    import spacy

    if lang not in NER_LANGUAGES:
        raise ModelError(f"no NER model for language {lang!r}", hint=f"supported: {', '.join(NER_LANGUAGES)}")
    if not available(lang):
        raise _missing(lang)
    try:
        return spacy.load(model_dir(lang))
    except (OSError, ValueError) as exc:
        raise ModelError(f"the {lang} NER model at {model_dir(lang)} cannot be loaded: {exc}",
                         hint="retrain it with `newsgraph train ner`") from exc


def load(lang: str):
    """The spaCy pipeline of ``lang``, loaded once per process (thread-safe)."""
    with _LOCK:
        return _load(lang)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    return start, end


def recognise(text: str, lang: str) -> list[RawSpan]:
    """Named-entity spans of ``text`` (character offsets), labels PER ORG LOC MISC."""
    nlp = load(lang)
    spans = []
    for ent in nlp(text).ents:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end > start:
            spans.append(RawSpan(start, end, ent.label_))
    return spans


def recognise_many(texts: list[str], lang: str, batch_size: int = 64):
    """Like ``recognise`` over many texts (faster: spaCy batches them)."""
    nlp = load(lang)
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
        out = []
        for ent in doc.ents:
            start, end = _trim(text, ent.start_char, ent.end_char)
            if end > start:
                out.append(RawSpan(start, end, ent.label_))
        yield out
