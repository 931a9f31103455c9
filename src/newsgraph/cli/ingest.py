"""`newsgraph ingest SOURCE...`"""

from __future__ import annotations

import logging
import time
from collections import Counter
from contextlib import contextmanager

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.cli.app import DB_OPTION, app, console, opened_store
from newsgraph.config import FetchSettings, Settings

_SHOWN_PROBLEMS = 30


@app.command()
def ingest(
    sources: list[str] = typer.Argument(..., help="URLs, feeds, sitemaps, WARC files, HTML files or folders."),
    db: str = DB_OPTION,
    allow_private: bool = typer.Option(False, help="Allow fetching private, loopback and link-local addresses."),
    delay: float = typer.Option(1.0, min=0.0, help="Seconds between requests to one host."),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Skip entities, quotes, claims and framing."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots", help="Do not honour robots.txt (your own sites)."),
    limit: int | None = typer.Option(None, min=1, help="At most this many pages from each source."),
    concurrency: int = typer.Option(1, min=1, max=64, help="Hosts fetched at once (one request at a time per host)."),
    timeout: float = typer.Option(20.0, min=0.1, help="Seconds to wait to connect and for each read."),
    max_mb: float = typer.Option(20.0, min=0.01, help="Size cap of one page in MB (after decompression)."),
    all_problems: bool = typer.Option(False, "--all-problems", help="List every skipped and failed item."),
) -> None:
    """Ingest pages into the store; prints progress and a table of ok / unchanged / skipped / failed with reasons."""
    from newsgraph.ingest import ingest as run_ingest

    fetch = FetchSettings(allow_private=allow_private, per_host_delay=delay, respect_robots=not ignore_robots,
                          timeout=timeout, max_bytes=int(max_mb * 1024 * 1024))
    settings = Settings(fetch=fetch, analyze=not no_analyze)
    counts: Counter[str] = Counter()
    problems: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    interrupted = False
    with opened_store(db) as store, _logs_above_progress(), Progress(
        SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} pages/s"), TimeElapsedColumn(), console=console, transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate=0.0)
        try:
            for result in run_ingest(sources, store, settings, limit=limit, concurrency=concurrency):
                counts[_row_of(result.status, result.reason)] += 1
                if result.status in {"skipped", "failed"}:
                    problems.append((result.status, result.source, result.reason))
                done = sum(counts.values())
                progress.update(task, advance=1, rate=done / max(time.perf_counter() - started, 1e-9))
        except KeyboardInterrupt:  # everything counted so far is committed: say so and stop
            interrupted = True
    _print_summary(counts, problems, time.perf_counter() - started, all_problems)
    if interrupted:
        console.print("[yellow]Interrupted.[/] The articles counted above are stored; run the same command to go on.")
        raise typer.Exit(130)
    if counts and counts.get("failed", 0) == sum(counts.values()):
        raise typer.Exit(1)


@contextmanager
def _logs_above_progress():
    """Warnings from the stages are printed above the progress bar instead of through it."""
    from rich.logging import RichHandler

    root = logging.getLogger()
    if root.handlers:  # the caller configured logging: leave it alone
        yield
        return
    handler = RichHandler(console=console, show_path=False, show_time=False, level=logging.WARNING)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)


def _row_of(status: str, reason: str) -> str:
    return f"ok ({reason})" if status == "ok" and reason in {"inserted", "updated"} else status


def _print_summary(counts: Counter[str], problems: list[tuple[str, str, str]], seconds: float,
                   all_problems: bool) -> None:
    total = sum(counts.values())
    table = Table(title=f"ingest summary: {total} items in {seconds:.1f}s ({total / max(seconds, 1e-9):.1f}/s)")
    table.add_column("status")
    table.add_column("items", justify="right")
    table.add_column("meaning", style="dim")
    for row, meaning in (("ok (inserted)", "new article stored"), ("ok (updated)", "stored article changed"),
                         ("unchanged", "same content already stored"), ("skipped", "not an article or not ours"),
                         ("failed", "could not be fetched, read or extracted")):
        table.add_row(row, str(counts.get(row, 0)), meaning)
    console.print(table)
    if problems:
        _print_reasons(problems)
        _print_problems(problems if all_problems else problems[:_SHOWN_PROBLEMS], len(problems))


def _print_reasons(problems: list[tuple[str, str, str]]) -> None:
    by_reason = Counter((status, reason.split(":", 1)[0]) for status, _, reason in problems)
    table = Table(title="skipped and failed, by reason")
    for name, justify in (("status", "left"), ("reason", "left"), ("items", "right")):
        table.add_column(name, justify=justify)
    for (status, tag), n in by_reason.most_common():
        table.add_row(status, tag, str(n))
    console.print(table)


def _print_problems(shown: list[tuple[str, str, str]], total: int) -> None:
    title = "skipped and failed items" + (f" (first {len(shown)} of {total}; --all-problems lists all)"
                                          if len(shown) < total else "")
    detail = Table(title=title)
    for name in ("status", "source", "reason"):
        detail.add_column(name, overflow="fold")
    for row in shown:
        detail.add_row(*row)
    console.print(detail)
