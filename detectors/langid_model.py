"""py3langid's model restored from the on-disk cache (``detectors.cache``) instead of decompressed.

The package ships its model as an LZMA-compressed npz (68 MB inside); decompressing it took 0.55–0.7 s of every
start. The cache keeps the npz's arrays uncompressed; they are turned into the identifier the way py3langid's
``from_model_file`` does. A model without the expected arrays falls back to the package's own loader.
"""

from __future__ import annotations

import io
import lzma
from pathlib import Path
from typing import Any

import numpy as np

from detectors import cache

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _model_path() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    path = Path(MODEL_FILE)
    return path if path.is_absolute() else Path(MODEL_DIR) / path


def _read(path: Path) -> dict[str, np.ndarray]:
    with lzma.open(path) as src, np.load(io.BytesIO(src.read()), allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def identifier(norm_probs: bool = True) -> Any:
    """A ``py3langid`` LanguageIdentifier over the package's model (all languages)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    path = _model_path()
    entry = cache.key("py3langid", cache.version("py3langid"), cache.stat_key([path]))
    data = cache.cached_arrays("langid-model", entry, lambda: _read(path))
    if any(name not in data for name in _ARRAYS):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=norm_probs)
    return LanguageIdentifier(
        np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(), _to_array(data["nextmove"]),
        data["out_feat"].tolist(), norm_probs=norm_probs, tk_row=_to_array(data["nextmove_row"]),
    )
