"""Publish → alert latency through one worker at fixed rates, and the highest rate with p99 < 1 s (bisected)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.articles import planted_article
from bench.deployment import Deployment, wait_caught_up, wait_group, warm_up
from bench.measure import busy_share, cpu_stall_us, machine_ticks, percentile, stage_ms, stall_share
from bench.missing import SHOWN, explain_missing
from bench.plan import BRACKET_RATES, P99_LIMIT_S, Plan
from bench.sink import AlertSink


def latency_phase(dep: Deployment, sink: AlertSink, bases: Sequence[dict[str, Any]], counter: Iterator[int],
                  rate: float, duration: float, drain_wait: float, pipeline: Any = None) -> dict[str, Any]:
    """Publish planted articles at ``rate``/s for ``duration`` s; publish → alert latency percentiles in ms.

    An alert that never arrives counts as an infinite latency: a lost alert fails the p99, it is not skipped.
    With ``pipeline`` (the bench's own), the articles without an alert are explained once the worker has caught
    up (bench/missing.py): those due no alert are left out (``undetected``: neither the worker nor ``pipeline``
    detects them; ``below_min_confidence``: the route passes the worker's detection by), the rest stay missing, as
    ``late`` (after the drain wait) or ``lost``."""
    from streams.publisher import Publisher

    n = max(1, round(rate * duration))
    names = []
    planted: dict[str, dict[str, Any]] = {}
    unmatched_before = sink.other
    stages_before = dep.stage_totals()
    cpu_before, main_before, ticks_before = dep.cpu(), dep.cpu(tree=False), machine_ticks()
    stall_before, wall_before = cpu_stall_us(), time.perf_counter()
    with Publisher(dep.bootstrap, topic=dep.articles, linger_ms=0) as pub:
        t0 = time.perf_counter()
        for k in range(n):
            due = t0 + k / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            i = next(counter)
            article, surname = planted_article(bases[i % len(bases)], i, dep.run)
            sink.expect(surname, time.perf_counter())
            pub.publish(article)
            names.append(surname)
            planted[surname] = article
        sent_s = time.perf_counter() - t0
    sink.wait_all(names, timeout=drain_wait)
    dep.check_alive()
    got = sink.latencies(names)
    caught_up = wait_caught_up(dep, timeout=drain_wait)  # the next phase starts without a backlog
    now = sink.latencies(names)
    late = [s for s, x, y in zip(names, got, now, strict=True) if x is None and y is not None]
    absent = [(planted[s], s) for s, y in zip(names, now, strict=True) if y is None]
    explained = pipeline is not None and caught_up  # a worker still behind may yet send the rest
    why = (explain_missing(dep.bootstrap, dep.detections, pipeline, absent) if explained
           else {"undetected": [], "below_min_confidence": [], "lost": [], "unexplained": [a["id"] for a, _ in absent]})
    skip = set(why["undetected"]) | set(why["below_min_confidence"])  # no alert was due
    kept = [x for s, x in zip(names, got, strict=True) if planted[s]["id"] not in skip]
    arrived = sorted(x for x in kept if x is not None)
    full = arrived + [math.inf] * (len(kept) - len(arrived))

    def ms(q: float) -> float | None:
        v = percentile(full, q)
        return None if math.isinf(v) else round(v * 1000, 1)

    return {
        "rate": rate, "duration_s": duration, "published": n,
        "achieved_rate": round(n / sent_s, 1) if sent_s > 0 else None,
        "undetected": len(why["undetected"]), "below_min_confidence": len(why["below_min_confidence"]),
        "alerts": len(arrived), "missing": len(kept) - len(arrived),
        "late": len(late), "lost": len(why["lost"]), "unexplained": len(why.get("unexplained", ())),
        **{f"{k}_ids": why[k][:SHOWN] for k in ("undetected", "below_min_confidence", "lost")},
        "late_ids": [planted[s]["id"] for s in late[:SHOWN]],
        "p50_ms": ms(50), "p95_ms": ms(95), "p99_ms": ms(99),
        "max_ms": round(arrived[-1] * 1000, 1) if arrived else None, "caught_up": caught_up,
        "unmatched_alerts": sink.other - unmatched_before,
        "stage_ms_per_message": stage_ms(stages_before, dep.stage_totals()),
        # CPU the worker spent per article (detect + route + deliver + Kafka): load-independent, unlike latency
        "worker_cpu_ms_per_article": round((dep.cpu() - cpu_before) / n * 1000, 2),
        # of it, the worker's main process (event loop: Kafka, route, deliver, settle); the rest is detection
        "worker_main_cpu_ms_per_article": round((dep.cpu(tree=False) - main_before) / n * 1000, 2),
        "machine_cpu_busy": busy_share(ticks_before, machine_ticks()),  # every process, other sessions included
        # share of the phase (publish and drain) in which some runnable task waited for a CPU: contention
        "cpu_stall_share": stall_share(stall_before, cpu_stall_us(), time.perf_counter() - wall_before),
    }


def _passes(phase: dict[str, Any]) -> bool:
    return phase["p99_ms"] is not None and phase["p99_ms"] < P99_LIMIT_S * 1000 and phase["missing"] == 0


def bench_latency(bootstrap: str, sink: AlertSink, bases: Sequence[dict[str, Any]], counter: Iterator[int],
                  plan: Plan, workdir: Path, log: Callable[[str], None], pipeline: Any = None) -> dict[str, Any]:
    dep = Deployment(bootstrap, sink.port, workdir, detect_processes=plan.detect_processes)
    phases: list[dict[str, Any]] = []
    try:
        dep.start_workers(1)
        wait_group(dep, 1, timeout=180)
        warm_up(dep, sink, bases, counter)
        def run_phase(rate: float, duration: float) -> None:
            phases.append(latency_phase(dep, sink, bases, counter, rate, duration, plan.drain_wait_s, pipeline))
            log(f"latency at {rate}/s: {phases[-1]}")

        # Rising order, the top rate last: a rate the worker cannot hold leaves a backlog, and the top rate's
        # backlog would not drain in any reasonable wait. Between the fixed rates, at most two shorter phases
        # bisect the highest sustained rate; after a top rate that held, one phase above it.
        *lower, top = plan.rates
        for rate in lower:
            run_phase(rate, plan.phase_s)
        if lower:
            for _ in range(2):
                held = max((p["rate"] for p in phases if _passes(p)), default=0)
                failed = min((p["rate"] for p in phases if not _passes(p)), default=top)
                between = [r for r in BRACKET_RATES if held < r < min(failed, top)]
                if not between:
                    break
                mid = math.sqrt(max(held, 1) * min(failed, top))
                run_phase(min(between, key=lambda r: abs(r - mid)), plan.extra_phase_s)
        run_phase(top, plan.phase_s)
        if lower and _passes(phases[-1]):
            run_phase(next((r for r in BRACKET_RATES if r > top), top * 2), plan.extra_phase_s)
        rss = dep.peak_rss()
    finally:
        dep.stop()
    passing = [p["rate"] for p in phases if _passes(p)]
    return {"phases": phases, "e2e_articles_per_s": max(passing) if passing else 0,
            "peak_rss_mb": rss}
