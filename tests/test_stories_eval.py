"""The story benchmark's scoring: pairwise and B-cubed against gold, cross-language pairs, edited copies."""

from __future__ import annotations

import pytest

from newsgraph.eval.stories import bcubed, dedup_benchmark, pairwise
from newsgraph.eval.stories_data import load_fixture


def test_pairwise_counts_pairs_from_cluster_sizes():
    gold = ["a", "a", "a", "b", "b"]
    pred = ["x", "x", "y", "y", "y"]
    scores = pairwise(gold, pred)
    # predicted pairs: (0,1) (2,3) (2,4) (3,4) -> correct (0,1) (3,4); gold pairs: 3 + 1
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 4)


def test_cross_language_pairs_leave_out_pairs_within_one_language():
    gold = ["a", "a", "a"]
    pred = ["x", "x", "y"]
    scores = pairwise(gold, pred, ["en", "uk", "uk"])
    # cross-language gold pairs: (0,1) (0,2); predicted cross-language pairs: (0,1)
    assert scores.precision == 1.0 and scores.recall == pytest.approx(0.5)


def test_bcubed_of_a_perfect_and_of_a_lumped_clustering():
    gold = ["a", "a", "b"]
    assert bcubed(gold, ["1", "1", "2"]).f1 == 1.0
    lumped = bcubed(gold, ["1", "1", "1"])
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_edited_copies_of_the_labelled_set_are_found(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORY_EMBEDDINGS", "0")
    bases = [i.article for i in load_fixture(entities="none") if not i.copy_of]
    result = dedup_benchmark(bases)
    assert result["ours"].precision >= 0.99
    # Two-sentence briefs: boilerplate and edits weigh a lot; long articles reach 0.99 (see `eval stories`).
    assert result["ours"].recall >= 0.8
    assert result["exact_hash_recall"] == 0.0
