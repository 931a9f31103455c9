"""Store and CLI over claims and framing: `newsgraph claims`, `newsgraph framing`, `newsgraph eval claims`."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from newsgraph.cli import _load_commands, app
from newsgraph.model import Entity, Mention
from newsgraph.pipeline import article_from_text
from newsgraph.understand import claims, framing, sentences

TEXT = (
    "On Tuesday, Russian dictator Vladimir Putin flew to Beijing, where leaders of 130 countries gathered. "
    "According to the ministry, trade with China grew by 26 percent in 2023."
)


@pytest.fixture
def db(tmp_path):
    import newsgraph

    article = replace(article_from_text(TEXT, "en"), site="example.org", id="a1")
    start = TEXT.index("Vladimir Putin")
    article = sentences.run(replace(article, mentions=(
        Mention(start, start + 14, "Vladimir Putin", "PER", lemma="Vladimir Putin", entity_id="Q7747"),)))
    article = framing.run(claims.run(article))
    path = tmp_path / "cli.db"
    with newsgraph.open(path) as store:
        store.put_article(article)
        store.put_entities([Entity("Q7747", "PER", "Vladimir Putin", (("en", "Vladimir Putin"),), 1)])
    return str(path)


def _run(*args):
    _load_commands()
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    return result.output


def test_store_keeps_claims_and_framing_with_offsets(db):
    import newsgraph

    with newsgraph.open(db) as store:
        rows = store.claims(min_score=0.3)
        spans = store.framing(site="example.org")
    assert rows and all(TEXT[r["start"] : r["end"]] == r["text"] for r in rows)
    assert any("130 countries" in r["numbers"] for r in rows)
    assert any(s["technique"] == "name_calling" and s["target_entity_id"] == "Q7747" for s in spans)


def test_claims_command_lists_claims_with_article_offsets(db):
    out = _run("claims", "--db", db, "--min-score", "0.3", "--json")
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert rows and rows[0]["article_id"] == "a1" and rows[0]["score"] >= rows[-1]["score"]
    assert "claims" in _run("claims", "--db", db, "--min-score", "0.3")


def test_framing_command_summarises_per_outlet_and_entity(db):
    out = _run("framing", "--db", db)
    assert "example.org" in out and "Vladimir Putin" in out and "a1:" in out
    out = _run("framing", "--db", db, "--entity", "Q7747", "--json")
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert rows and all(r["target_entity_id"] == "Q7747" for r in rows)


def test_eval_claims_prints_every_language():
    out = _run("eval", "claims")
    for lang in ("en", "uk", "ru", "pl"):
        assert lang in out


def test_framing_command_keeps_only_spans_at_or_above_min_score(db):
    out = _run("framing", "--db", db, "--min-score", "0.85", "--json")
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert rows and all(r["score"] >= 0.85 for r in rows)  # the lexicon's "dictator" (0.9) stays
