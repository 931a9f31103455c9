"""Learn cross-lingual aliases from SlavicNER: ``newsgraph train aliases --data ../shared/data/ner``.

SlavicNER gives every gold mention, in six languages, a cross-lingual id ("GPE-Austria" for "Австрия", "Austria",
"Австрія", "Rakousko"). Transliteration already joins most spellings; what it cannot join ("Нидерланды" / "Holandia",
"Еврокомиссия" / "Komisja Europejska", "Шрёдер" / "Schroeder") is learned here as alias knowledge:

- every base form becomes the same ``name_key`` the linker computes at run time;
- lone first names and surnames are not learned (the linker joins them to a full name inside a document);
- a key that points at one id in at least 90% of at least two mentions is kept; ambiguous keys ("МИД": the ministry
  of which country?) are not, so they keep their own ids and merge nothing;
- a group that shares a key with the team gazetteer takes the gazetteer's id; a key the gazetteer already gives a
  different id is dropped: a learned alias never pulls a name away from a famous entity.

Only keys (sound skeletons of names) and ids are written, never text. The held-out topic is left out, so the
linking benchmark on it measures learned knowledge on an unseen topic.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph.train.corpora import HELD_OUT_TOPIC, slavicner_rows, slavicner_topics

__all__ = ["LEARNED_LANGS", "learn_aliases", "write_aliases"]

LEARNED_LANGS = ("uk", "ru", "pl", "bg", "cs", "sl")
_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "EVT": "EVT", "PRO": "PRO"}
_MIN_MENTIONS = 2
_MIN_PURITY = 0.9


def _label(row_label: str) -> str:
    return _LABELS.get(row_label, "MISC")


def _key_variants(name: str, label: str, lang: str) -> set[str]:
    from newsgraph.understand.linking import group_key

    variants = {group_key(name, label, lang if lang == "pl" else None)}
    if not re.search(r"[а-яёіїєґ]", name, re.IGNORECASE):
        variants.add(group_key(name, label, "pl"))  # a Latin name may be read with either spelling rules
    return variants


def _specific(key: str, cross_id: str = "PER-") -> bool:
    """A lone surname or first name ("Khan", "Charles") names too many people to be learned as anyone's alias. A lone
    word tagged as a person that names a place or group is a demonym ("Rosjanie" -> GPE-Russia): that is learned."""
    group, _, skeleton = key.partition("|")
    if group == "P" and cross_id.startswith("PER-"):
        return " " in skeleton
    return len(skeleton) >= (3 if skeleton.startswith("#") else 4)  # "Rada" is a council in every language


def _display(cross_id: str) -> str:
    return cross_id.split("-", 1)[1].replace("-", " ") if "-" in cross_id else cross_id


def learn_aliases(root: Path, exclude_topics: set[str] | None = None) -> dict:
    """Key -> id entries and display names, learned from every SlavicNER topic not excluded."""
    from newsgraph.understand.linking import slug, team_gazetteer

    exclude = {HELD_OUT_TOPIC} if exclude_topics is None else exclude_topics
    topics = set(slavicner_topics(root)) - exclude
    ids_by_key: dict[str, Counter] = defaultdict(Counter)
    label_of: dict[str, Counter] = defaultdict(Counter)
    for lang in LEARNED_LANGS:
        for _topic, _text, rows in slavicner_rows(root, lang, topics):
            for row in rows:
                label = _label(row.label)
                label_of[row.cross_id][label] += 1
                for key in _key_variants(row.lemma, label, lang):
                    if _specific(key, row.cross_id):
                        ids_by_key[key][row.cross_id] += 1
    keys_by_id: dict[str, set[str]] = defaultdict(set)
    for key, counts in ids_by_key.items():
        cross_id, count = counts.most_common(1)[0]
        total = sum(counts.values())
        if total >= _MIN_MENTIONS and count / total >= _MIN_PURITY:
            keys_by_id[cross_id].add(key)
    team = team_gazetteer()
    entries: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for cross_id, keys in sorted(keys_by_id.items()):
        if len(keys) < 2:
            continue  # one spelling: the key alone already links it across documents
        famous = Counter(team[k][0] for k in keys if k in team)
        gid = famous.most_common(1)[0][0] if famous else "k:" + slug(_display(cross_id))
        label = label_of[cross_id].most_common(1)[0][0]
        # The id itself is an English name written by the annotators ("GPE-Holland"): English text links too.
        english = {k for k in _key_variants(_display(cross_id), label, "en")
                   if _specific(k) and (k not in ids_by_key or ids_by_key[k].most_common(1)[0][0] == cross_id)}
        for key in sorted(keys | english):
            if key in team and team[key][0] != gid:
                continue
            entries.setdefault(key, [gid, label])
        if not famous:
            names[gid] = _display(cross_id)
    return {"source": "SlavicNER (BSNLP 2019-2023), topics: " + ", ".join(sorted(topics)),
            "held_out": sorted(exclude), "min_mentions": _MIN_MENTIONS, "min_purity": _MIN_PURITY,
            "entries": entries, "names": names}


def write_aliases(learned: dict, path: Path) -> Path:
    path.write_text(json.dumps(learned, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    return path
