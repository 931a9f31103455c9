"""Extraction: decoding, the cascade, metadata per field and language, dates, bad input."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone

import pytest

from conftest import SAMPLES
from newsgraph.errors import EmptyDocumentError, NotHTMLError
from newsgraph.extraction import extract_html, extract_page
from newsgraph.extraction.dates import parse_date, parse_text_date
from newsgraph.extraction.decode import MAX_HTML_CHARS, decode_html
from newsgraph.extraction.urls import normalize_url
from newsgraph.model import Page

PROSE_UK = ("Міністерка енергетики Олена Марченко заявила, що енергетики вже відновили більшість потужностей, "
            "втрачених під час атак на підстанції у Харкові та Одесі. ") * 3
PROSE_EN = ("The city council approved the budget on Tuesday after a long debate about schools, hospitals and "
            "public transport in the northern districts of the city. ") * 3


def page_html(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<html><head><meta charset="{charset}"><title>Test headline | Site</title>{head}</head>'
            f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Test headline</h1>{body}</article>"
            f"<footer><p>© 2009–2024 Example Media. All rights reserved.</p></footer></body></html>")


def sample(site: str, prefix: str) -> bytes:
    return next((SAMPLES / site).glob(f"{prefix}*.html")).read_bytes()


# --- decoding ---------------------------------------------------------------------------------------------

def test_cp1251_page_declared_as_utf8_in_header_decodes():
    body = page_html(f"<p>{PROSE_UK}</p>", charset="utf-8").encode("cp1251")
    page = Page(url="https://example.org/a", body=body, headers=(("Content-Type", "text/html; charset=utf-8"),))
    article = extract_page(page)
    assert "Міністерка енергетики Олена Марченко" in article.text


def test_meta_charset_windows_1251_sample():
    raw = sample("visnyk", "06")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article = extract_html(raw)
    assert article.title.startswith("Результати НМТ")
    assert "Вакуленко" in article.text


def test_header_charset_beats_meta_and_bom_wins():
    text = f'<html><head><meta charset="iso-8859-1"></head><body><p>{PROSE_UK}</p></body></html>'
    assert decode_html(text.encode("koi8-u"), declared="koi8-u").text == text
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8"), declared="cp1251").source == "bom"


def test_missing_charset_is_detected():
    html = f"<html><body><p>{PROSE_UK}</p></body></html>".encode("cp1251")
    decoded = decode_html(html)
    assert decoded.source == "detected" and "Марченко" in decoded.text


def test_utf8_declared_single_byte_is_redecoded():
    text = page_html(f"<p>{PROSE_UK}</p>", charset="windows-1252")
    decoded = decode_html(text.encode("utf-8"))
    assert "Марченко" in decoded.text


@pytest.mark.parametrize("blob", [b"%PDF-1.7\n\x00\x01binary", b"\x89PNG\r\n\x1a\n\x00\x00", gzip.compress(b"<p>x</p>"),
                                  bytes(range(256)) * 4])
def test_binary_input_is_not_html(blob):
    with pytest.raises(NotHTMLError):
        extract_html(blob)


def test_non_html_content_type_is_refused():
    page = Page(url="https://example.org/a.jpg", body=b"<html></html>", content_type="image/jpeg")
    with pytest.raises(NotHTMLError):
        extract_page(page)


NAV_ONLY = b"<html><body><script>var a = 1;</script><nav><a href='/'>Home</a></nav></body></html>"


@pytest.mark.parametrize("html", [b"", b"   \n", b"<html><head><title>x</title></head><body></body></html>", NAV_ONLY])
def test_empty_pages_raise_empty_document(html):
    with pytest.raises(EmptyDocumentError):
        extract_html(html)


def test_huge_page_is_cut_and_says_so():
    filler = "<div><p>" + ("word " * 40) + "</p></div>\n"
    html = page_html(f"<p>{PROSE_EN}</p>" + filler * (MAX_HTML_CHARS // len(filler) + 50))
    article = extract_html(html.encode())
    assert any(d.reason == "too-large" for d in article.extraction.dropped)
    assert PROSE_EN.split(".")[0] in article.text


def test_truncated_and_broken_html_still_extracts():
    full = page_html(f"<p>{PROSE_EN}</p><p>{PROSE_EN}</p>")
    cut = full[: full.index("</p>") + 200]  # cut in the middle of a tag soup
    article = extract_html(cut.encode())
    assert "city council approved" in article.text
    broken = f"<html><body><div><p>{PROSE_EN}<div><span><p>{PROSE_EN}</b></i></td>"
    assert "city council approved" in extract_html(broken).text


# --- cascade ----------------------------------------------------------------------------------------------

def test_clear_article_takes_the_fast_path_and_records_drops():
    article = extract_html(sample("meridianpost", "01"), url="https://meridianpost.example/x")
    assert article.extraction.extractor == "fastpath"
    assert article.extraction.tried == ("fastpath",)
    assert "Other News" not in article.text and "Українська" not in article.text
    reasons = {d.reason for d in article.extraction.dropped}
    assert "boilerplate" in reasons or "links" in reasons


def test_unsure_fast_path_falls_back_along_the_cascade():
    # No dominant container: short texts scattered between link lists; the fast path is not confident.
    links = "".join(f"<li><a href='/n{i}'>Headline number {i} about the city</a></li>" for i in range(30))
    parts = [f"<section><div><p>{PROSE_EN[i * 90:i * 90 + 80]}</p></div><ul>{links}</ul></section>" for i in range(3)]
    html = f"<html><body>{''.join(parts)}</body></html>"
    article = extract_html(html)
    assert article.extraction.tried[0] == "fastpath" and len(article.extraction.tried) > 1
    assert article.extraction.extractor in {"trafilatura", "readability", "rescue"}


def test_json_ld_body_used_when_it_agrees_with_the_page():
    body = PROSE_EN.strip()
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "{body}"}}</script>'
    links = "".join(f"<li><a href='/n{i}'>Headline number {i} about the city</a></li>" for i in range(40))
    html = f"<html><head>{ld}</head><body><ul>{links}</ul><div><p>{PROSE_EN}</p></div><ul>{links}</ul></body></html>"
    article = extract_html(html)
    if article.extraction.extractor != "fastpath":
        assert article.extraction.extractor == "json-ld"
    assert "city council approved" in article.text


def test_paragraph_offsets_point_into_text():
    article = extract_html(sample("kurier", "01"))
    assert article.paragraphs
    for paragraph in article.paragraphs:
        span = article.text[paragraph.start:paragraph.end]
        assert span and span == span.strip() and "\n" not in span


# --- metadata ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("site, prefix, title, author, published, section", [
    ("meridianpost", "01", "EU agrees €4.2 billion energy package", "Natalia Koval",
     datetime(2023, 10, 17, 14, 35, tzinfo=timezone(timedelta(hours=3))), "Economy"),
    ("meridianpost", "04", "Underground school in Kharkiv", "Oleh Tkachenko", datetime(2024, 9, 2, 10, 20, tzinfo=UTC),
     "Society"),
    ("visnyk", "02", "У Житомирі відкрили нову дитячу лікарню", "Оксана Бондар",
     datetime(2023, 10, 17, 9, 12, tzinfo=UTC), "Суспільство"),
    ("baltobzor", "02", "Между Гданьском и Клайпедой", "Дмитрий Соколов", datetime(2024, 3, 12, 10, 5, tzinfo=UTC),
     "Экономика"),
    ("kurier", "05", "Inflacja w Polsce spadła", "Piotr Lewandowski", datetime(2023, 12, 15, 10, 0, tzinfo=UTC),
     "Gospodarka"),
    ("kurier", "03", "Kraków otworzył linię tramwajową", "Anna Zawadzka",
     datetime(2024, 12, 1, 14, 0, tzinfo=timezone(timedelta(hours=1))), "Miasto"),
])
def test_metadata_per_language(site, prefix, title, author, published, section):
    article = extract_html(sample(site, prefix))
    assert article.title.startswith(title)
    assert author in article.authors
    assert article.published == published and article.published.tzinfo is not None
    assert article.section == section
    assert article.canonical_url.startswith("https://") and article.site == article.canonical_url.split("/")[2]


def test_metadata_sources_and_several_authors():
    article = extract_html(sample("meridianpost", "05"))
    assert article.authors == ("Iryna Sokil", "Mark Evans")
    sources = dict(article.extraction.metadata_sources)
    assert sources["published"] == "json-ld" and sources["title"] == "json-ld"


def test_links_and_images():
    article = extract_html(sample("kurier", "06"), url="https://kurier-nadwislanski.example/siatkarze")
    assert any(img.url.endswith(".jpg") for img in article.images)
    article = extract_html(sample("meridianpost", "01"))
    assert all(link.url.startswith("http") for link in article.links)


def test_id_is_stable_across_tracking_params_and_content_hash_tracks_text():
    html = sample("visnyk", "03")
    a = extract_html(html, url="https://visnyk.example/odesa-port-rekord-zerna?utm_source=fb#top")
    b = extract_html(html, url="https://visnyk.example/odesa-port-rekord-zerna")
    assert a.id == b.id and a.content_hash == b.content_hash
    assert normalize_url("HTTPS://Example.org/a/?utm_medium=x&id=3#frag") == "https://example.org/a?id=3"


# --- dates ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("17 жовтня 2023", datetime(2023, 10, 17, tzinfo=UTC)),
    ("17 października 2023 r., 14:05", datetime(2023, 10, 17, 14, 5, tzinfo=UTC)),
    ("17 октября 2023 г.", datetime(2023, 10, 17, tzinfo=UTC)),
    ("October 17, 2023", datetime(2023, 10, 17, tzinfo=UTC)),
    ("Published 2 Sept 2024 at 9:30 pm", datetime(2024, 9, 2, 21, 30, tzinfo=UTC)),
    ("14:35, 5 травня 2024", datetime(2024, 5, 5, 14, 35, tzinfo=UTC)),
    ("17.10.2023 08:00", datetime(2023, 10, 17, 8, 0, tzinfo=UTC)),
])
def test_text_dates_in_four_languages(text, expected):
    assert parse_text_date(text) == expected


@pytest.mark.parametrize("text", ["© 2003–2023 Kyiv Post", "Copyright © 17 October 2023 Example",
                                  "© 17 жовтня 2023 Усі права захищені", "Wszelkie prawa zastrzeżone, 1 maja 2024"])
def test_copyright_notices_never_give_a_date(text):
    assert parse_text_date(text) is None


def test_copyright_footer_is_not_the_publication_date():
    article = extract_html(sample("meridianpost", "06"))  # no date on the page except "© 2014–2024" in the footer
    assert article.published is None
    footer_date = page_html(f"<p>{PROSE_EN}</p>").replace("© 2009–2024", "© 17 October 2023")
    assert extract_html(footer_date).published is None


def test_machine_dates_are_timezone_aware():
    assert parse_date("2023-10-17T14:05:00+0300").utcoffset() == timedelta(hours=3)
    assert parse_date("Tue, 17 Oct 2023 10:00:00 GMT") == datetime(2023, 10, 17, 10, tzinfo=UTC)
    assert parse_date("2023-10-17").tzinfo is not None
