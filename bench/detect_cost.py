"""The detectors' CPU per article in the worker's pattern: planted bench articles (and plain real news) in
batches of 1, 8 and 32 — a worker at 50 articles/s sends batches of one or two — with the learned stage and
with the rules alone, and what the sentence encoder costs per window and per call.

    .venv/bin/python -m bench.detect_cost [--data PATH] [--articles 400] [--batches 1,8,32] [--format json]

CPU time (``time.process_time``) of this process, so other processes' load matters less than for wall time
(it still does: caches and the core are shared); compare figures of one run, and print the load average beside.
The encoder's time is that of ``USE.encode`` calls. Every row starts with an empty window cache; its hits are
repeats within the row (the planted articles reuse ~235 real bases, so their real-news windows recur).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.articles import load_news, planted_article, usable_bases
from bench.plan import DEFAULT_DATA


class EncoderClock:
    """CPU seconds, calls and texts of the loaded encoder's ``encode`` (wraps it in place)."""

    def __init__(self) -> None:
        from detectors.learned import embed

        self.encoder = embed._encoder()
        self.inner = self.encoder.encode
        self.reset()
        self.encoder.encode = self._encode

    def reset(self) -> None:
        self.cpu, self.calls, self.texts = 0.0, 0, 0

    def _encode(self, texts: Sequence[str]) -> Any:
        t0 = time.process_time()
        try:
            return self.inner(texts)
        finally:
            self.cpu += time.process_time() - t0
            self.calls += 1
            self.texts += len(texts)


def measure(pipeline: Any, articles: Sequence[Any], batch: int, clock: EncoderClock | None) -> dict[str, Any]:
    if clock is not None:
        clock.reset()
    t0 = time.process_time()
    for i in range(0, len(articles), batch):
        pipeline.detect_many(list(articles[i:i + batch]))
    cpu = time.process_time() - t0
    n = len(articles)
    row: dict[str, Any] = {"batch": batch, "cpu_ms_per_article": round(1000 * cpu / n, 2)}
    if clock is not None:
        row.update(encoder_ms_per_article=round(1000 * clock.cpu / n, 2),
                   encoded_per_article=round(clock.texts / n, 2), encoder_calls=clock.calls,
                   encoder_ms_per_window=round(1000 * clock.cpu / clock.texts, 2) if clock.texts else None)
    return row


def run(news: Sequence[dict[str, Any]], n: int, batches: Sequence[int]) -> dict[str, Any]:
    from detectors.contracts import Article
    from detectors.learned import embed
    from detectors.pipeline import Pipeline

    learned, rules = Pipeline.load(stage="learned"), Pipeline.load(stage="rules")
    bases = usable_bases(news, learned, limit=300)

    def planted(offset: int) -> list[Any]:
        made = (planted_article(bases[i % len(bases)], offset + i, "cost")[0] for i in range(n))
        return [Article.create(a["text"], id=a["id"], language="de") for a in made]

    real = [Article.create(a["text"], id=str(a.get("id")), language="de") for a in news[:n]]
    for p in (learned, rules):  # warm: vocabulary, lazy resources
        p.detect_many(planted(10**6)[:200])
        p.detect_many(real[:200])
    clock = EncoderClock()
    out: dict[str, Any] = {"articles": n, "bases": len(bases), "loadavg": list(os.getloadavg()), "rows": []}
    cache = getattr(embed, "cache_stats", None)
    for workload in ("planted", "real"):
        for batch in batches:
            arts = planted(2 * 10**6 + 10**4 * batch) if workload == "planted" else real
            if cache:  # every row starts with an empty cache: hits are repeats within the row
                embed.clear_cache()
            row = {"workload": workload, **measure(learned, arts, batch, clock)}
            if cache:
                row["cache_hits"] = cache()["hits"]
            row["rules_cpu_ms_per_article"] = measure(rules, arts, batch, None)["cpu_ms_per_article"]
            out["rows"].append(row)
    out["loadavg_end"] = list(os.getloadavg())
    return out


def render(result: dict[str, Any]) -> str:
    lines = [f"{result['articles']} articles per row ({result['bases']} planted bases); load "
             f"{result['loadavg']} → {result['loadavg_end']}",
             "workload  batch  CPU ms/article  rules alone  encoder ms/article  windows/article  ms/window  calls"
             "  cache hits"]
    for r in result["rows"]:
        lines.append(f"{r['workload']:8s}  {r['batch']:5d}  {r['cpu_ms_per_article']:14.2f}  "
                     f"{r['rules_cpu_ms_per_article']:11.2f}  {r['encoder_ms_per_article']:17.2f}  "
                     f"{r['encoded_per_article']:15.2f}  {r['encoder_ms_per_window'] or 0:9.2f}  "
                     f"{r['encoder_calls']:5d}  {r.get('cache_hits', '—')!s:>10}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--batches", default="1,8,32")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"no news file at {args.data} (--data PATH)", file=sys.stderr)
        return 2
    result = run(load_news(args.data), args.articles, [int(b) for b in args.batches.split(",")])
    print(json.dumps(result) if args.format == "json" else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
