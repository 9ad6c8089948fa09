"""Real worker processes for integration and reliability tests: a config file, a subprocess, its log."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from kafka import KafkaConsumer, KafkaProducer

from detectors.contracts import Article, Detection

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "libya-haftar-rome-ceasefire.de.txt"
WORKER = [sys.executable, "-m", "streams.cli", "worker"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_names(run: str) -> tuple[str, str, str]:
    """The consumer group, articles topic and detections topic of the workers of one ``run``."""
    return f"wirewatch-test-{run}", f"articles-{run}", f"detections-{run}"


class Worker:
    """``wirewatch worker`` in a subprocess, on its own topics and consumer group (unique per instance).

    ``start()`` again after ``stop()``/``kill()`` restarts it with the same group, topics and state. Several
    workers of one consumer group (the bench's scale-out): the same ``run`` and a ``name`` each (config and log
    file); ``preexec_fn`` runs in the child before ``exec`` (e.g. CPU affinity).
    """

    def __init__(self, tmp: Path, bootstrap: str, sink_port: int, extra_worker: str = "",
                 routes: str = "routes:\n  - receiver: sink\n", receivers: str | None = None,
                 partitions: int = 4, start: bool = True, *, run: str | None = None, name: str | None = None,
                 loglevel: str = "info", preexec_fn: Callable[[], None] | None = None, extra_kafka: str = "",
                 env: dict[str, str] | None = None) -> None:
        run = run or uuid.uuid4().hex[:8]
        self.run = run
        self.env = dict(env or {})  # set in the worker's environment only (never in this process's)
        self.loglevel = loglevel
        self.preexec_fn = preexec_fn
        self.tmp = tmp
        self.group, self.articles, self.detections = run_names(run)
        self.bootstrap = bootstrap
        self.config = tmp / (f"{name}.yaml" if name else "wirewatch.yaml")
        if receivers is None:
            receivers = f"receivers:\n  - name: sink\n    urls: ['json://127.0.0.1:{sink_port}/alerts']\n"
        self.config.write_text(
            f"kafka: {{bootstrap: '{bootstrap}', articles_topic: {self.articles}, "
            f"detections_topic: {self.detections}, partitions: {partitions}"
            f"{', ' + extra_kafka if extra_kafka else ''}}}\n"
            f"worker: {{id: {self.group}, max_message_bytes: 1000000{', ' + extra_worker if extra_worker else ''}}}\n"
            + receivers + routes
        )
        self.log_path = tmp / (f"{name}.log" if name else "worker.log")
        self.web_port = free_port()
        self.proc: subprocess.Popen | None = None
        if start:
            self.start()

    def start(self) -> None:
        log = self.log_path.open("ab")
        env = dict(os.environ, PYTHONUNBUFFERED="1", **self.env)
        self.proc = subprocess.Popen(
            [*WORKER, "--config", str(self.config), "--web-port", str(self.web_port), "--loglevel", self.loglevel],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=self.preexec_fn,
        )
        log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def tail(self, chars: int = 6000) -> str:
        return self.log()[-chars:]

    def wait_log(self, needle: str, timeout: float, occurrence: int = 1) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log().count(needle) >= occurrence:
                return True
            time.sleep(0.3)
        return False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 60) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise

    def publish_detections(self, *detections: Detection) -> None:
        """Put detections straight on the worker's detections topic, keyed as the detect agent keys them."""
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks="all")
        for d in detections:
            producer.send(self.detections, key=d.story_key.encode(), value=d.to_json())
        producer.flush()
        producer.close()

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()


def consume(bootstrap: str, topic: str, until: Callable[[list], bool], timeout: float) -> list:
    """Read ``topic`` from the start until ``until(records)`` holds or ``timeout`` passes."""
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, group_id=None, consumer_timeout_ms=1000,
                             fetch_max_bytes=64 * 1024 * 1024, max_partition_fetch_bytes=16 * 1024 * 1024)
    records: list = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not until(records):
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
    finally:
        consumer.close()
    return records


def seed_article(article_id: str) -> Article:
    text = SEED.read_text("utf-8")
    return Article.create(text, id=article_id, title=text.splitlines()[0], source="lastampa.it",
                          url=f"https://example.org/{article_id}", published_at="2020-01-08T20:00:00Z")


def detections_of(records: list, article_id: str) -> list[dict]:
    return [d for d in (json.loads(r.value) for r in records) if d["article_id"] == article_id]
