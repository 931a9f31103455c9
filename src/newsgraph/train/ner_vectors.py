"""Build the NER word-vector table (``models/ner-vectors``) from the static multilingual embedding.

``newsgraph train ner-vectors`` freezes a copy of ``models/static-e5`` (one vector per e5 SentencePiece piece, SIF
weights folded in) projected onto its top principal directions: fewer dimensions keep the table small (128 dims in
float16: 12 MB, shared by the four NER pipelines) and the gather + projection per token cheap. The projection is
linear and uncentred, so the projected vector of a word (a sum of its pieces) is the projection of its full vector.
Nothing is downloaded; the same source gives the same table with the same numeric libraries (an SVD direction's
sign is not guaranteed across BLAS builds). The shipped NER pipelines were trained on the shipped table: rebuilding
it (or rebuilding ``models/static-e5`` and then this table) means retraining them with ``--vectors static-e5``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from newsgraph.connect.static import MODEL_DIR as STATIC_E5_DIR
from newsgraph.errors import ModelError
from newsgraph.understand.ner_vectors import VECTORS_DIR

__all__ = ["build_ner_vectors", "DEFAULT_DIMS"]

DEFAULT_DIMS = 128


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _refuse_to_replace(out: Path, fingerprint: str, dims: int) -> None:
    if not (out / "meta.json").is_file():
        return
    old = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    if old.get("source_vectors_sha256") != fingerprint or old.get("dims") != dims:
        raise ModelError(f"{out} was built from another static-e5 (or width) and the NER pipelines trained on it "
                         "would see different vectors",
                         hint="pass --force, then retrain every NER model with --vectors static-e5")


def build_ner_vectors(source: Path = STATIC_E5_DIR, out: Path = VECTORS_DIR, dims: int = DEFAULT_DIMS,
                      force: bool = False) -> dict:
    """Write ``tokens.npy``, ``vectors.npy`` (float16, ``dims`` wide) and ``meta.json`` to ``out``; returns meta."""
    needed = [source / name for name in ("tokens.npy", "vectors.npy", "weights.npy")]
    missing = [p.name for p in needed if not p.is_file()]
    if missing:
        raise ModelError(f"the static embedding at {source} lacks {', '.join(missing)}",
                         hint="build it with `newsgraph train embeddings` first")
    fingerprint = _fingerprint(source / "vectors.npy")
    if not force:
        _refuse_to_replace(out, fingerprint, dims)
    tokens = np.load(source / "tokens.npy")
    weighted = np.load(source / "vectors.npy").astype(np.float64) * np.load(source / "weights.npy")[:, None]
    if not 0 < dims <= weighted.shape[1]:
        raise ModelError(f"--dims {dims} is out of range", hint=f"choose 1..{weighted.shape[1]}")
    _, singular, directions = np.linalg.svd(weighted, full_matrices=False)
    projected = weighted @ directions[:dims].T
    # One scale for the whole table: float16 keeps its precision and the model's first layer sees unit-sized inputs.
    projected /= float(np.median(np.linalg.norm(projected, axis=1))) or 1.0
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "tokens.npy", tokens.astype(np.int32))
    np.save(out / "vectors.npy", projected.astype(np.float16))
    explained = float((singular[:dims] ** 2).sum() / (singular**2).sum())
    meta = {"source": "models/static-e5 (distilled from intfloat/multilingual-e5-small, MIT)",
            "source_vectors_sha256": fingerprint, "pieces": int(len(tokens)),
            "dims": dims, "explained_variance": round(explained, 4)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta
