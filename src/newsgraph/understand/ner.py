"""The shipped NER pipelines (``newsgraph/models/ner-<lang>``): lazy, cached loading and span recognition."""

from __future__ import annotations

import logging
import os
import re
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
    import newsgraph.understand.ner_encoders  # noqa: F401  (registers the encoder a pipeline may name in its config)
    import newsgraph.understand.ner_vectors  # noqa: F401  (registers the vectors a pipeline may name in its config)

    try:
        nlp = spacy.load(model_dir(lang))
    except (OSError, ValueError) as exc:
        raise ModelError(f"the {lang} NER model at {model_dir(lang)} cannot be loaded: {exc}",
                         hint="retrain it with `newsgraph train ner`") from exc
    from newsgraph.understand.ner_names import COMPONENT, NAME_LANGS
    from newsgraph.understand.ner_typer import COMPONENT as TYPER
    from newsgraph.understand.ner_typer import FILE as TYPER_FILE

    last = "ner"
    if (model_dir(lang) / TYPER_FILE).is_file():  # a second opinion on each name's label (understand/ner_typer.py)
        nlp.add_pipe(TYPER, after="ner", config={"folder": str(model_dir(lang))})
        last = TYPER
    if lang in NAME_LANGS:  # lone names the model took for places (understand/ner_names.py)
        nlp.add_pipe(COMPONENT, after=last)
    from newsgraph.understand.ner_repeats import COMPONENT as REPEATS

    nlp.add_pipe(REPEATS, last=True)  # a recognised name recognised again where it recurs (understand/ner_repeats.py)
    return nlp


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


# English titles written before a name. WikiNEuRal-trained models sometimes take the title into the span and then
# call "Senator Jane Miller" an organisation: a title followed by a name is a person, and the title is not the name.
# ("General" is left out: General Motors.)
_EN_TITLE_RE = re.compile(
    r"(?:(?:Prime|Foreign|Finance|Defence|Defense|Deputy|Vice|Former|Acting|Chief)\s+)?"
    r"(?:Senator|Sen\.|Mayor|President|Minister|Chancellor|Governor|Gov\.|Ambassador|Secretary|Judge|Justice|"
    r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Dame|Professor|Prof\.|Rep\.|Representative|Congressman|Congresswoman|"
    r"Pope|Sheikh|Rabbi|Bishop|Cardinal|Lieutenant|Colonel|Captain|Commissioner|Spokesman|Spokeswoman)\s+"
    r"(?=[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}$)"
)


def _without_title(text: str, span: RawSpan, lang: str) -> RawSpan:
    if lang != "en":
        return span
    match = _EN_TITLE_RE.match(text, span.start, span.end)
    if not match or match.end() >= span.end:
        return span
    label = "PER" if span.label in {"ORG", "MISC", "PER"} else span.label
    return RawSpan(match.end(), span.end, label)


def _spans(text: str, doc, lang: str) -> list[RawSpan]:
    out = []
    for ent in doc.ents:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end > start:
            out.append(_without_title(text, RawSpan(start, end, ent.label_), lang))
    return out


def recognise(text: str, lang: str) -> list[RawSpan]:
    """Named-entity spans of ``text`` (character offsets), labels PER ORG LOC MISC."""
    return _spans(text, load(lang)(text), lang)


def recognise_many(texts: list[str], lang: str, batch_size: int = 64):
    """Like ``recognise`` over many texts (faster: spaCy batches them)."""
    nlp = load(lang)
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield _spans(text, doc, lang)
