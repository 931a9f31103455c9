"""`newsgraph entities` and `newsgraph entity NAME` over a store (mentions built by hand: no model needed)."""

from datetime import UTC, datetime

from typer.testing import CliRunner

from newsgraph.cli import _load_commands, app
from newsgraph.ingest.runner import entities_of
from newsgraph.model import Article, Mention
from newsgraph.understand.linking import entity_id


def _article(n, text, lang, site, mentions):
    return Article(id=f"a{n}", url=f"https://{site}/{n}", text=text, title=f"t{n}", site=site, language=lang,
                   published=datetime(2023, 10, 17 + n, tzinfo=UTC), content_hash=f"h{n}",
                   mentions=tuple(mentions))


def _mention(text, whole, label, lemma, lang):
    start = whole.index(text)
    return Mention(start, start + len(text), text, label, lemma, entity_id(lemma, label, lang))


def fill(db):
    import newsgraph

    uk = "Путіна зустрів Сі Цзіньпін у Пекіні."
    pl = "Putina przyjął Xi Jinping w Pekinie."
    en = "Putin met Xi Jinping in Beijing."
    articles = [
        _article(1, uk, "uk", "uk.example", [_mention("Путіна", uk, "PER", "Путін", "uk"),
                                             _mention("Сі Цзіньпін", uk, "PER", "Сі Цзіньпін", "uk"),
                                             _mention("Пекіні", uk, "LOC", "Пекін", "uk")]),
        _article(2, pl, "pl", "pl.example", [_mention("Putina", pl, "PER", "Putin", "pl"),
                                             _mention("Xi Jinping", pl, "PER", "Xi Jinping", "pl")]),
        _article(3, en, "en", "en.example", [_mention("Putin", en, "PER", "Putin", "en"),
                                             _mention("Beijing", en, "LOC", "Beijing", "en")]),
    ]
    with newsgraph.open(db) as store:
        for article in articles:
            store.put_article(article)
            store.put_entities(entities_of(article))


def run(*args):
    _load_commands()
    return CliRunner().invoke(app, list(args))


def test_entities_lists_the_most_mentioned_first(tmp_path):
    db = str(tmp_path / "e.db")
    fill(db)
    result = run("entities", "--db", db, "--top", "5")
    assert result.exit_code == 0, result.output
    assert result.output.index("g:vladimir-putin") < result.output.index("g:beijing")
    only_pl = run("entities", "--db", db, "--lang", "pl", "--label", "PER")
    assert "g:beijing" not in only_pl.output and "g:xi-jinping" in only_pl.output


def test_entity_shows_names_per_language_outlets_and_cooccurring(tmp_path):
    db = str(tmp_path / "e.db")
    fill(db)
    result = run("entity", "Putin", "--db", db)
    assert result.exit_code == 0, result.output
    for expected in ("uk: Путін", "pl: Putin", "en: Putin", "uk.example", "pl.example", "Co-occurring", "3 mentions"):
        assert expected in result.output
    by_other_script = run("entity", "Путін", "--db", db)
    assert "g:vladimir-putin" in by_other_script.output


def test_entity_unknown_name_says_what_to_do(tmp_path):
    db = str(tmp_path / "e.db")
    fill(db)
    result = run("entity", "Nobody Known", "--db", db)
    assert result.exit_code == 1
    assert "newsgraph entities" in result.output
