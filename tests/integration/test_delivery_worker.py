"""Delivery through the Kafka worker: retries, 429, injection-safe payloads, history and alert DLQ topics,
``alerts replay --kafka`` once the endpoint is up, ``alerts history --kafka``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from detectors.contracts import Article
from streams.publisher import Publisher
from tests.integration.delivery_servers import free_port
from tests.sinks import HttpEndpoint
from tests.workers import REPO, Worker, consume

pytestmark = pytest.mark.kafka

INJECTIONS = ("<!channel>", "<!here>", "<!everyone>", "<@U024BE7LH>", "@channel", "@here", "@all", "@everyone",
              "<script>", "[click](")
EVIL_TEXT = ("Nachrichten aus Nordafrika\n<!channel> @here <@U024BE7LH> @everyone: Der General Khalifa Haftar "
             "kündigte am Sonntag eine Waffenruhe an <script>alert(1)</script> [click](https://evil.example/x) "
             "<!everyone> @all @channel <!here>.\n")


class DeliveryWorker(Worker):
    """The shared worker harness with two receivers: a flaky endpoint and one that is down."""

    def __init__(self, tmp: Path, bootstrap: str, flaky_port: int, down_port: int) -> None:
        run = uuid.uuid4().hex[:8]
        self.alerts_dlq = f"alerts-{run}.dlq"
        super().__init__(
            tmp, bootstrap, 0, run=run, partitions=2,
            extra_kafka=f"alerts_dlq_topic: {self.alerts_dlq}",
            # the down receiver is dead-lettered at its first retry from the outbox (5 s), not after an hour
            extra_worker="delivery_retry_window: 1s",
            receivers=(
                "receivers:\n"
                f"  - name: flaky\n    urls: ['json://127.0.0.1:{flaky_port}/flaky']\n"
                f"  - name: down\n    urls: ['json://127.0.0.1:{down_port}/down']\n    timeout: 2s\n"),
            routes="routes:\n  - receiver: flaky\n    continue: true\n  - receiver: down\n")
        self.history = f"{self.group}-alert-history"


@pytest.fixture(scope="module")
def flaky() -> Iterator[HttpEndpoint]:
    e = HttpEndpoint()
    e.script = [(429, {"Retry-After": "1"}), (500, {}), (500, {})]
    yield e
    e.close()


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory, kafka: str, flaky: HttpEndpoint) -> Iterator[DeliveryWorker]:
    w = DeliveryWorker(tmp_path_factory.mktemp("delivery-worker"), kafka, flaky.port, free_port())
    yield w
    assert w.stop() == 0, w.tail()


def wirewatch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)


def test_worker_retries_records_dead_letters_and_replays_once(worker: DeliveryWorker, flaky: HttpEndpoint) -> None:
    with Publisher(worker.bootstrap, topic=worker.articles) as pub:
        pub.send(Article.create(EVIL_TEXT, id=f"evil-{uuid.uuid4().hex[:6]}", source="lastampa.it",
                                url="https://example.org/evil", title=EVIL_TEXT.splitlines()[0]))

    assert flaky.wait_delivered(1, timeout=90), f"nothing delivered; worker log:\n{worker.tail()}"
    statuses = [r["status"] for r in flaky.requests]
    assert statuses[:4] == [429, 500, 500, 200], statuses
    assert flaky.times[1] - flaky.times[0] >= 0.9  # Retry-After: 1 honoured
    # every alert the flaky endpoint got, it got once; none carries an injection
    letters = consume(worker.bootstrap, worker.alerts_dlq, lambda rs: len(rs) >= 1, timeout=60)
    assert letters, f"no dead letter; worker log:\n{worker.tail()}"
    time.sleep(2)  # let any further alert of the article finish
    bodies = flaky.delivered()
    assert len({json.dumps(b, sort_keys=True) for b in bodies}) == len(bodies)
    for b in bodies:
        for bad in INJECTIONS:
            assert bad not in b["title"] + b["message"], (bad, b)
    assert any("Waffenruhe" in b["message"] for b in bodies)

    letters = [json.loads(r.value) for r in consume(worker.bootstrap, worker.alerts_dlq,
                                                      lambda rs: len(rs) >= len(bodies), timeout=30)]
    assert len(letters) == len(bodies) and all(x["receiver"] == "down" and x["attempts"] == 4 for x in letters)
    assert all("127.0.0.1" not in json.dumps(x) for x in letters)  # targets redacted
    history = [json.loads(r.value) for r in consume(worker.bootstrap, worker.history,
                                                      lambda rs: len(rs) >= 8, timeout=30)]
    flaky_outcomes = [h["outcome"] for h in history if h["receiver"] == "flaky"]
    assert flaky_outcomes[:4] == ["retrying", "retrying", "retrying", "delivered"]
    assert [h["status"] for h in history if h["receiver"] == "flaky"][:4] == [429, 500, 500, 200]
    assert worker.proc is not None and worker.proc.poll() is None, "the worker died"

    # the endpoint comes up: replay delivers each dead letter once, a second replay sends nothing
    port = int(next(u for u in worker.config.read_text().split("'") if "/down" in u).split(":")[2].split("/")[0])
    up = HttpEndpoint(port)
    try:
        proc = wirewatch("alerts", "replay", "--kafka", "--config", str(worker.config))
        assert proc.returncode == 0, proc.stderr
        assert len(up.delivered()) == len(letters)
        proc = wirewatch("alerts", "replay", "--kafka", "--config", str(worker.config))
        assert proc.returncode == 0, proc.stderr
        assert len(up.delivered()) == len(letters)
    finally:
        up.close()
    proc = wirewatch("alerts", "history", "--kafka", "--config", str(worker.config), "--receiver", "down",
                     "--outcome", "delivered")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(letters) and all("replay" in line for line in lines)
