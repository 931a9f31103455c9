"""Reading commands: `extract`, `search`, `show`, `export`, `stats`."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table

from newsgraph import serialize
from newsgraph.cli.app import DB_OPTION, app, console, friendly_errors, opened_store
from newsgraph.store import ArticleFilter


@app.command()
def extract(
    source: str = typer.Argument(..., help="An HTML file or a URL."),
    format: str = typer.Option("json", "--format", "-f", help="json or text."),
    allow_private: bool = typer.Option(False, help="Allow fetching private addresses."),
) -> None:
    """Extract one page and print the article (no store involved)."""
    import newsgraph

    with friendly_errors():
        if source.startswith(("http://", "https://")):
            from newsgraph.config import FetchSettings
            from newsgraph.ingest.fetch import fetch_page

            page = fetch_page(source, FetchSettings(allow_private=allow_private))
            article = newsgraph.extract(page.body, url=page.final_url or page.url)
        else:
            path = Path(source)
            if not path.is_file():
                raise typer.BadParameter(f"{source} is not a file or an http(s) URL")
            article = newsgraph.extract(path.read_bytes(), url=None)
    if format == "text":
        console.print(f"[bold]{article.title or ''}[/]", highlight=False)
        meta = [", ".join(article.authors), str(article.published or ""), article.section or "", article.language or ""]
        console.print(" | ".join(m for m in meta if m), style="dim", highlight=False)
        print()
        print(article.text)
    else:
        print(json.dumps(serialize.to_dict(article), ensure_ascii=False, indent=2))


def _filter(lang, site, since, until) -> ArticleFilter:
    return ArticleFilter(lang=lang, site=site, since=since, until=until)


@app.command()
def search(
    query: str,
    db: str = DB_OPTION,
    lang: str | None = typer.Option(None, help="Only articles in this language (en, uk, ru, pl ...)."),
    site: str | None = typer.Option(None, help="Only articles from this site (host name)."),
    since: datetime | None = typer.Option(None, help="Published on or after (YYYY-MM-DD)."),
    until: datetime | None = typer.Option(None, help="Published on or before (YYYY-MM-DD)."),
    limit: int = typer.Option(20, help="How many results."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines instead of a table."),
) -> None:
    """Full-text search over titles and texts (case and diacritics folded: "zelenski" finds "Zełenski")."""
    with opened_store(db) as store:
        hits = store.search(query, _filter(lang, site, since, until), limit=limit)
    if as_json:
        for hit in hits:
            print(serialize.dumps(hit))
        return
    table = Table(title=f"{len(hits)} results for {query!r}")
    for name in ("id", "published", "lang", "site", "title / snippet"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        table.add_row(hit.article_id, str(hit.published or "")[:10], hit.language or "", hit.site or "",
                      f"[bold]{hit.title or ''}[/]\n{hit.snippet}")
    console.print(table)


@app.command()
def show(article_id: str, db: str = DB_OPTION, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show one stored article (by id or URL) with what was found in it."""
    with opened_store(db) as store:
        article = store.get_article(article_id) or store.get_article_by_url(article_id)
    if article is None:
        console.print(f"[red]No article {article_id!r} in {db}.[/] Try `newsgraph search`.")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(serialize.to_dict(article), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{article.title or '(no title)'}[/]", highlight=False)
    console.print(f"{article.url or ''}\n{', '.join(article.authors)} | {article.published or ''} | "
                  f"{article.section or ''} | {article.language or ''} | {article.site or ''}", style="dim",
                  highlight=False)
    console.print(article.text, highlight=False)
    counts = {name: len(getattr(article, name)) for name in ("mentions", "quotes", "claims", "framing")}
    console.print(" ".join(f"{k}: {v}" for k, v in counts.items()), style="dim")
    if article.extraction and article.extraction.dropped:
        console.print(f"dropped by the extractor ({len(article.extraction.dropped)}):", style="dim")
        for dropped in article.extraction.dropped[:20]:
            console.print(f"  - [{dropped.reason}] {dropped.text[:100]}", style="dim", highlight=False)


@app.command()
def export(
    out: str = typer.Argument("-", help="Output file ('-' for standard output, JSON Lines only)."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or parquet."),
    db: str = DB_OPTION,
    lang: str | None = typer.Option(None),
    site: str | None = typer.Option(None),
    since: datetime | None = typer.Option(None),
    until: datetime | None = typer.Option(None),
) -> None:
    """Export articles with their analysis records as JSON Lines or Parquet."""
    from newsgraph.export import write_jsonl, write_parquet

    if format not in ("jsonl", "parquet"):
        raise typer.BadParameter("format must be jsonl or parquet")
    if format == "parquet" and out == "-":
        raise typer.BadParameter("give an output file for parquet")
    with opened_store(db) as store:
        articles = store.iter_articles(_filter(lang, site, since, until))
        if format == "parquet":
            count = write_parquet(articles, out)
        elif out == "-":
            count = write_jsonl(articles, sys.stdout)
        else:
            with open(out, "w", encoding="utf-8") as handle:
                count = write_jsonl(articles, handle)
    if out != "-":
        console.print(f"wrote {count} articles to {out}")


@app.command()
def stats(db: str = DB_OPTION) -> None:
    """What the store holds."""
    with opened_store(db) as store:
        figures = store.stats()
    table = Table(title=f"newsgraph store {db}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in figures.items():
        if isinstance(value, dict):
            table.add_row(key, ", ".join(f"{k}: {v}" for k, v in list(value.items())[:12]))
        else:
            table.add_row(key, str(value))
    console.print(table)
