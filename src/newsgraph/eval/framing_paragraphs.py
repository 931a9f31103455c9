"""A second view of the framing taggers: paragraph-level F1, measured the way SemEval-2023 task 3 scores.

SemEval-2023 task 3 (subtask 3) labels each paragraph of an article with the techniques it contains; the XLM-R-large
figures printed beside ours are micro-F1 over such (paragraph, technique) decisions. Our taggers find spans, so a
paragraph counts as predicted for a technique when one of our spans of that technique overlaps it. Only
``loaded_language`` and ``name_calling`` are scored (the anchors pool 23 techniques): closer to the anchor than span
F1, still not the same task. The goal metric stays span F1.

Paragraphs and their gold labels come from ``train-labels-subtask-3.txt`` ("<id>\\t<line>\\t<techniques>", lines
counted from 1 in the subtask-3 text). The English subtask-3 texts are the SemEval-2020 articles with some line
breaks turned into spaces, so the character offsets agree and paragraphs map onto our predictions directly.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.train.framing import TECHNIQUE_MAP, Doc

__all__ = ["Paragraph", "paragraphs_of", "paragraph_f1"]

_FOLDERS = {"en": "en", "pl": "po", "ru": "ru"}

Paragraph = tuple[int, int, frozenset[str]]  # start, end, gold techniques (ours)


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def paragraphs_of(data: str | Path, lang: str, docs: list[Doc]) -> dict[str, list[Paragraph]]:
    """Per document id, its labelled paragraphs; {} for a language without SemEval-2023 data."""
    folder = Path(data) / "semeval2023-task3" / _FOLDERS.get(lang, "-")
    labels_file = folder / "train-labels-subtask-3.txt"
    if not labels_file.exists():
        return {}
    labels: dict[str, dict[int, frozenset[str]]] = {}
    for line in labels_file.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        names = parts[2].split(",") if len(parts) > 2 and parts[2] else []
        ours = frozenset(filter(None, (TECHNIQUE_MAP.get(n.strip().lower()) for n in names)))
        labels.setdefault(parts[0], {})[int(parts[1])] = ours
    wanted = {d.id for d in docs if d.source in ("semeval2020", "semeval2023")}
    found: dict[str, list[Paragraph]] = {}
    for doc_id in wanted & labels.keys():
        path = folder / "train-articles-subtask-3" / f"article{doc_id}.txt"
        if not path.exists():
            continue
        offset, paragraphs = 0, []
        for number, text in enumerate(_read(path).split("\n"), 1):
            if number in labels[doc_id]:
                paragraphs.append((offset, offset + len(text), labels[doc_id][number]))
            offset += len(text) + 1
        found[doc_id] = paragraphs
    return found


def paragraph_f1(paragraphs: list[list[Paragraph]], predicted: list[dict[str, list[tuple[int, int]]]],
                 techniques: tuple[str, ...]) -> dict[str, tuple[float, float, float]]:
    """Micro P/R/F1 over (paragraph, technique) decisions, per technique and for ``techniques`` together ("*").
    ``predicted``: per document, technique -> predicted spans."""
    counts = {t: [0, 0, 0] for t in (*techniques, "*")}  # tp, fp, fn
    for doc_paragraphs, spans in zip(paragraphs, predicted, strict=True):
        for start, end, gold in doc_paragraphs:
            for t in techniques:
                hit = any(s < end and e > start for s, e in spans.get(t, ()))
                for key in (t, "*"):
                    counts[key][0] += hit and t in gold
                    counts[key][1] += hit and t not in gold
                    counts[key][2] += (not hit) and t in gold
    return {t: _prf(*c) for t, c in counts.items()}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)
