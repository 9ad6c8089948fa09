"""py3langid's model restored from the on-disk cache (``detectors.cache``) instead of decompressed.

The package ships its model as an LZMA-compressed npz (68 MB inside); decompressing it took 0.55–0.7 s of every
start. The cache keeps the npz's arrays uncompressed, already restricted to the languages asked for (py3langid's
``set_languages`` copies the columns of a 100k × 142 matrix: 0.13 s), and they are turned into the identifier the
way py3langid's ``from_model_file`` does. A model without the expected arrays falls back to the package's own
loader.
"""

from __future__ import annotations

import io
import lzma
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from detectors import cache

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _model_path() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    path = Path(MODEL_FILE)
    return path if path.is_absolute() else Path(MODEL_DIR) / path


def _read(path: Path, languages: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """The model's arrays; with ``languages``, only their columns of the class-dependent ones (``ptc``, ``pc``,
    ``classes``), in the model's order — what ``LanguageIdentifier.set_languages`` keeps."""
    with lzma.open(path) as src, np.load(io.BytesIO(src.read()), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    if languages is not None and all(name in arrays for name in ("ptc", "pc", "classes")):
        wanted, classes = set(languages), arrays["classes"].tolist()
        if wanted - set(classes):  # as set_languages says it
            raise ValueError(f"Unknown language code(s): {wanted - set(classes)}")
        keep = [i for i, c in enumerate(classes) if c in wanted]
        arrays.update(ptc=np.ascontiguousarray(arrays["ptc"][:, keep]), pc=arrays["pc"][keep],
                      classes=arrays["classes"][keep])
    return arrays


def identifier(languages: Sequence[str] | None = None, norm_probs: bool = True) -> Any:
    """A ``py3langid`` LanguageIdentifier over the package's model, restricted to ``languages`` (default: all)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    path = _model_path()
    subset = sorted(set(languages)) if languages is not None else None
    entry = cache.key("py3langid", cache.version("py3langid"), cache.stat_key([path]), subset)
    data = cache.cached_arrays("langid-model", entry, lambda: _read(path, subset))
    if any(name not in data for name in _ARRAYS):
        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=norm_probs)
        if subset is not None:
            ident.set_languages(subset)
        return ident
    return LanguageIdentifier(
        np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(), _to_array(data["nextmove"]),
        data["out_feat"].tolist(), norm_probs=norm_probs, tk_row=_to_array(data["nextmove_row"]),
    )
