"""`newsgraph eval claims`: how well the claim score ranks check-worthy sentences, on an annotated set.

The default set (``tests/fixtures/claims/<lang>.jsonl``) holds sentences written by the team; ``--data`` names
another folder in the same format (``tests/fixtures/claims-independent``: a second annotator's). One JSON object a
line:
``{"text": ..., "checkworthy": true|false}``. Each sentence is scored alone (no entity stage: the capitalised-word
fallback counts names). Figures per language: precision of the top 10 and of the top R (R = number of check-worthy
sentences, i.e. R-precision), precision and recall of what the stage keeps (score >= MIN_SCORE), and average
precision. The anchor, measured on the same set, is the precision of a random ranking (the share of check-worthy
sentences).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.understand.claims import MIN_SCORE, SentenceSignals, score_sentence

__all__ = ["ClaimsReport", "DEFAULT_SET", "load_set", "evaluate_language", "set_title"]

DEFAULT_SET = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "claims"


@dataclass(frozen=True, slots=True)
class ClaimsReport:
    lang: str
    sentences: int
    positives: int
    precision_at_10: float
    r_precision: float
    kept_precision: float
    kept_recall: float
    average_precision: float

    @property
    def random_precision(self) -> float:
        return self.positives / self.sentences if self.sentences else 0.0


def set_title(folder: str | Path | None) -> str:
    """What the table of ``eval claims`` says it measured: the team's set, or the folder given with ``--data``."""
    if folder is None or Path(folder).resolve() == DEFAULT_SET:
        return "the team's annotated set (tests/fixtures/claims)"
    return f"the annotated set in {folder}"


def load_set(folder: str | Path, lang: str) -> list[tuple[str, bool]]:
    path = Path(folder) / f"{lang}.jsonl"
    if not path.exists():
        raise NewsgraphError(f"no annotated claims for {lang} at {path}", hint="pass --data tests/fixtures/claims")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append((row["text"], bool(row["checkworthy"])))
        except (ValueError, KeyError) as exc:
            raise NewsgraphError(f"{path}:{number}: expected {{'text': ..., 'checkworthy': bool}}: {exc}") from exc
    return rows


def _precision(labels: list[bool]) -> float:
    return sum(labels) / len(labels) if labels else 0.0


def _average_precision(ranked: list[bool]) -> float:
    hits, total = 0, 0.0
    for rank, positive in enumerate(ranked, 1):
        if positive:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def evaluate_language(lang: str, folder: str | Path = DEFAULT_SET) -> ClaimsReport:
    rows = load_set(folder, lang)
    scored = [(score_sentence(SentenceSignals(text, lang, [], False))[0], positive) for text, positive in rows]
    ranked = [positive for _, positive in sorted(scored, key=lambda item: -item[0])]
    positives = sum(ranked)
    kept = [positive for score, positive in scored if score >= MIN_SCORE]
    return ClaimsReport(
        lang, len(rows), positives, _precision(ranked[:10]), _precision(ranked[:positives]), _precision(kept),
        sum(kept) / positives if positives else 0.0, _average_precision(ranked),
    )
