"""bench/story_threshold.py: the grouping of saved detections at several join thresholds (no scan, no detectors)."""

from __future__ import annotations

from bench.stories import Label
from bench.story_threshold import group, sensitivity
from tests.unit.alerts.helpers import detection


def _records() -> list[dict]:
    # two reports of one story 20 h apart, the second naming one of the first's people: 0.65 (joins at 0.5, not at 0.7)
    a = detection("r1", published_at="2024-01-08T00:00:00Z", actors=("Khalifa Haftar", "Giuseppe Conte"))
    b = detection("r2", published_at="2024-01-08T20:00:00Z", actors=("Haftar",),
                  text="Treffen in Rom vereinbart.")
    return [{"article_id": d.article_id, "detections": [d.to_dict()]} for d in (a, b)]


def test_a_lower_threshold_joins_what_a_higher_one_splits() -> None:
    labels = {i: Label(i, "s1", "ceasefire", "announced", "report") for i in ("r1", "r2")}
    low, high = sensitivity(_records(), labels, [0.5, 0.7])
    assert (low["bcubed_recall"], low["system_stories"]) == (1.0, 1)
    assert (high["bcubed_recall"], high["system_stories"]) == (0.5, 2)
    ids = [r["detections"][0]["story_id"] for r in group(_records(), 0.5)]
    assert ids[0] == ids[1] and ids[0].startswith("s-")
