"""Benchmark: quotes and speakers on PolNeAR (English) and on the team's gold cases (en uk ru pl).

A predicted quote matches a gold content span when their overlap divided by the gold length reaches a threshold
(0.3 and, separately, 0.8); each gold and each prediction matches at most once (greedy, best overlap first).
Speaker accuracy is measured over the quotes matched at 0.3: correct when the predicted speaker phrase overlaps the
gold source span, or the predicted speaker shares a name word with a named gold source; a gold quote with no
source wants no speaker.

PolNeAR's train compartment is split by a hash of the file name into a ``dev`` half (for tuning) and a
``heldout`` half (for reporting).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.model import Quote
from newsgraph.text import fold, stable_hash

__all__ = ["GoldQuote", "Case", "Scores", "load_polnear", "load_gold_cases", "score", "evaluate", "model_quotes",
           "baseline_quotes", "speech_subset", "ANCHORS"]

log = logging.getLogger(__name__)

ANCHORS = {  # published figures of comparable systems, printed beside ours
    "GenderGapTracker F1 (0.3)": 83.7,
    "GenderGapTracker F1 (0.8)": 76.1,
    "GenderGapTracker speaker accuracy": 86.5,
    "citron content overlap": 83.3,
}
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "who", "which", "that", "his", "her", "him", "them"}


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    source_start: int | None = None
    source_end: int | None = None
    source: str | None = None  # the source's words in the text, or the expected speaker name (team cases)
    kind: str | None = None
    cue: str | None = None
    parts: tuple[tuple[int, int], ...] = ()  # discontinuous content ('"A," he said, "B"'): its pieces

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.start, self.end),)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    text: str
    lang: str
    gold: tuple[GoldQuote, ...]


@dataclass
class Scores:
    predicted: int = 0
    gold: int = 0
    matched: dict[float, int] = field(default_factory=lambda: {0.3: 0, 0.8: 0})
    speaker_right: int = 0
    kind_right: int = 0
    kind_total: int = 0

    def prf(self, threshold: float) -> tuple[float, float, float]:
        hits = self.matched[threshold]
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched[0.3] if self.matched[0.3] else 0.0

    def add(self, other: Scores) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        for t in self.matched:
            self.matched[t] += other.matched[t]
        self.speaker_right += other.speaker_right
        self.kind_right += other.kind_right
        self.kind_total += other.kind_total


# --- loading ------------------------------------------------------------------------------------------------------


def load_polnear(root: str | Path, part: str = "all") -> list[Case]:
    """PolNeAR articles with one annotator's attributions each; ``part`` is all, dev or heldout."""
    root = Path(root)
    text_dir, ann_dir = root / "train" / "text", root / "train" / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise NewsgraphError(f"{root} does not hold PolNeAR (train/text and train/attributions)",
                             hint="pass --data ../shared/data/quotes/polnear")
    annotations: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    cases = []
    for name, ann in sorted(annotations.items()):
        if part != "all" and _part_of(name) != part:
            continue
        text_path = text_dir / f"{name}.txt"
        if text_path.exists():
            text = text_path.read_text(encoding="utf-8")
            cases.append(Case(name, text, "en", tuple(_brat_quotes(ann.read_text(encoding="utf-8")))))
    return cases


def _part_of(name: str) -> str:
    return "dev" if int(stable_hash(name), 16) % 2 == 0 else "heldout"


def _brat_quotes(ann: str) -> Iterable[GoldQuote]:
    spans: dict[str, tuple[int, int, str]] = {}
    for line in ann.splitlines():  # "T3\tContent 120 211;215 230\twords" (words may run over several lines)
        if match := re.match(r"(T\d+)\t\w[\w-]* (\d+[\d ;]* \d+)\t?(.*)", line):
            numbers = [int(n) for n in re.findall(r"\d+", match.group(2))]
            spans[match.group(1)] = (numbers[0], numbers[-1], match.group(3), tuple(zip(numbers[::2], numbers[1::2],
                                                                                        strict=False)))
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(part.split(":", 1) for part in line.split("\t")[1].split() if ":" in part)
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        start, end, _, parts = spans[roles["Content"]]
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        yield GoldQuote(start, end, *(source[:3] if source else (None, None, None)), cue=cue[2] if cue else None,
                        parts=parts if len(parts) > 1 else ())


def load_gold_cases(root: str | Path) -> list[Case]:
    """The team's gold cases: ``<lang>.jsonl`` lines of {"text", "quotes": [{"text", "kind", "speaker"}]}."""
    cases = []
    for path in sorted(Path(root).glob("*.jsonl")):
        lang = path.stem
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            gold = []
            for quote in record["quotes"]:
                start = record["text"].find(quote["text"])
                if start < 0:
                    raise NewsgraphError(f"{path}:{number}: quote {quote['text'][:40]!r} is not in the text",
                                         hint="copy the quoted content exactly from the case text")
                gold.append(GoldQuote(start, start + len(quote["text"]), source=quote.get("speaker"),
                                      kind=quote.get("kind")))
            cases.append(Case(f"{path.name}:{number}", record["text"], record.get("lang", lang), tuple(gold)))
    return cases


# --- scoring ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Predicted:
    """One predicted attribution: a quote, or the pieces of an interrupted quote that share their cue."""

    quote: Quote
    pieces: tuple[tuple[int, int], ...]


def _group(quotes: list[Quote], text: str) -> list[_Predicted]:
    out: list[_Predicted] = []
    for q in quotes:
        prev = out[-1].quote if out else None
        same_cue = prev is not None and q.cue_start is not None and (prev.cue_start, prev.cue_end) == (q.cue_start,
                                                                                                     q.cue_end)
        if same_cue and q.kind == prev.kind == "direct" and "\n" not in text[out[-1].pieces[-1][1] : q.start]:
            out[-1] = _Predicted(prev, (*out[-1].pieces, (q.start, q.end)))
        else:
            out.append(_Predicted(q, ((q.start, q.end),)))
    return out


def _overlap(q: _Predicted | Quote, g: GoldQuote) -> float:
    pieces = q.pieces if isinstance(q, _Predicted) else ((q.start, q.end),)
    shared = sum(max(0, min(e, ge) - max(s, gs)) for s, e in pieces for gs, ge in g.pieces)
    return shared / max(1, sum(ge - gs for gs, ge in g.pieces))


def _speaker_right(q: Quote, g: GoldQuote) -> bool:
    if g.source is None:
        return q.speaker is None
    if g.source_start is not None and q.speaker_start is not None:
        if q.speaker_start < g.source_end and q.speaker_end > g.source_start:
            return True
    if not q.speaker or fold(g.source) in _PRONOUNS:
        return False
    if g.source_start is None:  # team cases name the expected speaker exactly
        return fold(q.speaker) == fold(g.source)
    gold_words = {w for w in re.findall(r"\w+", fold(g.source)) if len(w) > 2}
    return bool(gold_words & set(re.findall(r"\w+", fold(q.speaker))))


def score(quotes: list[Quote], gold: Iterable[GoldQuote], text: str | None = None) -> Scores:
    """Match predictions to gold; given the ``text``, interrupted quotes are grouped by their shared cue first (as
    PolNeAR annotates them: one attribution with discontinuous content)."""
    gold = list(gold)
    predicted = _group(quotes, text) if text is not None else [_Predicted(q, ((q.start, q.end),)) for q in quotes]
    scores = Scores(predicted=len(predicted), gold=len(gold))
    pairs = sorted(((_overlap(q, g), i, j) for i, q in enumerate(predicted) for j, g in enumerate(gold)), reverse=True)
    for threshold in scores.matched:
        used_q, used_g = set(), set()
        for ratio, i, j in pairs:
            if ratio < threshold:
                break
            if i in used_q or j in used_g:
                continue
            used_q.add(i)
            used_g.add(j)
            if threshold == 0.3:
                scores.speaker_right += _speaker_right(predicted[i].quote, gold[j])
                if gold[j].kind:
                    scores.kind_total += 1
                    scores.kind_right += predicted[i].quote.kind == gold[j].kind
        scores.matched[threshold] = len(used_g)
    return scores


# PolNeAR annotates every attribution (beliefs, plans, polls: "fear", "support", "showed"); the speech subset keeps
# the gold quotes whose cue is a verb of saying, the kind of quote GenderGapTracker and citron extract.
_SPEECH_CUE = re.compile(
    r"\b(said|says|say|saying|told|tell|tells|telling|added|adding|adds|according to|wrote|writes|write|writing|"
    r"asked|asks|asking|explained|noted|argued|claimed|insisted|stated|announced|continued|responded|replied|"
    r"warned|tweeted|acknowledged|suggested|concluded|declared|recalled|quipped|joked|put it)\b|^\s*:\s*$",
    re.IGNORECASE)


def is_speech(gold: GoldQuote) -> bool:
    return gold.cue is None or bool(_SPEECH_CUE.search(gold.cue))


def speech_subset(predicted: list[Quote], gold: list[GoldQuote]) -> tuple[list[Quote], list[GoldQuote]]:
    """Gold quotes with a speech cue, and the predictions that do not match (>= 0.3) another kind of attribution."""
    speech = [g for g in gold if is_speech(g)]
    other = [g for g in gold if not is_speech(g)]
    kept = [q for q in predicted
            if max((_overlap(q, g) for g in other), default=0) < 0.3 or any(_overlap(q, g) >= 0.3 for g in speech)]
    return kept, speech


_NO_ENTITIES: set[str] = set()  # languages whose entities stage cannot run here (model not installed)


def model_quotes(case: Case) -> list[Quote]:
    """Our quotes, with the entities stage's mentions where its model is installed, else our own fallback."""
    from newsgraph.pipeline import StageFailure, analyze, article_from_text

    article = analyze(article_from_text(case.text, case.lang), stages=("sentences",))
    if case.lang not in _NO_ENTITIES:
        try:
            article = analyze(article, stages=("entities",))
        except StageFailure as exc:
            log.warning("quotes eval: entities stage unavailable for %s (%s); using the fallback", case.lang, exc.error)
            _NO_ENTITIES.add(case.lang)
    return list(analyze(article, stages=("quotes",)).quotes)


def baseline_quotes(case: Case) -> list[Quote]:
    """The in-run anchor: every span between quote marks of 3+ words, said by the nearest capitalised name after it
    in its paragraph (else before it)."""
    from newsgraph.understand.quotes_marks import find_marked

    paragraphs, position = [], 0
    for block in case.text.split("\n"):
        paragraphs.append((position, position + len(block)))
        position += len(block) + 1
    out = []
    for m in find_marked(case.text, paragraphs):
        if len(case.text[m.start : m.end].split()) < 3:
            continue
        p_start, p_end = next((a, b) for a, b in paragraphs if a <= m.open <= b)
        after = _NAME.search(case.text, m.close, p_end)
        before = list(_NAME.finditer(case.text, p_start, m.open))
        name = after or (before[-1] if before else None)
        out.append(Quote(m.start, m.end, case.text[m.start : m.end], speaker=name.group() if name else None,
                         speaker_start=name.start() if name else None, speaker_end=name.end() if name else None))
    return out


_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


def evaluate(cases: list[Case], predict=model_quotes, grouped: bool = True) -> dict[str, Scores]:
    """Scores of ``predict`` over ``cases``: "all" gold quotes and the "speech" subset."""
    total, speech = Scores(), Scores()
    for case in cases:
        predicted = predict(case)
        text = case.text if grouped else None
        total.add(score(predicted, case.gold, text))
        speech.add(score(*speech_subset(predicted, list(case.gold)), text))
    return {"all": total, "speech": speech}
