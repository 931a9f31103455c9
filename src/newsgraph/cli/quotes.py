"""Quote commands: `quotes` (who said what, from the store) and `eval quotes` (the benchmark)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from newsgraph.cli.app import DB_OPTION, app, console, eval_app, friendly_errors, opened_store


@app.command()
def quotes(
    db: str = DB_OPTION,
    speaker: str | None = typer.Option(None, "--speaker", help="Only quotes by this speaker (name or entity id)."),
    about: str | None = typer.Option(None, "--about", help="Only quotes that mention this entity in their content."),
    lang: str | None = typer.Option(None, "--lang", help="Only articles in this language (en, uk, ru, pl)."),
    limit: int = typer.Option(50, "--limit", help="At most this many quotes."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Who said what: quotes in the store, newest articles first, each with its article and offsets."""
    with opened_store(db) as store:
        rows = store.quotes(speaker=speaker, about=about, lang=lang, limit=limit)
    if format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    table = Table("speaker", "via", "kind", "quote", "article", "offsets", show_lines=False)
    for row in rows:
        text = row["text"] if len(row["text"]) <= 120 else row["text"][:117] + "..."
        article = f"{row.get('site') or ''} {row['article_id'][:10]}".strip()
        table.add_row(row.get("speaker") or "-", row.get("speaker_via") or "-", row["kind"], text, article,
                      f"{row['start']}-{row['end']}")
    console.print(table)
    console.print(f"{len(rows)} quote(s)", style="dim")


@eval_app.command("quotes")
def eval_quotes(
    data: str = typer.Option("../shared/data/quotes/polnear", "--data", help="PolNeAR folder (train/text, ...)."),
    gold: str = typer.Option("tests/fixtures/quotes", "--gold", help="Folder of the team's <lang>.jsonl cases."),
    part: str = typer.Option("heldout", "--part", help="PolNeAR part: heldout (report), dev (tune) or all."),
    limit: int = typer.Option(0, "--limit", help="Only the first N PolNeAR articles (0: all)."),
) -> None:
    """Quote precision / recall / F1 (overlap >= 0.3 and >= 0.8) and speaker accuracy, beside published anchors."""
    from pathlib import Path

    from newsgraph.eval.quotes import ANCHORS, baseline_quotes, evaluate, load_gold_cases, load_polnear

    with friendly_errors():
        cases = load_polnear(data, part)
        if limit:
            cases = cases[:limit]
        ours, baseline = evaluate(cases), evaluate(cases, baseline_quotes)
        team = load_gold_cases(gold) if Path(gold).is_dir() else []
        blind = load_gold_cases(Path(gold) / "heldout") if (Path(gold) / "heldout").is_dir() else []
    print(f"PolNeAR {part}: {len(cases)} articles (English)")
    print(f"{'':44}{'gold':>6}{'P.3':>7}{'R.3':>7}{'F1.3':>7}{'P.8':>7}{'R.8':>7}{'F1.8':>7}{'speaker':>9}")
    for subset in ("all", "speech"):
        print(_row(f"newsgraph, {subset} attributions", ours[subset]))
        print(_row(f"marks-only baseline (same run), {subset}", baseline[subset]))
    for label, group in (("team gold (tests)", team), ("team held-out gold", blind)):
        for lang in sorted({c.lang for c in group}):
            scores = evaluate([c for c in group if c.lang == lang], grouped=False)["all"]
            print(_row(f"newsgraph, {label} {lang}", scores))
    print("Anchors (published, on their own data): " + "; ".join(f"{k} {v}" for k, v in ANCHORS.items()))
    print("Goals: F1 (0.3) >= 85, speaker accuracy >= 88%.")


def _row(label: str, scores) -> str:
    p3, r3, f3 = scores.prf(0.3)
    p8, r8, f8 = scores.prf(0.8)
    cells = "".join(f"{100 * x:7.1f}" for x in (p3, r3, f3, p8, r8, f8))
    return f"{label:44}{scores.gold:6d}{cells}{100 * scores.speaker_accuracy:8.1f}%"
