"""``newsgraph eval stories``: runs the story benchmarks and prints each figure beside its same-run anchor."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from newsgraph.connect.stories import LinkSettings, settings_for
from newsgraph.eval.stories import (
    Embedded,
    Scores,
    cluster_with,
    cost_benchmark,
    cross_topic_merges,
    dedup_benchmark,
    distinct_bases,
    end_to_end,
    pairwise,
    score_clustering,
    store_cost_benchmark,
    throughput,
    timed_embed,
)
from newsgraph.eval.stories_data import load_fixture, load_slavicner

__all__ = ["run_benchmarks"]

LANGS = ("en", "uk", "ru", "pl")


def _f(scores: Scores) -> str:
    return f"{100 * scores.precision:6.1f}{100 * scores.recall:6.1f}{100 * scores.f1:6.1f}"


KINDS = ("static", "e5")  # ours first, then the full-model anchor


def _method(kind: str | None) -> str:
    return f"{kind} + ids + stems" if kind else "anchor: ids + stems"


def run_benchmarks(data: str, fixture: str, synthetic: int, slavicner_limit: int | None, skip_slavicner: bool,
                   store_stream: int = 5000, kinds: tuple[str, ...] = KINDS, more: str = "") -> None:
    bases, articles, embedded = fixture_section(fixture, kinds)
    if more and Path(more).is_file():
        extended_section(fixture, more, kinds)
    if not skip_slavicner and Path(data, "raw").is_dir():
        more, articles, embedded = slavicner_section(data, slavicner_limit, kinds)
        bases += more
    elif not skip_slavicner:
        print(f"\nSlavicNER: skipped, no documents under {data}/raw")
    dedup_section(bases)
    cost_section(synthetic, store_stream)
    throughput_section(articles, embedded)


def _embed_kinds(articles: list, kinds: tuple[str, ...]) -> dict[str, Embedded]:
    out = {}
    for kind in kinds:
        embedded = timed_embed(articles, kind)
        if embedded.available:
            out[kind] = embedded
        else:
            print(f"({kind} embeddings unavailable: rows for it are left out)")
    return out


def _methods(embedded: dict[str, Embedded]) -> list[tuple[str, list | None, LinkSettings]]:
    rows = [(_method(kind), e.vectors, settings_for(kind)) for kind, e in embedded.items()]
    return [*rows, (_method(None), None, LinkSettings())]


def fixture_section(path: str, kinds: tuple[str, ...]) -> tuple[list, list, dict[str, Embedded]]:
    print(f"== Labelled multilingual set ({path})")
    items = load_fixture(path, entities="none")
    plain = [i.article for i in items]
    embedded = _embed_kinds(plain, kinds)
    print(f"{len(items)} articles, {len({i.story for i in items})} stories, {len({i.topic for i in items})} topics; "
          "embedded title + lead in " + ", ".join(f"{k} {e.cpu_s:.2f} CPU-s" for k, e in embedded.items()))
    header = f"{'entity ids':10} {'method':22}{'P':>6}{'R':>6}{'F1':>6}  {'x-lang F1':>9}  " + \
        "".join(f"{lang + ' F1':>7}" for lang in LANGS) + f"{'B3 F1':>7}"
    print(header)
    for mode in ("gold", "noisy", "none"):
        items = load_fixture(path, entities=mode)
        articles = [i.article for i in items]
        for method, vecs, settings in _methods(embedded):
            pred, duplicates = cluster_with(articles, vecs, settings)
            _print_row(mode, method, score_clustering(items, pred))
    _entity_stage_row(items, embedded)
    gold_pairs = {lang: sum(_pairs_of(items, lang).values()) for lang in LANGS}
    print("within-language gold pairs (small numbers make a language's F1 jumpy): "
          + ", ".join(f"{lang} {n}" for lang, n in gold_pairs.items()))
    copies = {i.article.id: i.copy_of for i in items if i.copy_of}
    right = sum(1 for i, d in zip(items, duplicates, strict=True) if d and copies.get(i.article.id) == d)
    wrong = sum(1 for i, d in zip(items, duplicates, strict=True) if d and copies.get(i.article.id) != d)
    print(f"syndicated copies in the set: {len(copies)}; marked as copies of their earliest source: {right}; "
          f"false copies: {wrong}")
    print("gold = the story's hand-assigned entity ids (a perfect entity stage); noisy = 30% dropped, 30% chance "
          "of a same-topic distractor; none = text only; stage = our entity stage. static = the distilled static "
          "model (default), e5 = full multilingual-e5-small (anchor). Goal: pairwise F1 >= 90 within and across "
          "languages. The linker's thresholds were chosen on this set (no held-out part).")
    return [i.article for i in items if not i.copy_of], plain, embedded


def extended_section(fixture: str, more: str, kinds: tuple[str, ...]) -> None:
    """The labelled set plus more same-language articles of its stories (written later, after the linker's
    thresholds were chosen on the set above): within-language figures rest on more pairs."""
    print(f"\n== Extended labelled set ({fixture} + {more})")
    plain = load_fixture([fixture, more], entities="none")
    embedded = _embed_kinds([i.article for i in plain], kinds)
    print(f"{len(plain)} articles, {len({i.story for i in plain})} stories")
    print(f"{'entity ids':10} {'method':22}{'P':>6}{'R':>6}{'F1':>6}  {'x-lang F1':>9}  "
          + "".join(f"{lang + ' F1':>7}" for lang in LANGS) + f"{'B3 F1':>7}")
    for mode in ("gold", "noisy", "none"):
        items = load_fixture([fixture, more], entities=mode)
        for method, vecs, settings in _methods(embedded):
            pred, _ = cluster_with([i.article for i in items], vecs, settings)
            _print_row(mode, method, score_clustering(items, pred))
    _entity_stage_row(items, embedded)
    gold_pairs = {lang: sum(_pairs_of(items, lang).values()) for lang in LANGS}
    print("within-language gold pairs: " + ", ".join(f"{lang} {n}" for lang, n in gold_pairs.items()))


def _print_row(mode: str, method: str, s: dict) -> None:
    langs = "".join(f"{100 * s['languages'][lang].f1:7.1f}" if lang in s["languages"] else f"{'-':>7}"
                    for lang in LANGS)
    print(f"{mode:10} {method:22}{_f(s['pairwise'])}  {100 * s['cross_language'].f1:9.1f}  {langs}"
          f"{100 * s['bcubed'].f1:7.1f}")


def _pairs_of(items: list, lang: str) -> Counter:
    sizes = Counter(i.story for i in items if i.article.language == lang)
    return Counter({story: n * (n - 1) // 2 for story, n in sizes.items()})


def _entity_stage_row(items: list, embedded: dict[str, Embedded]) -> None:
    """The same set with entity ids from our own entity stage, when its models are installed."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.understand import entities

    try:
        articles = [entities.run(i.article) for i in items]
    except NewsgraphError as exc:
        print(f"{'stage':10} skipped: the entity stage is not available ({exc.reason}: {str(exc)[:80]})")
        return
    for method, vecs, settings in _methods(embedded):
        pred, _ = cluster_with(articles, vecs, settings)
        s = score_clustering(items, pred)
        print(f"{'stage':10} {method:22}{_f(s['pairwise'])}  {100 * s['cross_language'].f1:9.1f}  "
              + "".join(f"{100 * s['languages'][lang].f1:7.1f}" for lang in LANGS if lang in s["languages"])
              + f"{100 * s['bcubed'].f1:7.1f}")


def slavicner_section(root: str, limit: int | None, kinds: tuple[str, ...]) -> tuple[list, list, dict]:
    print(f"\n== SlavicNER documents grouped by topic ({root})")
    items = load_slavicner(root, entities=True, limit_per_language=limit)
    plain = load_slavicner(root, entities=False, limit_per_language=limit)
    articles = [i.article for i in plain]
    embedded = _embed_kinds(articles, kinds)
    print(f"{len(items)} documents, {len({i.topic for i in items})} topics, "
          f"{len({i.article.language for i in items})} languages; embedded title + lead in "
          + ", ".join(f"{k} {e.cpu_s:.1f} CPU-s" for k, e in embedded.items()))
    print(f"{'entity ids':10} {'method':22}{'stories':>8}{'multi':>7}{'mixed':>7}{'story merge %':>14}"
          f"{'pair merge %':>13}{'x-lang pair merge %':>20}")
    for label, data in (("gold", items), ("none", plain)):
        for method, vecs, settings in _methods(embedded):
            pred, _ = cluster_with([i.article for i in data], vecs, settings)
            m = cross_topic_merges(data, pred)
            cross = pairwise([i.topic for i in data], pred, [i.article.language for i in data])
            print(f"{label:10} {method:22}{m['stories']:8d}{m['multi_article_stories']:7d}{m['mixed_stories']:7d}"
                  f"{100 * m['story_merge_rate']:14.2f}{100 * m['pair_merge_rate']:13.2f}"
                  f"{100 * (1 - cross.precision):20.2f}")
    print("story merge % = multi-article stories mixing topics; pair merge % = same-story pairs across topics "
          "(SlavicNER documents are undated: no time window helps). Goal: ~0.")
    return distinct_bases(articles, 1500), articles, embedded


def dedup_section(bases: list) -> None:
    print(f"\n== Near-duplicates: edited copies (new headline, boilerplate, ~5% words changed or dropped, "
          f"30% cut short) of {len(bases)} distinct articles")
    result = dedup_benchmark(bases)
    ours = result["ours"]
    print(f"MinHash LSH (ours): precision {100 * ours.precision:.2f}  recall {100 * ours.recall:.2f}   "
          f"anchor exact-hash recall {100 * result['exact_hash_recall']:.2f}   goal P >= 99 at R >= 95")


def cost_section(total: int, store_total: int) -> None:
    checkpoints = sorted({c for c in (1_000, 10_000, 100_000, 200_000, 1_000_000) if c < total} | {total})
    print(f"\n== Cost per added article when the index holds N articles (synthetic, up to {total}; median over 300 "
          f"linked articles at each size)")
    started = time.perf_counter()
    print(f"{'index holds':>12}{'ours CPU ms':>12}{'anchor: all-pairs vector scan CPU ms':>38}")
    for row in cost_benchmark(total, checkpoints):
        print(f"{row['size']:12d}{row['ours_ms']:12.3f}{row['all_pairs_ms']:38.3f}", flush=True)
    print(f"({time.perf_counter() - started:.0f}s; cost rises until the capped posting lists fill, then stays flat; "
          f"the anchor compares only vectors, a lower bound for any all-pairs method)")
    if store_total:
        marks = [c for c in (100, 1_000, 10_000, 100_000) if c < store_total]
        rows = store_cost_benchmark(store_total, marks)
        print("store path (SQLite, link + put_article), CPU ms per article: "
              + ", ".join(f"at {row['size']}: {row['store_ms']:.2f}" for row in rows))


def throughput_section(articles: list, embedded: dict[str, Embedded]) -> None:
    print(f"\n== Throughput (this machine, one process; {len(articles)} real articles: the last set above)")
    print(f"{'embeddings':12}{'embed /CPU-s':>14}{'link /CPU-s':>13}{'end-to-end /CPU-s':>19}{'wall /s':>9}")
    for kind in (*embedded, None):
        if kind is None:
            row = end_to_end(articles, Embedded("none", [], 0.0, 0.0))
        else:
            row = end_to_end(articles, embedded[kind])
        embed = f"{row['embed_per_cpu_s']:14.0f}" if kind else f"{'-':>14}"
        print(f"{row['kind']:12}{embed}{row['link_per_cpu_s']:13.0f}{row['per_cpu_s']:19.0f}{row['per_wall_s']:9.0f}")
    rates = throughput()
    print(f"linking alone on a synthetic stream (vectors ready): {rates['link_per_s']:.0f} articles per CPU-second. "
          "end-to-end = embedding title + lead (batches of 64) + features, near-duplicates and story assignment, "
          "per CPU-second (e5 counts all its threads); wall /s on this shared machine. Goal >= 200 articles/s "
          "on 2 cores.")
