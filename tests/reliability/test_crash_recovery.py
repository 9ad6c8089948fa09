"""2,000 articles holding 200 planted events: SIGKILL the worker at 3 random moments, or restart the broker in the
middle (then SIGTERM it and start it again) — each of the 200 expected alerts reaches the sink exactly once, with no
manual step."""

from __future__ import annotations

import os
import random
import time

import pytest

from alerts.render import REPEAT_MARK
from tests.broker import Broker
from tests.reliability.harness import (
    corpus,
    double_window_ms,
    planted_counts,
    publish,
    report,
    wait_until,
)
from tests.sinks import HttpEndpoint
from tests.workers import Worker

# bounded, with room for a loaded 2-core CI machine (alone here: ~1–2 min each)
pytestmark = [pytest.mark.kafka, pytest.mark.timeout(900)]

TOTAL, PLANTED = 2000, 200
DONE_TIMEOUT_S = 400
STOP_BOUND_S = 30  # SIGTERM → exit 0 within this
# Issue 15 asks for a resume under 5 s; how long one takes is a benchmark's figure (bench/worker_startup.py: kill →
# first new alert with the start-up timeline, against a baseline tree in the same run). Session 5 there: median
# 7.4 s at load 2.3–3.4 (was 12.2 s), 12.2 s at load 5–5.5 (was 18.5 s); in this test 4.1–6.0 s at load 4.5–5 and
# up to 24.7 s at load 8.6 on this 2-vCPU machine shared by other sessions. This bound only says the worker came
# back by itself, with room for that load; the figures are reported on every run (WIREWATCH_RELIABILITY_REPORT).
RECOVERY_BOUND_S = 30.0
# static membership (worker.instance_id, group.instance.id): the restarted worker takes its partitions back at
# once instead of waiting out the dead member's session (worker.session_timeout, 10 s)
STATIC_MEMBER = "instance_id: crash-test-worker-0"


def delivered(sink: HttpEndpoint, surnames: list[str]) -> int:
    return len(planted_counts(sink, surnames))


def recover_time(sink: HttpEndpoint, surnames: list[str], since: float, before: int, timeout: float) -> float | None:
    """Seconds from ``since`` until a planted alert beyond ``before`` arrives."""
    if wait_until(lambda: delivered(sink, surnames) > before, timeout, step=0.2):
        return round(time.monotonic() - since, 1)
    return None


def finish(sink: HttpEndpoint, surnames: list[str], worker: Worker) -> dict:
    assert wait_until(lambda: delivered(sink, surnames) >= PLANTED, DONE_TIMEOUT_S), (
        f"{delivered(sink, surnames)}/{PLANTED} planted alerts\n{worker.tail()}")
    time.sleep(3)  # a late double would arrive now
    counts = planted_counts(sink, surnames)
    doubled = sorted(n for n, c in counts.items() if c > 1)
    seen = planted_counts(sink, surnames, idempotent=True)  # what a receiver honouring Idempotency-Key shows
    # where no key can help (chat, mail), a re-send says so: every later copy of a doubled alert is marked
    unmarked = [n for n in doubled
                if not all(REPEAT_MARK in t for t in [t for t in sink.texts() if n in t][1:])]
    return {"expected": PLANTED, "delivered": len(counts), "duplicated": len(doubled), "doubled": doubled,
            "duplicated_for_an_idempotent_receiver": sum(c > 1 for c in seen.values()),
            "repeats_not_marked": unmarked}


def test_sigkill_the_worker_three_times(tmp_path, own_broker: Broker, http_sink: HttpEndpoint,
                                         news_articles: list[dict]) -> None:
    articles, surnames = corpus(news_articles, TOTAL, PLANTED, seed=11, filler_chars=300)
    seed = int(os.environ.get("WIREWATCH_FAULT_SEED", random.randrange(1 << 16)))
    rnd = random.Random(seed)
    # random moments: past a random share of the work, then a random pause (shorter than the crash-double window
    # is long, so a kill is not timed to a delivery) — short enough that work remains: a worker drains the rest
    # of the 200 alerts within a second or two
    kill_at = sorted(rnd.sample(range(15, 150), 3))
    pauses = [round(rnd.uniform(0, 0.25), 3) for _ in kill_at]
    worker = Worker(tmp_path, own_broker.bootstrap, http_sink.port, extra_worker=STATIC_MEMBER)
    started = time.monotonic()
    recoveries: list[float | str | None] = []
    try:
        assert worker.wait_log("Worker ready", timeout=120), worker.tail()  # its topics exist now
        publish(own_broker.bootstrap, worker.articles, articles)
        for n, pause in zip(kill_at, pauses, strict=True):
            assert wait_until(lambda n=n: delivered(http_sink, surnames) >= n, DONE_TIMEOUT_S, step=0.1), \
                worker.tail()
            time.sleep(pause)
            worker.kill()
            t0 = time.monotonic()
            before = delivered(http_sink, surnames)
            worker.start()
            # every alert may already be out when a late kill lands (the random pause): nothing to recover then
            recoveries.append(recover_time(http_sink, surnames, t0, before, 90) if before < PLANTED
                              else "all delivered before the kill")
        figures = finish(http_sink, surnames, worker)
        window = double_window_ms(http_sink, articles, worker.log_path.read_text(errors="replace"))
        report("sigkill x3", seed=seed, kill_after_alerts=kill_at, pauses_s=pauses, recover_s=recoveries,
               wall_s=round(time.monotonic() - started, 1), double_window=window, **figures)
        assert figures["delivered"] == PLANTED, "an alert was lost"
        slow = [s for s in recoveries if not isinstance(s, str) and (s is None or s >= RECOVERY_BOUND_S)]
        assert not slow, f"recovery after a SIGKILL took {recoveries} s (bound {RECOVERY_BOUND_S} s)"
        # On the wire, exactly once except in one window no design closes without the target's help: the target
        # accepted the alert, the worker died before its 'sent' record reached the changelog (streams/app.py
        # settle). A kill can re-send only the alerts in flight then, and every re-send carries the alert's
        # Idempotency-Key, so a receiver that honours it sees each alert exactly once.
        assert figures["duplicated_for_an_idempotent_receiver"] == 0, figures["doubled"]
        assert figures["repeats_not_marked"] == [], figures
        assert figures["duplicated"] <= len(kill_at) * 4, figures["doubled"]  # 4: worker.delivery_concurrency
    finally:
        assert worker.stop() == 0, worker.tail()


def test_restart_the_broker_in_the_middle(tmp_path, own_broker: Broker, http_sink: HttpEndpoint,
                                          news_articles: list[dict]) -> None:
    articles, surnames = corpus(news_articles, TOTAL, PLANTED, seed=12, filler_chars=300)
    worker = Worker(tmp_path, own_broker.bootstrap, http_sink.port)
    started = time.monotonic()
    try:
        assert worker.wait_log("Worker ready", timeout=120), worker.tail()  # its topics exist now
        publish(own_broker.bootstrap, worker.articles, articles)
        assert wait_until(lambda: delivered(http_sink, surnames) >= PLANTED // 3, DONE_TIMEOUT_S), worker.tail()
        t0 = time.monotonic()
        own_broker.restart()  # same port and data; the worker must find it again by itself
        restart_s = round(time.monotonic() - t0, 1)
        recovery = recover_time(http_sink, surnames, t0, delivered(http_sink, surnames), 120)
        assert worker.proc is not None and worker.proc.poll() is None, "the worker died with the broker"
        # then a graceful stop in the middle of the work: in-flight work finished, flushed, committed, exit 0
        assert wait_until(lambda: delivered(http_sink, surnames) >= 2 * PLANTED // 3, DONE_TIMEOUT_S), worker.tail()
        t1 = time.monotonic()
        code = worker.stop(timeout=STOP_BOUND_S)
        stop_s = round(time.monotonic() - t1, 1)
        assert code == 0, worker.tail()
        worker.start()
        figures = finish(http_sink, surnames, worker)
        report("broker restart + SIGTERM", broker_restart_s=restart_s, recover_s=recovery, sigterm_exit_s=stop_s,
               wall_s=round(time.monotonic() - started, 1), **figures)
        assert figures["delivered"] == PLANTED
        assert figures["duplicated"] == 0, figures["doubled"]
    finally:
        assert worker.stop() == 0, worker.tail()
