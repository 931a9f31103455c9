"""Benchmark: main-text extraction on the Scrapinghub article-extraction benchmark.

The metric is the benchmark's own: texts are tokenised with ``\\w+``, cut into 4-token shingles (counted as a
multiset); per page, true positives / false positives / false negatives are normalised to sum to 1, precision and
recall are averaged over pages, and F1 = 2PR / (P + R) of the averages. newsgraph, trafilatura and readability-lxml
run in the same process on the same pages, interleaved page by page, so their figures (and pages/s) are comparable
even when the machine's load changes during the run.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import NewsgraphError, SourceError

__all__ = ["ANCHORS", "BenchPage", "SystemResult", "load_pages", "shingle_counts", "evaluate", "run_benchmark",
           "EXTRACTORS"]

#: Published F1 of comparable systems on this benchmark, printed beside the figures measured in the run.
ANCHORS = {"trafilatura 2.0": 0.958, "rs_trafilatura": 0.970, "readability.js": 0.947}

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
DEFAULT_DATA = "../shared/bench/extraction/scrapinghub"


@dataclass(frozen=True, slots=True)
class BenchPage:
    id: str
    url: str
    html: bytes
    truth: str


@dataclass(slots=True)
class SystemResult:
    name: str
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    pages_per_s: float = 0.0
    seconds: float = 0.0
    failures: int = 0
    per_page: dict[str, tuple[float, float, float]] = field(default_factory=dict)

    def summary(self) -> dict:
        return {"system": self.name, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "pages_per_s": round(self.pages_per_s, 2), "failures": self.failures}


def load_pages(data: str | Path, limit: int | None = None) -> list[BenchPage]:
    """The benchmark's pages (sorted by id, the first ``limit``) with their ground-truth article bodies."""
    root = Path(data)
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file():
        raise SourceError(f"no ground-truth.json under {root}",
                          hint="pass --data pointing at the scrapinghub benchmark folder (html/ + ground-truth.json)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html_path = root / "html" / f"{page_id}.html.gz"
        if html_path.is_file():
            body = gzip.decompress(html_path.read_bytes())
            pages.append(BenchPage(page_id, truth[page_id].get("url", ""), body, truth[page_id].get("articleBody", "")))
    return pages


def shingle_counts(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def match(truth: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page, as the benchmark computes them."""
    true_counts, pred_counts = shingle_counts(truth), shingle_counts(predicted)
    tp = sum((true_counts & pred_counts).values())
    fp = sum((pred_counts - true_counts).values())
    fn = sum((true_counts - pred_counts).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(per_page: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) averaged over pages, as the benchmark defines them."""
    precisions = [_precision(*t) for t in per_page if t[0] + t[1] > 0]
    recalls = [_recall(*t) for t in per_page if t[0] + t[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- the systems -----------------------------------------------------------------------------------------------

def _newsgraph(html: bytes, url: str) -> str:
    from newsgraph.extraction import extract_html

    return extract_html(html, url=url).text


def _trafilatura(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def _readability(html: bytes, url: str) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return lxml_html.fromstring(summary).text_content() if summary.strip() else ""


EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "newsgraph": _newsgraph,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
}


def _run_one(extractor: Callable[[bytes, str], str], page: BenchPage) -> tuple[str, float, bool]:
    """The text, the seconds it took, and whether the extractor failed (a failure counts as an empty text)."""
    started = time.perf_counter()
    try:
        text, failed = extractor(page.html, page.url), False
    except (NewsgraphError, ValueError, TypeError, AttributeError, LookupError):  # the per-page policy
        text, failed = "", True
    return text, time.perf_counter() - started, failed


def evaluate(names: tuple[str, ...], pages: list[BenchPage]) -> list[SystemResult]:
    """Run the systems page by page, interleaved, so that changes in machine load hit them all alike."""
    results = {name: SystemResult(name) for name in names}
    for page in pages:
        for name in names:
            text, seconds, failed = _run_one(EXTRACTORS[name], page)
            result = results[name]
            result.seconds += seconds
            result.failures += failed
            result.per_page[page.id] = match(page.truth, text)
    for result in results.values():
        result.precision, result.recall, result.f1 = scores(list(result.per_page.values()))
        result.pages_per_s = len(pages) / result.seconds if result.seconds else 0.0
    return list(results.values())


def run_benchmark(data: str | Path = DEFAULT_DATA, limit: int | None = None,
                  systems: tuple[str, ...] = tuple(EXTRACTORS)) -> list[SystemResult]:
    """Evaluate each system on the same pages in one run (after one untimed warm-up page each)."""
    pages = load_pages(data, limit)
    if not pages:
        raise SourceError(f"no pages found under {data}/html")
    evaluate(systems, pages[:1])  # warm-up: imports and lazy initialisation are not timed
    return evaluate(systems, pages)
