"""The encoder's cache (the learned stage's embed_cached) and the per-thread captures."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from detectors.learned import embed

A = "Die Konfliktparteien vereinbarten am Montag eine Waffenruhe."
B = "Der Außenminister traf seinen Amtskollegen in Wien."
C = "Los rebeldes anunciaron un alto el fuego."


@pytest.fixture(autouse=True)
def empty_cache():
    embed.clear_cache()
    yield
    embed.clear_cache()


def test_a_cached_window_keeps_the_vector_it_was_first_given():
    alone = embed.embed([A])[0]
    first = embed.embed_cached([A])[0]
    assert np.array_equal(first, alone)  # one text alone: what embed gives
    again = embed.embed_cached([B, A])
    assert np.array_equal(again[1], first)
    assert embed.cache_stats() == {"hits": 1, "misses": 2, "size": 2}
    assert abs(float(np.linalg.norm(again[0])) - 1.0) < 1e-5 and not np.array_equal(again[0], first)


def test_the_cache_is_bounded_least_recent_first(monkeypatch):
    monkeypatch.setattr(embed, "CACHE_SIZE", 2)
    embed.embed_cached([A, B])
    embed.embed_cached([A])  # A is now the most recent
    embed.embed_cached([C])  # evicts B
    assert embed.cache_stats()["size"] == 2
    embed.embed_cached([A, B])
    assert embed.cache_stats() == {"hits": 2, "misses": 4, "size": 2}


def test_captures_record_cached_texts_and_only_their_own_thread():
    embed.embed_cached([A])
    other: dict[str, np.ndarray] = {}
    started, release = threading.Event(), threading.Event()

    def elsewhere() -> None:
        with embed.capture() as seen:
            started.set()
            release.wait(30)
            embed.embed_cached([C])
            other.update(seen)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    assert started.wait(30)
    with embed.capture() as mine:
        embed.embed_cached([A, B])  # A from the cache, B encoded
        release.set()
        thread.join(60)
    assert set(mine) == {A, B} and set(other) == {C}


def test_a_cache_of_size_zero_keeps_nothing(monkeypatch):
    monkeypatch.setattr(embed, "CACHE_SIZE", 0)
    first = embed.embed_cached([A])
    assert np.array_equal(embed.embed_cached([A]), first)  # encoded afresh, alone: the same vector
    assert embed.cache_stats() == {"hits": 0, "misses": 2, "size": 0}


@pytest.mark.parametrize(("value", "size"), [("", 4096), ("off", 0), ("0", 0), ("100", 100), ("lots", 4096)])
def test_the_cache_size_comes_from_the_environment(monkeypatch, value, size):
    monkeypatch.setenv("WIREWATCH_EMBED_CACHE", value)
    assert embed._cache_size() == size
