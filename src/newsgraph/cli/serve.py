"""`newsgraph serve` (the web reader and HTTP API) and `newsgraph eval web` (page render times)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgraph.cli.app import DB_OPTION, app, console, eval_app, friendly_errors


@app.command()
def serve(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 exposes the reader to your network)."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the web reader and the JSON API (/api, schema at /api/openapi.json) over the store."""
    import uvicorn

    from newsgraph.web import create_app

    if db != ":memory:" and not Path(db).exists():
        console.print(f"[red]No store at {db}.[/] Ingest pages first: newsgraph ingest SOURCE --db {db}")
        raise typer.Exit(1)
    with friendly_errors():
        web_app = create_app(db)
    console.print(f"newsgraph reader on [bold]http://{host}:{port}/[/] (store {db}); Ctrl+C stops it")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@eval_app.command("web")
def eval_web(
    articles: int = typer.Option(50_000, help="Articles in the synthetic store."),
    db: str = typer.Option("bench-out/web-{articles}.db", help="Where to build (and reuse) the synthetic store."),
    repeat: int = typer.Option(30, help="Requests per page."),
) -> None:
    """Render every page over a synthetic store and print median / p95 times (goal: < 150 ms per page)."""
    from newsgraph.web.bench import build_synthetic_store, time_pages

    path = Path(db.format(articles=articles))
    path.parent.mkdir(parents=True, exist_ok=True)
    with friendly_errors():
        built = build_synthetic_store(path, articles, progress=lambda n: console.print(f"  built {n} articles"))
        rows = time_pages(path, repeat=repeat)
    console.print(f"store: {path} ({articles} articles; {'built now' if built else 'reused'})")
    console.print(f"{'page':<40}{'first ms':>10}{'median ms':>11}{'p95 ms':>9}{'status':>8}")
    for name, first, median, p95, status in rows:
        console.print(f"{name:<40}{first:>10.1f}{median:>11.1f}{p95:>9.1f}{status or '':>8}", highlight=False)
    worst = max((row for row in rows if not row[0].startswith(("anchor", "uncached"))), key=lambda row: row[3])
    verdict = "[green]meets[/]" if worst[3] < 150 else "[red]misses[/]"
    console.print(f"slowest page p95: {worst[0]} {worst[3]:.1f} ms: {verdict} the 150 ms goal", highlight=False)
    console.print("first ms: the first request (cold caches); uncached: the aggregates the reader reuses for 60 s",
                  style="dim")
