"""2,000 articles holding 200 planted events: SIGKILL the worker at 3 random moments, or restart the broker in the
middle — each of the 200 expected alerts reaches the sink exactly once, with no manual step."""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from streams.publisher import Publisher
from tests.reliability.conftest import Broker
from tests.reliability.harness import FlakySink, corpus, planted_counts, wait_until
from tests.workers import Worker

pytestmark = pytest.mark.kafka

TOTAL, PLANTED = 2000, 200
DONE_TIMEOUT_S = 150


def report(name: str, **figures: object) -> None:
    """Figures for the closing note: printed (pytest -s / -rA) and appended to $WIREWATCH_RELIABILITY_REPORT."""
    line = json.dumps({"test": name, **figures})
    print(line)
    path = os.environ.get("WIREWATCH_RELIABILITY_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def publish(bootstrap: str, topic: str, articles: list[dict]) -> None:
    with Publisher(bootstrap, topic=topic) as pub:
        for a in articles:
            pub.publish(a)
        pub.flush()


def delivered(sink: FlakySink, surnames: list[str]) -> int:
    return len(planted_counts(sink, surnames))


def recover_time(sink: FlakySink, surnames: list[str], since: float, before: int, timeout: float) -> float | None:
    """Seconds from ``since`` until a planted alert beyond ``before`` arrives."""
    if wait_until(lambda: delivered(sink, surnames) > before, timeout, step=0.2):
        return round(time.monotonic() - since, 1)
    return None


def finish(sink: FlakySink, surnames: list[str], worker: Worker) -> dict:
    assert wait_until(lambda: delivered(sink, surnames) >= PLANTED, DONE_TIMEOUT_S), (
        f"{delivered(sink, surnames)}/{PLANTED} planted alerts\n{worker.tail()}")
    time.sleep(3)  # a late double would arrive now
    counts = planted_counts(sink, surnames)
    doubled = sorted(n for n, c in counts.items() if c > 1)
    return {"expected": PLANTED, "delivered": len(counts), "duplicated": len(doubled), "doubled": doubled}


def test_sigkill_the_worker_three_times(tmp_path, own_broker: Broker, flaky_sink: FlakySink,
                                         news_articles: list[dict]) -> None:
    articles, surnames = corpus(news_articles, TOTAL, PLANTED, seed=11)
    seed = int(os.environ.get("WIREWATCH_FAULT_SEED", random.randrange(1 << 16)))
    kill_at = sorted(random.Random(seed).sample(range(15, 170), 3))  # after this many planted alerts
    worker = Worker(tmp_path, own_broker.bootstrap, flaky_sink.port)
    started = time.monotonic()
    recoveries = []
    try:
        publish(own_broker.bootstrap, worker.articles, articles)
        for n in kill_at:
            assert wait_until(lambda n=n: delivered(flaky_sink, surnames) >= n, DONE_TIMEOUT_S, step=0.1), \
                worker.tail()
            worker.kill()
            t0 = time.monotonic()
            before = delivered(flaky_sink, surnames)
            worker.start()
            recoveries.append(recover_time(flaky_sink, surnames, t0, before, 90))
        figures = finish(flaky_sink, surnames, worker)
        report("sigkill x3", seed=seed, kill_after_alerts=kill_at, recover_s=recoveries,
               wall_s=round(time.monotonic() - started, 1), **figures)
        assert figures["delivered"] == PLANTED
        assert figures["duplicated"] == 0, figures["doubled"]
    finally:
        assert worker.stop() == 0, worker.tail()


def test_restart_the_broker_in_the_middle(tmp_path, own_broker: Broker, flaky_sink: FlakySink,
                                          news_articles: list[dict]) -> None:
    articles, surnames = corpus(news_articles, TOTAL, PLANTED, seed=12)
    worker = Worker(tmp_path, own_broker.bootstrap, flaky_sink.port)
    started = time.monotonic()
    try:
        publish(own_broker.bootstrap, worker.articles, articles)
        assert wait_until(lambda: delivered(flaky_sink, surnames) >= PLANTED // 3, DONE_TIMEOUT_S), worker.tail()
        t0 = time.monotonic()
        own_broker.restart()  # same port and data; the worker must find it again by itself
        restart_s = round(time.monotonic() - t0, 1)
        recovery = recover_time(flaky_sink, surnames, t0, delivered(flaky_sink, surnames), 120)
        figures = finish(flaky_sink, surnames, worker)
        assert worker.proc is not None and worker.proc.poll() is None, "the worker died with the broker"
        report("broker restart", broker_restart_s=restart_s, recover_s=recovery,
               wall_s=round(time.monotonic() - started, 1), **figures)
        assert figures["delivered"] == PLANTED
        assert figures["duplicated"] == 0, figures["doubled"]
    finally:
        assert worker.stop() == 0, worker.tail()
