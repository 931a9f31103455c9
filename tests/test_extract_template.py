"""Site-template learning on the bundled sample sites: recurring lines go once a site has enough pages."""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from newsgraph.config import Settings
from newsgraph.extraction import extract_html, extract_page
from newsgraph.extraction.template import MAX_KEYS, apply_template, learned_keys, line_keys, update_template
from newsgraph.ingest import runner
from newsgraph.model import Page

PROMO = {
    "meridianpost": "Only verified information is on our Telegram channel",
    "visnyk": "Тільки перевірена інформація у нас в Telegram-каналі",
    "baltobzor": "Подписывайтесь на наш канал в Telegram",
    "kurier": "Najważniejsze informacje z kraju i ze świata znajdziesz",
}
OTHER_NEWS = {"meridianpost": "Other News", "visnyk": "Інші новини", "baltobzor": "Другие новости",
              "kurier": "Pozostałe wiadomości"}
LANGUAGE_MENU = {"meridianpost": "Русский", "visnyk": "RU | EN", "baltobzor": "LV RU EN", "kurier": "PL | EN | UA"}
SETTINGS = Settings(template_min_pages=4, analyze=False)


def store_page(page: Page, store, settings: Settings = SETTINGS) -> runner.IngestResult:
    """The runner's extract -> store steps without the (slow) language stages, which these tests do not need."""
    article = extract_page(page, store=store, settings=settings)
    result = store.put_article(article, raw_html=page.body)
    return runner.IngestResult(page.url, "ok" if result.status != "unchanged" else "unchanged", result.status,
                               article.id, article.title)


@pytest.fixture(autouse=True)
def light_runner(monkeypatch):
    monkeypatch.setattr(runner, "process_page", store_page)


def pages_of(site: str) -> list[Page]:
    paths = sorted((SAMPLES / site).glob("*.html"))
    return [Page(url=path.resolve().as_uri(), body=path.read_bytes()) for path in paths]


@pytest.mark.parametrize("site", sorted(PROMO))
def test_recurring_lines_are_dropped_once_the_site_has_enough_pages(site, store):
    pages = pages_of(site)
    assert len(pages) >= 6
    first = extract_page(pages[0], store, SETTINGS)
    assert PROMO[site] in first.text  # every extractor keeps the promo line on a single page
    for page in pages[1:SETTINGS.template_min_pages - 1]:
        extract_page(page, store, SETTINGS)
    for page in pages[SETTINGS.template_min_pages - 1:]:
        article = extract_page(page, store, SETTINGS)
        for furniture in (PROMO[site], OTHER_NEWS[site], LANGUAGE_MENU[site]):
            assert furniture not in article.text
        dropped = [d for d in article.extraction.dropped if d.reason == "site-template"]
        assert any(PROMO[site] in d.text for d in dropped)
        assert article.extraction.template_version and article.extraction.template_version >= 1
    template = store.get_site_template(first.site)
    assert template.page_count == len(pages) and template.version >= 1


def test_same_page_twice_is_counted_once(store):
    page = pages_of("visnyk")[0]
    store_page(page, store)
    store_page(page, store)
    assert store.get_site_template("visnyk.example").page_count == 1


def test_pages_stored_before_the_template_was_ready_are_re_extracted(store):
    pages = pages_of("baltobzor")
    results = [store_page(page, store) for page in pages[:SETTINGS.template_min_pages]]
    for result in results:
        article = store.get_article(result.article_id)
        assert PROMO["baltobzor"] not in article.text
        assert any(d.reason == "site-template" for d in article.extraction.dropped)


def test_no_template_without_a_store_or_a_site():
    html = (SAMPLES / "kurier").glob("*.html").__next__().read_bytes()
    article = extract_html(html)
    assert PROMO["kurier"] in article.text and article.extraction.template_version is None


def test_template_stays_bounded_and_labelled_lines_are_learned():
    template = None
    for number in range(400):
        lines = [f"Unique sentence number {number} about topic {number * 7}, long enough to be a line." + "x" * (
            number % 13), f"Read also: story number {number}", "Subscribe to our newsletter"] + [
            f"Another unique line {number}-{k} with words {k * number}" for k in range(10)]
        template = update_template(template, "example.org", lines, min_pages=5)
    assert len(template.line_counts) <= MAX_KEYS
    keys = learned_keys(template, 5)
    assert "lead:read also" in keys and any(k.startswith("line:subscribe") for k in keys)

    class Line:
        def __init__(self, text):
            self.text = text

    kept, dropped = apply_template([Line("Read also: a brand new story"), Line("Fresh reporting here.")], keys)
    assert [k.text for k in kept] == ["Fresh reporting here."] and dropped[0].reason == "site-template"
    assert line_keys("   ") == ()
