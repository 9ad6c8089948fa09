"""The on-disk cache of detector resources (detectors/cache.py): where it lives, stale and corrupt entries
rebuilt, failed writes harmless, and engines built from it detect exactly what freshly built engines do."""

from __future__ import annotations

import json
import mmap
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from detectors import cache
from tests.sample_articles import PUBLISHED, seed_and_sentences
from tests.shared_data import SHARED, require_shared

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WIREWATCH_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("WIREWATCH_DETECTOR_CACHE", raising=False)
    return tmp_path / "cache" / "detectors"


def cached(name: str, entry_key: str, build: Callable[[], Any]) -> Any:
    """``cache.cached``, then wait for its write behind (the next read sees it)."""
    value = cache.cached(name, entry_key, build)
    cache.wait_written()
    return value


def cached_arrays(name: str, entry_key: str, build: Callable[[], Any]) -> dict[str, np.ndarray]:
    value = cache.cached_arrays(name, entry_key, build)
    cache.wait_written()
    return value


def counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_location_state_dir_then_xdg_never_the_source_tree(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WIREWATCH_STATE_DIR", str(tmp_path / "s"))
    assert cache.cache_dir() == tmp_path / "s" / "cache" / "detectors"
    monkeypatch.delenv("WIREWATCH_STATE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x" / "wirewatch" / "detectors"
    monkeypatch.setenv("WIREWATCH_DETECTOR_CACHE", "off")
    assert cache.cache_dir() is None


def test_an_entry_is_built_once_then_read(state: Path) -> None:
    value = {"traf": "treffen", "words": frozenset({"a", "b"}), "n": (1, 2.5, None)}
    calls, build = counting(value)
    assert cached("t", "k1", build) == value
    assert cached("t", "k1", build) == value
    assert len(calls) == 1
    assert [p.name for p in state.iterdir()] == ["t.marshal"]  # no temporary file left behind


def test_a_stale_key_is_rebuilt_and_replaced(state: Path) -> None:
    cached("t", "old", lambda: "old value")
    assert cached("t", "new", lambda: "new value") == "new value"
    calls, build = counting("other")
    assert cached("t", "new", build) == "new value"
    assert not calls


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01garbage", b"\xe9" * 100])
def test_a_corrupt_entry_is_rebuilt_not_an_error(state: Path, garbage: bytes) -> None:
    cached("t", "k", lambda: {"a": 1})
    (state / "t.marshal").write_bytes(garbage)
    calls, build = counting({"a": 2})
    assert cached("t", "k", build) == {"a": 2}
    assert calls and cached("t", "k", lambda: {"a": 3}) == {"a": 2}


def test_arrays_round_trip_and_a_truncated_file_is_rebuilt(state: Path) -> None:
    arrays = {"w": np.arange(12, dtype=np.float32).reshape(3, 4), "s": np.array(0.5)}
    out = cached_arrays("a", "k", lambda: arrays)
    again = cached_arrays("a", "k", lambda: pytest.fail("rebuilt a good entry"))
    assert set(again) == {"w", "s"} and np.array_equal(again["w"], out["w"]) and again["w"].dtype == np.float32
    path = state / "a.arrays"
    path.write_bytes(path.read_bytes()[:50])
    calls, build = counting({"w": np.ones(2)})
    assert np.array_equal(cached_arrays("a", "k", build)["w"], np.ones(2)) and calls
    assert np.array_equal(cached_arrays("a", "other key", lambda: {"w": np.zeros(1)})["w"], np.zeros(1))


@pytest.mark.parametrize("garbage", [b"", b"WWARRAYS", b"WWARRAYS\x05" + bytes(7) + b'{"a"', b"PK\x03\x04"])
def test_a_corrupt_arrays_file_is_rebuilt(state: Path, garbage: bytes) -> None:
    cached_arrays("a", "k", lambda: {"w": np.ones(3)})
    (state / "a.arrays").write_bytes(garbage)
    calls, build = counting({"w": np.zeros(3)})
    assert np.array_equal(cached_arrays("a", "k", build)["w"], np.zeros(3)) and calls
    assert np.array_equal(cached_arrays("a", "k", lambda: pytest.fail("rebuilt a good entry"))["w"], np.zeros(3))


def _owner(array: np.ndarray) -> object:
    """What holds an array's memory: the end of its chain of bases (memoryviews to their object)."""
    owner: object = array
    while True:
        nxt = owner.base if isinstance(owner, np.ndarray) else owner.obj if isinstance(owner, memoryview) else None
        if nxt is None:
            return owner
        owner = nxt


def test_arrays_are_mapped_copy_on_write_with_their_dtypes_and_shapes(state: Path) -> None:
    arrays = {"h": np.arange(7, dtype=np.float16), "u": np.array(["de", "en", "fra"]), "k": np.array("key"),
              "m": np.arange(6, dtype=np.uint32).reshape(2, 3)[:, ::2], "e": np.zeros((0, 4), dtype=np.int64)}
    cached_arrays("a", "k", lambda: arrays)
    read = cached_arrays("a", "k", lambda: pytest.fail("rebuilt a good entry"))
    for name, value in arrays.items():
        assert read[name].dtype == value.dtype and read[name].shape == value.shape
        assert np.array_equal(read[name], value)
    assert all(isinstance(_owner(a), mmap.mmap) for a in read.values())  # mapped, not read into memory
    on_disk = (state / "a.arrays").read_bytes()
    read["h"][0] = 42  # writable, and private to this process
    assert (state / "a.arrays").read_bytes() == on_disk
    assert cached_arrays("a", "k", lambda: pytest.fail("rebuilt"))["h"][0] == 0


def test_object_arrays_are_never_stored(state: Path) -> None:
    value = cached_arrays("a", "k", lambda: {"o": np.array([{"x": 1}], dtype=object)})
    assert value["o"][0] == {"x": 1}
    assert not (state / "a.arrays").exists()


def test_an_unwritable_cache_directory_still_gives_the_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("WIREWATCH_STATE_DIR", str(blocker))
    assert cached("t", "k", lambda: [1, 2]) == [1, 2]
    assert cached_arrays("a", "k", lambda: {"x": np.ones(1)})["x"].tolist() == [1.0]


def test_keys_change_with_inputs() -> None:
    assert cache.key("a", 1) == cache.key("a", 1) != cache.key("a", 2)
    assert cache.words_key(["b", "a"]) == cache.words_key({"a", "b"}) != cache.words_key(["a"])


_DETECT = """
import json, sys
from detectors.contracts import Article
from detectors.pipeline import Pipeline
pipeline = Pipeline.load()
articles = [Article.create(**a) for a in json.load(sys.stdin)]
out = []
for analysis in pipeline.analyse_many(articles):
    dets = [{k: v for k, v in d.to_dict().items() if k != "detected_at"} for d in analysis.detections]
    out.append({"lang": analysis.language.lang, "confidence": analysis.language.confidence, "detections": dets})
print(json.dumps(out, sort_keys=True))
"""


def _detect(articles: list[dict], env: dict[str, str]) -> list[dict]:
    run = subprocess.run([sys.executable, "-c", _DETECT], input=json.dumps(articles), capture_output=True,
                         text=True, env=env, timeout=300, cwd=REPO, check=True)
    return json.loads(run.stdout)


def test_cached_and_freshly_built_engines_detect_the_same(tmp_path: Path) -> None:
    """The seed, texts in every language, and 300 real German articles (half without a language tag, so the
    cached language identifier decides): identical detections, languages and confidences."""
    path = require_shared(SHARED / "data" / "news-de-10kgnad.jsonl", "867 German news articles (10kGNAD)")
    with path.open(encoding="utf-8") as fh:
        news = [json.loads(line) for _, line in zip(range(300), fh, strict=False)]
    published = PUBLISHED
    articles = seed_and_sentences()
    articles += [{"text": a["text"], "id": a["id"], "published_at": published,
                  **({"language": "de"} if k % 2 else {})} for k, a in enumerate(news)]
    env = {**os.environ, "WIREWATCH_STATE_DIR": str(tmp_path)}
    fresh = _detect(articles, {**env, "WIREWATCH_DETECTOR_CACHE": "off"})
    cold = _detect(articles, env)  # builds and writes the cache
    assert (tmp_path / "cache" / "detectors" / "usem3-weights.arrays").is_file()
    warm = _detect(articles, env)  # reads it
    assert sum(len(a["detections"]) for a in fresh) > 20
    assert warm == fresh
    assert cold == fresh
