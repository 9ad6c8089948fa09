"""``wirewatch bench``: the whole run (detectors, latency, scale-out, memory) and its text and JSON reports."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.articles import load_news, usable_bases
from bench.deployment import worker_env
from bench.detectors import bench_detectors
from bench.latency import bench_latency
from bench.measure import machine
from bench.plan import DEFAULT_DATA, SCALEOUT_RUNS, SUMMARY_KEYS, Plan
from bench.scaleout import bench_scaleout
from bench.sink import AlertSink
from tests.broker import temporary_broker


@contextlib.contextmanager
def broker_for(bootstrap: str | None) -> Iterator[tuple[str, int | None]]:
    """(bootstrap, pid): the given broker (pid unknown), or a fresh local one started and stopped here."""
    if bootstrap:
        yield bootstrap, None
        return
    with temporary_broker(prefix="wirewatch-bench-kafka-") as broker:
        yield broker.bootstrap, broker.pid


def run(data: Path, plan: Plan, bootstrap: str | None = None, log: Callable[[str], None] | None = None,
        parts: Sequence[str] = ("detectors", "latency", "scaleout"),
        part_done: Callable[[int], None] = lambda n: None) -> dict[str, Any]:
    from detectors.pipeline import Pipeline

    log = log or (lambda _msg: None)
    news = load_news(data)
    result: dict[str, Any] = {"run_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
                              "data": str(data), "plan": dataclasses.asdict(plan)}
    result.update(dict.fromkeys(SUMMARY_KEYS))  # present (null) even when a part is skipped or fails
    if "detectors" in parts:
        det = bench_detectors(news, plan)
        log(f"detectors: {det}")
        result.update(detectors=det, detector_articles_per_s=det["detector_articles_per_s"],
                      detector_words_per_s=det["detector_words_per_s"],
                      tokenizer_words_per_s=det["tokenizer_words_per_s"])
        part_done(1)
    if "latency" in parts or "scaleout" in parts:
        result["embed_cache"] = worker_env()["WIREWATCH_EMBED_CACHE"]  # the workers' window cache (off)
        pipeline = Pipeline.load()  # also explains the latency phases' missing alerts (bench/missing.py)
        bases = usable_bases(news, pipeline, limit=plan.detector_articles)
        if not bases:
            raise RuntimeError("no article yields exactly its planted detection: the detectors changed?")
        result["planted_bases"] = len(bases)
        counter = iter(range(10**6))
        sink = AlertSink()
        workdir = Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
        rss: list[float | None] = []
        try:
            with broker_for(bootstrap) as (broker, broker_pid):
                # a part that fails (a worker died, a wait timed out) is reported, and the other parts still run
                if "latency" in parts:
                    try:
                        lat = bench_latency(broker, sink, bases, counter, plan, workdir, log, pipeline)
                        at50 = next((p for p in lat["phases"] if p["rate"] == 50), None)
                        result.update(latency=lat, e2e_articles_per_s=lat["e2e_articles_per_s"],
                                      e2e_p99_ms_at_50=at50["p99_ms"] if at50 else None)
                        rss += lat["peak_rss_mb"]
                    except (RuntimeError, TimeoutError, OSError) as exc:
                        log(f"latency failed: {exc}")
                        result["latency_error"] = str(exc)[-3000:]
                    part_done(1)
                if "scaleout" in parts:
                    try:
                        sc = bench_scaleout(broker, sink, bases, news, counter, plan, workdir, log, broker_pid)
                        result.update(scaleout=sc, scaleout_ratio=sc["scaleout_ratio"])
                        rss += [m for key in SCALEOUT_RUNS if key in sc for m in sc[key]["peak_rss_mb"]]
                    except (RuntimeError, TimeoutError, OSError) as exc:
                        log(f"scale-out failed: {exc}")
                        result["scaleout_error"] = str(exc)[-3000:]
                    part_done(1)
        finally:
            sink.close()
            shutil.rmtree(workdir, ignore_errors=True)
        known = [r for r in rss if r is not None]
        result["peak_rss_mb"] = max(known) if known else None
        result["peak_rss_mb_per_worker"] = rss
    result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def to_json(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)


def format_text(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [f"machine: {m['nproc']} cpu ({m['cpu']}), {m['ram_gb']} GB RAM, load {m['loadavg']} → "
             f"{m.get('loadavg_end')}, CPU pressure {m.get('cpu_pressure')}"]
    if "detectors" in r:
        d = r["detectors"]
        lines += [
            f"detectors: {d['detector_articles_per_s']} articles/s, {d['detector_words_per_s']:,} words/s "
            f"({d['articles']} articles, {d['words']:,} words, one thread, warm; first pass "
            f"{d['detector_cold_articles_per_s']}/s; one-by-one {d['detector_one_by_one_articles_per_s']}/s)",
            f"tokenizer: {d['tokenizer_words_per_s']:,} words/s — detectors = {d['detector_to_tokenizer']:.0%} of it",
        ]
        sm = d["en_core_web_sm"]
        lines.append(f"en_core_web_sm: {sm['words_per_s']:,} words/s — detectors = "
                     f"{sm['detector_to_en_core_web_sm']}×" if sm["installed"] else "en_core_web_sm: not installed")
    if "latency" in r:
        lines.append("publish → alert latency (one worker):")
        for p in r["latency"]["phases"]:
            lines.append(f"  {p['rate']:>4}/s × {p['duration_s']:.0f} s (achieved {p['achieved_rate']}/s): "
                         f"p50 {p['p50_ms']} ms  p95 {p['p95_ms']} ms  p99 {p['p99_ms']} ms  "
                         f"max {p['max_ms']} ms  missing {p['missing']}/{p['published']}  "
                         f"worker CPU {p.get('worker_cpu_ms_per_article')} ms/article (main process "
                         f"{p.get('worker_main_cpu_ms_per_article')}), machine busy {p.get('machine_cpu_busy')}, "
                         f"CPU stall {p.get('cpu_stall_share')}")
            if p.get("stage_ms_per_message"):
                lines.append("      ms per message: " + ", ".join(f"{k} {v}" for k, v in
                                                                  p["stage_ms_per_message"].items()))
        lines.append(f"highest rate tested with p99 < 1 s: {r['e2e_articles_per_s']} articles/s")
    if "scaleout" in r:
        s = r["scaleout"]
        for key in SCALEOUT_RUNS:
            if key not in s:
                continue
            x = s[key]
            lines.append(f"drain {x['backlog']} articles with {x['workers']} worker(s) on CPUs "
                         f"{x['cpus'] or 'any'}: {x['articles_per_s']} articles/s after publishing "
                         f"({x['drain_s']} s in all), CPU ms/article: worker {x['worker_cpu_ms_per_article']} "
                         f"(main process {x['worker_main_cpu_ms_per_article']}), broker "
                         f"{x['broker_cpu_ms_per_article']}; machine CPU busy {x['machine_cpu_busy']}")
        lines.append(f"scale-out ratio (2 vs 1 workers): {s['scaleout_ratio']} (a CPU each), "
                     f"{s['scaleout_ratio_unpinned']} (unpinned)")
    if r.get("peak_rss_mb") is not None:
        lines.append(f"peak RSS per worker: {r['peak_rss_mb_per_worker']} MiB (max {r['peak_rss_mb']})")
    return "\n".join(lines)


def main(args: Any) -> int:
    import logging

    logging.getLogger("kafka").setLevel(logging.ERROR)  # kafka-python's admin warns on faust's group metadata
    # SIGTERM unwinds like Ctrl-C: the finally blocks stop the workers and the broker this run started
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    plan = Plan.quick() if args.quick else Plan.full()
    if getattr(args, "detect_processes", None) is not None:
        plan = dataclasses.replace(plan, detect_processes=args.detect_processes)
    parts = tuple(args.only.split(",")) if getattr(args, "only", None) else ("detectors", "latency", "scaleout")

    from streams.progress import counter, note

    def log(msg: str) -> None:
        note(f"bench: {msg}")  # beside the progress line on a terminal, a plain line elsewhere

    data = Path(args.data) if args.data else DEFAULT_DATA
    with counter("bench", len(parts), unit="part") as advance:
        result = run(data, plan, bootstrap=args.bootstrap, log=log, parts=parts, part_done=advance)
    print(to_json(result) if args.format == "json" else format_text(result))
    return 0
