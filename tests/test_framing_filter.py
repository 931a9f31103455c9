"""The framing span filter: its candidates are the tagger's own spans, it learns which to drop, it travels with
the tagger's files."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.errors import ModelError
from newsgraph.train.framing import Doc, Scored
from newsgraph.train.framing_filter import fit_filter
from newsgraph.understand.framing_features import token_spans
from newsgraph.understand.framing_filter import FILTER_FILE, SpanFilter, candidate_runs
from newsgraph.understand.framing_model import FramingModel, hysteresis_spans, sentence_breaks


def test_candidates_are_the_taggers_hysteresis_spans():
    rng = np.random.default_rng(3)
    spans = [(3 * i, 3 * i + 2) for i in range(200)]
    for _ in range(20):
        column = rng.random(200).astype(np.float32) ** 3
        breaks = rng.random(200) < 0.1
        runs = candidate_runs(column, breaks, 0.3, 0.1)
        expected = hysteresis_spans(spans, column, 0.3, 0.1, breaks, "loaded_language")
        assert [(spans[a][0], spans[b][1]) for a, b in runs] == [(g.start, g.end) for g in expected]


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
    text = item.doc.text
    words = [text[s:e] for s, e in item.spans]
    kept = span_filter.kept(text, item.spans, words, item.probs, item.breaks, "loaded_language")
    assert [text[item.spans[a][0]:item.spans[b][1]] for a, b, _ in kept] == ["brutal"]

    span_filter.save(tmp_path)
    loaded = SpanFilter.load(tmp_path)
    again = loaded.kept(text, item.spans, words, item.probs, item.breaks, "loaded_language")
    assert [(a, b) for a, b, _ in again] == [(a, b) for a, b, _ in kept]


def test_too_few_candidates_keep_what_the_tagger_finds():
    scored = _corpus(3)
    span_filter, _ = fit_filter(scored, ("loaded_language",), np.array([0.5]), np.array([0.25]))
    item = scored[0]
    words = [item.doc.text[s:e] for s, e in item.spans]
    assert len(span_filter.kept(item.doc.text, item.spans, words, item.probs, item.breaks, "loaded_language")) == 2


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
