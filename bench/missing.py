"""Why a planted article's alert did not arrive in a latency phase: none was due, it was late, or it was lost.

No alert was due (not counted as missing; the learned stage reads the invented names too, and for a few of them
the planted sentence scores differently from the names ``usable_bases`` probed):
* **undetected** — the worker wrote no detection for the article to the detections topic, and the bench's own
  pipeline, run on the same article, yields no planted detection either;
* **below_min_confidence** — the worker's detection of it has a confidence under the route's ``min_confidence``
  (0.5 by default: a route alerts on what is more likely than not an event), so the route rightly passes it by.
Missing:
* **late** — the alert arrived after the drain wait (while the bench waited for the worker to catch up);
* **lost** — the worker detected it at a confidence the route alerts on, or wrote nothing while the bench's
  pipeline detects it, and no alert came: the promise broken.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from bench.articles import yield_planted

SHOWN = 20  # ids listed per kind in a phase's result (the counts are complete)


def detected_confidences(bootstrap: str, topic: str, timeout: float = 30.0) -> dict[str, float]:
    """Article id → the highest confidence of its detections on ``topic``, read from the topic's beginning to its
    end offsets (bounded)."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    best: dict[str, float] = {}
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        ends = consumer.end_offsets(parts)
        deadline = time.monotonic() + timeout
        while any(consumer.position(tp) < end for tp, end in ends.items()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"reading {topic} to its end took over {timeout:.0f} s")
            for records in consumer.poll(timeout_ms=500).values():
                for article_id, confidence in detection_confidences(r.value for r in records):
                    best[article_id] = max(confidence, best.get(article_id, confidence))
    finally:
        consumer.close()
    return best


def detection_confidences(values: Iterable[bytes]) -> Iterator[tuple[str, float]]:
    """(article id, confidence) of each detection record (records that are not detections are skipped)."""
    for value in values:
        try:
            obj = orjson.loads(value)
        except orjson.JSONDecodeError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("article_id"), str) \
                and isinstance(obj.get("confidence"), int | float):
            yield obj["article_id"], float(obj["confidence"])


KINDS = ("undetected", "below_min_confidence", "lost")


def classify(missing: Sequence[tuple[dict[str, Any], str]], worker: Mapping[str, float],
             bench_detects: Callable[[Sequence[tuple[dict[str, Any], str]]], list[bool]],
             min_confidence: float) -> dict[str, list[str]]:
    """Split the (article, surname) pairs with no alert into the ``KINDS`` (article ids; see above), from the
    worker's detections (``worker``: article id → highest confidence) and the bench's own detector."""
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    unseen = [m for m in missing if m[0]["id"] not in worker]
    flags = dict(zip((a["id"] for a, _ in unseen), bench_detects(unseen) if unseen else [], strict=True))
    for article, _ in missing:
        aid = article["id"]
        if aid in worker:
            out["below_min_confidence" if worker[aid] < min_confidence else "lost"].append(aid)
        else:
            out["undetected" if flags[aid] is False else "lost"].append(aid)
    return out


def explain_missing(bootstrap: str, topic: str, pipeline: Any,
                    missing: Sequence[tuple[dict[str, Any], str]]) -> dict[str, list[str]]:
    """``classify`` against the worker's detections topic and ``pipeline`` (the bench's own), for the bench's
    route (no ``min_confidence`` of its own: the default)."""
    from alerts.route_names import DEFAULT_MIN_CONFIDENCE

    if not missing:
        return {k: [] for k in KINDS}
    return classify(missing, detected_confidences(bootstrap, topic), lambda ms: yield_planted(pipeline, ms),
                    DEFAULT_MIN_CONFIDENCE)


def offline(first: int, stop: int, data: Path | None = None, batch: int = 64) -> dict[str, Any]:
    """The planted articles ``first..stop-1`` of the bench's counter as a full run plants them (same bases, same
    names), through this tree's pipeline: which yield no detection of the planted person, which one under the
    route's ``min_confidence`` (no worker, no broker)."""
    from alerts.route_names import DEFAULT_MIN_CONFIDENCE
    from bench.articles import load_news, planted_article, usable_bases
    from bench.plan import DEFAULT_DATA
    from detectors.contracts import Article
    from detectors.pipeline import Pipeline

    pipeline = Pipeline.load()
    bases = usable_bases(load_news(data or DEFAULT_DATA), pipeline)
    out: dict[str, Any] = {"bases": len(bases), "ids": [first, stop], "undetected": [], "below_min_confidence": []}
    for start in range(first, stop, batch):
        planted = [planted_article(bases[i % len(bases)], i, "offline") for i in range(start, min(stop, start + batch))]
        arts = [Article.create(a["text"], id=a["id"], language="de") for a, _ in planted]
        for i, ((_, surname), found) in enumerate(zip(planted, pipeline.detect_many(arts), strict=True), start):
            mine = [d.confidence for d in found if surname in d.evidence.text]
            if not mine:
                out["undetected"].append(i)
            elif max(mine) < DEFAULT_MIN_CONFIDENCE:
                out["below_min_confidence"].append([i, max(mine)])
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Planted articles of a full bench run that are due no alert")
    parser.add_argument("--ids", default="604-3604", help="FIRST-STOP of the counter (default: the 50/s phase's)")
    parser.add_argument("--data", type=Path, default=None, help="a JSONL news file (default: 10kGNAD)")
    ns = parser.parse_args()
    lo, hi = (int(x) for x in ns.ids.split("-"))
    print(orjson.dumps(offline(lo, hi, ns.data)).decode())
