"""The reader in a real browser (Playwright driving Debian's chromium): pages load, a click-through from search to
entity works, hostile content executes nothing, screenshots land in artifacts/screens/.

Needs ``apt-get install chromium`` (``/usr/bin/chromium``) and the ``playwright`` package; skipped otherwise. The
browser is never downloaded (no ``playwright install``).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

import newsgraph
from test_web_fixtures import add_hostile, build_reader_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screens"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The reader on a local port, over a store holding the test articles and the hostile ones."""
    uvicorn = pytest.importorskip("uvicorn")
    from newsgraph.web import create_app

    path = tmp_path_factory.mktemp("browser") / "browser.db"
    with newsgraph.open(path) as store:
        ids = build_reader_store(store)
        ids["hostile"] = add_hostile(store)
    port = _free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the reader did not start"
    yield f"http://127.0.0.1:{port}", ids
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install -e .[dev])")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    tab = context.new_page()
    tab.problems = []  # console errors (CSP violations show up here) and dialogs
    tab.on("console", lambda message: message.type == "error" and tab.problems.append(message.text))
    tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    yield tab
    context.close()


def _shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


PAGES = [
    ("/", "Latest stories", "front"), ("/search?q=bridges", "Search", "search"),
    ("/story/story-1", "Kyiv rebuilds its bridges", "story"), ("/article/art-en-1", "Kyiv rebuilds its bridges",
    "article"), ("/entity/Q1", "Ivan Petrenko", "entity"), ("/quotes", "Quotes", None), ("/entities", "Entities", None),
    ("/?ui=uk", "Останні сюжети", None),
]


def test_main_pages_load(server, page):
    base, _ = server
    for path, heading, shot in PAGES:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert heading in page.locator("h1").first.inner_text(), path
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"  # our CSS
        if shot:
            _shot(page, shot)
    assert page.problems == []


def test_click_through_search_story_article_entity(server, page):
    base, _ = server
    page.goto(base + "/")
    page.fill("header input[name=q]", "bridges")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=bridges")
    page.click("ol.hits a.article-link >> text=Kyiv rebuilds its bridges")
    page.wait_for_url("**/article/art-en-1")
    assert page.locator("span.hl-quote").count() >= 1
    page.click("p.meta a[href='/story/story-1']")
    page.wait_for_url("**/story/story-1")
    assert page.locator("svg.chart rect").count() >= 1
    assert page.locator(".drift .version").count() >= 2
    page.click(".outlet >> text=Mayor promises bridges")
    page.wait_for_url("**/article/art-en-2")
    page.click("#mention-0 a")
    page.wait_for_url("**/entity/Q1")
    assert "Іван Петренко" in page.inner_text("body")
    _shot(page, "click-through-entity")
    assert page.problems == []


def test_hostile_content_executes_nothing(server, page):
    base, ids = server
    hostile = ids["hostile"]
    for path in (f"/article/{hostile['hand']}", f"/article/{hostile['ingested']}", f"/story/{hostile['story']}",
                 "/", "/search?q=pwned", "/quotes", "/entity/Q1"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("getComputedStyle(document.body).display") != "none", path
        assert page.evaluate("document.querySelectorAll('script, style, iframe, object, embed').length") == 0, path
        assert page.evaluate("[...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|\\/|\\?|#)/"
                             ".test(a.getAttribute('href'))).length") == 0, path
    page.goto(base + f"/article/{hostile['hand']}")
    unsafe = page.locator(".source.unsafe")
    assert unsafe.count() == 1
    unsafe.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _shot(page, "hostile-article")
    assert page.problems == []
