"""Framing tagger's cold path: batched folding, tokens, hashed feature ids and caches give what the per-word
definitions give (the shipped models' weights are indexed by these ids: they must not change)."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from newsgraph.text import WORD_RE, fold, fold_all
from newsgraph.understand import framing_features, framing_lexicon, framing_model
from newsgraph.understand.framing_features import WINDOW, Featurizer, token_spans
from newsgraph.understand.framing_lexicon import lexicon, tokens
from newsgraph.understand.framing_model import FramingModel, sentence_breaks

TRICKY = ["Zełenski", "Ёлка", "Ï", "ŉ", "İstanbul", "ﬁne", "Straße", "한국어", "ǅemal", "x", "ΣΑΣ", "Œuvre", "ᄀ", "ᅡ",
          "Ⅻ", "²", "½", "a´b", "so-called", "Путин’s", "ПРОПАГАНДА", "2024", "ЗСУ", "Украины", "państwa", "łajdak",
          "dictator", "Dictators", "terrorist", "агресор", "агресора", "фашистів", "zbrodniarz", "ab", "Ab", "AB",
          "a" * 90, "ж" * 70, "x_y", "Ü-Boot"]


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "U"
    if word[:1].isupper():
        return "C"
    return "l" if word.islower() else "x"


def _reference_ids(word: str, lex, mask: int) -> list[list[int]]:
    """The feature ids as defined: crc32 of "<offset>|<kind>=<value>" (the shipped models' buckets)."""
    low = fold(word)
    feats = [("w", low), ("sh", _shape(word))]
    if len(low) > 4:
        feats += [("s3", low[-3:]), ("s4", low[-4:]), ("s2", low[-2:])]
    if len(low) > 5:
        feats.append(("p5", low[:5]))
    feats += [("lex", t) for t in lex.token_techniques(low)]
    out = []
    for offset in WINDOW:
        allowed = [k for k, _ in feats if (offset == 0 or k not in ("s4", "p5", "s2"))
                   and (abs(offset) <= 1 or k not in ("s3", "sh"))]
        out.append([(zlib.crc32(f"{offset}|{k}={v}".encode()) & mask) or 1 for k, v in feats if k in allowed])
    return out


def test_fold_all_folds_like_fold():
    assert fold_all(TRICKY) == [fold(w) for w in TRICKY]
    assert fold_all([]) == [] and fold_all([""]) == [""]


def test_tokens_are_the_word_regex_matches():
    text = "Russia's so-called \"special operation\" — 24 Feb. 2022; Путін’s war, ЗСУ!\n\nend"
    assert tokens(text) == [(*m.span(), m.group()) for m in WORD_RE.finditer(text)]
    assert token_spans(text) == [m.span() for m in WORD_RE.finditer(text)]
    assert tokens("") == [] and tokens(" ,. ") == []


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "pl"])
def test_batched_feature_ids_equal_the_definition(lang):
    lex = lexicon(lang)
    featurizer = Featurizer(lex, 20)
    expected = [_reference_ids(w, lex, featurizer.mask) for w in TRICKY]
    assert [featurizer.type_ids(w) for w in TRICKY] == expected
    one_by_one = Featurizer(lex, 20)
    assert [one_by_one.type_ids(w) for w in reversed(TRICKY)] == expected[::-1]


def test_sentence_breaks_follow_each_mark():
    text = "One, two. Three (four) five\nsix"
    spans = token_spans(text)
    assert sentence_breaks(text, spans).tolist() == [False, True, True, True, True, True]
    assert sentence_breaks("no marks here", token_spans("no marks here")).tolist() == [False] * 3


def _model() -> FramingModel:
    rng = np.random.default_rng(1)
    rows = np.arange(1, 1 << 12, dtype=np.int64) * 257 % (1 << 20)
    return FramingModel("en", ("loaded_language", "name_calling"), rows,
                        rng.normal(size=(len(rows), 2)).astype(np.float32), np.array([-2.0, -3.0]),
                        np.array([0.5, 0.5]))


def test_text_scores_survive_full_caches(monkeypatch):
    model = _model()
    words = "the brutal regime of the tyrant fell and the regime lied".split()
    expected = model.token_scores(model.featurizer.transform(words))
    monkeypatch.setattr(framing_model, "_CACHE_LIMIT", 5)
    monkeypatch.setattr(framing_features, "_CACHE_LIMIT", 5)
    monkeypatch.setattr(framing_lexicon, "_CACHE_LIMIT", 5)
    fresh = _model()
    fresh.text_scores(words[:4])  # cached, then cleared halfway through the next text
    assert np.allclose(fresh.text_scores(words), expected, atol=1e-5)
    assert np.allclose(fresh.token_scores(fresh.featurizer.transform(words)), expected, atol=1e-5)
    assert len(lexicon("en").find("the terrorist head of state " * 3)) == 3


def test_a_comma_breaks_spans_except_in_ukrainian():
    from newsgraph.understand.framing_model import sentence_breaks

    text = "war, terror and lies"
    spans = [(0, 3), (5, 10), (11, 14), (15, 20)]
    assert sentence_breaks(text, spans, "en").tolist() == [False, True, False, False]
    assert sentence_breaks(text, spans, "uk").tolist() == [False, False, False, False]
