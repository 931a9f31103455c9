"""Where the story linker keeps what it knows: per-article records, capped posting lists, story profiles.

Two backends behind one small interface so that ``newsgraph.cluster`` (in memory) and ingest (the store) run the
same linker code. Every lookup is by key and every posting list is capped, so adding an article touches a bounded
number of records however large the store grows.
"""

from __future__ import annotations

import base64
import json
from abc import ABC, abstractmethod
from datetime import UTC, datetime

import numpy as np

from newsgraph.model import Story
from newsgraph.store import Store

__all__ = ["LinkIndex", "MemoryIndex", "StoreIndex", "story_record", "pack", "unpack"]

POSTING_CAP = 24  # most recent stories (or articles) kept per key


class LinkIndex(ABC):
    """A key -> JSON-like value map plus a hook for articles whose story changes after they were stored."""

    @abstractmethod
    def get(self, key: str): ...

    @abstractmethod
    def put(self, key: str, value) -> None: ...

    def reassigned(self, article_id: str, story_id: str, duplicate_of: str | None) -> None:
        """An article linked earlier now belongs elsewhere (story merge, or an earlier source arrived)."""
        return None

    def story_changed(self, state: dict) -> None:
        """A story profile was created or updated."""
        return None

    def flush(self) -> None:
        """Called once per linked article: write what was buffered."""
        return None

    # --- helpers every backend shares ------------------------------------------------------------------------
    def postings(self, key: str) -> list[str]:
        return self.get(f"p:{key}") or []

    def add_posting(self, key: str, value: str, cap: int = POSTING_CAP) -> None:
        current = [v for v in self.postings(key) if v != value]
        current.append(value)
        self.put(f"p:{key}", current[-cap:])

    def article(self, article_id: str) -> dict | None:
        return self.get(f"a:{article_id}")

    def put_article(self, record: dict) -> None:
        self.put(f"a:{record['id']}", record)

    def story(self, story_id: str) -> dict | None:
        return self.get(f"s:{story_id}")

    def put_story(self, state: dict) -> None:
        self.put(f"s:{state['id']}", state)
        self.story_changed(state)

    def live_story(self, story_id: str) -> dict | None:
        """The story, following merges to the one that absorbed it."""
        state = self.story(story_id)
        seen = 0
        while state is not None and state.get("merged_into") and seen < 64:
            state, seen = self.story(state["merged_into"]), seen + 1
        return state

    def document_frequency(self, key: str) -> int:
        return self.get(f"df:{key}") or 0

    def count_documents(self, keys: list[str]) -> None:
        for key in keys:
            self.put(f"df:{key}", self.document_frequency(key) + 1)
        self.put("df:*", self.document_frequency("*") + 1)


class MemoryIndex(LinkIndex):
    def __init__(self):
        self.data: dict[str, object] = {}
        self.assignments: dict[str, tuple[str, str | None]] = {}

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        self.data[key] = value

    def reassigned(self, article_id: str, story_id: str, duplicate_of: str | None) -> None:
        self.assignments[article_id] = (story_id, duplicate_of)


class StoreIndex(LinkIndex):
    """The index inside a newsgraph store (its key/value state, under ``connect:``), writing Story records too.

    Writes are buffered and flushed once per article in one transaction (about a hundred small values).
    """

    PREFIX = "connect:"

    def __init__(self, store: Store):
        self.store = store
        self._pending: dict[str, object] = {}
        self._read: dict[str, object] = {}  # values read while linking one article (the linker reads keys twice)

    def get(self, key: str):
        if key in self._pending:
            return self._pending[key]
        if key not in self._read:
            raw = self.store.get_state(self.PREFIX + key)
            self._read[key] = json.loads(raw) if raw is not None else None
        return self._read[key]

    def put(self, key: str, value) -> None:
        self._pending[key] = value

    def flush(self) -> None:
        if self._pending:
            self.store.put_states((self.PREFIX + key, json.dumps(value, separators=(",", ":")).encode("utf-8"))
                                  for key, value in self._pending.items())
            self._pending = {}
        self._read = {}

    def reassigned(self, article_id: str, story_id: str, duplicate_of: str | None) -> None:
        if self.store.get_article(article_id) is not None:
            self.store.set_article_story(article_id, story_id, duplicate_of)

    def story_changed(self, state: dict) -> None:
        self.store.put_story(story_record(state))


def story_record(state: dict) -> Story:
    """The public Story record of a linker story profile."""
    languages = sorted(state["languages"], key=lambda lang: (-state["languages"][lang], lang))
    outlets = sorted(state["outlets"], key=lambda site: (-state["outlets"][site], site))
    entities = sorted(state["entities"], key=lambda e: (-state["entities"][e], e))[:10]
    return Story(
        id=state["id"],
        title=state["title"],
        first_seen=_datetime(state["first"]),
        last_seen=_datetime(state["last"]),
        languages=tuple(languages),
        outlets=tuple(outlets),
        article_ids=tuple(state["articles"]),
        key_entities=tuple(entities),
        merged_into=state.get("merged_into"),
    )


def _datetime(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, tz=UTC) if value is not None else None


def pack(values: np.ndarray, dtype: str = "<f4") -> str:
    """A numeric array as compact JSON-safe text (base64 of little-endian values)."""
    return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")


def unpack(text: str, dtype: str = "<f4") -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).astype(np.float32 if dtype == "<f4" else dtype)
