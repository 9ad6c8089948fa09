"""Where the detectors run: BLAS pinned to one thread in a detector process and in the worker's own process
when the detectors share it (the encoder's per-call thread switch is then a no-op, not a race)."""

from __future__ import annotations

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


def test_detectors_in_a_thread_pin_the_workers_blas_to_one_thread():
    before = threadpool_info()
    try:
        with threadpool_limits(limits=2, user_api="blas"):
            pool = detect_pool.make_pool(0)
            pool.shutdown(wait=True)
            assert _blas_threads() in ({1}, set())  # set(): no BLAS library loaded (then nothing to pin)
    finally:
        threadpool_limits(limits={lib["prefix"]: lib["num_threads"] for lib in before})
