"""`newsgraph eval extraction`: main-text extraction benchmark (newsgraph vs trafilatura vs readability-lxml)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app, friendly_errors


@eval_app.command("extraction")
def extraction(
    data: str = typer.Option("../shared/bench/extraction/scrapinghub", help="Benchmark folder: html/<id>.html.gz "
                             "and ground-truth.json (Scrapinghub article-extraction-benchmark)."),
    limit: int | None = typer.Option(None, help="Only the first N pages (sorted by id)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
    systems: str = typer.Option("newsgraph,trafilatura,readability-lxml", help="Comma-separated systems to run."),
) -> None:
    """Precision, recall, F1 (token 4-gram shingles, averaged over pages) and pages/s, all measured in this run."""
    from newsgraph.eval.extraction import ANCHORS, EXTRACTORS, run_benchmark

    chosen = tuple(name.strip() for name in systems.split(",") if name.strip())
    unknown = [name for name in chosen if name not in EXTRACTORS]
    if unknown:
        raise typer.BadParameter(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(EXTRACTORS)}")
    with friendly_errors():
        if as_json:
            results = [r.summary() for r in run_benchmark(data, limit, chosen)]
            print(json.dumps({"data": data, "limit": limit, "results": results, "published_f1": ANCHORS}, indent=2))
            return
        with console.status("extracting (systems interleaved page by page) ..."):
            results = run_benchmark(data, limit, chosen)
    console.print(_table(results, ANCHORS))


def _table(results, anchors: dict[str, float]) -> Table:
    speeds = {r.name: r.pages_per_s for r in results}
    reference = speeds.get("trafilatura")
    published = " · ".join(f"{name} {f1:.3f}" for name, f1 in anchors.items())
    table = Table(title=f"Main-text extraction, {len(results[0].per_page) if results else 0} pages "
                        "(Scrapinghub benchmark; F1 of token 4-gram shingles)",
                  caption=f"Published F1 on this benchmark: {published}")
    table.add_column("system", no_wrap=True)
    for column in ("precision", "recall", "F1", "pages/s", "× traf.", "failures"):
        table.add_column(column, justify="right")
    for result in results:
        ratio = f"{result.pages_per_s / reference:.2f}" if reference else ""
        table.add_row(result.name, f"{result.precision:.3f}", f"{result.recall:.3f}", f"[bold]{result.f1:.3f}",
                      f"{result.pages_per_s:.1f}", ratio, str(result.failures))
    return table
