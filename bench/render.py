"""Render a ``wirewatch bench --format json`` result as the Markdown figures block of BENCHMARKS.md.

    .venv/bin/python -m bench.render bench/results/<run>.json            # print the block
    .venv/bin/python -m bench.render bench/results/<run>.json --write    # replace it in BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from bench.plan import SCALEOUT_RUNS

BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"
BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def _fmt(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v >= 1000:
        return f"{v:,.0f}"
    if isinstance(v, int) and v >= 1000:
        return f"{v:,}"
    return str(v)


def render(r: dict) -> str:
    m = r["machine"]
    mode = "full run" if (r.get("plan") or {}).get("phase_s", 0) >= 60 else "`--quick` run (6 s phases: development)"
    out = [f"A {mode} of {r.get('run_at', '?')} — load average (1/5/15 min) {m['loadavg']} at the start, "
           f"{m.get('loadavg_end')} at the end; {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM; "
           f"plan {r.get('plan')}.", ""]
    bars = [
        ("detectors ≥ 25% of the bare tokenizer's words/s", r.get("detectors", {}).get("detector_to_tokenizer"),
         lambda x: x >= 0.25, lambda x: f"{x:.0%}"),
        ("≥ 100 articles/s through one worker end to end (p99 < 1 s)", r.get("e2e_articles_per_s"),
         lambda x: x >= 100, str),
        ("p99 < 500 ms at 50 articles/s", r.get("e2e_p99_ms_at_50"), lambda x: x < 500, lambda x: f"{x} ms"),
        ("2 workers ≥ 1.6× one", r.get("scaleout_ratio"), lambda x: x >= 1.6, lambda x: f"{x}×"),
    ]
    out += ["| bar | measured | met |", "|---|---|---|"]
    for name, v, ok, fmt in bars:
        out.append(f"| {name} | {fmt(v) if v is not None else '—'} | {'yes' if v is not None and ok(v) else 'no'} |")
    if "detectors" in r:
        d = r["detectors"]
        out += ["", "| detectors (one thread, warm) | articles/s | words/s | vs. tokenizer |", "|---|---|---|---|",
                f"| Wirewatch detectors (`detect_many`, batches of 64) | {_fmt(d['detector_articles_per_s'])} | "
                f"{_fmt(d['detector_words_per_s'])} | {d['detector_to_tokenizer']:.0%} |",
                f"| … first pass (cold vocabulary) | {_fmt(d['detector_cold_articles_per_s'])} | | |",
                f"| … one article per call | {_fmt(d['detector_one_by_one_articles_per_s'])} | | |",
                f"| `spacy.blank('de').tokenizer.pipe` (the ceiling) | | {_fmt(d['tokenizer_words_per_s'])} | 100% |"]
        if d.get("detector_to_tokenizer_cpu") is not None:
            out.append(f"| … detectors ÷ tokenizer in CPU time (this process; steadier under load) | | | "
                       f"{d['detector_to_tokenizer_cpu']:.0%} |")
        sm = d["en_core_web_sm"]
        vs_sm = (f"detectors = {sm['detector_to_en_core_web_sm']}×" if sm["installed"]
                 else "not installed here (not downloaded)")
        out.append(f"| en_core_web_sm | | {_fmt(sm.get('words_per_s'))} | {vs_sm} |")
        out.append(f"\n{d['articles']} articles, {_fmt(d['words'])} words (spaCy tokens), "
                   f"{d['detections']} detections.")
    if "latency" in r:
        out += ["", "| publish → alert, one worker | achieved/s | p50 ms | p95 ms | p99 ms | max ms | missing | "
                "no alert due | worker CPU ms/article | machine busy / CPU stall | ms per message by stage |",
                "|---|---|---|---|---|---|---|---|---|---|---|"]
        for p in r["latency"]["phases"]:
            stages = ", ".join(f"{k} {v}" for k, v in (p.get("stage_ms_per_message") or {}).items())
            main = (f" (main process {p['worker_main_cpu_ms_per_article']})"  # session 10 on
                    if "worker_main_cpu_ms_per_article" in p else "")
            # bench/missing.py (session 8 on): articles no route alerts on are left out of the count and the p99
            not_due = p.get("undetected", 0) + p.get("below_min_confidence", 0)
            why = (f"{p.get('undetected', 0)} undetected, {p.get('below_min_confidence', 0)} under min_confidence"
                   if "undetected" in p else "not counted")
            out.append(f"| {p['rate']}/s × {p['duration_s']:.0f} s | {p['achieved_rate']} | {_fmt(p['p50_ms'])} | "
                       f"{_fmt(p['p95_ms'])} | {_fmt(p['p99_ms'])} | {_fmt(p['max_ms'])} | "
                       f"{p['missing']}/{p['published'] - not_due} | {why} | "
                       f"{p.get('worker_cpu_ms_per_article', '—')}{main} | {_fmt(p.get('machine_cpu_busy'))} / "
                       f"{_fmt(p.get('cpu_stall_share'))} | {stages} |")
        out.append(f"\nHighest rate tested with p99 < 1 s and no alert missing: **{r['e2e_articles_per_s']} "
                   f"articles/s**.")
    if "scaleout" in r:
        s = r["scaleout"]
        out += ["", "| drain a backlog (4 partitions) | CPUs | articles | articles/s after publishing | "
                "seconds in all | CPU ms/article: worker (main process) | broker | machine CPU busy | peak RSS MiB |",
                "|---|---|---|---|---|---|---|---|---|"]
        for key in SCALEOUT_RUNS:
            if key not in s:
                continue
            x = s[key]
            cpus = " + ".join(str(c) for c in x["cpus"]) if x.get("cpus") else "any"
            out.append(f"| {x['workers']} worker(s) | {cpus} | {x['backlog']} | {_fmt(x['articles_per_s'])} | "
                       f"{x['drain_s']} | {x.get('worker_cpu_ms_per_article', '—')} "
                       f"({x.get('worker_main_cpu_ms_per_article', '—')}) | "
                       f"{_fmt(x.get('broker_cpu_ms_per_article'))} | {_fmt(x.get('machine_cpu_busy'))} | "
                       f"{x['peak_rss_mb']} |")
        out.append(f"\nScale-out ratio: **{s['scaleout_ratio']}×** with a CPU per worker"
                   + (f", {s['scaleout_ratio_unpinned']}× unpinned." if "scaleout_ratio_unpinned" in s else "."))
    for part in ("latency", "scaleout"):
        if r.get(f"{part}_error"):
            out.append(f"\n{part} failed in this run: `{r[f'{part}_error'].splitlines()[0][:300]}`")
    if r.get("peak_rss_mb") is not None:
        out.append(f"\nPeak RSS (VmHWM) per worker: {r['peak_rss_mb_per_worker']} MiB — "
                   f"max **{r['peak_rss_mb']} MiB**.")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("result", type=Path)
    parser.add_argument("--write", action="store_true", help=f"replace the block between the markers in {BENCHMARKS}")
    args = parser.parse_args()
    block = render(json.loads(args.result.read_text()))
    if not args.write:
        print(block)
        return
    text = BENCHMARKS.read_text()
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    BENCHMARKS.write_text(pattern.sub(lambda _: f"{BEGIN}\n{block}\n{END}", text))


if __name__ == "__main__":
    main()
