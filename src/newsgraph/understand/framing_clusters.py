"""Static-e5 word clusters as framing-tagger features (built by ``train/framing_clusters.py``).

``clusters.npz`` in ``models/framing-clusters/``: ``hashes`` (sorted crc32 of folded words, no text), ``fine`` (each
word's cluster, 0..1023) and ``parent<k>`` (fine cluster -> its cluster at the coarser level k). A lookup is one
``searchsorted`` over the crc32s that the featurizer computes for its "w" feature anyway, so the clusters cost the
cold path almost nothing.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path

import numpy as np

from newsgraph.errors import NewsgraphError

__all__ = ["CLUSTERS_DIR", "WordClusters", "word_clusters"]

CLUSTERS_DIR = Path(__file__).resolve().parent.parent / "models" / "framing-clusters"


class WordClusters:
    """``levels``: the cluster counts, finest first ("c1024", "c256", "c64" features)."""

    def __init__(self, hashes: np.ndarray, fine: np.ndarray, parents: dict[int, np.ndarray], meta: dict | None = None):
        # k-means does not rebuild bit for bit (BLAS summation order), so a model names its table by this checksum
        self.checksum = zlib.crc32(b"".join(np.ascontiguousarray(a, dtype=t).tobytes() for a, t in (
            (hashes, np.uint32), (fine, np.uint16), *((parents[k], np.uint16) for k in sorted(parents)))))
        self.hashes = hashes.astype(np.int64)
        fine = fine.astype(np.int64)
        n_fine = int(fine.max()) + 1 if len(fine) else 1
        self.levels = (n_fine, *sorted(parents, reverse=True))
        # per word: its cluster at each level, plus a last row of -1 for words outside the table
        table = np.stack([fine, *(parents[k].astype(np.int64)[fine] for k in self.levels[1:])], axis=1)
        self.table = np.vstack([table, np.full((1, len(self.levels)), -1, np.int64)])
        self.meta = meta or {}

    def lookup(self, crcs: np.ndarray) -> np.ndarray:
        """Clusters (words x levels) of folded words given by their crc32; -1 for words outside the table."""
        if not len(self.hashes):
            return np.full((len(crcs), len(self.levels)), -1, np.int64)
        pos = np.searchsorted(self.hashes, crcs).clip(0, len(self.hashes) - 1)
        return self.table[np.where(self.hashes[pos] == crcs, pos, len(self.hashes))]

    @classmethod
    def load(cls, folder: str | Path = CLUSTERS_DIR) -> WordClusters:
        folder = Path(folder)
        try:
            arrays = np.load(folder / "clusters.npz")
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NewsgraphError(f"cannot read the framing word clusters in {folder}: {exc}",
                                 hint="rebuild them with `newsgraph train framing-clusters`") from exc
        parents = {int(name.removeprefix("parent")): arrays[name] for name in arrays.files if name.startswith("parent")}
        return cls(arrays["hashes"], arrays["fine"], parents, meta)


@cache
def word_clusters(folder: str | None = None) -> WordClusters:
    return WordClusters.load(folder or CLUSTERS_DIR)
