"""Throughput of the detectors on a JSONL file of articles, against spaCy's bare tokenizer on the same text.

    python -m detectors.benchmark ../shared/data/news-de-10kgnad.jsonl [--repeat 3] [--detect-language]
    python -m detectors.benchmark ../shared/data/news-de-10kgnad.jsonl --rss 100000

Prints articles/s and words/s of ``Pipeline.detect_many`` and the tokenizer's words/s (one process, one core).
``--rss N`` instead runs N articles (the file cycled, each with 20 never-seen words appended) and prints the
resident memory every 5,000 articles: it must level off once the vocabulary cap is reached.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import orjson

from detectors.contracts import Article


def _load(path: Path, detect_language: bool) -> list[Article]:
    out = []
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                obj = orjson.loads(line)
                lang = None if detect_language else obj.get("language")
                out.append(Article.create(obj["text"], id=str(obj.get("id") or ""), language=lang))
    return out


def run(path: Path, repeat: int = 3, detect_language: bool = False, batch: int = 64) -> dict[str, float]:
    import spacy

    from detectors.pipeline import Pipeline

    articles = _load(path, detect_language)
    lang = next((a.language for a in articles if a.language), "de")
    tokenizer = spacy.blank(lang).tokenizer
    words = sum(len(doc) for doc in tokenizer.pipe(a.text for a in articles))

    best_tok = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in tokenizer.pipe(a.text for a in articles):
            pass
        best_tok = min(best_tok, time.perf_counter() - t0)

    pipeline = Pipeline.load()
    pipeline.detect_many(articles[:10])  # warm-up: pipelines, lexicons, gazetteer
    best = float("inf")
    detections = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        detections = 0
        for i in range(0, len(articles), batch):
            detections += sum(len(d) for d in pipeline.detect_many(articles[i : i + batch]))
        best = min(best, time.perf_counter() - t0)
    return {
        "articles": len(articles),
        "words": words,
        "detections": detections,
        "articles_per_s": len(articles) / best,
        "words_per_s": words / best,
        "tokenizer_words_per_s": words / best_tok,
        "ratio_to_tokenizer": best_tok / best,
    }


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss(path: Path, total: int, batch: int = 64) -> list[tuple[int, float]]:
    """Resident memory (MB) after every ~5,000 of ``total`` articles with ever-new words."""
    import random

    from detectors.pipeline import Pipeline

    base = _load(path, detect_language=False)
    rnd = random.Random(1)
    pipeline = Pipeline.load()
    out: list[tuple[int, float]] = []
    done = 0
    while done < total:
        articles = []
        for k in range(batch):
            art = base[(done + k) % len(base)]
            junk = " ".join(f"Xq{rnd.getrandbits(40):x}" for _ in range(20))
            articles.append(Article.create(f"{art.text} {junk}", id=f"{done + k}", language=art.language or "de"))
        pipeline.detect_many(articles)
        done += batch
        if done // 5000 != (done - batch) // 5000:
            out.append((done, _rss_mb()))
            print(f"{done:>7} articles  RSS {out[-1][1]:.0f} MB", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--detect-language", action="store_true", help="ignore the language field")
    parser.add_argument("--rss", type=int, default=0, metavar="N", help="memory check over N articles instead")
    args = parser.parse_args(argv)
    if args.rss:
        rss(args.path, args.rss)
        return
    res = run(args.path, args.repeat, args.detect_language)
    print(
        f"{res['articles']} articles, {res['words']:,} words, {res['detections']} detections\n"
        f"detectors: {res['articles_per_s']:.0f} articles/s, {res['words_per_s']:,.0f} words/s\n"
        f"tokenizer: {res['tokenizer_words_per_s']:,.0f} words/s "
        f"(detectors = {res['ratio_to_tokenizer']:.0%} of the tokenizer)"
    )


if __name__ == "__main__":
    main()
