"""Claims and framing commands: `claims`, `framing`, `train framing`, `train framing-teacher`, `eval framing`,
`eval claims`."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from newsgraph.cli.app import DB_OPTION, app, console, eval_app, friendly_errors, opened_store, train_app

LANG_CHOICES = ("en", "uk", "ru", "pl")
DATA_OPTION = typer.Option("../shared/data/propaganda", "--data", help="The propaganda data sets (../shared).")
NEWS_HELP = ("Folder of the unlabelled news the teacher scores (repeat for several): for en PolNeAR "
             "(../shared/data/quotes/polnear, its dev half), for uk, ru and pl the NER data (../shared/data/ner: "
             "SlavicNER's training topics, and ner-uk's training split for uk); for ru also UNLP-2025's folder "
             "(../shared/data/propaganda/unlp2025-manipulation: its Russian posts). Default: PolNeAR or the NER data.")


def _location(row: dict) -> str:
    return f"{row['article_id']}:{row.get('start')}-{row.get('end')}"


@app.command()
def claims(
    db: str = DB_OPTION,
    min_score: float = typer.Option(0.5, "--min-score", help="Only claims scoring at least this (0-1)."),
    entity: str | None = typer.Option(None, "--entity", help="Only claims naming this entity (name or id)."),
    limit: int = typer.Option(50, help="How many claims."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines instead of a table."),
) -> None:
    """Check-worthy claims, best first: score, kind, numbers and the article offsets of each sentence."""
    with opened_store(db) as store:
        rows = store.claims(min_score=min_score, entity=entity, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    table = Table(title=f"{len(rows)} claims (score >= {min_score})")
    for name in ("score", "kind", "claim", "numbers", "site", "article:start-end"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(f"{row['score']:.2f}", row["kind"], row["text"], ", ".join(row.get("numbers") or ()),
                      row.get("site") or "", _location(row))
    console.print(table)


def _summary_table(title: str, first: str, summaries) -> Table:
    table = Table(title=title)
    for name in (first, "spans", "articles", "spans/article", "techniques", "wordings"):
        table.add_column(name, overflow="fold")
    for s in summaries:
        table.add_row(s.name, str(s.spans), str(s.articles), f"{s.spans_per_article:.1f}",
                      ", ".join(f"{t} {n}" for t, n in s.techniques), ", ".join(f"{w!r} {n}" for w, n in s.wordings))
    return table


@app.command()
def framing(
    db: str = DB_OPTION,
    site: str | None = typer.Option(None, "--site", help="Only articles of this outlet (host name)."),
    entity: str | None = typer.Option(None, "--entity", help="Only spans targeting this entity (name or id)."),
    limit: int = typer.Option(1000, help="How many spans to read."),
    show: int = typer.Option(20, help="How many spans to list under the summaries."),
    min_score: float = typer.Option(0.0, "--min-score", help="Keep spans scored at least this (0-1) of those read; "
                                    "lexicon hits score 0.55-0.9, tagger spans their top token's probability."),
    as_json: bool = typer.Option(False, "--json", help="Print the spans as JSON Lines."),
) -> None:
    """Loaded language per outlet and per targeted entity: how often, which techniques, which words; then the spans,
    each with its article id and character offsets."""
    from newsgraph.understand.framing_report import by_site, by_target

    with opened_store(db) as store:
        rows = [r for r in store.framing(site=site, entity=entity, limit=limit) if r["score"] >= min_score]
        ids = {r["target_entity_id"] for r in rows if r.get("target_entity_id")}
        names = {i: e.name for i in ids if (e := store.get_entity(i))}
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    console.print(_summary_table("Framing per outlet", "outlet", by_site(rows)))
    console.print(_summary_table("Framing per targeted entity", "target", by_target(rows, names)))
    table = Table(title=f"Spans (first {min(show, len(rows))} of {len(rows)})")
    for name in ("technique", "score", "span", "target", "site", "article:start-end"):
        table.add_column(name, overflow="fold")
    for row in rows[:show]:
        table.add_row(row["technique"], f"{row['score']:.2f}", row["text"], row.get("target") or "",
                      row.get("site") or "", _location(row))
    console.print(table)


@train_app.command("framing")
def train_framing(
    lang: str = typer.Option(..., "--lang", help="en, uk, ru or pl."),
    data: str = DATA_OPTION,
    out: Path = typer.Option(None, "--out", help="Model folder (default src/newsgraph/models/framing-<lang>)."),
    taught: Path | None = typer.Option(None, "--taught", help="Also learn from a teacher's probabilities on "
                                       "unlabelled news: the file of `train framing-teacher --save-taught`."),
    news: list[Path] | None = typer.Option(None, "--news", "--polnear", help=NEWS_HELP),
) -> None:
    """Train the framing tagger of one language from the shared propaganda data (minutes; CPU)."""
    from newsgraph.train.framing import train_language
    from newsgraph.understand.framing_model import MODELS_DIR

    with friendly_errors():
        model = train_language(lang, data, out or MODELS_DIR / f"framing-{lang}", taught=taught, news=news)
    low = model.thresholds if model.low is None else model.low
    thresholds = {t: f"{float(high):.2f} (spans grow to {float(lo):.3f})"
                  for t, high, lo in zip(model.techniques, model.thresholds, low, strict=True)}
    console.print(f"framing-{lang}: {model.meta['documents']} documents, {len(model.rows)} weights, "
                  f"thresholds {thresholds}, {model.meta['train_seconds']} s")
    for technique, chosen in model.meta.get("span_filter", {}).items():
        console.print(f"  span filter, {technique}: out-of-fold span F1 {chosen['tagger_f1']:.3f} (tagger) -> "
                      f"{chosen['filtered_f1']:.3f}; candidates from seed {chosen['seed']:.3f}, kept at "
                      f"p >= {chosen['cutoff']:.3f}")


_SYSTEM_NAMES = {"e5": "e5 tagger", "e5 argmax": "e5, argmax tags", "linear": "linear tagger (as shipped)",
                 "stage": "stage (linear + lexicon)", "control tagger": "control: linear on the teacher's documents",
                 "control stage": "control + lexicon", "distilled tagger": "distilled: control + teacher on news",
                 "distilled stage": "distilled + lexicon",
                 "recipe tagger": "distilled as shipped: all training documents + teacher on news, span filter",
                 "recipe stage": "distilled as shipped + lexicon",
                 "recipe tagger, no filter": "distilled as shipped, without its span filter"}


@train_app.command("framing-teacher")
def train_framing_teacher(
    lang: str = typer.Option(..., "--lang", help="en, uk, ru or pl."),
    data: str = DATA_OPTION,
    minutes: float = typer.Option(15.0, help="Wall-clock budget of the e5 fine-tuning."),
    fold: int = typer.Option(0, help="Which fold of `eval framing`'s split is the test part (0-based)."),
    folds: int = typer.Option(3, help="Folds of the split (as `eval framing`)."),
    threads: int = typer.Option(2, help="CPU threads for PyTorch."),
    limit: int | None = typer.Option(None, help="Use only this many documents (quick runs)."),
    distil: bool = typer.Option(False, "--distil", help="Also distil the teacher into the linear tagger: it scores "
                                "unlabelled news (see --news) for a linear tagger to learn from, measured beside "
                                "a control fit on the same gold documents."),
    news: list[Path] | None = typer.Option(None, "--news", "--polnear", help=NEWS_HELP),
    unlabelled_limit: int | None = typer.Option(None, "--unlabelled-limit", help="At most this many of them."),
    save_taught: Path | None = typer.Option(None, "--save-taught", help="Instead of measuring a fold: train the "
                                            "teacher on every training document and save its probabilities on "
                                            "the unlabelled news to this file, for `train framing --taught`."),
) -> None:
    """Fine-tune multilingual-e5-small as a framing span tagger on one fold; score it beside the linear tagger
    trained on the same documents in the same run (needs PyTorch: pip install -e '.[teacher]')."""
    if not 0 <= fold < folds:
        raise typer.BadParameter(f"--fold must be between 0 and {folds - 1}")
    if distil or save_taught:
        from newsgraph.train.framing_distil import default_news, unlabelled_docs

        news = news or [default_news(lang)]
        if not unlabelled_docs(lang, news, limit=1):
            raise typer.BadParameter(f"no unlabelled {lang} news under {news}: pass --news ({NEWS_HELP})")
    try:
        from newsgraph.train.framing_teacher import FramingTeacherOptions, compare_on_fold, teach
    except ImportError as exc:  # torch is a training-only extra
        raise typer.BadParameter(f"the framing teacher needs PyTorch ({exc}): pip install -e '.[teacher]'") from exc
    options = FramingTeacherOptions(lang, Path(data), minutes, folds, fold, threads=threads, limit=limit,
                                    news=news if distil or save_taught else None,
                                    unlabelled_limit=unlabelled_limit)
    if save_taught:
        with friendly_errors():
            run = teach(options, save_taught, report=console.print)
        typer.echo(json.dumps({"lang": lang, "taught": str(save_taught), **run}))
        return
    with friendly_errors():
        figures = compare_on_fold(options, report=console.print)
    run = figures.pop("_run")
    table = Table("system", *figures, title=f"framing {lang}, fold {fold + 1} of {folds}: P / R / F1, spans "
                                            "(SemEval-2020 scorer) and word tokens (UNLP-2025's)")
    for kind in next(iter(figures.values())):
        table.add_row(_SYSTEM_NAMES.get(kind, kind), *(" / ".join(f"{x:.3f}" for x in figures[t][kind])
                                                       for t in figures))
    console.print(table)
    console.print(f"e5: {run['steps']} steps ({run['epochs']} epochs) in {run['train_minutes']} min; "
                  f"tags {run['e5_words_per_second']:,} words/s")
    typer.echo(json.dumps({"lang": lang, "fold": fold, "folds": folds, **figures, "run": run}))


@train_app.command("framing-clusters")
def train_framing_clusters(
    shared: str = typer.Option("../shared", "--shared", help="The shared data root (news text to cluster)."),
    out: Path = typer.Option(None, "--out", help="Folder (default src/newsgraph/models/framing-clusters)."),
    min_count: int = typer.Option(1, "--min-count", help="Keep words seen at least this often in one language."),
) -> None:
    """Cluster the news vocabulary's static-e5 word vectors: the framing taggers' cluster features (~2 min)."""
    from newsgraph.train.framing_clusters import build_clusters
    from newsgraph.understand.framing_clusters import CLUSTERS_DIR

    with friendly_errors():
        build_clusters(shared, out or CLUSTERS_DIR, min_count=min_count, log=console.print)


@eval_app.command("framing")
def eval_framing(
    data: str = DATA_OPTION,
    lang: list[str] = typer.Option(list(LANG_CHOICES), "--lang", help="Languages (repeat the option)."),
    folds: int = typer.Option(3, help="Cross-validation folds (documents)."),
    limit: int | None = typer.Option(None, help="Use at most this many documents per language (faster)."),
) -> None:
    """Span F1 (SemEval-2020 character overlap) by cross-validation, with speed, beside the published anchors."""
    from newsgraph.eval.framing import ANCHORS, EVAL_TECHNIQUES, KINDS, cross_validate, speed_of_shipped

    table = Table(title=f"Framing spans, {folds}-fold cross-validation (P / R / F1)")
    for name in ("lang", "docs", "technique", "tagger, no span filter", "model", "model+lexicon", "anchor",
                 "articles/s"):
        table.add_column(name, overflow="fold")
    with friendly_errors():
        for code in lang:
            report = cross_validate(code, data, folds=folds, limit=limit)
            speed = _speed(speed_of_shipped(code, data))
            label, anchor = ANCHORS[code]
            rows = [(t, report.scores[t]) for t in EVAL_TECHNIQUES if t in report.scores]
            rows.append(("all techniques", report.any_technique))
            rows.append(("all techniques, token-level", report.any_technique_tokens))
            anchor_row = len(rows) - 1  # the row measured most like the anchor
            for technique in (*EVAL_TECHNIQUES, "*") if report.paragraphs else ():
                name = "both" if technique == "*" else technique
                rows.append((f"2nd view: paragraph-level {name} ({report.paragraph_count} paragraphs)",
                             {kind: report.paragraphs[kind][technique] for kind in KINDS}))
                anchor_row = len(rows) - 1
            speeds = [speed, _filter_cost(report.filter_speed)]
            for i, (technique, score) in enumerate(rows):
                table.add_row(code if i == 0 else "", str(report.documents) if i == 0 else "", technique,
                              *(_prf(score[kind]) for kind in KINDS),
                              f"{anchor:.3f} {label}" if i == anchor_row else "", speeds[i] if i < 2 else "")
    console.print(table)


def _speed(speed) -> str:
    if speed is None:
        return "no shipped model"
    return (f"{speed.cold:.0f} cold / {speed.warm:.0f} warm; per CPU second {speed.cpu_cold:.0f} / "
            f"{speed.cpu_warm:.0f} (goal 200; {speed.mean_chars:.0f} chars/article)")


def _filter_cost(speeds) -> str:
    if speeds is None:
        return ""
    plain, filtered = speeds
    return (f"a fold model per CPU second, cold / warm: {plain.cpu_cold:.0f} / {plain.cpu_warm:.0f} without its span "
            f"filter, {filtered.cpu_cold:.0f} / {filtered.cpu_warm:.0f} with it")


def _prf(values) -> str:
    return " / ".join(f"{v:.3f}" for v in values)


@eval_app.command("claims")
def eval_claims(
    data: Path = typer.Option(None, "--data", help="Annotated set (default tests/fixtures/claims)."),
    lang: list[str] = typer.Option(list(LANG_CHOICES), "--lang", help="Languages (repeat the option)."),
) -> None:
    """Precision of the top-scored claims on annotated sentences (default: the team's set), beside a random
    ranking."""
    from newsgraph.eval.claims import DEFAULT_SET, evaluate_language, set_title

    table = Table(title=f"Check-worthy claims: ranking quality on {set_title(data)}")
    for name in ("lang", "n", "worthy", "P@10", "R-prec", "kept P", "kept R", "AP", "anchor: random P"):
        table.add_column(name)
    with friendly_errors():
        for code in lang:
            r = evaluate_language(code, data or DEFAULT_SET)
            table.add_row(code, str(r.sentences), str(r.positives), f"{r.precision_at_10:.2f}",
                          f"{r.r_precision:.2f}", f"{r.kept_precision:.2f}", f"{r.kept_recall:.2f}",
                          f"{r.average_precision:.2f}", f"{r.random_precision:.2f}")
    console.print(table)
