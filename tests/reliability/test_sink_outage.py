"""The alert endpoint answers 500, then refuses connections, for 30 s in all: every planted alert reaches it once
after it recovers (directly, or from alerts.dlq by ``wirewatch alerts replay``), and the outage shows in
``wirewatch_alerts_failed_total``."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.reliability.harness import corpus, metric, planted_counts, publish, report, wait_until
from tests.sinks import HttpEndpoint
from tests.workers import REPO, Worker

pytestmark = [pytest.mark.kafka, pytest.mark.timeout(900)]

TOTAL, PLANTED = 300, 40
OUTAGE_S = 30


def test_the_alert_endpoint_fails_for_30_seconds(tmp_path, kafka: str, flaky_sink: HttpEndpoint,
                                                 news_articles: list[dict]) -> None:
    articles, surnames = corpus(news_articles, TOTAL, PLANTED, seed=21)
    first = [a for a in articles if a["id"].startswith("planted")][: PLANTED // 4]
    first_ids = {a["id"] for a in first}
    rest = [a for a in articles if a["id"] not in first_ids]
    worker = Worker(tmp_path, kafka, flaky_sink.port)
    started = time.monotonic()
    try:
        assert worker.wait_log("Worker ready", timeout=120), worker.tail()  # its topics exist now
        publish(kafka, worker.articles, first)
        assert wait_until(lambda: len(planted_counts(flaky_sink, surnames)) >= len(first), 120), worker.tail()

        flaky_sink.set_mode("error")
        outage_started = time.monotonic()
        publish(kafka, worker.articles, rest)
        time.sleep(OUTAGE_S / 2)
        flaky_sink.set_mode("refuse")
        time.sleep(OUTAGE_S / 2)
        flaky_sink.set_mode("ok")
        recovered = time.monotonic()
        failed = metric(worker.web_port, "wirewatch_alerts_failed_total")
        assert failed > 0, "the outage does not show in wirewatch_alerts_failed_total"
        assert flaky_sink.errors > 0

        # the worker goes on by itself; what failed after retries waits in alerts.dlq for a replay
        assert wait_until(lambda: "decision" in worker.tail(3000) and _quiet(worker), 120), worker.tail()
        direct = len(planted_counts(flaky_sink, surnames))
        replay = subprocess.run([sys.executable, "-m", "streams.cli", "alerts", "replay", "--kafka",
                                 "--config", str(worker.config), "--bootstrap", kafka],
                                cwd=REPO, capture_output=True, text=True, timeout=120)
        assert replay.returncode == 0, replay.stderr[-3000:]
        assert wait_until(lambda: len(planted_counts(flaky_sink, surnames)) >= PLANTED, 30), (
            f"{len(planted_counts(flaky_sink, surnames))}/{PLANTED}\n{replay.stderr[-2000:]}\n{worker.tail()}")
        time.sleep(2)
        counts = planted_counts(flaky_sink, surnames)
        doubled = sorted(n for n, c in counts.items() if c > 1)
        report("sink outage 30 s", expected=PLANTED, delivered=len(counts), duplicated=len(doubled),
               delivered_without_replay=direct, failed_metric=failed, http_500s=flaky_sink.errors,
               outage_s=round(recovered - outage_started, 1), replay=replay.stderr.strip().splitlines()[-1:],
               wall_s=round(time.monotonic() - started, 1))
        assert len(counts) == PLANTED
        assert not doubled, doubled
    finally:
        assert worker.stop() == 0, worker.tail()


def _quiet(worker: Worker, seconds: float = 5.0) -> bool:
    """No new decision in the worker's log for ``seconds`` (all detections routed)."""
    size = worker.log_path.stat().st_size
    time.sleep(seconds)
    return worker.log_path.stat().st_size == size or "decision" not in worker.log_path.read_text(
        errors="replace")[size:]
