"""`newsgraph serve` and `newsgraph eval web` (on a tiny synthetic store)."""

from __future__ import annotations

from typer.testing import CliRunner

from newsgraph.cli import _load_commands, app

_load_commands()
runner = CliRunner()


def test_serve_refuses_a_missing_store(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1 and "No store at" in result.output


def test_serve_help_shows_options():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port"):
        assert option in result.output


def test_eval_web_prints_page_times(tmp_path):
    db = tmp_path / "bench-{articles}.db"
    result = runner.invoke(app, ["eval", "web", "--articles", "60", "--db", str(db), "--repeat", "1"])
    assert result.exit_code == 0, result.output
    assert "anchor: /api/health" in result.output and "front /" in result.output
    assert "slowest page p95" in result.output
    assert " 404" not in result.output and " 500" not in result.output


def test_synthetic_articles_have_valid_offsets():
    from newsgraph.web.bench import synthetic_articles

    for article, _ in synthetic_articles(30):
        for record in (*article.mentions, *article.quotes, *article.claims, *article.framing):
            assert article.text[record.start:record.end] == record.text
