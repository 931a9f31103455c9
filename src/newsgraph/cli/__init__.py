"""Command line interface: a thin layer over the Python API (``newsgraph --help``)."""

from __future__ import annotations

import importlib

from newsgraph.cli.app import app

# Each module registers its commands on `app` (or on `eval_app` / `train_app`). A feature adds its module here.
_COMMAND_MODULES = ["ingest", "read", "entities", "quotes", "claims", "stories", "serve", "evaluate"]


def _load_commands() -> None:
    for name in _COMMAND_MODULES:
        try:
            importlib.import_module(f"newsgraph.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newsgraph.cli.{name}":
                raise


def main() -> None:
    _load_commands()
    app()


__all__ = ["app", "main"]
