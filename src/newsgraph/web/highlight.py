"""Article text with its analysis spans highlighted, built from escaped segments.

The text is cut at every span boundary into atomic segments; each segment is escaped on its own and wrapped in
one ``<span>`` carrying the classes of every span that covers it, so overlapping spans (an entity inside a quote
inside a claim) need no nesting. Article text is never marked safe: only our own markup around escaped text is.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.model import Article

__all__ = ["Span", "article_spans", "highlight_paragraphs"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # entity, quote, speaker, claim, framing
    ref: str  # anchor of the record in the provenance lists, e.g. "quote-3"
    note: str  # provenance shown on hover


def article_spans(article: Article) -> list[Span]:
    """Every highlightable span of the article, with a one-line provenance note."""
    spans: list[Span] = []
    for i, m in enumerate(article.mentions):
        note = f"{m.label} {m.lemma or m.text}" + (f" → {m.entity_id}" if m.entity_id else "")
        spans.append(Span(m.start, m.end, "entity", f"mention-{i}", f"{note} [{m.start}–{m.end}]"))
    for i, q in enumerate(article.quotes):
        who = q.speaker or "?"
        via = f" via {q.speaker_via}" if q.speaker_via else ""
        cue = f", cue “{q.cue}”" if q.cue else ""
        note = f"{q.kind} quote by {who}{via}{cue} [{q.start}–{q.end}]"
        spans.append(Span(q.start, q.end, "quote", f"quote-{i}", note))
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append(Span(q.speaker_start, q.speaker_end, "speaker", f"quote-{i}", f"speaker of quote {i + 1}"))
    for i, c in enumerate(article.claims):
        note = f"{c.kind} claim, score {c.score:.2f} [{c.start}–{c.end}]"
        spans.append(Span(c.start, c.end, "claim", f"claim-{i}", note))
    for i, f in enumerate(article.framing):
        target = f" about {f.target}" if f.target else ""
        spans.append(Span(f.start, f.end, "framing", f"framing-{i}",
                          f"{f.technique}{target}, score {f.score:.2f} [{f.start}–{f.end}]"))
    return [s for s in spans if 0 <= s.start < s.end <= len(article.text)]


def _blocks(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph; the text split on newlines when the extractor gave none."""
    text = article.text
    valid = [(p.start, p.end, p.kind) for p in article.paragraphs if 0 <= p.start < p.end <= len(text)]
    if valid:
        return valid
    blocks, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append((position, position + len(line), "p"))
        position += len(line) + 1
    return blocks


def _render_segment(text: str, covering: list[Span]) -> Markup:
    if not covering:
        return escape(text)
    kinds = sorted({s.kind for s in covering})
    classes = " ".join(f"hl-{k}" for k in kinds)
    title = " · ".join(s.note for s in covering)
    return Markup('<span class="hl {}" title="{}">{}</span>').format(classes, title, text)


def _highlight_range(text: str, start: int, end: int, spans: list[Span]) -> Markup:
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    out = Markup("")
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in inside if s.start <= left and s.end >= right]
        out += _render_segment(text[left:right], covering)
    return out


def highlight_paragraphs(article: Article, spans: list[Span] | None = None) -> list[tuple[str, Markup]]:
    """(paragraph kind, highlighted HTML) for each paragraph of the article."""
    spans = article_spans(article) if spans is None else spans
    return [(kind, _highlight_range(article.text, start, end, spans)) for start, end, kind in _blocks(article)]
