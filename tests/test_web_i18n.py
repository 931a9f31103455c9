"""UI translations: complete catalogs, compiled .mo files in step with the .po sources, the language switch."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import newsgraph
from newsgraph.web import create_app
from newsgraph.web.i18n import LOCALE_DIR, pick_language
from test_web_fixtures import build_reader_store

WEB = Path(newsgraph.__file__).parent / "web"
LANGS = ("uk", "ru", "pl")


def _template_ids() -> set[str]:
    found = extract_from_dir(str(WEB / "templates"), method_map=[("**.html", "jinja2")],
                             options_map={"**.html": {"extensions": "jinja2.ext.i18n"}})
    return {message[0] if isinstance(message, tuple) else message for _, _, message, _, _ in found}


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_translates_every_template_string(lang):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id and m.string
                  and all(m.string if isinstance(m.string, tuple) else [m.string])}
    missing = _template_ids() - translated
    assert not missing, f"untranslated in {lang}: {sorted(missing)}; update the .po and run pybabel compile"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_matches_its_source(lang):
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as po, open(folder / "messages.mo", "rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    as_text = lambda value: "\x00".join(value) if isinstance(value, (tuple, list)) else value  # noqa: E731
    pairs = lambda catalog: {(as_text(m.id), as_text(m.string)) for m in catalog if m.id}  # noqa: E731
    assert pairs(source) == pairs(compiled), "recompile: pybabel compile -d src/newsgraph/web/locale"


def test_pick_language():
    assert pick_language("uk", "pl", "ru") == "uk"
    assert pick_language(None, "pl", "ru") == "pl"
    assert pick_language("xx", None, "de-DE,ru;q=0.8,en;q=0.5") == "ru"
    assert pick_language(None, None, "en-GB;q=0.2,pl;q=0.9") == "pl"
    assert pick_language(None, None, None) == "en"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("i18n") / "i18n.db"
    with newsgraph.open(path) as store:
        build_reader_store(store)
    with TestClient(create_app(path)) as test_client:
        yield test_client


@pytest.mark.parametrize("lang, heading, plural", [
    ("en", "Latest stories", "4 articles"), ("uk", "Останні сюжети", "4 статті"),
    ("ru", "Последние сюжеты", "4 статьи"), ("pl", "Najnowsze tematy", "4 artykuły"),
])
def test_switch_translates_labels_and_plurals(client, lang, heading, plural):
    client.cookies.clear()
    html = client.get("/", params={"ui": lang}).text
    assert f"<h1>{heading}</h1>" in html and plural in html and f'<html lang="{lang}">' in html


def test_choice_is_remembered_in_a_cookie(client):
    client.cookies.clear()
    response = client.get("/search", params={"ui": "pl"})
    assert response.cookies.get("ui") == "pl" and response.headers["content-language"] == "pl"
    assert "<h1>Szukaj</h1>" in client.get("/search").text  # the cookie carries the choice
    client.cookies.clear()
    assert "<h1>Поиск</h1>" in client.get("/search", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).text


def test_switch_links_keep_the_query(client):
    client.cookies.clear()
    html = client.get("/search", params={"q": "bridges", "lang": "en"}).text
    assert 'href="/search?q=bridges&amp;lang=en&amp;ui=uk"' in html
