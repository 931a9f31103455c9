"""``newsgraph train ner-typer``: fit the span typer of one language (``understand/ner_typer.py``).

Data: the gold names of the NER pipeline's own training mix (``train/corpora.training_samples``: WikiNEuRal val for
en, pl and ru, ner-uk train for uk, SlavicNER's topics but the held-out one for uk, ru and pl), WikiANN left out (its
labels are projected automatically and it has no MISC). No test split and no held-out topic. A multinomial logistic
regression (softmax) over hashed sparse features and the dense static-e5 ones, L2-regularised, fitted by L-BFGS
(SciPy) to convergence or ``max_iter``; buckets seen fewer than ``min_count`` times are dropped. Takes 13-65 s per
language on one core.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from newsgraph.errors import ModelError

__all__ = ["DEFAULT_MARGIN", "gold_names", "fit_typer", "train_typer", "card_section", "write_card_section"]

DEFAULT_MARGIN = 0.6  # docs/entities.md "The span typer": tuned on en WikiNEuRal test, the same in every language
_L2 = 0.3
DEFAULT_NEWS_WEIGHT = 1.0
DEFAULT_SILVER_WEIGHT = 1.0


def gold_names(nlp, samples) -> list[tuple[list[str], int, int, str]]:
    """(words, start, end, label) of every gold name, tokenised as the pipeline tokenises."""
    from newsgraph.train.ner import to_doc

    names = []
    for sample in samples:
        try:
            doc = to_doc(nlp, sample)
        except ValueError:  # a malformed sentence in a corpus
            continue
        words = [token.text for token in doc]
        names += [(words, ent.start, ent.end, ent.label_) for ent in doc.ents]
    return names


def fit_typer(names, labels: tuple[str, ...], margin: float = DEFAULT_MARGIN, l2: float = _L2,
              min_count: int = 2, max_iter: int = 300, weights=None, report=print):
    """A ``SpanTyper`` fitted on ``names`` (those with a label outside ``labels`` are left out); ``weights``: one
    per name, how much its loss counts (default 1)."""
    import scipy.sparse as sparse
    from scipy.optimize import minimize

    from newsgraph.understand.ner_typer import BUCKETS, Context, SpanTyper, dense_features, span_features
    from newsgraph.understand.ner_vectors import load_table

    weights = [1.0] * len(names) if weights is None else list(weights)
    kept_names = [(name, weight) for name, weight in zip(names, weights, strict=True) if name[3] in labels]
    names = [name for name, _weight in kept_names]
    row_weights = np.array([weight for _name, weight in kept_names], dtype=np.float32)[:, None]
    if not names:
        raise ModelError("no gold names to train the span typer on", hint="check --data and --lang")
    table = load_table()
    rows, cols, dense_rows = [], [], []
    contexts: dict[int, Context] = {}  # the names of one sentence share its words list: one context each
    for row, (words, start, end, _label) in enumerate(names):
        context = contexts.get(id(words))
        if context is None:
            context = contexts[id(words)] = Context(words, table)
        buckets = span_features(words, start, end, context)
        rows += [row] * len(buckets)
        cols += buckets
        dense_rows.append(dense_features(table, words, start, end, context))
    dense = np.stack(dense_rows)
    hashed = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(names), BUCKETS))
    kept = np.flatnonzero(np.asarray((hashed > 0).sum(axis=0)).ravel() >= min_count)
    inputs = sparse.hstack([hashed[:, kept], sparse.csr_matrix(dense)]).tocsr()
    targets = np.eye(len(labels), dtype=np.float32)[[labels.index(name[3]) for name in names]]
    width, classes = inputs.shape[1], len(labels)

    def loss_and_gradient(flat: np.ndarray):
        weights, bias = flat[: width * classes].reshape(width, classes), flat[width * classes:]
        scores = inputs @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        loss = (-float(np.sum(row_weights * targets * np.log(probs + 1e-12)))
                + 0.5 * l2 * float(np.sum(weights * weights)))
        error = row_weights * (probs - targets)
        gradient = np.asarray(inputs.T @ error) + l2 * weights
        return loss, np.concatenate([gradient.ravel(), error.sum(axis=0)])

    started = time.monotonic()
    result = minimize(loss_and_gradient, np.zeros(width * classes + classes), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter})
    weights = result.x[: width * classes].reshape(width, classes)
    meta = {"names": len(names), "buckets": int(len(kept)), "dense": int(dense.shape[1]), "l2": l2,
            "min_count": min_count, "iterations": int(result.nit), "seconds": round(time.monotonic() - started, 1)}
    report(f"  {len(names):,} names, {len(kept):,} feature buckets, {result.nit} L-BFGS iterations "
           f"({meta['seconds']} s)")
    return SpanTyper(labels, kept, weights, result.x[width * classes:], margin, meta)


def train_typer(data: Path, lang: str, folder: Path, margin: float = DEFAULT_MARGIN,
                news_weight: float = DEFAULT_NEWS_WEIGHT, silver: Path | None = None,
                silver_weight: float = DEFAULT_SILVER_WEIGHT, report=print) -> dict:
    """Fit the typer of ``lang`` and save it as ``folder/typer.npz`` beside the pipeline; returns its meta.
    ``news_weight``: how much a SlavicNER (news) name counts against a Wikipedia or ner-uk one. ``silver``: a file of
    `train ner-silver`, whose teacher-tagged names are learnt from as well, each counting ``silver_weight``."""
    import spacy

    from newsgraph.train.corpora import read_silver, silver_origins, training_samples
    from newsgraph.train.ner import MODEL_LABELS, label_map_for
    from newsgraph.understand.ner_typer import FILE

    if not (folder / "meta.json").is_file():
        raise ModelError(f"no NER pipeline at {folder}", hint=f"train it first: newsgraph train ner --lang {lang}")
    if silver is not None and not silver.is_file():
        raise ModelError(f"no silver sentences at {silver}",
                         hint=f"write them with `newsgraph train ner-silver --lang {lang} --teacher T.pt --out FILE`")
    samples = [s for s in training_samples(data, lang, label_map_for(lang)) if s.source != "wikiann"]
    sources = sorted({s.source for s in samples})
    report(f"{lang}: {len(samples):,} gold samples ({', '.join(sources)})")
    nlp, names, weights = spacy.blank(lang), [], []
    for source in sources:
        found = gold_names(nlp, [s for s in samples if s.source == source])
        names += found
        weights += [news_weight if source == "slavicner" else 1.0] * len(found)
    if silver is not None:
        found = gold_names(nlp, read_silver(silver))
        report(f"  + {len(found):,} teacher-tagged names from {silver.name}, weight {silver_weight}")
        names += found
        weights += [silver_weight] * len(found)
    typer = fit_typer(names, MODEL_LABELS, margin, weights=weights, report=report)
    typer.meta.update({"lang": lang, "sources": sources, "news_weight": news_weight, "margin": margin})
    if silver is not None:
        typer.meta["silver"] = {"file": silver.name, "names": len(found), "weight": silver_weight,
                                "origins": silver_origins(silver)}
    typer.save(folder / FILE)
    write_card_section(folder, typer.meta)
    return typer.meta


_SOURCE_NAMES = {"wikineural": "WikiNEuRal validation split (CC BY-NC-SA 4.0)",
                 "ner-uk": "ner-uk v2.0 official training split (CC BY-NC-SA 4.0)",
                 "slavicner": "SlavicNER news documents, all topics but the held-out one (research use)"}
CARD_HEADING = "## Span typer"


def card_section(meta: dict) -> str:
    """The model card's part on ``typer.npz``, from the meta the typer was saved with."""
    sources = "; ".join(_SOURCE_NAMES.get(source, source) for source in meta.get("sources", []))
    silver, silver_line, silver_option = meta.get("silver"), "", ""
    gold = meta.get("names", 0) - (silver or {}).get("names", 0)
    if silver:
        origins = ", ".join(f"{origin} {count:,}" for origin, count in silver["origins"].items())
        # a silver file without WikiANN's sentences was made with `--wikiann-lang none`: the card says how
        news_only = not any(origin.startswith("wikiann") for origin in silver["origins"])
        command = "train ner-silver --wikiann-lang none" if news_only else "train ner-silver"
        silver_line = (f"\nPlus {silver['names']:,} names the NER teacher tagged in `{silver['file']}`\n"
                       f"(`{command}`; sentences by origin: {origins}), each counting {silver['weight']}\n"
                       "against a gold one; they inherit the licences of the texts they were tagged in "
                       "(docs/entities.md).")
        silver_option = f" --silver {silver['file']}"
        if silver["weight"] != 1:
            silver_option += f" --silver-weight {silver['weight']}"
    return f"""{CARD_HEADING}
`typer.npz` (`understand/ner_typer.py`): after the model, a softmax classifier over each recognised name's words,
suffixes, shape, three words either side, the words of its sentence and the static-e5 vectors of the name and its
neighbours gives a second opinion on the label, and overrides the model when it is surer of another label by
{meta.get('margin')} or more (probability of its label minus that of the model's). Spans are never changed.
Fitted on {gold:,} gold names of {sources} (WikiANN's own tags left out; no test split, no held-out topic);
{meta.get('buckets', 0):,} hashed feature buckets plus {meta.get('dense', 0)} dense inputs, L2 {meta.get('l2')},
{meta.get('iterations')} L-BFGS iterations. Inherits the licence above; holds no text of the corpora.{silver_line}
Trained with `newsgraph train ner-typer --lang {meta.get('lang')} --data ../shared/data/ner{silver_option}`;
figures with and without it in docs/entities.md ("The span typer").
"""


def write_card_section(folder: Path, meta: dict) -> Path:
    """Put (or replace) the span typer's section in ``folder/MODEL_CARD.md``; the rest of the card is kept."""
    path = folder / "MODEL_CARD.md"
    card = path.read_text(encoding="utf-8") if path.is_file() else ""
    if CARD_HEADING in card:
        before, _, after = card.partition(CARD_HEADING)
        rest = after.find("\n## ")
        card = before + (after[rest + 1:] if rest >= 0 else "")
    path.write_text(card.rstrip("\n") + "\n\n" + card_section(meta), encoding="utf-8")
    return path
