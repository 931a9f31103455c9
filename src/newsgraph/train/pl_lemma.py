"""Learn the Polish name suffix rules (``understand/lang/pl/suffixes.json``) from SlavicNER gold base forms.

Only suffix statistics are kept (ending -> replacement, with counts), never a name or a sentence of the corpus.
The held-out SlavicNER topic is left out, so ``newsgraph eval ner`` measures the rules on unseen documents.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph.train.corpora import HELD_OUT_TOPIC, slavicner_rows, slavicner_topics
from newsgraph.understand.lang.pl.names import MAX_SUFFIX, rule_context

__all__ = ["learn_suffix_rules", "word_pairs"]


def word_pairs(root: Path, topics: set[str]):
    """(label, after, form, base) for every word of a gold mention whose base form has as many words."""
    for _topic, _text, rows in slavicner_rows(root, "pl", topics):
        for row in rows:
            forms, bases = row.text.split(), row.lemma.split()
            if len(forms) != len(bases):
                continue
            after = "0"
            for form, base in zip(forms, bases, strict=True):
                yield row.label, after, form, base
                after = "1" if form.lower() != base.lower() else "2"


def _rule(form: str, base: str) -> tuple[int, str]:
    form, base = form.lower(), base.lower()
    common = 0
    while common < min(len(form), len(base)) and form[common] == base[common]:
        common += 1
    return len(form) - common, base[common:]


def learn_suffix_rules(root: Path, out: Path, min_count: int = 2) -> int:
    """Count (context, ending) -> rule; keep the contexts seen at least ``min_count`` times. Returns their number."""
    counts: dict[str, Counter] = defaultdict(Counter)
    topics = set(slavicner_topics(root)) - {HELD_OUT_TOPIC}
    for label, after, form, base in word_pairs(root, topics):
        strip, add = _rule(form, base)
        if strip > MAX_SUFFIX:
            continue
        for size in range(1, MAX_SUFFIX + 1):
            if size > len(form):
                break
            counts[rule_context(label, after, form, size)][f"{strip}:{add}"] += 1
    table = {context: dict(rules.most_common(3)) for context, rules in counts.items()
             if sum(rules.values()) >= min_count}
    out.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return len(table)
