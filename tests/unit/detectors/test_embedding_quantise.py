"""Embedding.quantise and values() in numpy: the same bytes and floats as the pure-Python originals."""

from __future__ import annotations

import random
from array import array
from collections.abc import Sequence

import numpy as np
import pytest

from detectors.contracts import Embedding


def _quantise_reference(vector: Sequence[float]) -> tuple[float, bytes]:
    """The pure-Python quantiser the wire format was defined with (sessions 4-5)."""
    peak = max((abs(float(x)) for x in vector), default=0.0)
    scale = peak / 127 if peak > 0 else 1.0
    q = array("b", (max(-127, min(127, round(float(x) / scale))) for x in vector))
    return float(scale), q.tobytes()


def _vectors() -> list[list[float]]:
    rnd = random.Random(7)
    out = [[rnd.gauss(0.0, 1.0) for _ in range(512)] for _ in range(300)]
    out += [[rnd.uniform(-1e-6, 1e-6) for _ in range(rnd.randint(1, 40))] for _ in range(50)]
    out.append([127.0, 2.5, -3.5, 0.5, -0.5, 1.5, 126.5, -126.5])  # halves: round half to even
    out.append([-127.0, 63.5, 64.5, -0.49999999999999994])
    out += [[0.0, 0.0], [], [3.0], [-2.0, 0.0]]
    return out


def test_quantise_gives_the_reference_bytes_and_scale() -> None:
    for vector in _vectors():
        scale, data = _quantise_reference(vector)
        emb = Embedding.quantise("m", vector)
        assert (emb.scale, emb.data) == (scale, data), vector[:4]
        assert type(emb.scale) is float


def test_float32_arrays_quantise_as_their_python_floats() -> None:
    rng = np.random.default_rng(3)
    for _ in range(100):
        v = rng.normal(size=512).astype(np.float32)
        v /= np.linalg.norm(v)
        assert Embedding.quantise("m", v) == Embedding.quantise("m", v.tolist())
        scale, data = _quantise_reference(v.tolist())
        assert Embedding.quantise("m", v).data == data and Embedding.quantise("m", v).scale == scale


def test_values_are_the_reference_floats() -> None:
    for vector in _vectors():
        emb = Embedding.quantise("m", vector)
        expected = tuple(x * emb.scale for x in array("b", emb.data))
        assert emb.values() == expected
        assert all(type(x) is float for x in emb.values())


def test_a_vector_with_nan_or_infinity_is_refused() -> None:
    for bad in ([0.1, float("nan")], [float("inf"), 0.2]):
        with pytest.raises(ValueError):
            Embedding.quantise("m", bad)
