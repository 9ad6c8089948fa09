"""Detector processes build the other languages' engines in the background, only while no batch runs."""

from __future__ import annotations

import threading
import time

from detectors.contracts import Article
from detectors.pipeline import Pipeline
from streams import detect_pool


def test_engines_are_warmed_one_language_at_a_time_only_when_idle() -> None:
    pipeline = Pipeline.load(["de", "en", "fr"], stage="rules")
    pipeline.detect(Article.create("Merkel traf Macron in Berlin.", language="de"))
    assert set(pipeline._engines) == {"de"}
    detect_pool._batches["last"] = time.monotonic()  # a batch has just ended
    with detect_pool._activity:
        detect_pool._batches["in_flight"] += 1  # and another one is running
    warm = threading.Thread(target=detect_pool.warm_languages, args=(pipeline, 0.3), daemon=True)
    started = time.monotonic()
    warm.start()
    time.sleep(0.6)
    assert set(pipeline._engines) == {"de"}, "an engine was built while a batch was in flight"
    with detect_pool._activity:
        detect_pool._batches["in_flight"] -= 1
        detect_pool._batches["last"] = ended = time.monotonic()
        detect_pool._activity.notify_all()
    warm.join(timeout=60)
    assert not warm.is_alive()
    assert set(pipeline._engines) == {"de", "en", "fr"}
    assert time.monotonic() - ended >= 0.3 and ended - started >= 0.6


def test_wait_idle_returns_once_quiet() -> None:
    detect_pool._batches["last"] = time.monotonic()
    started = time.monotonic()
    detect_pool.wait_idle(0.2)
    assert 0.2 <= time.monotonic() - started < 2.0
