"""One measurement's deployment: its topics, consumer group and worker subprocesses, on the tests' harness.

The workers are ``tests.workers.Worker`` processes of one consumer group (the same ``run``), each with its own web
port (``/metrics``) and log; ``Deployment`` adds what the bench needs on top: CPU affinity, CPU time and peak RSS
of the whole process tree (the detector processes included), waiting for the group and for committed offsets.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from bench.articles import planted_article
from bench.measure import STAGE_METRIC, cpu_seconds, peak_rss_mb
from bench.plan import PARTITIONS
from bench.sink import AlertSink
from streams.detect_pool import die_with_parent
from streams.settings import WorkerSettings
from tests.workers import Worker, run_names


def worker_env() -> dict[str, str]:
    """What the bench sets in its workers' environment (not in its own: it would leak into whatever runs later in
    this process, pytest's other tests among them). The window cache is off unless the caller's environment sets
    it: the bench repeats its inputs (the backlog cycles the news file, planted articles reuse their bases), a
    stream repeats far fewer, and a cache hit would be counted as speed."""
    return {"WIREWATCH_EMBED_CACHE": os.environ.get("WIREWATCH_EMBED_CACHE", "off")}


def _start_child(cpus: set[int] | None) -> None:
    die_with_parent()
    if cpus:
        os.sched_setaffinity(0, cpus)


@dataclass
class Deployment:
    """Topics and a consumer group of one measurement, and the worker subprocesses running it."""

    bootstrap: str
    sink_port: int
    workdir: Path
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    workers: list[Worker] = field(default_factory=list)
    detect_processes: int = WorkerSettings.detect_processes

    def _worker(self, k: int, cpus: set[int] | None) -> Worker:
        return Worker(self.workdir, self.bootstrap, self.sink_port, extra_worker=f"detect_processes: "
                      f"{self.detect_processes}", partitions=PARTITIONS, start=False, run=self.run,
                      name=f"worker-{self.run}-{k}", loglevel="warning",
                      preexec_fn=functools.partial(_start_child, cpus), env=worker_env())

    @property
    def group(self) -> str:
        return run_names(self.run)[0]

    @property
    def articles(self) -> str:
        return run_names(self.run)[1]

    @property
    def detections(self) -> str:
        return run_names(self.run)[2]

    @property
    def web_ports(self) -> list[int]:
        return [w.web_port for w in self.workers]

    def start_workers(self, n: int, cpus: Sequence[set[int]] | None = None) -> None:
        """``n`` more worker subprocesses; with ``cpus``, the k-th of them (and its detector processes, which
        inherit the affinity) runs only on ``cpus[k]``."""
        from streams.settings import dlq_topic
        from streams.topics import ensure_topics

        ensure_topics(self.bootstrap, [self.articles, self.detections, dlq_topic(self.articles)], PARTITIONS)
        for i, k in enumerate(range(len(self.workers), len(self.workers) + n)):
            worker = self._worker(k, cpus[i] if cpus else None)
            worker.start()
            self.workers.append(worker)

    def tail(self) -> str:
        return "\n".join(w.tail(2000) for w in self.workers)

    def check_alive(self) -> None:
        for w in self.workers:
            if not w.alive():
                raise RuntimeError(f"a worker exited with {w.proc.returncode if w.proc else None}:\n{self.tail()}")

    def stage_totals(self) -> dict[str, tuple[float, float]]:
        """(seconds, messages) per stage from the workers' /metrics (wirewatch_stage_duration_seconds)."""
        totals: dict[str, list[float]] = {}
        for port in self.web_ports:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
                    text = resp.read().decode()
            except OSError:
                continue
            for m in STAGE_METRIC.finditer(text):
                slot = totals.setdefault(m["stage"], [0.0, 0.0])
                slot[0 if m["kind"] == "sum" else 1] += float(m["value"])
        return {k: (v[0], v[1]) for k, v in totals.items()}

    def _pids(self) -> Iterator[int]:
        return (w.proc.pid for w in self.workers if w.proc is not None)

    def cpu(self, tree: bool = True) -> float:
        """CPU seconds of the workers, with their detector processes (``tree``) or without."""
        return sum(cpu_seconds(pid, tree) for pid in self._pids())

    def peak_rss(self) -> list[float | None]:
        return [peak_rss_mb(pid) for pid in self._pids()]

    def stop(self) -> None:
        procs = [w.proc for w in self.workers if w.proc is not None]
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)


def wait_group(dep: Deployment, members: int, timeout: float) -> None:
    """Until the workers' consumer group is Stable with ``members`` members (a rebalance is over)."""
    from kafka.admin import KafkaAdminClient
    from kafka.errors import KafkaError

    admin = KafkaAdminClient(bootstrap_servers=dep.bootstrap, client_id="wirewatch-bench")
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            dep.check_alive()
            with contextlib.suppress(KafkaError):  # e.g. the coordinator is still loading
                desc = admin.describe_groups([dep.group]).get(dep.group) or {}
                if desc.get("group_state") == "Stable" and len(desc.get("members") or []) == members:
                    return
            time.sleep(0.5)
    finally:
        admin.close()
    raise TimeoutError(f"consumer group {dep.group} not stable with {members} member(s) after {timeout:.0f} s:\n"
                       f"{dep.tail()}")


def producer(bootstrap: str, **settings: Any) -> Any:
    from kafka import KafkaProducer

    return KafkaProducer(**{"bootstrap_servers": bootstrap, "acks": "all", "linger_ms": 0,
                            "max_request_size": 2_000_000, **settings})


def warm_up(dep: Deployment, sink: AlertSink, bases: Sequence[dict[str, Any]], counter: Iterator[int],
            timeout: float = 180.0, resend: float = 15.0) -> None:
    """Planted articles to every partition until an alert of each partition arrived (pipelines loaded
    everywhere). A planted name may yield no detection, or one under the route's ``min_confidence``, with the
    models of the day (the learned stage reads the invented names: 3-17 % of a phase's articles in session 9),
    so a partition without an alert gets another planted article every ``resend`` seconds, not a timeout."""
    kafka_producer = producer(dep.bootstrap)
    sent: dict[int, list[str]] = {p: [] for p in range(PARTITIONS)}

    def plant(partitions: Sequence[int]) -> None:
        for p in partitions:
            i = next(counter)
            article, surname = planted_article(bases[i % len(bases)], i, dep.run)
            sink.expect(surname, time.perf_counter())
            kafka_producer.send(dep.articles, key=article["id"].encode(), value=orjson.dumps(article), partition=p)
            sent[p].append(surname)
        kafka_producer.flush(30)

    def waiting() -> list[int]:
        return [p for p, names in sent.items() if all(t is None for t in sink.latencies(names))]

    try:
        plant(list(sent))
        deadline = time.monotonic() + timeout
        next_resend = time.monotonic() + resend
        while (left := waiting()):
            sink.wait_all([names[-1] for names in sent.values()], timeout=2.0)
            dep.check_alive()
            now = time.monotonic()
            if now > deadline:
                raise TimeoutError(f"warm-up alerts of partitions {left} did not arrive within {timeout:.0f} s:\n"
                                   f"{dep.tail()}")
            if now > next_resend:
                plant(left)
                next_resend = now + resend
    finally:
        kafka_producer.close(10)


def committed_total(admin: Any, group: str, topic: str) -> int:
    offsets = admin.list_group_offsets(group).get(group, {})
    return sum(max(0, o.offset) for tp, o in offsets.items() if tp.topic == topic)


def end_total(bootstrap: str, topic: str) -> int:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    try:
        return sum(consumer.end_offsets([TopicPartition(topic, p) for p in range(PARTITIONS)]).values())
    finally:
        consumer.close()


def wait_caught_up(dep: Deployment, timeout: float) -> bool:
    """Until the group has committed every offset of the articles and detections topics (bounded)."""
    from kafka.admin import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=dep.bootstrap, client_id="wirewatch-bench")
    deadline = time.monotonic() + timeout
    try:
        while True:
            ends = end_total(dep.bootstrap, dep.articles) + end_total(dep.bootstrap, dep.detections)
            done = (committed_total(admin, dep.group, dep.articles)
                    + committed_total(admin, dep.group, dep.detections))
            if done >= ends:
                return True
            if time.monotonic() > deadline:
                return False
            dep.check_alive()
            time.sleep(0.5)
    finally:
        admin.close()
