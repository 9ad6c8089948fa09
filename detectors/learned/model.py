"""The linear models of one event type, stored as data in ``detectors/data/models/<type>.npz``.

One file holds every output of a type (``event``, ``status:<s>`` for each status, ``level:high`` for meetings):
weights over the known string features (a vocabulary), optional weights over a dense sentence embedding, a bias,
and a Platt calibration (a, b) per output fitted on cross-validated scores. ``meta`` (JSON) records the version
(part of the detector's name), the thresholds and what the model was trained on.

Inference is numpy only (no scikit-learn at run time); a file is loaded once per process.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

MODELS = "data/models"


def model_path(type_: str) -> Path:
    return Path(str(resources.files("detectors").joinpath(MODELS, f"{type_}.npz")))


@dataclass
class LinearModel:
    type: str
    vocab: dict[str, int]
    w_sparse: np.ndarray  # (n_features, n_outputs) float32
    w_dense: np.ndarray  # (dense_dim, n_outputs) float32; dense_dim 0 when the model uses no embedding
    bias: np.ndarray  # (n_outputs,)
    platt: np.ndarray  # (n_outputs, 2): calibrated p = sigmoid(a * z + b)
    outputs: tuple[str, ...]
    meta: dict[str, Any]

    @property
    def version(self) -> int:
        return int(self.meta.get("version", 1))

    @property
    def name(self) -> str:
        """The detector name that carries the model's version, e.g. ``meeting.learned/2``."""
        return f"{self.type}.learned/{self.version}"

    @property
    def dense_dim(self) -> int:
        return int(self.w_dense.shape[0])

    def index(self, feats: Sequence[str]) -> np.ndarray:
        vocab = self.vocab
        return np.fromiter({vocab[f] for f in feats if f in vocab}, dtype=np.int64)

    def scores(self, feature_lists: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Raw scores (n, n_outputs) for candidates given as string feature lists (+ their embeddings)."""
        n = len(feature_lists)
        z = np.tile(self.bias, (n, 1)).astype(np.float64)
        for k, feats in enumerate(feature_lists):
            idx = self.index(feats)
            if len(idx):
                z[k] += self.w_sparse[idx].sum(axis=0)
        if self.dense_dim and n:
            if dense is None or dense.shape != (n, self.dense_dim):
                raise ValueError(f"{self.name} needs {self.dense_dim}-dimensional embeddings for {n} candidates")
            z += dense.astype(np.float64) @ self.w_dense
        return z

    def probabilities(self, feature_lists: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities (n, n_outputs)."""
        z = self.scores(feature_lists, dense)
        return 1.0 / (1.0 + np.exp(-(z * self.platt[:, 0] + self.platt[:, 1])))

    def save(self, path: Path) -> None:
        words = sorted(self.vocab, key=self.vocab.__getitem__)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:  # an open file: np.savez_compressed would append ".npz" to a str path
            np.savez_compressed(
                fh,
                vocab=np.array(words, dtype=np.str_),
                w_sparse=self.w_sparse.astype(np.float32),
                w_dense=self.w_dense.astype(np.float32),
                bias=self.bias.astype(np.float64),
                platt=self.platt.astype(np.float64),
                outputs=np.array(self.outputs, dtype=np.str_),
                meta=np.array(json.dumps(self.meta, sort_keys=True)),
            )

    @classmethod
    def read(cls, path: Path, type_: str) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            words = data["vocab"].tolist()
            return cls(
                type=type_,
                vocab={w: i for i, w in enumerate(words)},
                w_sparse=data["w_sparse"],
                w_dense=data["w_dense"],
                bias=data["bias"],
                platt=data["platt"],
                outputs=tuple(data["outputs"].tolist()),
                meta=json.loads(str(data["meta"])),
            )


@cache
def load(type_: str) -> LinearModel | None:
    """The shipped model of ``type_`` (once per process), or None when no model file exists."""
    path = model_path(type_)
    if not path.is_file():
        return None
    return LinearModel.read(path, type_)
