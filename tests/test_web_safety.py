"""Hostile content stays inert: payloads in titles, text, authors, URLs and analysis spans come out escaped."""

from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import newsgraph
from newsgraph.web import create_app
from newsgraph.web.highlight import highlight_paragraphs
from newsgraph.web.safety import safe_url
from test_web_fixtures import HOSTILE_TITLE, add_hostile, build_reader_store

_LIVE = [
    re.compile(r"<script", re.I),  # our pages carry no script at all
    re.compile(r"<(img|svg|a|style|iframe)\b[^>]*\bon\w+\s*=", re.I),  # an event handler on a real tag
    re.compile(r"""(href|src)\s*=\s*["']?\s*javascript:""", re.I),
    re.compile(r"<style", re.I),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with newsgraph.open(path) as store:
        build_reader_store(store)
        ids = add_hostile(store)
    with TestClient(create_app(path)) as client:
        yield client, ids


def _pages(ids):
    return [f"/article/{ids['hand']}", f"/article/{ids['ingested']}", f"/story/{ids['story']}", "/",
            "/search?q=pwned", "/search?q=hostile", "/quotes", "/quotes?speaker=svg", "/entity/Q1", "/entities",
            "/entities?q=script", "/search?q=%3Cscript%3E&site=%3Cb%3E"]


def test_payloads_are_escaped_on_every_page(hostile):
    client, ids = hostile
    for url in _pages(ids):
        response = client.get(url)
        assert response.status_code == 200, url
        for pattern in _LIVE:
            assert not pattern.search(response.text), (url, pattern.pattern)


def test_payload_text_is_shown_as_text(hostile):
    client, ids = hostile
    html = client.get(f"/article/{ids['hand']}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "&lt;/p&gt;&lt;style&gt;" in html
    ingested = client.get(f"/article/{ids['ingested']}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt; Ingested evil" in ingested


def test_javascript_urls_are_never_links(hostile):
    client, ids = hostile
    html = client.get(f"/article/{ids['hand']}").text
    assert 'href="javascript' not in html.lower()
    assert 'class="source unsafe"' in html  # shown as inert text with a note


def test_api_returns_raw_values_as_json_only(hostile):
    client, ids = hostile
    response = client.get(f"/api/articles/{ids['hand']}")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["title"] == HOSTILE_TITLE


def test_hostile_ids_in_paths_are_quoted(hostile):
    client, ids = hostile
    html = client.get(f"/article/{ids['hand']}").text
    assert 'href="/entity/%3Cscript%3Eevil%3C%2Fscript%3E"' in html


@pytest.mark.parametrize("url, expected", [
    ("https://example.com/a?b=1", "https://example.com/a?b=1"),
    ("http://example.com", "http://example.com"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox", None),
    ("//evil.example/x", None),
    ("/relative", None),
    ("https://", None),
    ("", None),
    (None, None),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_highlight_escapes_every_segment():
    from newsgraph.model import Article, Mention

    text = "<b>x</b> & <i>y</i>"
    article = Article(id="a", url=None, text=text, mentions=(Mention(0, 8, "<b>x</b>", "PER", entity_id='"><x'),))
    (_, html), = highlight_paragraphs(article)
    assert str(html).startswith('<span class="hl hl-entity" title="PER &lt;b&gt;x&lt;/b&gt; → &#34;&gt;&lt;x')
    assert "&lt;b&gt;x&lt;/b&gt;</span> &amp; &lt;i&gt;y&lt;/i&gt;" in str(html)


def test_overlapping_and_invalid_spans():
    from newsgraph.model import Article, Claim, Mention, Quote

    text = "Anna said «the plan works» today"
    article = Article(id="a", url=None, text=text,
                      mentions=(Mention(0, 4, "Anna", "PER"), Mention(50, 60, "bad", "PER")),
                      quotes=(Quote(11, 25, "the plan works", speaker="Anna"),),
                      claims=(Claim(5, 32, text[5:32], "event", 0.5),))
    (_, html), = highlight_paragraphs(article)
    assert '<span class="hl hl-claim hl-quote"' in str(html)  # both cover "the plan works"
    plain = re.sub(r"<[^>]+>", "", str(html))
    assert plain.replace("&lt;", "<").replace("&gt;", ">") == text  # nothing lost or repeated
