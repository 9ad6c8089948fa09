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


def test_held_out_bcubed_counts_a_merge_with_another_folds_report() -> None:
    from bench.story_threshold import bcubed_of

    predicted = {"a": "s1", "b": "s1", "c": "s2"}
    gold = {"a": "g1", "b": "g2", "c": "g1"}
    # "a" alone is held out: its cluster (a, b) still holds b of another gold story, and c of its own is apart
    assert bcubed_of(predicted, gold, ["a"]) == (0.5, 0.5)
    assert bcubed_of(predicted, gold, []) == (0.0, 0.0)


def test_cross_validation_picks_on_other_folds_and_splits_and_merges_are_printed() -> None:
    from bench.story_threshold import cross_validate, splits_and_merges

    labels = {i: Label(i, "s1", "ceasefire", "announced", "report") for i in ("r1", "r2")}
    result = cross_validate(_records(), labels, [0.5, 0.7], folds=2)
    assert [row["threshold"] for row in result["folds"]] == [0.5, 0.5]  # one story: one fold holds it all
    assert result["weighted_mean"]["bcubed_recall"] == 1.0
    assert splits_and_merges(_records(), labels, 0.5) == []
    split = splits_and_merges(_records(), labels, 0.7)
    assert split[0].startswith("SPLIT r2 (s1) opened") and "identity shared haftar" in split[1]
