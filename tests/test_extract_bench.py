"""The extraction benchmark harness: metric as the benchmark defines it, and a 5-page smoke run."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from newsgraph.eval.extraction import match, run_benchmark, scores


def test_metric_matches_the_benchmark_definition():
    assert match("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = match("one two three four five", "one two three four")
    assert (tp, fp, fn) == (0.5, 0.0, 0.5)
    precision, recall, f1 = scores([(1.0, 0.0, 0.0), (0.5, 0.0, 0.5)])
    assert precision == 1.0 and recall == 0.75 and f1 == pytest.approx(2 * 0.75 / 1.75)
    assert match("", "") == (0.0, 0.0, 0.0)


@pytest.mark.shared
def test_smoke_run_on_five_pages():
    data = shared_path("bench", "extraction", "scrapinghub")
    (ours,) = run_benchmark(data, limit=5, systems=("newsgraph",))
    assert ours.failures == 0 and ours.f1 > 0.8 and ours.pages_per_s > 0


@pytest.mark.shared
def test_cli_prints_json():
    from newsgraph.cli import _load_commands, app

    data = shared_path("bench", "extraction", "scrapinghub")
    _load_commands()
    result = CliRunner().invoke(app, ["eval", "extraction", "--data", str(data), "--limit", "2", "--json",
                                      "--systems", "newsgraph"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["results"][0]["system"] == "newsgraph" and "trafilatura 2.0" in report["published_f1"]
