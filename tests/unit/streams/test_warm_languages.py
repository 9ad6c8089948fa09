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


def test_only_the_languages_detectors_warm_names_are_built_in_the_background() -> None:
    pipeline = Pipeline.load(["de", "en", "fr"], stage="rules")
    detect_pool.warm_languages(pipeline, 0.0, ["en"])
    assert set(pipeline._engines) == {"en"}
    assert detect_pool.warm_wanted({}) == () and detect_pool.warm_wanted({detect_pool.WARM_ENV: ""}) == ()
    assert detect_pool.warm_wanted({detect_pool.WARM_ENV: "en,fr"}) == ("en", "fr")


def test_detectors_warm_is_checked_against_the_languages_the_detectors_have(tmp_path) -> None:
    import json
    from importlib import resources

    import pytest

    from alerts.config import ConfigError, load_config
    from streams.settings import detector_settings

    schema = json.loads(resources.files("alerts.schemas").joinpath("config.schema.json").read_text("utf-8"))
    enum = schema["properties"]["detectors"]["properties"]["warm"]["items"]["enum"]
    assert tuple(enum) == Pipeline.load(stage="rules").languages  # one list: a language added is warmable
    good = tmp_path / "good.yaml"
    good.write_text("detectors: {warm: [en, ru]}\n")
    assert detector_settings(load_config(good, env={})).warm == ("en", "ru")
    bad = tmp_path / "bad.yaml"
    bad.write_text("detectors: {warm: [klingon]}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(bad, env={})
    assert any("bad.yaml:1" in str(p) and "detectors.warm" in str(p) for p in caught.value.problems), [
        str(p) for p in caught.value.problems]
