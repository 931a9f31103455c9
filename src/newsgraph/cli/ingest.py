"""`newsgraph ingest SOURCE...`"""

from __future__ import annotations

import time
from collections import Counter

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.cli.app import DB_OPTION, app, console, opened_store
from newsgraph.config import FetchSettings, Settings


@app.command()
def ingest(
    sources: list[str] = typer.Argument(..., help="URLs, feeds, sitemaps, WARC files, HTML files or folders."),
    db: str = DB_OPTION,
    allow_private: bool = typer.Option(False, help="Allow fetching private, loopback and link-local addresses."),
    delay: float = typer.Option(1.0, help="Seconds between requests to one host."),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Skip entities, quotes, claims and framing."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots", help="Do not honour robots.txt (your own sites)."),
) -> None:
    """Ingest pages into the store; prints progress and a table of ok / skipped / failed with reasons."""
    from newsgraph.ingest import ingest as run_ingest

    settings = Settings(
        fetch=FetchSettings(allow_private=allow_private, per_host_delay=delay, respect_robots=not ignore_robots),
        analyze=not no_analyze,
    )
    counts: Counter[str] = Counter()
    problems: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    with opened_store(db) as store, Progress(
        SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} pages/s"), TimeElapsedColumn(), console=console, transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate=0.0)
        for result in run_ingest(sources, store, settings):
            counts[result.status] += 1
            if result.status in {"skipped", "failed"}:
                problems.append((result.status, result.source, result.reason))
            done = sum(counts.values())
            progress.update(task, advance=1, rate=done / max(time.perf_counter() - started, 1e-9))
    _print_summary(counts, problems)


def _print_summary(counts: Counter[str], problems: list[tuple[str, str, str]]) -> None:
    table = Table(title="ingest summary")
    table.add_column("status")
    table.add_column("pages", justify="right")
    for status in ("ok", "unchanged", "skipped", "failed"):
        table.add_row(status, str(counts.get(status, 0)))
    console.print(table)
    if problems:
        detail = Table(title="skipped and failed")
        for name in ("status", "source", "reason"):
            detail.add_column(name, overflow="fold")
        for row in problems[:200]:
            detail.add_row(*row)
        console.print(detail)
