"""A small store for the web reader tests (in-process and browser): two outlets, three languages, one story with a
corroborated quote and a drifted one, claims, loaded language, dropped boilerplate, and hostile content."""

from __future__ import annotations

from datetime import UTC, datetime

from newsgraph.model import (
    Article,
    Claim,
    Dropped,
    Entity,
    Extraction,
    FramingSpan,
    Mention,
    Page,
    Paragraph,
    Quote,
    Story,
)

PAYLOAD = "window.__pwned = 1"
HOSTILE_TITLE = f"<script>{PAYLOAD}</script><img src=x onerror=\"{PAYLOAD}\">Hostile"
HOSTILE_TEXT = (
    f"Ivan Petrenko said «<script>{PAYLOAD}</script> we pay» today.\n"
    f"<img src=x onerror=\"{PAYLOAD}\"> and </p><style>body{{display:none}}</style> and "
    f"<a href=\"javascript:{PAYLOAD}\">click</a> expression(alert(1)) url(javascript:alert(1))."
)
HOSTILE_AUTHOR = f"\"><svg onload=\"{PAYLOAD}\"><style>*{{color:red}}</style>"
HOSTILE_URL = f"javascript:{PAYLOAD}"
HOSTILE_PAGE = f"""<html><head><title>&lt;script&gt;{PAYLOAD}&lt;/script&gt; Ingested evil</title>
<link rel="canonical" href="javascript:{PAYLOAD}"><style>body{{display:none}}</style></head>
<body><article><h1>&lt;script&gt;{PAYLOAD}&lt;/script&gt; Ingested evil</h1>
<p>First paragraph &lt;img src=x onerror="{PAYLOAD}"&gt; with enough words to be a body, long enough.</p>
<p>Second paragraph &lt;/p&gt;&lt;style&gt;body{{display:none}}&lt;/style&gt; javascript:{PAYLOAD} and words.</p>
<p>Third paragraph with <a href="javascript:{PAYLOAD}">a link</a> and more words about the council meeting today.</p>
<script>{PAYLOAD}</script></article></body></html>""".encode()

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _find(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _article(aid: str, site: str, lang: str, title: str, text: str, quote: str, hour: int, **extra) -> Article:
    name = "Ivan Petrenko" if lang != "uk" else "Іван Петренко"
    m = _find(text, name)
    q = _find(text, quote)
    claim = _find(text, text.split("\n")[-1])
    framing = []
    for word in ("regime", "режим"):
        if word in text:
            f = _find(text, word)
            framing.append(FramingSpan(*f, word, "loaded_language", 0.9, target="the government"))
    paragraphs, position = [], 0
    for line in text.split("\n"):
        paragraphs.append(Paragraph(position, position + len(line)))
        position += len(line) + 1
    return Article(
        id=aid, url=f"https://{site}/news/{aid}", text=text, title=title, site=site, language=lang,
        published=WHEN.replace(hour=hour), authors=("Olena Kovalenko",), paragraphs=tuple(paragraphs),
        content_hash=aid, story_id="story-1",
        mentions=(Mention(*m, name, "PER", lemma=name, entity_id="Q1"),
                  Mention(*_find(text, "Kyiv" if lang != "uk" else "Київ"), "Kyiv", "LOC", entity_id="Q2")),
        quotes=(Quote(*q, quote, speaker=name, speaker_entity_id="Q1", speaker_start=m[0], speaker_end=m[1],
                      speaker_via="named", cue="said"),),
        claims=(Claim(*claim, text[claim[0]:claim[1]], "number", 0.8, entity_ids=("Q2",)),),
        framing=tuple(framing),
        extraction=Extraction("fastpath", tried=("fastpath",), metadata_sources=(("published", "json-ld"),),
                              dropped=(Dropped("Subscribe to our newsletter", "boilerplate", "promo-line"),)),
        **extra,
    )


def build_reader_store(store) -> dict:
    """Fill ``store``; returns the ids the tests use."""
    quote = "we will rebuild every bridge in Kyiv"
    articles = [
        _article("art-en-1", "alpha.example", "en", "Kyiv rebuilds its bridges",
                 f"Ivan Petrenko said: «{quote}». The regime was blamed.\n"
                 "The city spent 40 million on repairs in Kyiv.",
                 quote, 9),
        _article("art-en-2", "beta.example", "en", "Mayor promises bridges",
                 f"In Kyiv, Ivan Petrenko said «{quote}» on Monday.\nRepairs cost 40 million so far.", quote, 11),
        _article("art-en-3", "gamma.example", "en", "Bridges: a different wording",
                 "Ivan Petrenko said «we shall rebuild all of the bridges in Kyiv soon».\nWork starts in May.",
                 "we shall rebuild all of the bridges in Kyiv soon", 12),
        _article("art-uk-1", "alpha.example", "uk", "Київ відбудовує мости",
                 "Іван Петренко заявив: «ми відбудуємо кожен міст у Києві». Київ чекає.\nРемонт коштував 40 мільйонів.",
                 "ми відбудуємо кожен міст у Києві", 13),
    ]
    for article in articles:
        store.put_article(article)
    store.put_entities([
        Entity("Q1", "PER", "Ivan Petrenko", (("en", "Ivan Petrenko"), ("uk", "Іван Петренко"))),
        Entity("Q2", "LOC", "Kyiv", (("en", "Kyiv"), ("uk", "Київ"))),
    ])
    store.put_story(Story(
        id="story-1", title="Kyiv rebuilds its bridges", first_seen=WHEN.replace(hour=9),
        last_seen=WHEN.replace(hour=13), languages=("en", "uk"),
        outlets=("alpha.example", "beta.example", "gamma.example"),
        article_ids=tuple(a.id for a in articles), key_entities=("Q1", "Q2"),
    ))
    return {"story": "story-1", "article": "art-en-1", "entity": "Q1", "articles": [a.id for a in articles]}


def add_hostile(store) -> dict:
    """A hand-built hostile article (payloads in every field and inside analysis spans) and an ingested one."""
    from newsgraph.extraction import extract_page

    text = HOSTILE_TEXT
    m = _find(text, "Ivan Petrenko")
    q = _find(text, f"<script>{PAYLOAD}</script> we pay")
    evil = _find(text, f"<img src=x onerror=\"{PAYLOAD}\">")
    article = Article(
        id="evil-1", url=HOSTILE_URL, canonical_url=HOSTILE_URL, text=text, title=HOSTILE_TITLE,
        site="<b>evil.example</b>", language="en", published=WHEN, authors=(HOSTILE_AUTHOR,), content_hash="evil",
        story_id="story-evil", section=f"<script>{PAYLOAD}</script>",
        mentions=(Mention(*m, "Ivan Petrenko", "PER", entity_id="Q1"),
                  Mention(*evil, text[evil[0]:evil[1]], "MISC", entity_id="<script>evil</script>")),
        quotes=(Quote(*q, text[q[0]:q[1]], speaker=HOSTILE_AUTHOR, speaker_entity_id="Q1"),),
        claims=(Claim(*evil, text[evil[0]:evil[1]], "event", 0.5),),
        framing=(FramingSpan(*evil, text[evil[0]:evil[1]], "loaded_language", 0.7, target=HOSTILE_AUTHOR),),
        extraction=Extraction("fastpath", dropped=(Dropped(f"<script>{PAYLOAD}</script>", "<i>boilerplate</i>"),)),
    )
    store.put_article(article)
    store.put_entities([Entity("<script>evil</script>", "MISC", HOSTILE_TITLE, (("en", HOSTILE_TITLE),))])
    store.put_story(Story(id="story-evil", title=HOSTILE_TITLE, article_ids=("evil-1",), outlets=(HOSTILE_AUTHOR,)))
    # The ingest path's extraction (language detection and analysis left out: they add seconds, not escaping).
    page = Page(url="https://evil.example/ingested?x=<script>", body=HOSTILE_PAGE)
    ingested = extract_page(page)
    store.put_article(ingested, raw_html=page.body)
    return {"hand": "evil-1", "ingested": ingested.id, "story": "story-evil",
            "entity": "<script>evil</script>"}
