"""Data for the stories benchmark: the team's labelled set, SlavicNER documents by topic, synthetic streams.

Nothing here ships text: the labelled set is our own writing (tests/fixtures/stories), SlavicNER is read from
``../shared`` at run time, and synthetic texts are generated from a seeded vocabulary.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Mention
from newsgraph.text import stable_hash

__all__ = ["Labelled", "load_fixture", "load_slavicner", "edited_copies", "synthetic_stream", "FIXTURE", "FIXTURE_MORE"]

FIXTURE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "stories" / "articles.jsonl"
FIXTURE_MORE = FIXTURE.with_name("articles-more.jsonl")


@dataclass(frozen=True, slots=True)
class Labelled:
    article: Article
    story: str  # gold story (or topic, for SlavicNER)
    topic: str
    copy_of: str | None = None


def _mentions(entity_ids: list[str]) -> tuple[Mention, ...]:
    return tuple(Mention(0, 0, "", "MISC", entity_id=e) for e in entity_ids)


def load_fixture(path: str | Path | list = FIXTURE, entities: str = "noisy") -> list[Labelled]:
    """The team's hand-labelled multilingual set (JSON Lines, one article per line), in publication order; a list
    of paths reads them together (``FIXTURE_MORE`` adds same-language articles of the same stories).

    ``entities``: "gold" gives each article its story's hand-assigned entity ids (a perfect entity stage),
    "noisy" drops each id with probability 0.3 and adds, with probability 0.3, an id from another story of the
    same topic (an imperfect one), "none" gives no entity ids (text and embeddings only).
    """
    rows = []
    for one in path if isinstance(path, list) else [path]:
        one = Path(one)
        if not one.is_file():
            raise NewsgraphError(f"no labelled story set at {one}",
                                 hint="pass --fixture PATH (tests/fixtures/stories/articles.jsonl)")
        rows += [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_topic: dict[str, list[str]] = {}
    for row in rows:
        known = by_topic.setdefault(row["topic"], [])
        known.extend(e for e in row["entities"] if e not in known)
    out = []
    for row in rows:
        ids = _entity_ids(row, by_topic[row["topic"]], entities)
        article = Article(
            id=row["id"], url=f"https://{row['site']}/{row['id']}", text=row["text"], title=row["title"],
            site=row["site"], language=row["language"], published=datetime.fromisoformat(row["published"]),
            mentions=_mentions(ids),
        )
        out.append(Labelled(article, row["story"], row["topic"], row.get("copy_of")))
    return sorted(out, key=lambda item: (item.article.published, item.article.id))


def _entity_ids(row: dict, topic_entities: list[str], mode: str) -> list[str]:
    if mode == "gold":
        return list(row["entities"])
    if mode != "noisy":
        return []
    rng = random.Random(stable_hash("noisy-entities", row["id"]))
    kept = [e for e in row["entities"] if rng.random() >= 0.3]
    others = [e for e in topic_entities if e not in row["entities"]]
    if others and rng.random() < 0.3:
        kept.append(rng.choice(others))
    return kept


def load_slavicner(root: str | Path, entities: bool = False, limit_per_language: int | None = None) -> list[Labelled]:
    """SlavicNER raw documents (raw/<topic>/<lang>/*.txt), labelled by topic; gold cross-lingual entity ids from
    the .tsv files become mentions when ``entities`` is set (an oracle for the entity stage)."""
    root = Path(root)
    raw = root / "raw"
    if not raw.is_dir():
        raise NewsgraphError(f"no SlavicNER documents under {raw}", hint="pass --data ../shared/data/ner/slavicner")
    out = []
    for topic_dir in sorted(p for p in raw.iterdir() if p.is_dir()):
        for lang_dir in sorted(p for p in topic_dir.iterdir() if p.is_dir()):
            files = sorted(lang_dir.glob("*.txt"))[:limit_per_language]
            for path in files:
                text = path.read_text(encoding="utf-8", errors="replace").strip()
                if not text:
                    continue
                title = text.split("\n", 1)[0].strip()[:300]
                ids = _slavicner_ids(root, topic_dir.name, lang_dir.name, path.name) if entities else []
                article = Article(id=f"{topic_dir.name}/{lang_dir.name}/{path.stem}", url=None, text=text,
                                  title=title, language=lang_dir.name, site=f"{lang_dir.name}-{path.stem}",
                                  mentions=_mentions(ids))
                out.append(Labelled(article, topic_dir.name, topic_dir.name))
    random.Random(5).shuffle(out)  # an arrival order that interleaves topics and languages
    return out


def _slavicner_ids(root: Path, topic: str, lang: str, name: str) -> list[str]:
    tsv = root / "ner" / topic / lang / name.replace(".txt", ".tsv")
    tsv = tsv.with_name(name[: -len(".txt")] + ".tsv") if name.endswith(".txt") else tsv
    if not tsv.is_file():
        return []
    ids = []
    for line in tsv.read_text(encoding="utf-8", errors="replace").splitlines():
        cols = line.split("\t")
        if len(cols) >= 6 and cols[5].strip():
            ids.append(cols[5].strip())
    return ids


# --- synthetic edited copies ---------------------------------------------------------------------------------
_FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_BOILERPLATE = ["Read more on our website.", "Subscribe to our newsletter.", "Photo: agency.", "Share this article.",
                "Follow us on social media.", "(c) All rights reserved.", "Advertisement", "Related: more news."]


def edited_copy(article: Article, rng: random.Random, copy_id: str) -> Article:
    """A syndicated copy: new headline, boilerplate around, a few words changed or dropped, maybe the end cut."""
    words = article.text.split()
    edited = []
    for word in words:
        roll = rng.random()
        if roll < 0.02:
            continue  # dropped word
        edited.append(word if roll > 0.05 else rng.choice(words))  # an edited word
    if rng.random() < 0.3:
        edited = edited[: max(10, int(len(edited) * rng.uniform(0.7, 0.95)))]  # cut short
    prefix = rng.choice(_BOILERPLATE) if rng.random() < 0.7 else ""
    suffix = " ".join(rng.sample(_BOILERPLATE, 2))
    text = " ".join(p for p in (prefix, " ".join(edited), suffix) if p)
    later = timedelta(hours=2)
    return replace(article, id=copy_id, text=text, title=f"Copy: {(article.title or '')[:60]}",
                   site=f"copy{rng.randint(1, 50)}.example",
                   published=article.published + later if article.published else None,
                   fetched_at=(article.fetched_at or _FETCHED) + later)


def edited_copies(bases: list[Article], copies_per_base: int = 1,
                  seed: int = 3) -> tuple[list[Article], dict[str, str]]:
    """The bases plus edited copies of each; returns (articles, copy id -> base id)."""
    rng = random.Random(seed)
    bases = [b if b.fetched_at else replace(b, fetched_at=_FETCHED) for b in bases]
    out, gold = list(bases), {}
    for base in bases:
        for n in range(copies_per_base):
            copy_id = f"{base.id}~copy{n}"
            out.append(edited_copy(base, rng, copy_id))
            gold[copy_id] = base.id
    rng.shuffle(out)
    return out, gold


# --- synthetic stream for the cost benchmark -------------------------------------------------------------------
def synthetic_stream(count: int, seed: int = 1, vocabulary: int = 50_000, per_story: int = 8):
    """A stream of ``count`` articles in about ``count / per_story`` stories over time: each story has its own
    words and entity ids drawn from a large vocabulary; articles of one story share most of them."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    langs = ("en", "uk", "ru", "pl")
    stories: list[tuple[list[str], list[str], datetime]] = []
    for n in range(count):
        if not stories or rng.random() < 1.0 / per_story:
            words = [f"w{rng.randrange(vocabulary)}x" for _ in range(30)]
            ents = [f"q{rng.randrange(vocabulary)}" for _ in range(4)]
            stories.append((words, ents, start + timedelta(minutes=n)))
        words, ents, born = stories[max(0, len(stories) - 1 - int(rng.expovariate(1 / 3)))]
        body = rng.sample(words, 18) + [f"n{rng.randrange(vocabulary * 10)}z" for _ in range(20)]
        rng.shuffle(body)
        article_id = stable_hash("synthetic", str(seed), str(n))
        yield Article(id=article_id, url=None, text=" ".join(body), title=" ".join(body[:8]),
                      language=rng.choice(langs), site=f"site{rng.randrange(200)}.example",
                      published=born + timedelta(minutes=rng.randrange(600)), mentions=_mentions(ents[:3]))
