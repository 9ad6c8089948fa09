"""Where the detectors run: BLAS pinned to one thread in a detector process and in the worker's own process
when the detectors share it (the encoder's per-call thread switch is then a no-op, not a race); a detector
process that stops answering is replaced."""

from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from streams import detect_pool


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def test_a_detector_process_runs_blas_with_one_thread():
    pool = detect_pool.make_pool(1)
    try:
        info = pool.submit(threadpool_info).result(timeout=240)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    blas = {lib["num_threads"] for lib in info if lib["user_api"] == "blas"}
    assert blas == {1}


def _collector() -> tuple[bool, int]:
    return gc.isenabled(), gc.get_freeze_count()


def test_a_detector_process_loads_without_the_collector_then_freezes_what_it_loaded_and_turns_it_on():
    pool = detect_pool.make_pool(1)
    try:
        enabled, frozen = pool.submit(_collector).result(timeout=240)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    assert enabled
    assert frozen > 100_000  # the pipeline's objects: out of every later collection


def test_detectors_in_a_thread_pin_the_workers_blas_to_one_thread():
    before = threadpool_info()
    try:
        with threadpool_limits(limits=2, user_api="blas"):
            pool = detect_pool.make_pool(0)
            pool.shutdown(wait=True)
            assert _blas_threads() in ({1}, set())  # set(): no BLAS library loaded (then nothing to pin)
    finally:
        threadpool_limits(limits={lib["prefix"]: lib["num_threads"] for lib in before})


def hangs_once(articles: list) -> list[list]:
    """A detector call (run in the detector process) that never returns the first time, then answers."""
    marker = Path(articles[0])
    if not marker.exists():
        marker.write_text("called")
        time.sleep(600)
    return [[] for _ in articles]


def hangs(articles: list) -> list[list]:
    time.sleep(600)
    return []


def test_a_detector_process_that_stops_answering_is_replaced_and_the_batch_detected_again(tmp_path, caplog):
    marker = tmp_path / "called"
    detectors = detect_pool.Detectors(processes=1, timeout_s=3.0, call=hangs_once)
    try:
        asyncio.run(detectors.ready())
        first = set(detectors._pool._processes)
        assert asyncio.run(detectors.detect_many([str(marker)])) == [[]]
        assert marker.read_text() == "called" and not first & set(detectors._pool._processes)
        assert "did not return within 3 s" in caplog.text
    finally:
        detectors.close()


def test_a_second_hang_propagates():
    detectors = detect_pool.Detectors(processes=1, timeout_s=2.0, call=hangs)
    try:
        asyncio.run(detectors.ready())
        with pytest.raises(TimeoutError):
            asyncio.run(detectors.detect_many(["x"]))
    finally:
        detectors.close()
