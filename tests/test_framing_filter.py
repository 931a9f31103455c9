"""The framing span filter: its candidates are the tagger's own spans, it learns which to drop, it travels with
the tagger's files."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.errors import ModelError
from newsgraph.train.framing import Doc, Scored
from newsgraph.train.framing_filter import fit_filter
from newsgraph.understand.framing_features import token_spans
from newsgraph.understand.framing_filter import FILTER_FILE, SpanFilter
from newsgraph.understand.framing_model import FramingModel, decode, hysteresis_runs, sentence_breaks


def test_a_filter_that_keeps_everything_at_the_taggers_thresholds_decodes_as_the_tagger():
    rng = np.random.default_rng(3)
    text = " ".join(f"w{i % 7}" + ("," if i % 9 == 0 else "") for i in range(300))
    model = FramingModel("en", ("loaded_language",), np.array([5]), np.ones((1, 1), np.float32),
                         np.zeros(1, np.float32), np.array([0.3]), low=np.array([0.1]))
    keep_all = SpanFilter(("loaded_language",), [np.zeros(0, np.int64)], [np.zeros(0, np.float32)],
                          np.zeros(1), np.array([0.3]), np.array([0.1]), np.array([0.0]))
    spans = token_spans(text)
    words = [text[s:e] for s, e in spans]
    breaks = sentence_breaks(text, spans, "en")
    for _ in range(10):
        probs = (rng.random((len(spans), 1)) ** 3).astype(np.float32)
        model.span_filter = None
        plain = decode(spans, probs, model.techniques, model.thresholds, breaks, model.low)
        model.span_filter = keep_all
        assert model.filtered(text, spans, words, probs, breaks) == plain


def _kept(span_filter: SpanFilter, item: Scored) -> list[str]:
    text = item.doc.text
    words = [text[s:e] for s, e in item.spans]
    seed, low = span_filter.candidate_thresholds("loaded_language")
    firsts, lasts, _ = hysteresis_runs(item.probs[:, 0], seed, low, item.breaks)
    runs = list(zip(firsts.tolist(), lasts.tolist(), strict=True))
    keep = span_filter.keep(text, item.spans, words, item.probs, runs, "loaded_language")
    return [text[item.spans[a][0]:item.spans[b][1]] for (a, b), k in zip(runs, keep, strict=True) if k]


def _scored(text: str, gold_words: set[str], loud_words: set[str]) -> Scored:
    """A document whose tagger is equally sure of every ``loud_words`` token; only ``gold_words`` are marked."""
    spans = token_spans(text)
    words = [text[s:e] for s, e in spans]
    probs = np.array([[0.6 if w in loud_words else 0.01] for w in words], dtype=np.float32)
    gold = tuple((s, e, "loaded_language") for (s, e), w in zip(spans, words, strict=True) if w in gold_words)
    return Scored(Doc("d", text, gold, "test"), spans, probs, sentence_breaks(text, spans, "en"))


def _corpus(n: int = 60) -> list[Scored]:
    # the tagger fires on "brutal" and on "annual" alike; annotators marked only "brutal"
    texts = [f"The brutal regime crushed protest number {i}. The council met for the annual budget {i}.\n"
             for i in range(n)]
    return [_scored(t, {"brutal"}, {"brutal", "annual"}) for t in texts]


def test_the_filter_learns_to_drop_spans_the_annotators_never_mark(tmp_path):
    span_filter, report = fit_filter(_corpus(), ("loaded_language",), np.array([0.5]), np.array([0.25]))
    assert report["loaded_language"]["filtered_f1"] > report["loaded_language"]["tagger_f1"]
    item = _corpus(1)[0]
    assert _kept(span_filter, item) == ["brutal"]
    span_filter.save(tmp_path)
    assert _kept(SpanFilter.load(tmp_path), item) == ["brutal"]


def test_too_few_candidates_keep_what_the_tagger_finds():
    scored = _corpus(3)
    span_filter, _ = fit_filter(scored, ("loaded_language",), np.array([0.5]), np.array([0.25]))
    assert _kept(span_filter, scored[0]) == ["brutal", "annual"]


def test_a_folder_without_a_filter_has_none_and_a_broken_one_says_what_to_do(tmp_path):
    assert SpanFilter.load(tmp_path) is None
    (tmp_path / FILTER_FILE).write_bytes(b"not a numpy file")
    with pytest.raises(ModelError) as caught:
        SpanFilter.load(tmp_path)
    assert "train framing" in caught.value.hint


def test_a_tagger_saved_without_a_filter_removes_an_old_one(tmp_path):
    span_filter, _ = fit_filter(_corpus(), ("loaded_language",), np.array([0.5]), np.array([0.25]))
    model = FramingModel("en", ("loaded_language",), np.array([5]), np.ones((1, 1), np.float32),
                         np.zeros(1, np.float32), np.array([0.5]), low=np.array([0.25]))
    model.span_filter = span_filter
    model.save(tmp_path)
    assert FramingModel.load(tmp_path).span_filter is not None
    model.span_filter = None
    model.save(tmp_path)
    assert not (tmp_path / FILTER_FILE).exists() and FramingModel.load(tmp_path).span_filter is None


def test_train_framing_says_what_the_filter_chose(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import _load_commands, app
    from test_framing_train import _write_corpus

    _load_commands()
    corpus = _write_corpus(tmp_path / "propaganda")
    result = CliRunner().invoke(app, ["train", "framing", "--lang", "en", "--data", str(corpus),
                                      "--out", str(tmp_path / "m")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "span filter, loaded_language: out-of-fold span F1" in result.output
    model = FramingModel.load(tmp_path / "m")
    assert model.span_filter is not None and set(model.meta["span_filter"]) == {"loaded_language", "name_calling"}


def test_eval_framing_measures_what_the_filter_costs(tmp_path):
    from newsgraph.eval.framing import filter_speeds
    from newsgraph.train.framing import read_language, train_model
    from test_framing_train import _write_corpus

    corpus = _write_corpus(tmp_path / "propaganda")
    model = train_model(read_language(corpus, "en"), "en", ("loaded_language", "name_calling"))
    plain, filtered = filter_speeds(model, corpus, articles=5)
    assert plain.cpu_cold > 0 and filtered.cpu_warm > 0
    assert model.span_filter is not None  # measuring without it did not take it away
    model.span_filter = None
    assert filter_speeds(model, corpus) is None
