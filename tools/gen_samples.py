"""Writes samples/pages/<site>/*.html from the stories_*.py files (original text, fictional outlets)."""
import html as H
import json
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import stories_en  # noqa: E401
import stories_pl
import stories_ru
import stories_uk

OUT = Path(__file__).resolve().parent.parent / "samples" / "pages"
SITES = {
 "en": dict(dir="meridianpost", host="meridianpost.example", name="The Meridian Post", lang="en", stories=stories_en.STORIES,
   read_also="Read also:", other="Other News", promo='Only verified information is on our <a href="https://t.me/meridianpost_en">Telegram channel</a>. Subscribe!',
   copyright="© 2014–2024 The Meridian Post. All rights reserved. Editorial office: 12 Khreshchatyk St., Kyiv.",
   menu=["Politics", "Economy", "Society", "Technology", "Culture", "Sport"], by="By"),
 "uk": dict(dir="visnyk", host="visnyk.example", name="Громадський вісник", lang="uk", stories=stories_uk.STORIES,
   read_also="Читайте також:", other="Інші новини", promo='Тільки перевірена інформація у нас в <a href="https://t.me/visnyk_ua">Telegram-каналі</a>. Підписуйтесь!',
   copyright="© 2008–2024 Громадський вісник. Усі права захищені. При використанні матеріалів посилання обов'язкове.",
   menu=["Політика", "Економіка", "Суспільство", "Культура", "Освіта"], by="Автор:"),
 "ru": dict(dir="baltobzor", host="baltobzor.example", name="Балтийский обозреватель", lang="ru", stories=stories_ru.STORIES,
   read_also="Читайте также:", other="Другие новости", promo='Подписывайтесь на наш <a href="https://t.me/baltobzor">канал в Telegram</a>, чтобы первыми узнавать главные новости Балтии.',
   copyright="© 2012–2024 Балтийский обозреватель. Все права защищены.",
   menu=["Город", "Экономика", "Общество", "Технологии", "Культура"], by=""),
 "pl": dict(dir="kurier", host="kurier-nadwislanski.example", name="Kurier Nadwiślański", lang="pl", stories=stories_pl.STORIES,
   read_also="Czytaj także:", other="Pozostałe wiadomości", promo='Najważniejsze informacje z kraju i ze świata znajdziesz na naszym <a href="https://t.me/kurier_nadwislanski">kanale na Telegramie</a>.',
   copyright="Copyright © 2010–2024 Kurier Nadwiślański. Wszelkie prawa zastrzeżone.",
   menu=["Kraj", "Świat", "Gospodarka", "Miasto", "Sport"], by="Autor:"),
}
MONTHS = {
 "en": "January February March April May June July August September October November December".split(),
 "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split(),
 "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
 "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split(),
}


def visible_date(lang, iso):
    d = datetime.fromisoformat(iso)
    m = MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{m} {d.day}, {d.year}, {d:%H:%M}"
    if lang == "pl":
        return f"{d.day} {m} {d.year} r., {d:%H:%M}"
    return f"{d.day} {m} {d.year}, {d:%H:%M}"


def url_of(site, story):
    return f"https://{site['host']}/{story['slug']}"


def authors(story):
    a = story["author"]
    return a if isinstance(a, list) else [a]


def head(site, story):
    url = url_of(site, story)
    charset = story.get("encoding", "utf-8")
    out = [f'<!DOCTYPE html>\n<html lang="{site["lang"]}">\n<head>', f'<meta charset="{charset}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<title>{H.escape(story["title"])} | {H.escape(site["name"])}</title>',
           f'<link rel="canonical" href="{url}">',
           '<link rel="stylesheet" href="/static/site.css">']
    if story.get("og"):
        out += [f'<meta property="og:title" content="{H.escape(story["title"])}">', f'<meta property="og:url" content="{url}">',
                f'<meta property="og:site_name" content="{H.escape(site["name"])}">',
                f'<meta property="og:image" content="https://{site["host"]}/img/{story["slug"]}.jpg">',
                f'<meta property="article:published_time" content="{story["date"]}">',
                f'<meta property="article:section" content="{H.escape(story["section"])}">',
                f'<meta name="author" content="{H.escape(", ".join(authors(story)))}">']
    if story.get("jsonld"):
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story["title"],
              "datePublished": story["date"], "dateModified": story["date"], "articleSection": story["section"],
              "mainEntityOfPage": url, "inLanguage": site["lang"],
              "author": [{"@type": "Person", "name": a} for a in authors(story)],
              "image": f"https://{site['host']}/img/{story['slug']}.jpg",
              "publisher": {"@type": "Organization", "name": site["name"]}}
        out.append('<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False, indent=1) + "</script>")
    out.append('<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>')
    out.append("</head>")
    return out


def body_paragraphs(site, story, stories):
    paras = [f"<p>{H.escape(p, quote=False)}</p>" for p in story["paras"]]
    rel = stories[story.get("related") or (stories.index(story) + 1) % len(stories)]
    if rel is story:
        rel = stories[(stories.index(story) + 1) % len(stories)]
    read_also = f'<p><strong>{site["read_also"]}</strong> <a href="{url_of(site, rel)}">{H.escape(rel["title"])}</a></p>'
    paras.insert(1, read_also)
    paras.insert(len(paras) - 1, f"<p>{site['promo']}</p>")
    if story.get("crosslink"):
        lang, index = story["crosslink"]
        other_site = SITES[lang]
        other = other_site["stories"][index]
        label = {"en": "Background", "pl": "Zobacz też relację"}.get(site["lang"], "See")
        paras.append(f'<p>{label}: <a href="{url_of(other_site, other)}">{H.escape(other["title"])}</a> ({H.escape(other_site["name"])})</p>')
    return paras


def other_news(site, story, stories):
    others = [s for s in stories if s is not story][:4]
    return [(url_of(site, s), s["title"], s["date"]) for s in others]


def page_en(site, story, stories):
    b = ['<body class="single-post">', '<header class="site-header">',
         '<div class="top-bar"><ul class="language-menu"><li><a href="https://meridianpost.example/uk/">Українська</a></li><li><a href="https://meridianpost.example/ru/">Русский</a></li><li class="active">English</li></ul></div>',
         f'<a class="logo" href="https://{site["host"]}/">{site["name"]}</a>',
         '<nav class="main-nav"><ul>' + "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in site["menu"]) + "</ul></nav>",
         "</header>", '<main class="content">', '<article class="post">',
         f'<div class="post-section"><a href="/{story["section"].lower()}">{story["section"]}</a></div>',
         f'<h1 class="post-title">{H.escape(story["title"])}</h1>',
         '<div class="post-byline">By ' + " and ".join(f'<a class="author" href="/authors/{a.lower().replace(" ", "-")}">{a}</a>' for a in authors(story)) + "</div>"]
    if story["date"]:
        b.append(f'<div class="post-date">{visible_date("en", story["date"])}</div>')
    b += ['<div class="post-body">', *body_paragraphs(site, story, stories), "</div>",
          '<div class="share-bar"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">Telegram</a></div>', "</article>",
          '<section class="other-news"><h2>Other News</h2>']
    for url, title, date in other_news(site, story, stories):
        b.append(f'<div class="news-item"><a href="{url}">{H.escape(title)}</a></div>')
    b += ["</section>", "</main>", f'<footer class="site-footer"><p>{site["copyright"]}</p><p><a href="/about">About us</a> · <a href="/contacts">Contacts</a></p></footer>',
          "</body>\n</html>"]
    return b


def page_uk(site, story, stories):
    date = visible_date("uk", story["date"])
    b = ["<body>", '<div id="wrap">', '<div class="top"><span>UA</span> | <a href="/ru/">RU</a> | <a href="/en/">EN</a></div>',
         f'<div id="logo"><a href="/">{site["name"]}</a></div>',
         '<div class="menu">' + " ".join(f'<a href="/rubric/{i}">{m}</a>' for i, m in enumerate(site["menu"])) + "</div>",
         '<div id="content">', f'<div class="rubric"><a href="/rubric/x">{story["section"]}</a></div>',
         f"<h1>{H.escape(story['title'])}</h1>", f'<div class="info">{date} | {site["by"]} {authors(story)[0]}</div>',
         '<div class="text">', *body_paragraphs(site, story, stories), "</div>",
         f'<div class="inshi"><h3>{site["other"]}</h3>']
    for url, title, d in other_news(site, story, stories):
        b.append(f'<p><span class="time">{datetime.fromisoformat(d):%H:%M}</span> <a href="{url}">{H.escape(title)}</a></p>')
    b += ["</div>", "</div>", f'<div id="footer">{site["copyright"]}</div>', "</div>", "</body>\n</html>"]
    return b


def page_ru(site, story, stories):
    date = visible_date("ru", story["date"])
    b = ["<body>", '<header class="header"><nav class="langs"><a href="/lv/">LV</a> <a href="/">RU</a> <a href="/en/">EN</a></nav>',
         f'<a class="header__logo" href="/">{site["name"]}</a>',
         "<nav><ul>" + "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(site["menu"])) + "</ul></nav></header>",
         "<main>", '<article itemscope itemtype="https://schema.org/NewsArticle">',
         f'<p class="category"><a href="/c">{story["section"]}</a></p>',
         f'<h1 itemprop="headline">{H.escape(story["title"])}</h1>']
    if story.get("jsonld") or story.get("og"):
        b.append(f'<p class="article__meta"><span itemprop="author">{authors(story)[0]}</span>, '
                 f'<time datetime="{story["date"]}" itemprop="datePublished">{date}</time></p>')
    else:
        b.append(f'<p class="article__meta"><span class="author">{authors(story)[0]}</span>, <span class="date">{date}</span></p>')
    b += ['<div itemprop="articleBody">', *body_paragraphs(site, story, stories), "</div>", "</article>",
          f'<aside class="sidebar"><h2>{site["other"]}</h2><ul>']
    for url, title, d in other_news(site, story, stories):
        b.append(f'<li><a href="{url}">{H.escape(title)}</a></li>')
    b += ["</ul></aside>", "</main>", f'<footer><p>{site["copyright"]}</p></footer>', "</body>\n</html>"]
    return b


def page_pl(site, story, stories):
    date = visible_date("pl", story["date"])
    paras = body_paragraphs(site, story, stories)
    b = ["<body>", '<div class="header"><div class="lang">PL | <a href="/en">EN</a> | <a href="/uk">UA</a></div>',
         f'<div class="logo"><a href="/">{site["name"]}</a></div>',
         '<ul class="menu">' + "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(site["menu"])) + "</ul></div>",
         '<div class="main"><div class="article">', f'<span class="kategoria">{story["section"]}</span>',
         f"<h1>{H.escape(story['title'])}</h1>", f'<div class="autor">{site["by"]} {authors(story)[0]}</div>',
         f'<div class="data">{date}</div>', f'<div class="lead">{paras[0].replace("<p>", "<p><strong>").replace("</p>", "</strong></p>")}</div>',
         '<div class="tresc">', *paras[1:], "</div>", f'<div class="zobacz-tez"><h3>{site["other"]}</h3><ul>']
    for url, title, d in other_news(site, story, stories):
        b.append(f'<li><a href="{url}">{H.escape(title)}</a></li>')
    b += ["</ul></div>", "</div></div>", f'<div class="stopka">{site["copyright"]}</div>', "</body>\n</html>"]
    return b


LAYOUTS = {"en": page_en, "uk": page_uk, "ru": page_ru, "pl": page_pl}

for lang, site in SITES.items():
    folder = OUT / site["dir"]
    folder.mkdir(parents=True, exist_ok=True)
    for number, story in enumerate(site["stories"], 1):
        lines = head(site, story) + LAYOUTS[lang](site, story, site["stories"])
        text = "\n".join(lines) + "\n"
        encoding = story.get("encoding", "utf-8")
        (folder / f"{number:02d}-{story['slug']}.html").write_bytes(text.encode(encoding))
print("written")
