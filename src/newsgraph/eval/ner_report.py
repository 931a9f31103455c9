"""Printing of ``newsgraph eval ner`` figures, each beside its anchor and goal."""

from __future__ import annotations

from rich.table import Table

from newsgraph.eval.ner import ANCHORS, GOALS

__all__ = ["print_report"]


def _goal(lang: str, name: str) -> float:
    if "SlavicNER" in name:
        return GOALS["f1_slavicner"]
    return GOALS["f1_uk"] if lang == "uk" else GOALS["f1"]


def print_report(figures: dict, console) -> None:
    table = Table("lang", "test set", "F1", "PER", "ORG", "LOC", "MISC", "F1 on corpus tokens",
                  "F1, quote marks at span edges ignored",
                  "whole stage (SlavicNER: documents, strict / marks ignored)", "goal", "anchor (published)",
                  title="Span F1 (exact character spans; the model tokenises the text itself, as the stage does)")
    for (lang, name), scores in figures["f1"].items():
        anchor = ANCHORS["f1"].get(lang, "-") if "SlavicNER" not in name else "-"
        per_label = (str(scores.get(k, "-")) for k in ("PER", "ORG", "LOC", "MISC"))
        corpus = f"{scores['corpus_tokens']:.2f}" if "corpus_tokens" in scores else "-"
        marks = f"{scores['marks_ignored']:.2f}" if "marks_ignored" in scores else "-"
        stage = f"{scores['stage']:.2f}" if "stage" in scores else "-"
        if "stage_marks_ignored" in scores:
            stage += f" / {scores['stage_marks_ignored']:.2f}"
        table.add_row(lang, name, f"{scores['all']:.2f}", *per_label, corpus, marks, stage,
                      f">= {_goal(lang, name):.0f}", anchor)
    console.print(table)
    if figures["lemma"]:
        table = Table("lang", "unseen topic", "mentions", "all topics", "mentions", "goal", "anchor",
                      title="Base forms of gold SlavicNER mentions (exact match)")
        for lang, row in figures["lemma"].items():
            table.add_row(lang, f"{row['held_out']:.2f}%", str(row["held_out_n"]), f"{row['all_topics']:.2f}%",
                          str(row["all_n"]), f">= {GOALS['lemma']:.0f}%", ANCHORS["lemma"])
        console.print(table)
    link = figures.get("linking")
    if link:
        # one language has no pair of mentions in two languages: a pairwise 0.0 there would read as a failure
        pairwise = (f"pairwise P {link['pairwise_p']:.1f} R {link['pairwise_r']:.1f} F1 {link['pairwise_f1']:.1f}"
                    if link.get("cross_pairs", 1) else "pairwise: none (needs two languages: --lang uk --lang ru)")
        console.print(
            f"[bold]Cross-lingual linking[/] (gold mentions of the unseen topic, {link['mentions']} mentions, "
            f"each document linked alone): {pairwise}; B-cubed F1 {link['bcubed_f1']:.1f}  "
            f"(goal >= {GOALS['linking']:.0f}; anchor {ANCHORS['linking']}, a different protocol)")
    speed = figures.get("speed") or {}
    if speed:
        table = Table("lang", "words", "recognition words/s", "whole stage words/s", "goal",
                      title="Speed per core (CPU time, one process)")
        for lang, row in speed["langs"].items():
            table.add_row(lang, str(row["words"]), f"{row['ner_wps']:,.0f}", f"{row['stage_wps']:,.0f}",
                          f">= {GOALS['words_per_s']:,}")
        console.print(table)
        console.print(f"Resident memory with {len(speed['langs'])} languages loaded: {speed['rss_mb']:.0f} MB")
