"""Stage: quotes and their speakers (``Article.quotes``), rule-based, for en / uk / ru / pl.

Three kinds of quotes are found, in this order:

1. reported speech (``indirect``): "Putin said that ...", "За словами Зеленського, ...", "..., according to AP",
   "Tusk powiedział, że ..."; a reported clause that mostly consists of quoted words is ``mixed``;
2. quotes between marks (``direct``): "..." “...” «...» „...” ‚...‘, nested, running over paragraphs, interrupted
   by their cue ("Yes," he said, "...");
3. dash-introduced speech (``direct``): "— Ми не здамося, — сказав він. — Ніколи."

The cue ("said", "заявив", "по словам", "według") is looked for right after the quote, then right before it; the
subject next to the cue names the speaker, directly or through a pronoun / description resolved to the most recent
compatible person (see ``quotes_speakers``). Needs ``Article.mentions`` when the entities stage filled them; works
without them through its own fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from newsgraph.model import Article, Quote, Sentence
from newsgraph.understand import quotes_lexicon as lex
from newsgraph.understand import quotes_speakers as sp
from newsgraph.understand.quotes_marks import Marked, find_dash_speech, find_marked, trim
from newsgraph.understand.sentences import split

__all__ = ["run", "extract_quotes"]

_MIN_UNATTRIBUTED_WORDS = 6  # a shorter quote with no cue is a title or scare quote, not speech
_MAX_TAIL_WORDS = 6  # words allowed between a cue and the quote it introduces ("told reporters on Monday:")
_ZERO_THAT_CUES = {"said", "says", "told", "added", "argued", "claimed", "insisted", "warned", "believes", "believe",
                   "thinks", "think", "predicted", "noted", "explained", "wrote", "say", "stressed", "acknowledged",
                   "suggested", "announced", "admitted", "conceded", "contends", "maintains", "tweeted", "saying",
                   "telling", "adding", "arguing", "warning", "insisting", "noting", "claiming"}
_NOT_CLAUSE_START = {"in", "on", "at", "to", "during", "after", "before", "with", "for", "about", "of", "when",
                     "while", "as", "by", "from", "so", "yes", "no", "nothing", "something", "otherwise", "and", "or",
                     "but", "through", "via", "over", "last", "this", "earlier", "later", "repeatedly", "recently"}


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    text: str
    gender: str


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: _Cue | None
    speaker: sp.Speaker


@dataclass
class _Context:
    text: str
    lang: str
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    cands: list[sp.Candidate]


def run(article: Article) -> Article:
    return replace(article, quotes=tuple(extract_quotes(article)))


def extract_quotes(article: Article) -> list[Quote]:
    lang = article.language if article.language in lex.PRONOUNS else "en"
    paragraphs = [(p.start, p.end) for p in article.paragraphs] or [(0, len(article.text))]
    sentences = list(article.sentences) or [s for a, b in paragraphs for s in split(article.text, a, b)]
    ctx = _Context(article.text, lang, paragraphs, sentences, sp.candidates(article, lang))
    marked = find_marked(ctx.text, paragraphs)
    indirect, absorbed, attributions = _indirect_quotes(ctx, marked)
    direct = _direct_quotes(ctx, [m for m in marked if m not in absorbed], attributions)
    dashed = _dash_quotes(ctx, marked)
    quotes = sorted(indirect + direct + dashed, key=lambda q: q.start)
    quotes = _inherit_previous(ctx, quotes)
    return [replace(q, sentence=_sentence_index(ctx.sentences, q.start)) for q in quotes]


# --- cues ---------------------------------------------------------------------------------------------------------


@cache
def _cue_re(lang: str) -> re.Pattern:
    forms = sorted(lex.cue_forms(lang), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)")


@cache
def _according_re(lang: str) -> re.Pattern:
    phrases = sorted([*lex.ACCORDING_TO[lang], *lex.POSSESSIVE_ACCORDING[lang]], key=len, reverse=True)
    if lang == "en":
        phrases += ["in his opinion", "in her opinion", "in their opinion", "in his view", "in her view"]
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


def _possessive_gender(phrase: str, lang: str) -> str | None:
    phrase = " ".join(phrase.lower().split())
    if lang == "en" and phrase.startswith("in "):
        return {"his": "m", "her": "f", "their": "pl"}.get(phrase.split()[1])
    return lex.POSSESSIVE_ACCORDING[lang].get(phrase)


def _cue(ctx: _Context, match: re.Match) -> _Cue:
    word = " ".join(match.group(1).lower().split())
    return _Cue(match.start(1), match.end(1), match.group(1), lex.cue_forms(ctx.lang).get(word, ""))


def _speaker(ctx: _Context, subject: sp.Subject | None, cue_gender: str, before: int, case: str = "nomn") -> sp.Speaker:
    if subject is None:
        return sp.Speaker(None, None, None, None, None)
    return sp.resolve(subject, cue_gender, before, ctx.cands, ctx.lang, case)


def _according(ctx: _Context, match: re.Match, hi: int, before: int) -> _Attribution:
    """"According to X" / "за словами X" / "jego zdaniem": the speaker follows the phrase, or is the pronoun in it."""
    cue = _Cue(match.start(1), match.end(1), match.group(1), "")
    gender = _possessive_gender(match.group(1), ctx.lang)
    if gender is not None:
        pronoun = sp.Subject(match.start(1), match.end(1), match.group(1), "pronoun", gender)
        return _Attribution(cue, _speaker(ctx, pronoun, gender, before))
    if re.match(r"як |как |jak ", match.group(1), re.IGNORECASE):
        cue = replace(cue, gender=lex.cue_forms(ctx.lang).get(match.group(1).split()[-1].lower(), ""))
        subject = sp.subject_after(ctx.text, match.end(1), hi, ctx.lang)
        return _Attribution(cue, _speaker(ctx, subject, cue.gender, before))
    subject = sp.subject_after(ctx.text, match.end(1), hi, ctx.lang)
    return _Attribution(cue, _speaker(ctx, subject, "", before, case="gent"))


# --- direct quotes ------------------------------------------------------------------------------------------------


def _paragraph_of(ctx: _Context, pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in ctx.paragraphs if a <= pos < b), (0, len(ctx.text)))


def _direct_quotes(ctx: _Context, marked: list[Marked], reported: dict[Marked, _Attribution]) -> list[Quote]:
    out = []
    previous_close, previous_attributed = 0, -1  # paragraph start of the last quote with a cue
    for m in marked:
        p_start, p_end = _paragraph_of(ctx, m.open)
        _, close_para_end = _paragraph_of(ctx, max(m.close - 1, m.open))
        lo = max(p_start, previous_close, _last_terminator(ctx.text, p_start, m.open))
        found = (_after(ctx, m.close, close_para_end, m.open) or reported.get(m) or _before(ctx, lo, m.open)
                 or _colon_before(ctx, m))
        previous_close = m.close
        if inner := _inner_narrator(ctx, m):  # «Ми готові говорити, — сказав він, — але не на умовах агресора»
            out.extend(_quote(ctx, start, end, "direct", inner[1]) for start, end in inner[0])
            previous_attributed = p_start
            continue
        continued = (previous_attributed >= 0 and previous_attributed >= _previous_paragraph_start(ctx, p_start)
                     and _opens_sentence(ctx.text, p_start, m.open))
        if _is_title(ctx.text[m.start : m.end]) or (
                found is None and not continued and len(ctx.text[m.start : m.end].split()) < _MIN_UNATTRIBUTED_WORDS):
            continue
        previous_attributed = p_start if found else -1
        out.append(_quote(ctx, m.start, m.end, "direct", found))
    return out


_INNER_NARRATOR = re.compile(r"[,!?…]?\s+[—–]\s+([^—–«»„“”\"]{2,80}?)[,.:]\s+[—–]\s+")


def _inner_narrator(ctx: _Context, m: Marked):
    """The narrator's words inside the marks (uk/ru/pl convention): the two pieces of speech and their attribution."""
    if ctx.lang == "en":
        return None
    for narrator in _INNER_NARRATOR.finditer(ctx.text, m.start, m.end):
        found = _after(ctx, narrator.start(1), narrator.end(1) + 1, m.start)
        if found and found.cue:
            first = trim(ctx.text, m.start, narrator.start())
            second = trim(ctx.text, narrator.end(), m.end)
            return [first, second], found
    return None


def _opens_sentence(text: str, p_start: int, pos: int) -> bool:
    before = text[p_start:pos].rstrip()
    return not before or before[-1] in ".!?:…"


def _is_title(content: str) -> bool:
    """'The Rachel Maddow Show', 'Saturday Night Live': a name in marks, not speech."""
    words = re.findall(r"[\w'’]+", content)
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
    return 1 < len(words) <= 6 and not re.search(r"[.!?,]$", content) and all(
        w[0].isupper() or w[0].isdigit() or w in small for w in words) and words[0][0].isupper()


def _previous_paragraph_start(ctx: _Context, p_start: int) -> int:
    starts = [a for a, _ in ctx.paragraphs if a < p_start]
    return starts[-1] if starts else p_start


def _last_terminator(text: str, lo: int, hi: int) -> int:
    """Just after the last sentence end in ``text[lo:hi]`` that is not inside quotes (approximate)."""
    found = [m.end() for m in re.finditer(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSen)(?<!\bGov)(?<!\bRep)"
                                          r"[.!?…][\s]+(?=[A-ZА-ЯЁІЇЄҐŁŚŻŹĆŃÓ])", text[lo:hi])]
    return lo + found[-1] if found else lo


def _after(ctx: _Context, pos: int, limit: int, quote_start: int) -> _Attribution | None:
    """A cue right after the quote: '," he said', '," said Smith', '», — заявив він', '” – dodał', '," AP writes'."""
    end = _clause_end(ctx.text, pos, min(limit, pos + 160))
    lead = re.match(r"[\s,;:—–―-]*", ctx.text[pos:end])
    lo = pos + lead.end()
    if according := _according_re(ctx.lang).match(ctx.text, lo, end):
        return _according(ctx, according, end, quote_start)
    for match in _cue_re(ctx.lang).finditer(ctx.text, lo, end):
        if match.start() - lo > 80:
            return None
        cue = _cue(ctx, match)
        if not ctx.text[lo : match.start()].strip():
            return _Attribution(cue, _speaker(ctx, _inverted_subject(ctx, cue, end), cue.gender, quote_start))
        subject = sp.subject_before(ctx.text, lo, match.start(), ctx.lang)
        if subject and _only_modifiers(ctx.text[lo : subject.start]):
            return _Attribution(cue, _speaker(ctx, subject, cue.gender, quote_start))
        return None
    return None


def _only_modifiers(words: str) -> bool:
    """Nothing, or a few words naming a role before the subject: '" Snyder spokesman Dave Murray told'."""
    words = words.strip().removesuffix(",")  # "a company spokeswoman, Karen Bell, said"
    return not words or (len(words.split()) <= 4 and not re.search(r"[.,;:!?()\[\]]", words))


_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "prof", "lt", "col", "sgt",
                  "u.s", "u.k", "d.c", "corp", "inc", "co", "ltd", "vt", "calif", "fla", "ky", "mass", "ariz"}


def _clause_end(text: str, pos: int, end: int) -> int:
    """Where the words after a quote stop: a sentence end (not "Mr."), a new quote or a line break."""
    for stop in re.finditer(r"[.!?](?=\s|$)|[«„“\"\n]|''", text[pos:end]):
        if stop.group() == ".":
            word = re.search(r"([\w.]+)$", text[pos : pos + stop.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        return pos + stop.start() + 1
    return end


def _before(ctx: _Context, lo: int, hi: int) -> _Attribution | None:
    """A cue right before the quote: 'Smith said: "', 'Як заявив Зеленський, «', 'Tusk powiedział: „'."""
    window = ctx.text[lo:hi]
    if not re.search(r"[:,—–]\s*$", window) and not re.search(r"\w\s*$", window):
        return None
    if according := _last(_according_re(ctx.lang), ctx.text, lo, hi):
        tail = ctx.text[according.end() : hi]
        if len(tail.split()) <= 5 and re.search(r"[,:]\s*$", tail + ",") and "." not in tail:
            return _according(ctx, according, hi, according.start())
    cue_match = _last(_cue_re(ctx.lang), ctx.text, lo, hi)
    if not cue_match:
        opening = lo + len(window) - len(window.lstrip())
        if window.rstrip().endswith(":") and (subject := _sentence_subject(ctx, opening, hi)):
            return _Attribution(None, _speaker(ctx, subject, "", subject.start))
        return None
    tail = ctx.text[cue_match.end() : hi]
    if len(tail.split()) > _MAX_TAIL_WORDS or re.search(r"[.!?]\s", tail):
        return None
    cue = _cue(ctx, cue_match)
    subject = sp.subject_before(ctx.text, lo, cue.start, ctx.lang) or _inverted_subject(ctx, cue, hi)
    if subject is None:  # "He dismissed the critique, saying: “...”", "Trump, who ..., said: “...”"
        p_start, _ = _paragraph_of(ctx, cue.start)
        subject = _sentence_subject(ctx, _last_terminator(ctx.text, p_start, cue.start), cue.start)
    return _Attribution(cue, _speaker(ctx, subject, cue.gender, cue.start))


_EN_INVERTIBLE = {"said", "says", "added", "adds", "wrote", "writes", "asked", "asks", "continued", "explained",
                  "noted", "argued", "recalled", "replied", "responded", "warned", "declared", "stated", "insisted",
                  "tweeted", "concluded", "countered", "observed", "remarked", "conceded", "acknowledged",
                  "cautioned", "quipped", "joked", "according to"}
_PREPOSITION = re.compile(r"\b(to|in|on|at|of|for|with|by|from|about|as|during|after|before|into|via)\b", re.I)


def _inverted_subject(ctx: _Context, cue: _Cue, hi: int) -> sp.Subject | None:
    """The subject after its cue ('said Smith', 'сказав він'); English inverts only some verbs, never 'told'."""
    if ctx.lang == "en" and cue.text.lower() not in _EN_INVERTIBLE:
        return None
    subject = sp.subject_after(ctx.text, cue.end, hi, ctx.lang)
    if subject and ctx.lang == "en" and (_PREPOSITION.search(ctx.text[cue.end : subject.start])
                                         or subject.text.lower() == "it"):
        return None  # "said in a statement to The New York Times", "said it would"
    return subject


def _colon_before(ctx: _Context, m: Marked) -> _Attribution | None:
    """The cue ends the previous paragraph: 'Putin said:' / new paragraph '"..."'."""
    before = ctx.text[: m.open].rstrip()
    if not before.endswith(":"):
        return None
    p_start, _ = _paragraph_of(ctx, len(before) - 1)
    lo = _last_terminator(ctx.text, p_start, len(before))
    return _before(ctx, lo, len(before))


def _last(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    last = None
    for match in pattern.finditer(text, lo, hi):
        last = match
    return last


# --- dash-introduced speech ---------------------------------------------------------------------------------------


def _dash_quotes(ctx: _Context, marked: list[Marked]) -> list[Quote]:
    out = []
    for speech in find_dash_speech(ctx.text, ctx.paragraphs):
        found = None
        contents = list(speech.contents)
        if speech.narrator:
            n_start, n_end = speech.narrator
            found = _after(ctx, n_start, n_end + 1, contents[0][0])
            if found is None or found.cue is None:  # a dash inside the speech, not a narrator: one piece of speech
                p_start, p_end = _paragraph_of(ctx, n_start)
                contents, found = [trim(ctx.text, contents[0][0], p_end)], None
        if found is None:
            found = _colon_before(ctx, Marked(contents[0][0] - 2, contents[0][0], *contents[0]))
        for start, end in contents:
            if any(m.open <= start < m.close for m in marked) and not found:
                continue
            out.append(_quote(ctx, start, end, "direct", found))
    return out


# --- reported speech ----------------------------------------------------------------------------------------------


def _indirect_quotes(ctx: _Context, marked: list[Marked]) -> tuple[list[Quote], set[Marked], dict]:
    """Reported speech; the quotes between marks it absorbs; and the attribution of quotes it leaves to be direct."""
    quotes, absorbed, attributions = [], set(), {}
    for sentence in ctx.sentences:
        if _inside_marks(marked, sentence.start):
            continue
        found = _reported(ctx, sentence, marked)
        if not found:
            continue
        start, end, attribution = found
        inner = [m for m in marked if m.open >= start - 1 and m.open < end]
        end = max([end, *(m.end for m in inner)])
        start, end = trim(ctx.text, start, end)
        quoted = sum(m.end - m.start for m in inner)
        unquoted_words = len(ctx.text[start:end].split()) - sum(len(ctx.text[m.start : m.end].split()) for m in inner)
        if inner and unquoted_words < 3:  # the quote itself carries the speech: a direct quote, found later
            attributions.update((m, attribution) for m in inner)
            continue
        if len(ctx.text[start:end].split()) < 2:
            continue
        kind = "mixed" if inner and quoted >= 0.5 * (end - start) else "indirect"
        absorbed.update(inner)
        quotes.append(_quote(ctx, start, end, kind, attribution))
    return quotes, absorbed, attributions


def _inside_marks(marked: list[Marked], pos: int) -> bool:
    return any(m.start <= pos < m.end for m in marked)


def _reported(ctx: _Context, sentence: Sentence, marked: list[Marked]):
    """(content start, content end, attribution) of reported speech in ``sentence``, or None."""
    s, e = sentence.start, sentence.end
    e_content = e - 1 if ctx.text[e - 1] in ".!?…" else e
    for according in _according_re(ctx.lang).finditer(ctx.text, s, e):
        if _inside_marks(marked, according.start()):
            continue
        if not ctx.text[s : according.start()].strip(" \"'“„«"):  # "According to X, content."
            comma = ctx.text.find(",", according.end(), e)
            if comma > 0:
                return comma + 1, e_content, _according(ctx, according, comma, according.start())
        elif (ctx.text[according.start() - 2 : according.start()].strip() == ","
              and len(ctx.text[according.end() : e].split()) <= 6):  # "content, according to X."
            return s, according.start() - 2, _according(ctx, according, e, s)
    for match in _cue_re(ctx.lang).finditer(ctx.text, s, e):
        if _inside_marks(marked, match.start()):
            continue
        found = _that_clause(ctx, match, s, e, e_content) or _trailing_cue(ctx, match, s, e)
        if found:
            return found
    return None


def _that_clause(ctx: _Context, match: re.Match, s: int, e: int, e_content: int):
    cue = _cue(ctx, match)
    complementizers = "|".join(lex.COMPLEMENTIZERS[ctx.lang])
    tail = re.match(rf"((?:[\s,—–-]+[\w'’.-]+){{0,10}}?)\s*,?\s*(?:{complementizers})(?!\w)", ctx.text[cue.end : e],
                    re.IGNORECASE)
    subject = sp.subject_before(ctx.text, s, cue.start, ctx.lang)
    if subject is None and (cue.text.endswith("ing") or ctx.text[s : cue.start].rstrip().endswith(" and")):
        subject = _sentence_subject(ctx, s, cue.start)  # "Clinton attacked Trump, saying he would ..."
    if tail:
        if subject is None:
            subject = _inverted_subject(ctx, cue, cue.end + len(tail.group(1)))
        if subject is None:
            subject = _sentence_subject(ctx, s, cue.start)
        return cue.end + tail.end(), e_content, _Attribution(cue, _speaker(ctx, subject, cue.gender, cue.start))
    quote_just_before = re.search(r"[”\"»']\s*,?\s*[^.!?”\"]{0,50}$", ctx.text[s : cue.start])
    if subject is None and ctx.lang == "en" and cue.text.lower() in _ZERO_THAT_CUES:
        subject = _sentence_subject(ctx, s, cue.start)  # "... met the families on Thursday and said the ..."
    if ctx.lang == "en" and subject and cue.text.lower() in _ZERO_THAT_CUES and not quote_just_before:
        rest = ctx.text[cue.end : e]
        if cue.text.lower() in ("told", "telling"):  # "told reporters he ..." / "told CNN the ..."
            obj = re.match(r"\s+(?:the\s+)?[\w'’.-]+", rest)
            rest_start = cue.end + (obj.end() if obj else 0)
        else:
            rest_start = cue.end
        first = re.match(r"\s+([\w'’]+)", ctx.text[rest_start:e])
        if first and first.group(1).lower() not in _NOT_CLAUSE_START and len(ctx.text[rest_start:e].split()) >= 3:
            return rest_start, e_content, _Attribution(cue, _speaker(ctx, subject, cue.gender, cue.start))
    return None


def _sentence_subject(ctx: _Context, s: int, hi: int) -> sp.Subject | None:
    """The subject that opens the clause: 'He dismissed the critique, saying that ...'."""
    subject = sp.subject_after(ctx.text, s, hi, ctx.lang)
    if subject and subject.text.lower() == "it":
        return None  # "It is noted that ...": nobody
    if subject and not ctx.text[s : subject.start].strip() and subject.kind in ("named", "pronoun"):
        return subject
    return None


def _trailing_cue(ctx: _Context, match: re.Match, s: int, e: int):
    """'The economy is strong, Smith said.' / 'Ми переможемо, — заявив він.'"""
    head = ctx.text[s : match.start()]
    comma = max(head.rfind(","), head.rfind(" —"), head.rfind(" –"))
    if comma <= 0 or ctx.text[s] in "\"“„«‚—–-":
        return None
    after = ctx.text[s + comma : e]
    # an aside in the middle: "Time, Mr. Pence added, was on their side."
    inserted = re.match(r"[,—–\s]+[^,—–:;“”\"«»„]{0,60}?,\s*(?=\w)", after)
    if len(after.split()) > 7 and not (inserted and match.end() <= s + comma + inserted.end()):
        return None
    attribution = _after(ctx, s + comma, e + 1, s)
    if attribution is None or attribution.cue is None or attribution.cue.start != match.start():
        return None
    if len(after.split()) > 7:
        return s, e - 1 if ctx.text[e - 1] in ".!?" else e, attribution
    return s, s + comma, attribution


# --- records ------------------------------------------------------------------------------------------------------


def _quote(ctx: _Context, start: int, end: int, kind: str, found: _Attribution | None) -> Quote:
    cue = found.cue if found else None
    speaker = found.speaker if found else sp.Speaker(None, None, None, None, None)
    return Quote(
        start=start, end=end, text=ctx.text[start:end], kind=kind,
        cue=cue.text if cue else None, cue_start=cue.start if cue else None, cue_end=cue.end if cue else None,
        speaker=speaker.name, speaker_entity_id=speaker.entity_id, speaker_start=speaker.start,
        speaker_end=speaker.end, speaker_via=speaker.via if speaker.name or speaker.via else None,
    )


def _inherit_previous(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """A direct quote with no cue that follows another quote, with no person named between: the same speaker
    (news continue a speaker's words in the next paragraph)."""
    out: list[Quote] = []
    for quote in quotes:
        prev = out[-1] if out else None
        same_paragraph = prev is not None and "\n" not in ctx.text[prev.end : quote.start]
        if (quote.cue is None and quote.kind == "direct" and prev and prev.speaker
                and (same_paragraph or not any(c.label == "PER" and prev.end <= c.start < quote.start
                                               and c.name != prev.speaker for c in ctx.cands))
                and len(ctx.text[prev.end : quote.start]) < 600):
            quote = replace(quote, speaker=prev.speaker, speaker_entity_id=prev.speaker_entity_id,
                            speaker_start=prev.speaker_start, speaker_end=prev.speaker_end, cue=prev.cue,
                            cue_start=prev.cue_start, cue_end=prev.cue_end, speaker_via="previous-quote")
        out.append(quote)
    return out


def _sentence_index(sentences: list[Sentence], pos: int) -> int | None:
    for index, sentence in enumerate(sentences):
        if sentence.start <= pos < sentence.end:
            return index
    return None
