"""Attribution for the quotes stage: the cue next to a quote ("said", "заявив", "по словам", "według") and the
subject that names its speaker, looked for right after the quote, right before it, or in an "according to" phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from newsgraph.model import Sentence
from newsgraph.understand import quotes_lexicon as lex
from newsgraph.understand import quotes_names as names
from newsgraph.understand import quotes_speakers as sp
from newsgraph.understand.quotes_marks import Marked

__all__ = ["Cue", "Attribution", "Context", "cue_re", "according_re", "cue_at", "resolve_speaker",
           "according_attribution", "attribution_after", "attribution_before", "colon_before", "inverted_subject",
           "sentence_subject", "paragraph_of", "last_terminator", "last_match"]


MAX_TAIL_WORDS = 6  # words allowed between a cue and the quote it introduces ("told reporters on Monday:")


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    text: str
    gender: str


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Cue | None
    speaker: sp.Speaker


@dataclass
class Context:
    text: str
    lang: str
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    cands: list[sp.Candidate]


@cache
def cue_re(lang: str) -> re.Pattern:
    forms = sorted(lex.cue_forms(lang), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)")


@cache
def according_re(lang: str) -> re.Pattern:
    phrases = sorted([*lex.ACCORDING_TO[lang], *lex.POSSESSIVE_ACCORDING[lang]], key=len, reverse=True)
    if lang == "en":
        phrases += ["in his opinion", "in her opinion", "in their opinion", "in his view", "in her view"]
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


def possessive_gender(phrase: str, lang: str) -> str | None:
    phrase = " ".join(phrase.lower().split())
    if lang == "en" and phrase.startswith("in "):
        return {"his": "m", "her": "f", "their": "pl"}.get(phrase.split()[1])
    return lex.POSSESSIVE_ACCORDING[lang].get(phrase)


def cue_at(ctx: Context, match: re.Match) -> Cue:
    word = " ".join(match.group(1).lower().split())
    return Cue(match.start(1), match.end(1), match.group(1), lex.cue_forms(ctx.lang).get(word, ""))


def resolve_speaker(ctx: Context, subject: sp.Subject | None, cue_gender: str, before: int,
                    case: str = "nomn") -> sp.Speaker:
    if subject is None:
        return sp.Speaker(None, None, None, None, None)
    return sp.resolve(subject, cue_gender, before, ctx.cands, ctx.lang, case)


def zero_subject(ctx: Context, cue: Cue) -> sp.Subject | None:
    """The subject a Slavic verb carries in its ending when no word names it: "Jednocześnie zaznaczył, że",
    "» — додала." A man's or a woman's verb reads as "he" / "she" (the subject span is the verb; via "verb")."""
    if ctx.lang == "en" or cue.gender not in ("m", "f"):
        return None
    return sp.Subject(cue.start, cue.end, cue.text, "verb", cue.gender)


def according_attribution(ctx: Context, match: re.Match, hi: int, before: int) -> Attribution:
    """"According to X" / "за словами X" / "jego zdaniem": the speaker follows the phrase, or is the pronoun in it."""
    cue = Cue(match.start(1), match.end(1), match.group(1), "")
    gender = possessive_gender(match.group(1), ctx.lang)
    if gender is not None:
        pronoun = sp.Subject(match.start(1), match.end(1), match.group(1), "pronoun", gender)
        return Attribution(cue, resolve_speaker(ctx, pronoun, gender, before))
    if re.match(r"як |как |jak ", match.group(1), re.IGNORECASE):
        cue = replace(cue, gender=lex.cue_forms(ctx.lang).get(match.group(1).split()[-1].lower(), ""))
        subject = sp.subject_after(ctx.text, match.end(1), hi, ctx.lang)
        return Attribution(cue, resolve_speaker(ctx, subject, cue.gender, before))
    subject = sp.subject_after(ctx.text, match.end(1), hi, ctx.lang)
    return Attribution(cue, resolve_speaker(ctx, subject, "", before, case="gent"))


def paragraph_of(ctx: Context, pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in ctx.paragraphs if a <= pos < b), (0, len(ctx.text)))


def last_terminator(text: str, lo: int, hi: int) -> int:
    """Just after the last sentence end in ``text[lo:hi]`` that is not inside quotes (approximate)."""
    found = [m.end() for m in re.finditer(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSen)(?<!\bGov)(?<!\bRep)"
                                          r"[.!?…][\s]+(?=[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ])", text[lo:hi])]
    return lo + found[-1] if found else lo


def attribution_after(ctx: Context, pos: int, limit: int, quote_start: int) -> Attribution | None:
    """A cue right after the quote: '," he said', '," said Smith', '», — заявив він', '” – dodał', '," AP writes'."""
    end = clause_end(ctx.text, pos, min(limit, pos + 160))
    lead = re.match(r"[\s,;:—–―-]*", ctx.text[pos:end])
    lo = pos + lead.end()
    if according := according_re(ctx.lang).match(ctx.text, lo, end):
        return according_attribution(ctx, according, end, quote_start)
    for match in cue_re(ctx.lang).finditer(ctx.text, lo, end):
        if match.start() - lo > 80:
            return None
        cue = cue_at(ctx, match)
        if not ctx.text[lo : match.start()].strip():
            subject = inverted_subject(ctx, cue, end) or zero_subject(ctx, cue)
            return Attribution(cue, resolve_speaker(ctx, subject, cue.gender, quote_start))
        subject = sp.subject_before(ctx.text, lo, match.start(), ctx.lang)
        if subject and only_modifiers(ctx.text[lo : subject.start]):
            return Attribution(cue, resolve_speaker(ctx, subject, cue.gender, quote_start))
        return None
    return None


def only_modifiers(words: str) -> bool:
    """Nothing, or a few words naming a role before the subject: '" Snyder spokesman Dave Murray told'."""
    words = words.strip().removesuffix(",")  # "a company spokeswoman, Karen Bell, said"
    return not words or (len(words.split()) <= 4 and not re.search(r"[.,;:!?()\[\]]", words))


ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "prof", "lt", "col", "sgt",
                  "u.s", "u.k", "d.c", "corp", "inc", "co", "ltd", "vt", "calif", "fla", "ky", "mass", "ariz"}


_NAME_IN_MARKS = re.compile(rf"[«„“\"][{names.UPPER}][\w'’.-]*(?:\s[\w'’.-]+){{0,3}}[»”\"](?=[\s.,;:!?)]|$)")


def clause_end(text: str, pos: int, end: int) -> int:
    """Where the words after a quote stop: a sentence end (not "Mr."), a new quote or a line break. A name in
    quotation marks is not a new quote ('", – заявили в «Нафтогазі».')."""
    skip_to = pos
    for stop in re.finditer(r"[.!?](?=\s|$)|[«„“\"\n]|''", text[pos:end]):
        if pos + stop.start() < skip_to:
            continue
        if stop.group() in "«„“\"" and (name := _NAME_IN_MARKS.match(text, pos + stop.start(), end)):
            skip_to = name.end()
            continue
        if stop.group() == ".":
            word = re.search(r"([\w.]+)$", text[pos : pos + stop.start()])
            if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        return pos + stop.start() + 1
    return end


def attribution_before(ctx: Context, lo: int, hi: int) -> Attribution | None:
    """A cue right before the quote: 'Smith said: "', 'Як заявив Зеленський, «', 'Tusk powiedział: „'."""
    window = ctx.text[lo:hi]
    if not re.search(r"[:,—–]\s*$", window) and not re.search(r"\w\s*$", window):
        return None
    if according := last_match(according_re(ctx.lang), ctx.text, lo, hi):
        tail = ctx.text[according.end() : hi]
        if len(tail.split()) <= 5 and re.search(r"[,:]\s*$", tail + ",") and "." not in tail:
            return according_attribution(ctx, according, hi, according.start())
    cue_match = last_match(cue_re(ctx.lang), ctx.text, lo, hi)
    if not cue_match:
        opening = lo + len(window) - len(window.lstrip())
        if window.rstrip().endswith(":") and (subject := sentence_subject(ctx, opening, hi)):
            return Attribution(None, resolve_speaker(ctx, subject, "", subject.start))
        return None
    tail = ctx.text[cue_match.end() : hi]
    if len(tail.split()) > MAX_TAIL_WORDS or re.search(r"[.!?]\s", tail):
        return None
    cue = cue_at(ctx, cue_match)
    subject = sp.subject_before(ctx.text, lo, cue.start, ctx.lang) or inverted_subject(ctx, cue, hi)
    if subject is None:  # "He dismissed the critique, saying: “...”", "Trump, who ..., said: “...”"
        p_start, _ = paragraph_of(ctx, cue.start)
        clause = last_terminator(ctx.text, p_start, cue.start)
        subject = sentence_subject(ctx, clause, cue.start)
        if subject is None and sp.only_openers(ctx.text[clause : cue.start]):
            subject = zero_subject(ctx, cue)
    return Attribution(cue, resolve_speaker(ctx, subject, cue.gender, cue.start))


EN_INVERTIBLE = {"said", "says", "added", "adds", "wrote", "writes", "asked", "asks", "continued", "explained",
                  "noted", "argued", "recalled", "replied", "responded", "warned", "declared", "stated", "insisted",
                  "tweeted", "concluded", "countered", "observed", "remarked", "conceded", "acknowledged",
                  "cautioned", "quipped", "joked", "according to"}


PREPOSITION = re.compile(r"\b(to|in|on|at|of|for|with|by|from|about|as|during|after|before|into|via)\b", re.I)


def inverted_subject(ctx: Context, cue: Cue, hi: int) -> sp.Subject | None:
    """The subject after its cue ('said Smith', 'сказав він'); English inverts only some verbs, never 'told'."""
    if ctx.lang == "en" and cue.text.lower() not in EN_INVERTIBLE:
        return None
    subject = sp.subject_after(ctx.text, cue.end, hi, ctx.lang)
    if subject and ctx.lang == "en" and (PREPOSITION.search(ctx.text[cue.end : subject.start])
                                         or subject.text.lower() == "it"):
        return None  # "said in a statement to The New York Times", "said it would"
    return subject


def colon_before(ctx: Context, m: Marked) -> Attribution | None:
    """The cue ends the previous paragraph: 'Putin said:' / new paragraph '"..."'."""
    before = ctx.text[: m.open].rstrip()
    if not before.endswith(":"):
        return None
    p_start, _ = paragraph_of(ctx, len(before) - 1)
    lo = last_terminator(ctx.text, p_start, len(before))
    return attribution_before(ctx, lo, len(before))


def last_match(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    last = None
    for match in pattern.finditer(text, lo, hi):
        last = match
    return last


def sentence_subject(ctx: Context, s: int, hi: int) -> sp.Subject | None:
    """The subject that opens the clause: 'He dismissed the critique, saying that ...'."""
    subject = sp.subject_after(ctx.text, s, hi, ctx.lang)
    if subject and subject.text.lower() == "it":
        return None  # "It is noted that ...": nobody
    if subject and not ctx.text[s : subject.start].strip() and subject.kind in ("named", "pronoun"):
        return subject
    return None
