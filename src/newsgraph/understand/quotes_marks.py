"""Quoted spans: text between quote marks (en/uk/ru/pl conventions, nesting, quotes running over paragraphs) and
dash-introduced speech ("— Ми не здамося, — сказав він. — Ніколи.").

Only outermost quotes are returned; nested ones („...“ inside «...», ‘...’ inside “...”) belong to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marked", "DashSpeech", "find_marked", "find_dash_speech", "trim"]

# opening mark -> the closing marks that may end it
_PAIRS = {"«": "»", "„": "”“", "“": '”"', "‚": "‘’", "‘": "’", '"': '"”', "‹": "›"}  # feeds mix “...\" and \"...”
_CLOSERS = set("»”“‘’\"›")
_DASH_LINE = re.compile(r"\s*[—–―-]\s+")  # used with .match(text, pos): anchored at pos
_DASH_SPLIT = re.compile(r"[,!?…]?\s+[—–―]\s+|[,!?…]\s*[—–―]\s+")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quote between marks: ``open``/``close`` include the marks, ``start``/``end`` the trimmed content."""

    open: int
    close: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DashSpeech:
    """One paragraph of dash-introduced speech: content pieces and the narrator's words between them."""

    contents: tuple[tuple[int, int], ...]
    narrator: tuple[int, int] | None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and the frame's trailing comma: ``"Yes, ...," he said`` -> ``Yes, ...``."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _opens(text: str, i: int, char: str) -> bool:
    if char not in _PAIRS:
        return False
    if char in "‘\"":  # ambiguous marks open only after a space, a bracket or another opening mark
        before = text[i - 1] if i > 0 else " "
        before = " " if before == "'" and (i < 2 or text[i - 2] in " ([{—–-«„“:\n") else before
        return (before.isspace() or before in "([{—–-«„“:") and i + 1 < len(text) and not text[i + 1].isspace()
    return True


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Outermost quotes of ``text``; a quote whose paragraph ends unclosed continues when the next paragraph opens
    with the same mark (the English convention)."""
    found: list[Marked] = []
    stack: list[tuple[str, int, int]] = []  # (mark, offset, width)
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if stack and _continues(text, stack[0][0], p_start, p_end):
            i = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
            i += 2 if text.startswith("''", i) else 1
        elif stack:
            stack = []
        while i < p_end:
            char, width = ('"', 2) if text.startswith("''", i) else (text[i], 1)  # '' is a double mark in some feeds
            mark_like = width == 2 or not _is_apostrophe(text, i)
            if stack and char in _PAIRS[stack[-1][0]] and char in _CLOSERS and mark_like:
                mark, opened, opened_width = stack.pop()
                if not stack:
                    start, end = trim(text, opened + opened_width, i)
                    if end > start:
                        found.append(Marked(opened, i + width, start, end))
            elif _opens(text, i + width - 1, char) and mark_like:
                if not stack or char != '"' or stack[-1][0] != '"':
                    stack.append((char, i, width))
            i += width
        if stack and index + 1 < len(paragraphs) and not _continues(text, stack[0][0], *paragraphs[index + 1]):
            stack = []
    return found


def _continues(text: str, mark: str, p_start: int, p_end: int) -> bool:
    stripped = text[p_start:p_end].lstrip().replace("''", '"', 1)
    return bool(stripped) and stripped[0] == mark


def find_dash_speech(text: str, paragraphs: list[tuple[int, int]]) -> list[DashSpeech]:
    """Paragraphs that open with a dash: "— Content, — narrator. — More content." """
    out = []
    for p_start, p_end in paragraphs:
        head = _DASH_LINE.match(text, p_start, p_end)
        if not head:
            continue
        pieces, position = [], head.end()
        for sep in _DASH_SPLIT.finditer(text, position, p_end):
            pieces.append((position, sep.start() + (1 if text[sep.start()] in "!?…" else 0)))
            position = sep.end()
        pieces.append((position, p_end))
        contents = [pieces[0]] + ([pieces[2]] if len(pieces) > 2 else [])
        narrator = pieces[1] if len(pieces) > 1 else None
        spans = tuple(trim(text, s, e) for s, e in contents)
        out.append(DashSpeech(tuple(s for s in spans if s[1] > s[0]), narrator))
    return out
