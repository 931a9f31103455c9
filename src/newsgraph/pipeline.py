"""The analysis pipeline: an explicit, ordered dict of stages over one shared record (``Article``).

Each stage is a plain function ``Article -> Article`` that returns a new record (``dataclasses.replace``). The runner
is a loop with one error policy: a stage that fails on one article is recorded and skipped, so one bad document
never kills a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace

from newsgraph.model import Article
from newsgraph.text import stable_hash

__all__ = ["STAGES", "analyze", "article_from_text", "StageFailure"]

log = logging.getLogger(__name__)

Stage = Callable[[Article], Article]


def _stages() -> dict[str, Stage]:
    # Imported lazily: models load on first use, not at `import newsgraph`.
    from newsgraph.understand import claims, entities, events, framing, language, quotes, sentences

    return {
        "language": language.run,  # article language if unknown; per-paragraph languages
        "sentences": sentences.run,  # Article.sentences
        "entities": entities.run,  # mentions: NER, base forms, entity ids
        "quotes": quotes.run,  # quotes and speakers (needs mentions)
        "claims": claims.run,  # check-worthy claims (needs mentions)
        "framing": framing.run,  # loaded language and its targets (needs mentions)
        "events": events.run,  # who did what to whom (needs mentions)
    }


STAGES: dict[str, Stage] = {}


class StageFailure(Exception):
    def __init__(self, stage: str, article_id: str, error: Exception):
        self.stage, self.article_id, self.error = stage, article_id, error
        super().__init__(f"stage {stage!r} failed on article {article_id}: {error!r}")


def article_from_text(text: str, lang: str | None = None) -> Article:
    """Wrap plain text as an Article (one paragraph per blank-line-separated block)."""
    from newsgraph.model import Paragraph

    paragraphs, position = [], 0
    for block in text.split("\n"):
        start = text.index(block, position) if block else position
        end = start + len(block)
        if block.strip():
            paragraphs.append(Paragraph(start, end))
        position = end
    digest = stable_hash(text)
    return Article(id=digest, url=None, text=text, language=lang, paragraphs=tuple(paragraphs), content_hash=digest)


def analyze(
    article: Article,
    lang: str | None = None,
    stages: Iterable[str] | None = None,
    strict: bool = True,
) -> Article:
    """Run the language stages on ``article``. With ``strict=False`` a failing stage is logged and skipped."""
    if not STAGES:
        STAGES.update(_stages())
    if lang:
        article = replace(article, language=lang)
    for name in stages or STAGES:
        try:
            article = STAGES[name](article)
        except Exception as exc:  # noqa: BLE001 - one error policy for every stage, see module docstring
            if strict:
                raise StageFailure(name, article.id, exc) from exc
            log.warning("stage %s failed on %s: %r", name, article.id, exc)
    return article
