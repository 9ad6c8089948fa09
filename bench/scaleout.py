"""Scale-out: 1 and 2 workers of one consumer group draining a backlog, pinned and unpinned, CPU per article."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

from bench.deployment import Deployment, committed_total, end_total, producer, wait_group, warm_up
from bench.measure import busy_share, cpu_seconds, machine_ticks, steady_rate
from bench.plan import Plan
from bench.sink import AlertSink
from streams.settings import WorkerSettings


def drain(bootstrap: str, sink: AlertSink, bases: Sequence[dict[str, Any]], news: Sequence[dict[str, Any]],
          counter: Iterator[int], workers: int, backlog: int, workdir: Path, timeout: float,
          detect_processes: int = WorkerSettings.detect_processes,
          cpus: Sequence[set[int]] | None = None, broker_pid: int | None = None) -> dict[str, Any]:
    """Start ``workers`` workers (worker k on ``cpus[k]`` when given), wait until they are ready, publish
    ``backlog`` real articles at once and time until every offset is committed. ``broker_pid``: a broker this
    run started (its CPU time is measured)."""
    from kafka.admin import KafkaAdminClient

    dep = Deployment(bootstrap, sink.port, workdir, detect_processes=detect_processes)
    try:
        dep.start_workers(workers, cpus)
        wait_group(dep, workers, timeout=180)
        warm_up(dep, sink, bases, counter)
        target = end_total(bootstrap, dep.articles) + backlog
        kafka_producer = producer(bootstrap, linger_ms=20, batch_size=1_000_000)  # the backlog at once, batched
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="wirewatch-bench")
        try:
            t0 = time.perf_counter()
            for k in range(backlog):
                base = news[k % len(news)]
                article = {**base, "id": f"backlog-{dep.run}-{k}", "language": "de"}
                kafka_producer.send(dep.articles, key=article["id"].encode(), value=orjson.dumps(article))
            kafka_producer.flush(60)
            published = time.perf_counter()
            cpu_before, main_before, ticks_before = dep.cpu(), dep.cpu(tree=False), machine_ticks()
            bench_before = time.process_time()
            broker_before = cpu_seconds(broker_pid, tree=False) if broker_pid is not None else None
            deadline = time.monotonic() + timeout
            samples = [(published, committed_total(admin, dep.group, dep.articles))]
            while samples[-1][1] < target and time.monotonic() < deadline:
                dep.check_alive()
                time.sleep(0.1)
                samples.append((time.perf_counter(), committed_total(admin, dep.group, dep.articles)))
            elapsed = time.perf_counter() - t0
        finally:
            admin.close()
            kafka_producer.close(10)
        rss = dep.peak_rss()
        ticks_after, bench_s = machine_ticks(), time.process_time() - bench_before
        broker_s = (cpu_seconds(broker_pid, tree=False) - broker_before
                    if broker_pid is not None and broker_before is not None else None)
        cpu_s, main_s = dep.cpu() - cpu_before, dep.cpu(tree=False) - main_before
    finally:
        dep.stop()
    done = samples[-1][1]
    drained = done >= target
    steady = steady_rate(samples, published) if drained else None
    after_publish = max(1, done - samples[0][1])  # the CPU figures cover the time after the last publish
    return {"workers": workers, "cpus": [sorted(c) for c in cpus] if cpus else None, "backlog": backlog,
            "drained": drained, "publish_s": round(published - t0, 2), "drain_s": round(elapsed, 2),
            "articles_per_s": round(steady, 1) if steady else None,
            "whole_drain_articles_per_s": round(backlog / elapsed, 1) if drained else None,
            "steady_articles": after_publish, "peak_rss_mb": rss,
            "worker_cpu_ms_per_article": round(cpu_s / after_publish * 1000, 2),
            "worker_main_cpu_ms_per_article": round(main_s / after_publish * 1000, 2),
            "bench_cpu_ms_per_article": round(bench_s / after_publish * 1000, 2),
            "broker_cpu_ms_per_article": round(broker_s / after_publish * 1000, 2) if broker_s is not None else None,
            # the broker, this bench and anything else on the machine
            "other_cpu_ms_per_article": round(
                ((ticks_after[0] - ticks_before[0]) / os.sysconf("SC_CLK_TCK") - cpu_s) / after_publish * 1000, 2),
            "machine_cpu_busy": busy_share(ticks_before, ticks_after)}


def bench_scaleout(bootstrap: str, sink: AlertSink, bases: Sequence[dict[str, Any]],
                   news: Sequence[dict[str, Any]], counter: Iterator[int], plan: Plan, workdir: Path,
                   log: Callable[[str], None], broker_pid: int | None = None) -> dict[str, Any]:
    """1 then 2 workers, each on a CPU of its own (the unit a deployment adds), then both unpinned (what this
    machine does as a whole). On a machine with fewer than two CPUs only the unpinned pair runs."""
    timeout = max(120.0, plan.backlog / 10)
    runs: dict[str, dict[str, Any]] = {}
    pinned = (os.cpu_count() or 1) >= 2 and hasattr(os, "sched_setaffinity")
    layouts = ([("one_worker", 1, [{0}]), ("two_workers", 2, [{0}, {1}])] if pinned else []) + [
        ("one_worker_unpinned", 1, None), ("two_workers_unpinned", 2, None)]
    for key, workers, cpus in layouts:
        runs[key] = drain(bootstrap, sink, bases, news, counter, workers, plan.backlog, workdir, timeout,
                          plan.detect_processes, cpus, broker_pid)
        log(f"scale-out, {key}: {runs[key]}")

    def ratio(one: str, two: str) -> float | None:
        a, b = runs.get(one, {}).get("articles_per_s"), runs.get(two, {}).get("articles_per_s")
        return round(b / a, 2) if a and b else None

    return {**runs, "scaleout_ratio": ratio("one_worker", "two_workers") if pinned else
            ratio("one_worker_unpinned", "two_workers_unpinned"),
            "scaleout_ratio_unpinned": ratio("one_worker_unpinned", "two_workers_unpinned"),
            "pinned": pinned}
