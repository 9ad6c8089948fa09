"""Smoke tests of the ``wirewatch bench`` plumbing (bench/) with tiny durations: structure, never speed."""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

import pytest

from bench import articles, deployment, measure, render, suite
from bench.plan import SUMMARY_KEYS, Plan
from bench.sink import AlertSink

REQUIRED = ("detector_articles_per_s", "detector_words_per_s", "tokenizer_words_per_s")


def test_invented_names_are_unique_and_planted_sentences_are_detected(news_articles: list[dict]) -> None:
    from detectors.pipeline import Pipeline

    surnames = {articles.invented_name(i)[1] for i in range(100_000)}
    assert len(surnames) == 100_000
    bases = articles.usable_bases(news_articles, Pipeline.load(), limit=30)
    assert len(bases) >= 10  # most real news has no event of its own to merge with


def test_percentile_counts_a_lost_alert_as_infinite() -> None:
    assert measure.percentile([0.1] * 99 + [math.inf], 99) == 0.1
    assert measure.percentile([0.1] * 98 + [math.inf] * 2, 99) == math.inf
    assert math.isnan(measure.percentile([], 50))


def test_steady_rate_spans_the_commits_seen_after_publishing() -> None:
    # polled every 0.1 s; commits (changes) at 1.0 (before publishing ended), 2.05, 3.05, 4.05
    samples = [(0.5, 0), (1.0, 100), (1.5, 100), (2.05, 400), (2.5, 400), (3.05, 700), (3.5, 700), (4.05, 1000)]
    assert measure.steady_rate(samples, since=1.2) == pytest.approx(300.0)
    assert measure.steady_rate(samples, since=3.5) is None  # one commit after publishing: no span to time


def test_cpu_stall_share_is_the_stalled_part_of_the_wall_time() -> None:
    assert measure.stall_share(1_000_000, 1_500_000, 2.0) == 0.25  # 0.5 s of 2 s with a task waiting for a CPU
    assert measure.stall_share(0, 5_000_000, 2.0) == 1.0  # PSI's counter can run ahead of our clock: capped
    assert measure.stall_share(None, 10, 1.0) is None and measure.stall_share(0, 10, 0.0) is None
    now = measure.cpu_stall_us()  # a kernel without PSI gives None; with it, a counter that never goes back
    assert now is None or (now >= 0 and measure.cpu_stall_us() >= now)
    pressure = measure.machine()["cpu_pressure"]
    assert pressure is None or set(pressure) == {"avg10", "avg60", "avg300"}


def test_sink_matches_alerts_to_articles_by_the_planted_actor() -> None:
    import urllib.request

    sink = AlertSink()
    try:
        sink.expect("Kalomirbek", time.perf_counter())
        body = json.dumps({"title": "Ceasefire announced: Quorvan Kalomirbek", "message": "…"}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{sink.port}/alerts", data=body, method="POST")
        with urllib.request.urlopen(req, timeout=5) as resp:
            assert resp.status == 200
        assert sink.wait_all(["Kalomirbek"], timeout=5)
        (latency,) = sink.latencies(["Kalomirbek"])
        assert latency is not None and latency >= 0
    finally:
        sink.close()


def test_detector_part_reports_the_required_keys(shared_dir: Path) -> None:
    result = suite.run(shared_dir / "data" / "news-de-10kgnad.jsonl", Plan.tiny(), parts=("detectors",))
    for key in REQUIRED:
        assert result[key] > 0
    assert result["detectors"]["en_core_web_sm"]["installed"] in (True, False)
    json.loads(suite.to_json(result))
    assert "tokenizer" in suite.format_text(result)
    assert result["detectors"]["detector_to_tokenizer_cpu"] > 0
    assert "in CPU time" in render.render(result)
    older = json.loads((render.BENCHMARKS.parent / "bench" / "results" / "20261203T002946Z.json").read_text())
    assert "in CPU time" not in render.render(older) and "| 32% |" in render.render(older)  # before the CPU ratio


def test_the_workers_window_cache_is_off_unless_the_caller_sets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIREWATCH_EMBED_CACHE", raising=False)
    assert deployment.worker_env() == {"WIREWATCH_EMBED_CACHE": "off"}
    monkeypatch.setenv("WIREWATCH_EMBED_CACHE", "512")
    assert deployment.worker_env() == {"WIREWATCH_EMBED_CACHE": "512"}


@pytest.mark.kafka
def test_latency_through_the_broker_reports_percentiles(shared_dir: Path, kafka: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIREWATCH_EMBED_CACHE", raising=False)
    result = suite.run(shared_dir / "data" / "news-de-10kgnad.jsonl", Plan.tiny(), bootstrap=kafka,
                       parts=("latency",))
    # the workers ran with the cache off, set in their environment only: nothing leaks into this process
    assert result["embed_cache"] == "off" and "WIREWATCH_EMBED_CACHE" not in os.environ
    (phase,) = result["latency"]["phases"]
    assert phase["published"] == 15 and phase["missing"] == 0, phase
    assert phase["lost"] == phase["late"] == phase["unexplained"] == 0, phase  # bench/missing.py ran
    assert phase["alerts"] == 15 - phase["undetected"] - phase["below_min_confidence"], phase
    assert "no alert due" in render.render(result)
    assert phase["p50_ms"] <= phase["p95_ms"] <= phase["p99_ms"]
    # the worker's CPU per article, and its main process's share of it (the rest: the detector process)
    assert 0 < phase["worker_main_cpu_ms_per_article"] < phase["worker_cpu_ms_per_article"], phase
    assert "main process" in render.render(result) and "CPU stall" in render.render(result)
    assert phase["cpu_stall_share"] is None or 0 <= phase["cpu_stall_share"] <= 1, phase
    assert set(SUMMARY_KEYS) <= result.keys()
    assert result["peak_rss_mb"] > 50
