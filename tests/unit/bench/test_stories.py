"""bench/stories.py's scoring on hand-made clusterings (no scan, no detectors)."""

from __future__ import annotations

import pytest

from bench.stories import Label, assigned_stories, bcubed, day_key, score


def test_bcubed_of_a_perfect_clustering_is_one_whatever_the_cluster_names() -> None:
    gold = {"a": "s1", "b": "s1", "c": "s2"}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == (1.0, 1.0)


def test_bcubed_of_a_merge_and_of_a_split_by_hand() -> None:
    gold = {"a": "s1", "b": "s1", "c": "s1", "d": "s2"}
    # everything merged: precision per item 3/4, 3/4, 3/4, 1/4; recall 1
    assert bcubed({i: "one" for i in gold}, gold) == (pytest.approx(10 / 16), 1.0)
    # every item alone: precision 1; recall per item 1/3, 1/3, 1/3, 1
    assert bcubed({i: i for i in gold}, gold) == (1.0, pytest.approx(2 / 4))
    # {a, b} {c, d}: precision 1, 1, 1/2, 1/2; recall 2/3, 2/3, 1/3, 1
    assert bcubed({"a": 1, "b": 1, "c": 2, "d": 2}, gold) == (pytest.approx(3 / 4), pytest.approx(8 / 12))


def test_bcubed_scores_only_the_items_that_were_clustered() -> None:
    gold = {"a": "s1", "b": "s1", "c": "s1"}
    assert bcubed({"a": 1, "b": 1}, gold) == (1.0, 1.0)  # c had no detection: a miss, not a recall loss
    assert bcubed({}, gold) == (0.0, 0.0)


def labels() -> dict[str, Label]:
    rows = [("r1", "s", "report"), ("r2", "s", "report"), ("x", None, "same_actors"), ("bg", None, "background")]
    return {i: Label(i, story, "ceasefire", "announced", kind) for i, story, kind in rows}


def test_the_most_confident_detection_of_the_labelled_type_gives_the_story() -> None:
    records = [
        {"article_id": "r1", "detections": [
            {"id": "d1", "type": "meeting", "confidence": 0.99, "story_id": "m"},
            {"id": "d2", "type": "ceasefire", "confidence": 0.6, "story_id": "low"},
            {"id": "d3", "type": "ceasefire", "confidence": 0.9, "story_id": "high"}]},
        {"article_id": "r2", "detections": [{"id": "d4", "type": "meeting", "confidence": 0.9, "story_id": "m"}]},
        {"article_id": "unlabelled", "detections": [{"id": "d5", "type": "ceasefire", "confidence": 1.0}]},
    ]
    assert assigned_stories(records, labels()) == {"r1": "high"}


def test_score_counts_misses_background_and_alerts_per_story() -> None:
    articles = {i: {"published_at": "Fri, 23 Oct 2020 10:00:00 +0000"} for i in ("r1", "r2", "x", "bg")}
    articles["x"] = {"published_at": "2020-10-24"}
    result = score(labels(), articles, {"r1": "k", "x": "k", "bg": "k"}, alerts=2)
    assert result["detected"] == 2 and result["background_detected"] == 1  # background is not scored as a story
    assert result["miss_rate_reports"] == 0.5 and result["miss_rate_singles"] == 0.0
    assert (result["bcubed_precision"], result["bcubed_recall"]) == (0.5, 1.0)  # r1 and x merged
    assert (result["baseline_bcubed_precision"], result["baseline_bcubed_recall"]) == (1.0, 1.0)  # other days
    assert result["alerts_per_story"] == 0.667 and result["alerts_per_story_ideal"] == 0.667  # 2 of s, x, bg


def test_the_naive_key_is_the_utc_day_of_the_normalised_timestamp() -> None:
    label = labels()["r1"]
    assert day_key(label, "2024-01-08T23:30:00-05:00") == "ceasefire|2024-01-09"
    assert day_key(label, "2024-01-08") == "ceasefire|2024-01-08"


def test_the_story_set_is_consistent() -> None:
    """corpus/stories: one label per article, every story one type and status told by 3-8 different outlets,
    every timestamp readable by the Article contract, no text twice."""
    from collections import defaultdict

    from bench.stories import CORPUS, load_labels, read_jsonl
    from detectors.normalise import normalise_timestamp

    articles = read_jsonl(CORPUS / "articles.jsonl")
    found = load_labels(CORPUS / "labels.jsonl")
    assert [a["id"] for a in articles] == list(found)
    assert len({a["text"] for a in articles}) == len(articles)
    stories: dict[str, list[tuple[Label, dict]]] = defaultdict(list)
    for article in articles:
        normalise_timestamp(article["published_at"])
        label = found[article["id"]]
        assert label.type in ("ceasefire", "meeting") and (label.story is None) == (label.kind != "report")
        if label.story is not None:
            stories[label.story].append((label, article))
    assert len(stories) >= 40
    for reports in stories.values():
        assert 3 <= len(reports) <= 8
        assert len({(label.type, label.status) for label, _ in reports}) == 1
        assert len({article["source"] for _, article in reports}) == len(reports)
