"""bench/missing.py: a planted article with no alert was due none (neither the worker nor the bench's pipeline
detects it, or the worker's detection is under the route's min_confidence) or is lost (detected, and no alert
came)."""

from __future__ import annotations

import orjson
import pytest

from bench import articles, missing


def _planted(i: int) -> tuple[dict, str]:
    return articles.planted_article({"text": "Der Regen hielt an.", "source": "t"}, i, "t")


def test_only_what_no_route_would_alert_on_is_left_out() -> None:
    a, b, c, d = _planted(1), _planted(2), _planted(3), _planted(4)
    asked: list[str] = []

    def bench_detects(ms):
        asked.extend(m[0]["id"] for m in ms)
        return [m[0]["id"] == c[0]["id"] for m in ms]  # the bench's pipeline finds c only

    # the worker detected b at 0.7 (and no alert came: lost) and d at 0.49 (under the route's 0.5); a and c not
    out = missing.classify([a, b, c, d], {b[0]["id"]: 0.7, d[0]["id"]: 0.49}, bench_detects, 0.5)
    assert out == {"undetected": [a[0]["id"]], "below_min_confidence": [d[0]["id"]],
                   "lost": [b[0]["id"], c[0]["id"]]}
    assert asked == [a[0]["id"], c[0]["id"]]  # what the worker detected is not detected again


def test_confidences_of_detection_records() -> None:
    values = [orjson.dumps({"article_id": "x", "confidence": 0.61}), b"not json", orjson.dumps([1]),
              orjson.dumps({"article_id": "y"}), orjson.dumps({"article_id": "z", "confidence": 1})]
    assert list(missing.detection_confidences(values)) == [("x", 0.61), ("z", 1.0)]


@pytest.mark.kafka
def test_the_detections_topic_is_read_to_its_end(kafka: str) -> None:
    import uuid

    from bench.deployment import producer
    from streams.topics import ensure_topics

    topic = f"detections-missing-{uuid.uuid4().hex[:8]}"
    ensure_topics(kafka, [topic], 2)
    prod = producer(kafka)
    try:
        for k in range(30):  # two detections of each of 15 articles, on both partitions: the best one counts
            value = {"article_id": f"a{k % 15}", "confidence": k / 100}
            prod.send(topic, value=orjson.dumps(value), partition=k % 2)
        prod.flush(30)
    finally:
        prod.close(10)
    assert missing.detected_confidences(kafka, topic, timeout=30) == {f"a{k}": (k + 15) / 100 for k in range(15)}
