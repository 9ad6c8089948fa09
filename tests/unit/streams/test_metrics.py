"""The metric catalogue: naming conventions, bounded labels, and the recorders over streams-layer values."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from prometheus_client.parser import text_string_to_metric_families

from alerts.delivery import DeliveryResult
from alerts.dispatch import Decision
from streams.metrics import CATALOGUE, Metrics, failure_reason, parse_timestamp, story_opened

FORBIDDEN_LABELS = {"article_id", "id", "url", "person", "actor", "actors", "title", "text", "story_id",
                    "detection_id", "target", "source"}
UNITS = ("_seconds", "_messages", "_bytes", "_info")


def value(m: Metrics, name: str, **labels: str) -> float:
    return m.registry.get_sample_value(name, labels) or 0.0


def test_every_metric_is_declared_once_with_help_and_bounded_labels() -> None:
    names = [d.name for d in CATALOGUE]
    assert len(names) == len(set(names))
    for d in CATALOGUE:
        assert d.help.strip().endswith(".") and len(d.help) > 20, d.name
        assert not d.name.endswith("_total"), f"{d.name}: prometheus-client appends _total to counters"
        assert not FORBIDDEN_LABELS & set(d.labels), f"{d.name} has an unbounded label"
        if d.kind == "histogram":
            assert d.name.endswith("_seconds"), f"{d.name}: histograms here measure time, in seconds"
        if d.kind == "gauge" and d.name not in {"partitions_assigned", "worker_halted"}:
            assert d.name.endswith(UNITS), f"{d.name}: gauges carry their base unit in the name"


def test_exposition_is_prefixed_typed_and_has_no_created_series() -> None:
    families = list(text_string_to_metric_families(Metrics().exposition().decode()))
    assert families
    standard = {f.name for f in families if f.name.startswith(("process_", "python_"))}
    assert {"process_cpu_seconds", "process_resident_memory_bytes", "process_start_time_seconds",
            "python_info"} <= standard, standard
    for family in families:
        if family.name in standard:
            continue
        assert family.name.startswith("wirewatch_"), family.name
        assert family.documentation
        for sample in family.samples:
            assert not sample.name.endswith("_created")
            if family.type == "counter":
                assert sample.name.endswith("_total")
    info = next(f for f in families if f.name == "wirewatch_build_info")
    assert info.samples[0].value == 1 and info.samples[0].labels["version"]


def test_articles_words_and_invalid_by_reason() -> None:
    m = Metrics()
    m.record_article("Waffenruhe in Libyen verkündet", now=1000.0)
    m.record_invalid("not_json", "articles.dlq", now=1001.0)
    m.record_invalid("not_json", "articles.dlq")
    m.record_invalid("too_large")
    assert value(m, "wirewatch_articles_consumed_total") == 4
    assert value(m, "wirewatch_words_processed_total") == 4
    assert value(m, "wirewatch_articles_invalid_total", reason="not_json") == 2
    assert value(m, "wirewatch_articles_invalid_total", reason="too_large") == 1
    assert value(m, "wirewatch_dlq_messages_total", topic="articles.dlq") == 2
    assert value(m, "wirewatch_last_article_timestamp_seconds") >= 1001.0


@pytest.mark.parametrize(("outcome", "reason"), [
    ("grouped", "grouped"), ("replay", "repeat"), ("silenced", "silenced"), ("inhibited", "inhibited"),
    ("held", "held"), ("background", "background"), ("sent", None), ("pending", None), ("followup", None),
    ("digest", None),
])
def test_decision_outcomes_count_as_suppressions(outcome: str, reason: str | None) -> None:
    m = Metrics()
    m.record_decision(Decision("d1", "s1", outcomes=[("ops", outcome)]), "ceasefire", story_opened=False)
    total = sum(s.value for f in m.registry.collect() if f.name == "wirewatch_alerts_suppressed" for s in f.samples
                if s.name.endswith("_total"))
    if reason is None:
        assert total == 0
    else:
        assert value(m, "wirewatch_alerts_suppressed_total", receiver="ops", reason=reason) == 1
    assert value(m, "wirewatch_articles_deduplicated_total") == (1 if outcome == "replay" else 0)


def test_stories_opened_by_type() -> None:
    m = Metrics()
    m.record_decision(Decision("d1", "s1"), "meeting", story_opened=True)
    assert value(m, "wirewatch_stories_opened_total", type="meeting") == 1


def test_story_opened_reads_the_story_state_at_the_decision_time() -> None:
    stories = {"ceasefire|LY": [{"id": "s1", "opened_at": 50.0, "articles": ["a"]},
                                {"id": "s2", "opened_at": 100.0, "articles": ["b"]}]}
    assert story_opened(stories, "ceasefire|LY", "s2", 100.0)
    assert not story_opened(stories, "ceasefire|LY", "s1", 100.0)
    assert not story_opened(stories, "ceasefire|XX", "s2", 100.0)


def test_delivery_sent_failed_and_latency_from_publication() -> None:
    m = Metrics()
    note = SimpleNamespace(receiver="ops", kind="new",
                           detection=SimpleNamespace(published_at="2026-01-01T00:00:00Z"))
    published = parse_timestamp("2026-01-01T00:00:00Z")
    assert published is not None
    m.record_delivery(note, [DeliveryResult("ops", "slack://…#1", True, 1),
                             DeliveryResult("ops", "mailto://…#2", False, 3, "target refused the notification")],
                      now=published + 42.0)
    assert value(m, "wirewatch_alerts_sent_total", receiver="ops", kind="new") == 1
    assert value(m, "wirewatch_alerts_failed_total", receiver="ops", reason="refused") == 1
    assert value(m, "wirewatch_alert_latency_seconds_count", receiver="ops") == 1
    assert value(m, "wirewatch_alert_latency_seconds_sum", receiver="ops") == pytest.approx(42.0)

    # all targets failed: nothing sent, no latency; no published_at: sent, no latency
    m.record_delivery(note, [DeliveryResult("ops", "x", False, 1, "apprise does not understand the URL")])
    assert value(m, "wirewatch_alerts_failed_total", receiver="ops", reason="bad_url") == 1
    undated = SimpleNamespace(receiver="ops", kind="followup", detection=SimpleNamespace(published_at=None))
    m.record_delivery(undated, [DeliveryResult("ops", "console", True, 1)])
    assert value(m, "wirewatch_alerts_sent_total", receiver="ops", kind="followup") == 1
    assert value(m, "wirewatch_alert_latency_seconds_count", receiver="ops") == 1


@pytest.mark.parametrize(("error", "reason"), [
    ("target refused the notification", "refused"),
    ("apprise does not understand the URL json://…#ab", "bad_url"),
    ("connection timed out", "timeout"),
    ("something new and unexpected", "error"),
    (None, "error"),
])
def test_failure_reasons_are_a_bounded_set(error: str | None, reason: str) -> None:
    assert failure_reason(error) == reason


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-01-01T00:00:00Z", 1767225600.0),
    ("2026-01-01T01:00:00+01:00", 1767225600.0),
    ("2026-01-01T00:00:00", None),  # no offset: refuse to guess
    ("yesterday", None),
    (None, None),
])
def test_parse_timestamp(text: str | None, expected: float | None) -> None:
    assert parse_timestamp(text) == expected


def test_lag_and_assignment_gauges() -> None:
    m = Metrics()
    m.set_lag({("articles", 0): 5, ("articles", 1): -1}, now=10.0)
    m.set_assigned({"articles": 2})
    assert value(m, "wirewatch_consumer_lag_messages", topic="articles", partition="0") == 5
    assert value(m, "wirewatch_consumer_lag_messages", topic="articles", partition="1") == 0
    assert value(m, "wirewatch_consumer_lag_poll_timestamp_seconds") == 10.0
    assert value(m, "wirewatch_partitions_assigned", topic="articles") == 2


def test_scan_counts_articles_detections_and_alerts() -> None:
    from alerts.config import default_config
    from detectors.pipeline import Pipeline
    from streams.embedded import scan
    from streams.inputs import read_items
    from tests.workers import SEED

    m = Metrics()
    out = io.StringIO()
    summary = scan(read_items([str(SEED)], "auto", max_bytes=1_000_000), Pipeline.load(), default_config(),
                   out=out, err=out, output_format="jsonl", alerts_out=io.StringIO(), metrics=m)
    assert value(m, "wirewatch_articles_consumed_total") == summary.articles == 1
    assert value(m, "wirewatch_words_processed_total") > 100
    detections = sum(s.value for f in m.registry.collect() if f.name == "wirewatch_detections" for s in f.samples
                     if s.name == "wirewatch_detections_total")
    assert detections == summary.detections > 0
    assert value(m, "wirewatch_detections_total", type="ceasefire", status="announced", language="de") >= 1
    assert value(m, "wirewatch_alerts_sent_total", receiver="console", kind="new") == summary.alerts > 0
    assert value(m, "wirewatch_stage_duration_seconds_count", stage="scan_batch") == 1


def test_a_halted_worker_is_visible_in_metrics_and_health() -> None:
    from streams.health import HealthState, halted

    m = Metrics()
    app = SimpleNamespace(wirewatch_metrics=m, wirewatch_health=HealthState())
    m["worker_halted"].set(0)
    halted(app, "invalid ratio 0.9 > 0.5")
    assert value(m, "wirewatch_worker_halted") == 1
    assert app.wirewatch_health.halted == "invalid ratio 0.9 > 0.5"


def test_health_state_ages() -> None:
    from streams.health import BROKER_FRESH_S, HEALTHY_WITHIN_S, HealthState

    state = HealthState(last_beat=100.0, broker_ok_at=100.0)
    assert state.healthy(now=100.0 + HEALTHY_WITHIN_S) and not state.healthy(now=101.0 + HEALTHY_WITHIN_S)
    assert state.broker_reachable(now=100.0 + BROKER_FRESH_S)
    assert not state.broker_reachable(now=101.0 + BROKER_FRESH_S)
    assert not HealthState().broker_reachable()
