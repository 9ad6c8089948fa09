"""The alert endpoint answers 500, then refuses connections, for 30 s in all: every planted alert reaches it once
after it recovers, with no person involved (failed alerts wait in the outbox and are tried again with backoff),
and the outage shows in ``wirewatch_alerts_failed_total``."""

from __future__ import annotations

import time

import pytest

from tests.reliability.harness import corpus, metric, planted_counts, publish, report, wait_until
from tests.sinks import HttpEndpoint
from tests.workers import Worker

pytestmark = [pytest.mark.kafka, pytest.mark.timeout(900)]

TOTAL, PLANTED = 300, 40
OUTAGE_S = 30


def test_the_alert_endpoint_fails_for_30_seconds(tmp_path, kafka: str, http_sink: HttpEndpoint,
                                                 news_articles: list[dict]) -> None:
    articles, surnames = corpus(news_articles, TOTAL, PLANTED, seed=21)
    first = [a for a in articles if a["id"].startswith("planted")][: PLANTED // 4]
    first_ids = {a["id"] for a in first}
    rest = [a for a in articles if a["id"] not in first_ids]
    worker = Worker(tmp_path, kafka, http_sink.port)
    started = time.monotonic()
    try:
        assert worker.wait_log("Worker ready", timeout=120), worker.tail()  # its topics exist now
        publish(kafka, worker.articles, first)
        assert wait_until(lambda: len(planted_counts(http_sink, surnames)) >= len(first), 120), worker.tail()

        http_sink.set_mode("error")
        outage_started = time.monotonic()
        publish(kafka, worker.articles, rest)
        time.sleep(OUTAGE_S / 2)
        http_sink.set_mode("refuse")
        time.sleep(OUTAGE_S / 2)
        http_sink.set_mode("ok")
        recovered = time.monotonic()
        failed = metric(worker.web_port, "wirewatch_alerts_failed_total")
        assert failed > 0, "the outage does not show in wirewatch_alerts_failed_total"
        assert http_sink.errors > 0

        # the worker heals by itself: what failed is tried again from the outbox, nothing is left for a replay
        assert wait_until(lambda: len(planted_counts(http_sink, surnames)) >= PLANTED, 240), (
            f"{len(planted_counts(http_sink, surnames))}/{PLANTED}\n{worker.tail()}")
        healed = time.monotonic()
        time.sleep(2)
        counts = planted_counts(http_sink, surnames)
        doubled = sorted(n for n, c in counts.items() if c > 1)
        report("sink outage 30 s", expected=PLANTED, delivered=len(counts), duplicated=len(doubled),
               failed_metric=failed, http_500s=http_sink.errors, outage_s=round(recovered - outage_started, 1),
               all_delivered_s_after_recovery=round(healed - recovered, 1),
               wall_s=round(time.monotonic() - started, 1))
        assert len(counts) == PLANTED
        assert not doubled, doubled
    finally:
        assert worker.stop() == 0, worker.tail()
