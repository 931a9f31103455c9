"""The typer application objects. Command modules register on these; no logic lives in a command."""

from __future__ import annotations

from contextlib import contextmanager

import typer
from rich.console import Console

from newsgraph.errors import NewsgraphError

app = typer.Typer(
    name="newsgraph",
    help="Self-hosted news intelligence: ingest, extract, understand and connect news pages.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Benchmarks: print our figures beside an anchor measured in the same run.",
                       no_args_is_help=True)
train_app = typer.Typer(help="Train the models newsgraph ships.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

console = Console()
err_console = Console(stderr=True)

DB_OPTION = typer.Option("newsgraph.db", "--db", envvar="NEWSGRAPH_DB", help="The store: a SQLite file path.")


@contextmanager
def friendly_errors():
    """Turn newsgraph errors into one readable line and exit code 1, instead of a traceback."""
    try:
        yield
    except NewsgraphError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}")
        raise typer.Exit(1) from None


@contextmanager
def opened_store(db: str):
    from newsgraph.api import open as open_store

    with friendly_errors(), open_store(db) as store:
        yield store
