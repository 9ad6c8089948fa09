"""Detector throughput against spaCy's bare tokenizer (part 1 of ``wirewatch bench``), and a memory check.

    .venv/bin/python -m bench.detectors ../shared/data/news-de-10kgnad.jsonl [--repeat 3] [--detect-language]
    .venv/bin/python -m bench.detectors ../shared/data/news-de-10kgnad.jsonl --rss 100000

The first prints articles/s and words/s of ``Pipeline.detect_many`` and the tokenizer's words/s (one process, one
thread; what ``wirewatch bench --only detectors`` measures). ``--rss N`` instead runs N articles (the file cycled,
each with 20 never-seen words appended) and prints the resident memory every 5,000 articles: it must level off
once the vocabulary cap is reached.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.articles import load_news
from bench.plan import Plan


def _best_of(repeat: int, fn: Callable[[], object], cpu: list[float] | None = None) -> float:
    """The best wall time of ``repeat`` calls; with ``cpu``, the best CPU time of this process is appended to it
    (one thread here: under other sessions' load it is steadier than the wall clock, which counts the waits)."""
    best = best_cpu = math.inf
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    if cpu is not None:
        cpu.append(best_cpu)
    return best


def bench_detectors(news: Sequence[dict[str, Any]], plan: Plan, detect_language: bool = False) -> dict[str, Any]:
    """Articles/s and words/s of the detectors, the bare tokenizer and (if installed) en_core_web_sm; one thread.
    ``detect_language``: ignore the articles' language field (language identification is measured too)."""
    import spacy

    from detectors.contracts import Article
    from detectors.learned import embed
    from detectors.pipeline import BATCH_SIZE, Pipeline

    sample = list(news[: plan.detector_articles] if plan.detector_articles else news)
    texts = [a["text"] for a in sample]
    articles = [Article.create(a["text"], id=str(a.get("id") or ""),
                               language=None if detect_language else a.get("language") or "de") for a in sample]
    tokenizer = spacy.blank("de").tokenizer
    words = sum(len(doc) for doc in tokenizer.pipe(texts))

    def tokenize() -> None:
        for _doc in tokenizer.pipe(texts):
            pass

    tokenize()  # warm, like the detectors below
    cpu: list[float] = []
    tok_s = _best_of(plan.detector_repeat, tokenize, cpu)
    t0 = time.perf_counter()
    pipeline = Pipeline.load()
    pipeline.detect_many(articles[:5])
    load_s = time.perf_counter() - t0
    found = [0]

    def detect() -> None:
        embed.clear_cache()  # every pass encodes its windows: repeated passes over one file would hit the cache
        found[0] = 0
        for i in range(0, len(articles), BATCH_SIZE):
            found[0] += sum(len(d) for d in pipeline.detect_many(articles[i : i + BATCH_SIZE]))

    cold_s = _best_of(1, detect)  # the first pass creates the vocabulary's lexemes: a worker's first minutes
    det_s = _best_of(plan.detector_repeat, detect, cpu)
    embed.clear_cache()
    t0 = time.perf_counter()
    for a in articles:  # what the worker did per message before micro-batching
        pipeline.detect(a)
    single_s = time.perf_counter() - t0
    out: dict[str, Any] = {
        "articles": len(articles), "words": words, "detections": found[0], "pipeline_load_s": round(load_s, 2),
        "detector_articles_per_s": round(len(articles) / det_s, 1),
        "detector_words_per_s": round(words / det_s),
        "detector_cold_articles_per_s": round(len(articles) / cold_s, 1),
        "detector_one_by_one_articles_per_s": round(len(articles) / single_s, 1),
        "tokenizer_words_per_s": round(words / tok_s),
        "detector_to_tokenizer": round(tok_s / det_s, 3),
        "detector_to_tokenizer_cpu": round(cpu[0] / cpu[1], 3),  # the same, CPU time of this process
    }
    if spacy.util.is_package("en_core_web_sm"):
        nlp = spacy.load("en_core_web_sm")
        sm_s = _best_of(1, lambda: list(nlp.pipe(texts[:100])))
        sm_wps = sum(len(d) for d in tokenizer.pipe(texts[:100])) / sm_s
        out["en_core_web_sm"] = {"installed": True, "words_per_s": round(sm_wps),
                                 "detector_to_en_core_web_sm": round(out["detector_words_per_s"] / sm_wps, 2)}
    else:
        out["en_core_web_sm"] = {"installed": False, "note": "not installed; not downloaded by the bench"}
    return out


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss(news: Sequence[dict[str, Any]], total: int, batch: int = 64) -> list[tuple[int, float]]:
    """Resident memory (MB) after every ~5,000 of ``total`` articles with ever-new words."""
    from detectors.contracts import Article
    from detectors.pipeline import Pipeline

    rnd = random.Random(1)
    pipeline = Pipeline.load()
    out: list[tuple[int, float]] = []
    done = 0
    while done < total:
        articles = []
        for k in range(batch):
            art = news[(done + k) % len(news)]
            junk = " ".join(f"Xq{rnd.getrandbits(40):x}" for _ in range(20))
            articles.append(Article.create(f"{art['text']} {junk}", id=f"{done + k}",
                                           language=art.get("language") or "de"))
        pipeline.detect_many(articles)
        done += batch
        if done // 5000 != (done - batch) // 5000:
            out.append((done, _rss_mb()))
            print(f"{done:>7} articles  RSS {out[-1][1]:.0f} MB", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--detect-language", action="store_true", help="ignore the language field")
    parser.add_argument("--rss", type=int, default=0, metavar="N", help="memory check over N articles instead")
    args = parser.parse_args(argv)
    news = load_news(args.path)
    if args.rss:
        rss(news, args.rss)
        return
    plan = dataclasses.replace(Plan.full(), detector_repeat=args.repeat)
    res = bench_detectors(news, plan, detect_language=args.detect_language)
    print(
        f"{res['articles']} articles, {res['words']:,} words, {res['detections']} detections\n"
        f"detectors: {res['detector_articles_per_s']:.0f} articles/s, {res['detector_words_per_s']:,.0f} words/s\n"
        f"tokenizer: {res['tokenizer_words_per_s']:,.0f} words/s "
        f"(detectors = {res['detector_to_tokenizer']:.0%} of the tokenizer; "
        f"{res['detector_to_tokenizer_cpu']:.0%} in CPU time)"
    )


if __name__ == "__main__":
    main()
