"""The second and third check-worthiness sets (claims-independent, claims-articles) are well-formed and load.

Only the shape is checked, never the figures: the set exists to measure the claim scorer, not to pin it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval.claims import evaluate_language, load_set

FIXTURES = Path(__file__).parent / "fixtures"
INDEPENDENT = FIXTURES / "claims-independent"
ARTICLES = FIXTURES / "claims-articles"  # whole articles, sentence by sentence: each line also names its article
LANGS = ("en", "uk", "ru", "pl")
SETS = [(INDEPENDENT, {"text", "checkworthy"}), (ARTICLES, {"text", "checkworthy", "article"})]


@pytest.mark.parametrize("folder", [INDEPENDENT, ARTICLES], ids=lambda p: p.name)
def test_each_set_has_every_language_and_a_readme(folder):
    assert sorted(p.stem for p in folder.glob("*.jsonl")) == sorted(LANGS)
    assert (folder / "README.md").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("folder", "keys"), SETS, ids=["independent", "articles"])
def test_set_lines_hold_text_and_a_boolean(folder, keys, lang):
    texts = []
    for line in (folder / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == keys
        assert isinstance(row["text"], str) and row["text"].strip()
        assert isinstance(row["checkworthy"], bool)
        texts.append(row["text"])
    assert len(texts) == len(set(texts))  # no duplicates


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("folder", [INDEPENDENT, ARTICLES], ids=lambda p: p.name)
def test_set_has_both_classes_and_evaluates(folder, lang):
    labels = [positive for _, positive in load_set(folder, lang)]
    assert True in labels and False in labels
    report = evaluate_language(lang, folder)
    assert report.sentences == len(labels) and report.positives == sum(labels)
