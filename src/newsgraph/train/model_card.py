"""MODEL_CARD.md of a shipped NER pipeline: what it was trained on, the licence it inherits, its figures."""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["write_model_card", "DATA_BY_LANG"]

DATA_BY_LANG = {
    "en": ["WikiANN en train, {wikiann} (licence not stated; distributed in the CC BY-NC-SA 4.0 "
           "WikiNEuRal repo)",
           "WikiNEuRal en validation split (CC BY-NC-SA 4.0)"],
    "pl": ["WikiANN pl train, {wikiann} (licence not stated; distributed in the CC BY-NC-SA 4.0 "
           "WikiNEuRal repo)",
           "WikiNEuRal pl validation split (CC BY-NC-SA 4.0)",
           "SlavicNER (BSNLP 2019-2023) pl news documents, all topics but the held-out one (no licence stated: "
           "research use)"],
    "ru": ["WikiANN ru train, {wikiann} (licence not stated; distributed in the CC BY-NC-SA 4.0 "
           "WikiNEuRal repo)",
           "WikiNEuRal ru validation split (CC BY-NC-SA 4.0)",
           "SlavicNER (BSNLP 2019-2023) ru news documents, all topics but the held-out one (no licence stated: "
           "research use)"],
    "uk": ["ner-uk v2.0 official training split (DEV section of dev-test-split.txt; CC BY-NC-SA 4.0); its test "
           "documents were never seen",
           "SlavicNER (BSNLP 2019-2023) uk news documents, all topics but the held-out one (no licence stated: "
           "research use)"],
}


def _figures_table(test: dict | None) -> str:
    if not test:
        return "Test figures: run `newsgraph eval ner --data ../shared/data/ner --lang LANG`.\n"
    lines = ["| test set | F1 all | per label | F1 on the corpus's tokens |", "|---|---|---|---|"]
    for name, scores in test.items():
        labels = ", ".join(f"{k} {v}" for k, v in scores.items() if k not in {"all", "corpus_tokens"})
        lines.append(f"| {name} | {scores['all']} | {labels} | {scores.get('corpus_tokens', '-')} |")
    return "\n".join(lines) + "\n"


def _vectors_note(shape: dict) -> str:
    if shape.get("vectors") == "static-e5":
        return (" plus each token's pretrained vector from the static multilingual embedding (`models/ner-vectors`,"
                " a frozen projection of `models/static-e5`, distilled from multilingual-e5-small, MIT; shared by"
                " the four pipelines and not counted in the size below)")
    return "; no pretrained vectors"


def _vectors_option(shape: dict) -> str:
    return f" --vectors {shape['vectors']}" if shape.get("vectors") else ""


def _encoder_note(shape: dict) -> str:
    """The token encoder in words (train/ner.py ENCODER_CHOICES; models trained before the option had the CNN)."""
    encoder = shape.get("encoder") or "cnn"
    layers = f"width {shape['width']}, {shape['depth']} layers"
    if encoder == "bilstm":
        return f"bidirectional LSTM ({layers})"
    if encoder == "cnn+bilstm":
        return f"CNN ({layers}) and one residual bidirectional LSTM layer"
    return f"CNN ({layers})"


def _encoder_option(shape: dict) -> str:
    encoder = shape.get("encoder") or "cnn"
    return "" if encoder == "cnn" else f" --encoder {encoder}"


def write_model_card(model_dir: Path, lang: str, figures: dict | None = None, test: dict | None = None) -> Path:
    """Write (or rewrite) ``MODEL_CARD.md``; ``figures`` defaults to the directory's ``training.json``."""
    if figures is None and (model_dir / "training.json").exists():
        figures = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    figures = figures or {}
    size_mb = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file()) / 1e6
    epochs = figures.get("epochs", [])
    share = figures.get("wikiann_share", 5000) if figures else None
    wikiann = f"first {share:,} of 20k sentences" if share is not None else "all 20k sentences"
    items = [item.format(wikiann=wikiann) for item in DATA_BY_LANG.get(lang, [])]
    silver = figures.get("silver")
    if silver:
        items = [item for item in items if not item.startswith("WikiANN")]
        items.append(_silver_item(silver, lang))
    data = "\n".join(f"- {item}" for item in items)
    dev_source = "the gold training sentences" if silver else "the training mix"
    shape = figures.get("architecture", {"width": 64, "depth": 3, "norm_rows": 10000})
    options = _vectors_option(shape) + _encoder_option(shape) + (f" --silver {silver['file']}" if silver else "")
    text = f"""# ner-{lang}: newsgraph named-entity recogniser ({lang})

A spaCy {lang} pipeline: the blank {lang} tokenizer and one `ner` component with its own small
{_encoder_note(shape)} over hashed NORM / PREFIX / SUFFIX / SHAPE embeddings ({shape['norm_rows']:,} word-form
rows){_vectors_note(shape)}. Nothing downloaded; CPU only; {size_mb:.1f} MB.
Labels: PER, ORG, LOC, MISC (SlavicNER's EVT and PRO were trained as MISC).

## Licence: non-commercial
Trained on data under **CC BY-NC-SA 4.0** (WikiNEuRal, ner-uk) and on research-only news text (SlavicNER), so this
model inherits **CC BY-NC-SA 4.0: non-commercial use only, share alike**. It contains no text of the corpora.

## Training data
{data}

Trained with `newsgraph train ner --lang {lang} --data ../shared/data/ner --out src/newsgraph/models/ner-{lang}
--width {shape['width']} --depth {shape['depth']} --norm-rows {shape['norm_rows']}{options}`
({len(epochs)} epochs within the time budget; SlavicNER topic `{figures.get('held_out_topic', 'nord_stream')}` held out
of training for the unseen-topic test). {figures.get('train_samples', '?')} training samples; best development F1
{figures.get('dev_f1', '?')} (1,500 samples carved from {dev_source}).

## Figures (exact-span F1)
{_figures_table(test)}
Measured by `newsgraph eval ner`, the model reading each test sentence's text with its own tokenizer, as the stage
does (the last column hands it the corpus's tokens instead); see docs/entities.md for the anchors measured beside
them.
"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text, encoding="utf-8")
    from newsgraph.understand.ner_typer import load_typer

    typer = load_typer(model_dir)
    if typer is not None:  # the typer is fitted on gold names only, so a retrained model keeps it
        from newsgraph.train.ner_typer import write_card_section

        write_card_section(model_dir, typer.meta)
    return path


# Where the news sentences of a silver file come from (``corpora.news_sentences``), with the licence each inherits.
_NEWS_ORIGINS = {
    "semeval2020": "SemEval-2020 task 11 news articles (no licence stated: research use)",
    "semeval2023": "SemEval-2023 task 3 news articles (no licence stated: research use)",
    "ru-zen-prop": "ru-zen-prop posts (no licence stated: research use)",
    "unlp2025": "UNLP-2025 Telegram posts (CC BY-NC-SA 4.0)",
    "polnear": "PolNeAR news articles, the dev half only (no licence stated: research use)",
}


def _silver_item(silver: dict, lang: str) -> str:
    origins = silver.get("origins") or {"wikiann": silver["sentences"]}
    parts = []
    if origins.get("wikiann"):
        parts.append(f"{origins['wikiann']:,} WikiANN {lang} sentences (train, val and test splits; licence not "
                     "stated; WikiANN's own tags are not used)")
    parts += [f"{count:,} sentences of {_NEWS_ORIGINS.get(origin, origin)}, their text only"
              for origin, count in origins.items() if origin != "wikiann"]
    return ("Sentences tagged by the teacher, multilingual-e5-small fine-tuned on the gold sets above "
            "(`newsgraph train ner-teacher`, `train ner-silver`, see docs/entities.md): " + "; ".join(parts))
