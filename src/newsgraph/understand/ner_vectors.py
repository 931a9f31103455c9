"""Pretrained word features for the NER pipelines: every token gets a vector from the static multilingual embedding.

A spaCy ``BaseVectors`` implementation (registered as ``newsgraph.StaticE5Vectors.v1``) that a pipeline trained with
``newsgraph train ner --vectors static-e5`` names in its ``[nlp.vectors]`` config. A token's vector is the one
``connect/static.py`` gives a text: e5's SentencePiece pieces of the word, SIF-weighted and summed, then
L2-normalised; so no word is out of vocabulary (unlike a table of word forms) and "Путина", "Putina" and "Putin"
lie close together. The table is a frozen copy of ``models/static-e5`` reduced to fewer dimensions
(``models/ner-vectors``, built by ``newsgraph train ner-vectors``), so retraining the stories' embedding never
changes what a shipped NER model sees. One table is loaded per process and shared by all languages.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH
from spacy.util import registry
from spacy.vectors import BaseVectors, Mode

from newsgraph.connect.static import known_rows, row_index
from newsgraph.errors import ModelError

__all__ = ["VECTORS_DIR", "REGISTERED_NAME", "StaticE5Vectors", "WordVectorTable", "load_table"]

VECTORS_DIR = Path(__file__).resolve().parent.parent / "models" / "ner-vectors"
REGISTERED_NAME = "newsgraph.StaticE5Vectors.v1"
_FILES = ("tokens.npy", "vectors.npy", "meta.json")
_CACHE_LIMIT = 400_000  # word -> piece rows entries kept (tuples of a few ints each)
_LOCK = threading.Lock()


class WordVectorTable:
    """Piece vectors (weights folded in) and the tokeniser that cuts words into pieces."""

    def __init__(self, folder: Path):
        missing = [name for name in _FILES if not (folder / name).is_file()]
        if missing:
            raise ModelError(f"the NER word-vector table at {folder} lacks {', '.join(missing)}",
                             hint="rebuild it with `newsgraph train ner-vectors` (see docs/entities.md)")
        from newsgraph.connect.e5_file import E5File

        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        token_ids = np.load(folder / "tokens.npy")
        self.vectors = np.load(folder / "vectors.npy")  # float16 in memory too; rows are widened when summed
        self.dim = int(self.vectors.shape[1])
        self.tokenizer = E5File().tokenizer()
        self.rows = row_index(token_ids, self.tokenizer)
        self._pieces: dict[str, tuple[int, ...]] = {}

    def piece_rows(self, word: str) -> tuple[int, ...]:
        rows = self._pieces.get(word)
        if rows is None:
            rows = tuple(int(r) for r in known_rows(self.rows, self.tokenizer, word))
            if len(self._pieces) >= _CACHE_LIMIT:
                self._pieces.clear()
            self._pieces[word] = rows
        return rows

    def embed_words(self, words: list[str]) -> np.ndarray:
        """One L2-normalised vector per word; a word with no known piece gets zeros."""
        out = np.zeros((len(words), self.dim), dtype=np.float32)
        if not words:
            return out
        pieces = [self.piece_rows(word) for word in words]
        lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
        known = lengths > 0
        if not known.any():
            return out
        flat = np.fromiter((r for p in pieces for r in p), dtype=np.int64, count=int(lengths.sum()))
        starts = np.concatenate(([0], np.cumsum(lengths[known])[:-1]))
        sums = np.add.reduceat(self.vectors[flat].astype(np.float32), starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[known] = sums / np.maximum(norms, 1e-9)
        return out


@lru_cache(maxsize=4)
def _table(folder: str) -> WordVectorTable:
    return WordVectorTable(Path(folder))


def load_table(folder: Path = VECTORS_DIR) -> WordVectorTable:
    with _LOCK:
        return _table(str(folder))


class StaticE5Vectors(BaseVectors):
    """spaCy vectors computed per token text from the shared ``WordVectorTable`` (nothing stored per pipeline)."""

    def __init__(self, *, strings=None, folder: Path = VECTORS_DIR):
        super().__init__(strings=strings)
        self.strings = strings
        self.table = load_table(folder)
        self.name = f"static-e5-{self.table.dim}"
        self.mode = Mode.default
        self.n_keys = 0
        self.attr = ORTH  # the vector sees the word as written: e5's pieces are case-sensitive, names capitalised

    def get_batch(self, keys):
        words = [self.strings[int(key)] for key in keys]
        return self.table.embed_words(words)

    def __getitem__(self, key):
        return self.table.embed_words([self.strings[int(key)] if not isinstance(key, str) else key])[0]

    def __contains__(self, key) -> bool:
        return True

    def __len__(self) -> int:
        return 0

    def is_full(self) -> bool:
        return True

    @property
    def shape(self) -> tuple[int, int]:
        return (0, self.table.dim)

    @property
    def vectors_length(self) -> int:
        return self.table.dim

    @property
    def size(self) -> int:
        return 0

    def add(self, key, *, vector=None) -> int:
        return -1


@registry.vectors(REGISTERED_NAME)
def create_static_e5_vectors(folder: str = ""):
    """The ``[nlp.vectors]`` factory; ``folder`` empty means the shipped ``models/ner-vectors``."""

    def factory(vocab) -> StaticE5Vectors:
        return StaticE5Vectors(strings=vocab.strings, folder=Path(folder) if folder else VECTORS_DIR)

    return factory
