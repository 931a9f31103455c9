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
from dataclasses import replace

from newsgraph.model import Article, Quote, Sentence
from newsgraph.understand import quotes_attribution as at
from newsgraph.understand import quotes_lexicon as lex
from newsgraph.understand import quotes_speakers as sp
from newsgraph.understand.quotes_marks import Marked, find_dash_speech, find_marked, trim
from newsgraph.understand.sentences import split

__all__ = ["run", "extract_quotes"]

_MIN_UNATTRIBUTED_WORDS = 6  # a shorter quote with no cue is a title or scare quote, not speech
_ZERO_THAT_CUES = {"said", "says", "told", "added", "argued", "claimed", "insisted", "warned", "believes", "believe",
                   "thinks", "think", "predicted", "noted", "explained", "wrote", "say", "stressed", "acknowledged",
                   "suggested", "announced", "admitted", "conceded", "contends", "maintains", "tweeted", "saying",
                   "telling", "adding", "arguing", "warning", "insisting", "noting", "claiming"}
_NOT_CLAUSE_START = {"in", "on", "at", "to", "during", "after", "before", "with", "for", "about", "of", "when",
                     "while", "as", "by", "from", "so", "yes", "no", "nothing", "something", "otherwise", "and", "or",
                     "but", "through", "via", "over", "last", "this", "earlier", "later", "repeatedly", "recently"}


def run(article: Article) -> Article:
    return replace(article, quotes=tuple(extract_quotes(article)))


def extract_quotes(article: Article) -> list[Quote]:
    lang = article.language if article.language in lex.PRONOUNS else "en"
    paragraphs = [(p.start, p.end) for p in article.paragraphs] or [(0, len(article.text))]
    sentences = list(article.sentences) or [s for a, b in paragraphs for s in split(article.text, a, b)]
    marked = find_marked(article.text, paragraphs)
    cands = _mark_quoted(article.text, sp.candidates(article, lang), marked)
    ctx = at.Context(article.text, lang, paragraphs, sentences, cands)
    indirect, absorbed, attributions = _indirect_quotes(ctx, marked)
    direct = _direct_quotes(ctx, [m for m in marked if m not in absorbed], attributions)
    dashed = _dash_quotes(ctx, marked)
    quotes = sorted(indirect + direct + dashed, key=lambda q: q.start)
    quotes = _inherit_previous(ctx, quotes)
    return [replace(q, sentence=_sentence_index(ctx.sentences, q.start)) for q in quotes]


def _mark_quoted(text: str, cands: list[sp.Candidate], marked: list[Marked]) -> list[sp.Candidate]:
    """Candidates named inside a quotation of three words or more ("... I told Putin ...") are not whom "he said"
    after it means; a name alone in marks («Газпром») is not a quotation."""
    quotations = [(m.start, m.end) for m in marked if len(text[m.start : m.end].split()) >= 3]
    return [replace(c, quoted=True) if any(a <= c.start and c.end <= b for a, b in quotations) else c for c in cands]


# --- cues ---------------------------------------------------------------------------------------------------------


# --- direct quotes ------------------------------------------------------------------------------------------------


def _direct_quotes(ctx: at.Context, marked: list[Marked], reported: dict[Marked, at.Attribution]) -> list[Quote]:
    out = []
    previous_close, previous_attributed = 0, -1  # paragraph start of the last quote with a cue
    for m in marked:
        # Before ``previous_close`` moves: the name may be the next quote's speaker ('"Нафтогаз" повідомив: "..."').
        if ctx.lang != "en" and _is_name_in_marks(ctx.text, m):
            continue
        p_start, p_end = at.paragraph_of(ctx, m.open)
        _, close_para_end = at.paragraph_of(ctx, max(m.close - 1, m.open))
        lo = max(p_start, previous_close, at.last_terminator(ctx.text, p_start, m.open))
        found = (at.attribution_after(ctx, m.close, close_para_end, m.open) or reported.get(m)
                 or at.attribution_before(ctx, lo, m.open) or at.colon_before(ctx, m))
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


def _inner_narrator(ctx: at.Context, m: Marked):
    """The narrator's words inside the marks (uk/ru/pl convention): the two pieces of speech and their attribution."""
    if ctx.lang == "en":
        return None
    for narrator in _INNER_NARRATOR.finditer(ctx.text, m.start, m.end):
        found = at.attribution_after(ctx, narrator.start(1), narrator.end(1) + 1, m.start)
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


_WORD_GOES_ON = re.compile(r"[ \t]+[a-zа-яёіїєґąćęłńóśźż]")
_PREPOSITION_BEFORE = re.compile(
    r"(?<!\w)(?:в|у|во|із|з|зі|от|від|до|на|для|про|при|из|с|со|к|о|об|w|we|z|ze|od|do|na|dla|o|przy|u|in|at|by|from)"
    r"[ \t]+$", re.IGNORECASE)


def _is_name_in_marks(text: str, m: Marked) -> bool:
    """'"Нафтогаз" повідомив ...', '«Газпром» заявив', 'заявили в «Нафтогазі»': one capitalised word in marks that
    the sentence goes on from without a comma or dash, or that follows a preposition, is a company's name written in
    quotation marks (the uk/ru/pl custom), not speech. A one-word answer is set off by punctuation or follows its
    verb: '«Ні», — сказав він', 'він відповів «Ні»'."""
    content = text[m.start : m.end]
    inside = text[m.open : m.close].rstrip()[:-1]  # up to the closing mark: '«Ні,»' keeps its comma here
    if not (content[:1].isupper() and len(content.split()) == 1 and inside[-1:].isalnum()):
        return False
    return (_WORD_GOES_ON.match(text, m.close) is not None
            or _PREPOSITION_BEFORE.search(text, max(0, m.open - 12), m.open) is not None)


def _previous_paragraph_start(ctx: at.Context, p_start: int) -> int:
    starts = [a for a, _ in ctx.paragraphs if a < p_start]
    return starts[-1] if starts else p_start


# --- dash-introduced speech ---------------------------------------------------------------------------------------


def _dash_quotes(ctx: at.Context, marked: list[Marked]) -> list[Quote]:
    out = []
    for speech in find_dash_speech(ctx.text, ctx.paragraphs):
        found = None
        contents = list(speech.contents)
        if speech.narrator:
            n_start, n_end = speech.narrator
            found = at.attribution_after(ctx, n_start, n_end + 1, contents[0][0])
            if found is None or found.cue is None:  # a dash inside the speech, not a narrator: one piece of speech
                p_start, p_end = at.paragraph_of(ctx, n_start)
                contents, found = [trim(ctx.text, contents[0][0], p_end)], None
        if found is None:
            found = at.colon_before(ctx, Marked(contents[0][0] - 2, contents[0][0], *contents[0]))
        for start, end in contents:
            if any(m.open <= start < m.close for m in marked) and not found:
                continue
            out.append(_quote(ctx, start, end, "direct", found))
    return out


# --- reported speech ----------------------------------------------------------------------------------------------


def _indirect_quotes(ctx: at.Context, marked: list[Marked]) -> tuple[list[Quote], set[Marked], dict]:
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


def _reported(ctx: at.Context, sentence: Sentence, marked: list[Marked]):
    """(content start, content end, attribution) of reported speech in ``sentence``, or None."""
    s, e = sentence.start, sentence.end
    e_content = e - 1 if ctx.text[e - 1] in ".!?…" else e
    for according in at.according_re(ctx.lang).finditer(ctx.text, s, e):
        if _inside_marks(marked, according.start()):
            continue
        if not ctx.text[s : according.start()].strip(" \"'“„«"):  # "According to X, content."
            comma = ctx.text.find(",", according.end(), e)
            if comma > 0:
                return comma + 1, e_content, at.according_attribution(ctx, according, comma, according.start())
        elif (ctx.text[according.start() - 2 : according.start()].strip() == ","
              and len(ctx.text[according.end() : e].split()) <= 6):  # "content, according to X."
            return s, according.start() - 2, at.according_attribution(ctx, according, e, s)
    for match in at.cue_re(ctx.lang).finditer(ctx.text, s, e):
        if _inside_marks(marked, match.start()):
            continue
        found = _that_clause(ctx, match, s, e, e_content) or _trailing_cue(ctx, match, s, e)
        if found:
            return found
    return None


def _that_clause(ctx: at.Context, match: re.Match, s: int, e: int, e_content: int):
    cue = at.cue_at(ctx, match)
    complementizers = "|".join(lex.COMPLEMENTIZERS[ctx.lang])
    tail = re.match(rf"((?:[\s,—–-]+[\w'’.-]+){{0,10}}?)\s*,?\s*(?:{complementizers})(?!\w)", ctx.text[cue.end : e],
                    re.IGNORECASE)
    subject = sp.subject_before(ctx.text, s, cue.start, ctx.lang)
    if subject is None and (cue.text.endswith("ing") or ctx.text[s : cue.start].rstrip().endswith(" and")):
        subject = at.sentence_subject(ctx, s, cue.start)  # "Clinton attacked Trump, saying he would ..."
    if tail:
        if subject is None:
            subject = at.inverted_subject(ctx, cue, cue.end + len(tail.group(1)))
        if subject is None:
            subject = at.sentence_subject(ctx, s, cue.start)
        if subject is None and sp.only_openers(ctx.text[s : cue.start]):
            subject = at.zero_subject(ctx, cue)  # "Jednocześnie zaznaczył, że ..."
        attribution = at.Attribution(cue, at.resolve_speaker(ctx, subject, cue.gender, cue.start))
        return cue.end + tail.end(), e_content, attribution
    quote_just_before = re.search(r"[”\"»']\s*,?\s*[^.!?”\"]{0,50}$", ctx.text[s : cue.start])
    if subject is None and ctx.lang == "en" and cue.text.lower() in _ZERO_THAT_CUES:
        subject = at.sentence_subject(ctx, s, cue.start)  # "... met the families on Thursday and said the ..."
    if ctx.lang == "en" and subject and cue.text.lower() in _ZERO_THAT_CUES and not quote_just_before:
        rest = ctx.text[cue.end : e]
        if cue.text.lower() in ("told", "telling"):  # "told reporters he ..." / "told CNN the ..."
            obj = re.match(r"\s+(?:the\s+)?[\w'’.-]+", rest)
            rest_start = cue.end + (obj.end() if obj else 0)
        else:
            rest_start = cue.end
        first = re.match(r"\s+([\w'’]+)", ctx.text[rest_start:e])
        if first and first.group(1).lower() not in _NOT_CLAUSE_START and len(ctx.text[rest_start:e].split()) >= 3:
            return rest_start, e_content, at.Attribution(cue, at.resolve_speaker(ctx, subject, cue.gender, cue.start))
    return None


def _trailing_cue(ctx: at.Context, match: re.Match, s: int, e: int):
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
    attribution = at.attribution_after(ctx, s + comma, e + 1, s)
    if attribution is None or attribution.cue is None or attribution.cue.start != match.start():
        return None
    if attribution.speaker.via is None and at.cue_re(ctx.lang).search(ctx.text, s, s + comma):
        # "Об этом заявил глава МИД Хайко Маас, пишет [link]": the part before the comma is itself an attribution,
        # and the outlet that "writes" it was a link the page lost
        return None
    if len(after.split()) > 7:
        return s, e - 1 if ctx.text[e - 1] in ".!?" else e, attribution
    return s, s + comma, attribution


# --- records ------------------------------------------------------------------------------------------------------


def _quote(ctx: at.Context, start: int, end: int, kind: str, found: at.Attribution | None) -> Quote:
    cue = found.cue if found else None
    speaker = found.speaker if found else sp.Speaker(None, None, None, None, None)
    return Quote(
        start=start, end=end, text=ctx.text[start:end], kind=kind,
        cue=cue.text if cue else None, cue_start=cue.start if cue else None, cue_end=cue.end if cue else None,
        speaker=speaker.name, speaker_entity_id=speaker.entity_id, speaker_start=speaker.start,
        speaker_end=speaker.end, speaker_via=speaker.via if speaker.name or speaker.via else None,
    )


def _inherit_previous(ctx: at.Context, quotes: list[Quote]) -> list[Quote]:
    """A direct quote with no cue that follows another quote, with no person named between: the same speaker
    (news continue a speaker's words in the next paragraph)."""
    out: list[Quote] = []
    for quote in quotes:
        prev = out[-1] if out else None
        same_paragraph = prev is not None and "\n" not in ctx.text[prev.end : quote.start]
        if (quote.speaker_via == "verb" and prev and prev.speaker and 0 <= quote.cue_start - prev.end < 300
                and not any(c.label == "PER" and prev.end <= c.start < quote.cue_start for c in ctx.cands)):
            # "... - powiedział. I dodał:": the verb's subject is the last speaker, not a person named in its quote
            quote = replace(quote, speaker=prev.speaker, speaker_entity_id=prev.speaker_entity_id,
                            speaker_via="previous-quote")
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
