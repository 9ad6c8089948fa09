"""The one catalogue of Wirewatch metrics: every name declared once, here, with its help text.

Conventions (Prometheus naming): the ``wirewatch_`` prefix, base units (seconds, not ms), counters end in
``_total`` (prometheus-client appends it), labels are bounded — a reason code, an event type, a receiver name
from the config, a partition number; never an article id, a URL or a person.

Nothing here runs at import time: a :class:`Metrics` object owns a ``CollectorRegistry`` and is built by the
runner (worker or ``scan --metrics-port``). The ``record_*`` methods count from the plain values the streams
layer already holds (articles, detections, ``Decision``, ``DeliveryResult``): ``alerts/`` and ``detectors/``
never import prometheus.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from alerts.stories import find
from alerts.vocabulary import SUPPRESSED_REASONS, Outcome, failure_reason

__all__ = ["CATALOGUE", "CONTENT_TYPE_LATEST", "MetricDef", "Metrics"]

# Stages timed by wirewatch_stage_duration_seconds (a fixed set: a bounded label).
STAGES = ("decode", "detect", "produce", "route", "deliver", "settle", "scan_batch")
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Publication → alert: seconds for a live feed, days for a backfill.
LATENCY_BUCKETS = (1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 4 * 3600.0,
                   86400.0, 7 * 86400.0)

# Dispatch outcomes that mean "no message" (SUPPRESSED_REASONS) and failure reasons live in alerts.vocabulary.

@dataclass(frozen=True)
class MetricDef:
    name: str           # without the wirewatch_ prefix; counters without _total
    kind: str           # counter | gauge | histogram
    help: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] | None = None


CATALOGUE: tuple[MetricDef, ...] = (
    MetricDef("articles_consumed", "counter", "Articles read from the input (Kafka or files), valid or not."),
    MetricDef("articles_invalid", "counter",
              "Inputs the worker dead-letters, by reason code: refused by the Article contract, or detector_error "
              "(the detectors failed on it: a bug).",
              ("reason",)),
    MetricDef("articles_deduplicated", "counter",
              "Detections from an article its story already holds (a replay or a re-publication): no alert."),
    MetricDef("words_processed", "counter", "Whitespace-separated words of valid article text sent to detection."),
    MetricDef("stage_duration_seconds", "histogram", "Processing time per stage and message (or batch for scan).",
              ("stage",), STAGE_BUCKETS),
    MetricDef("detections", "counter", "Events detected, by type, status and article language.",
              ("type", "status", "language")),
    MetricDef("stories_opened", "counter", "Stories opened: a detection that joined no open story.", ("type",)),
    MetricDef("alerts_sent", "counter", "Notifications delivered to at least one target of a receiver, by kind.",
              ("receiver", "kind")),
    MetricDef("alerts_suppressed", "counter",
              "Routed detections that produced no message, by receiver and reason "
              "(grouped, repeat, silenced, inhibited, held).", ("receiver", "reason")),
    MetricDef("alerts_failed", "counter", "Deliveries to a target that failed after retries, by receiver and reason.",
              ("receiver", "reason")),
    MetricDef("alert_latency_seconds", "histogram",
              "From the article's published_at to the alert delivered (articles without published_at are skipped).",
              ("receiver",), LATENCY_BUCKETS),
    MetricDef("dlq_messages", "counter", "Messages written to a dead-letter topic.", ("topic",)),
    MetricDef("consumer_lag_messages", "gauge",
              "Log end offset minus the group's committed offset, per consumed topic and partition.",
              ("topic", "partition")),
    MetricDef("consumer_lag_poll_timestamp_seconds", "gauge",
              "Unix time of the last successful consumer-lag poll (the broker answered)."),
    MetricDef("partitions_assigned", "gauge", "Partitions of the input topics assigned to this worker.", ("topic",)),
    MetricDef("last_article_timestamp_seconds", "gauge", "Unix time at which the last article was consumed."),
    MetricDef("event_loop_lag_seconds", "gauge", "How late the worker's event-loop heartbeat last fired."),
    MetricDef("worker_halted", "gauge",
              "1 while the worker has stopped consuming after a flood of invalid input (the log says why), else 0."),
    MetricDef("build_info", "gauge", "Always 1; the labels carry the running versions.",
              ("version", "python", "faust")),
)
_BY_NAME = {d.name: d for d in CATALOGUE}


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def parse_timestamp(value: str | None) -> float | None:
    """RFC 3339 → Unix seconds; None when absent or unparsable (metrics never raise on bad input)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.timestamp()


class Metrics:
    """The catalogue, instantiated on one registry, plus recorders over the streams layer's values."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        disable_created_metrics()  # no *_created series: they double the exposition and no query here uses them
        self.registry = registry or CollectorRegistry()
        # process_* (CPU seconds, resident memory, open fds, start time) and python_info, as on the default
        # registry: operators' standard dashboards and alerts expect them on every target
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        self._m: dict[str, Any] = {}
        for d in CATALOGUE:
            name = f"wirewatch_{d.name}"
            if d.kind == "counter":
                self._m[d.name] = Counter(name, d.help, d.labels, registry=self.registry)
            elif d.kind == "gauge":
                self._m[d.name] = Gauge(name, d.help, d.labels, registry=self.registry)
            elif d.kind == "histogram":
                self._m[d.name] = Histogram(name, d.help, d.labels, registry=self.registry, buckets=d.buckets)
            else:
                raise ValueError(f"unknown metric kind {d.kind!r} for {d.name}")
        self["build_info"].labels(_version("wirewatch"), platform.python_version(),
                                  _version("faust-streaming")).set(1)
        for stage in STAGES:  # expose every stage from the start so dashboards never see "no data"
            self["stage_duration_seconds"].labels(stage)

    def __getitem__(self, name: str) -> Any:
        if name not in _BY_NAME:
            raise KeyError(f"{name} is not in the metric catalogue")
        return self._m[name]

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    # -- recorders --------------------------------------------------------------------------------------------

    def time_stage(self, stage: str, seconds: float) -> None:
        self["stage_duration_seconds"].labels(stage).observe(seconds)

    def record_article(self, text: str, now: float | None = None) -> None:
        """A valid article consumed."""
        self["articles_consumed"].inc()
        self["words_processed"].inc(len(text.split()))
        self["last_article_timestamp_seconds"].set(time.time() if now is None else now)

    def record_invalid(self, reason: str, dlq_topic: str | None = None, now: float | None = None) -> None:
        self["articles_consumed"].inc()
        self["articles_invalid"].labels(reason).inc()
        self["last_article_timestamp_seconds"].set(time.time() if now is None else now)
        if dlq_topic is not None:
            self["dlq_messages"].labels(dlq_topic).inc()

    def record_detections(self, detections: Iterable[Any]) -> None:
        for d in detections:
            self["detections"].labels(d.type, d.status, d.language or "und").inc()

    def record_decision(self, decision: Any, detection_type: str, story_opened: bool) -> None:
        """Count one ``alerts.dispatch.Decision``: stories opened, suppressions and deduplicated articles."""
        if story_opened:
            self["stories_opened"].labels(detection_type).inc()
        replayed = False
        for receiver, outcome in decision.outcomes:
            reason = SUPPRESSED_REASONS.get(outcome)
            if reason is not None:
                self["alerts_suppressed"].labels(receiver, reason).inc()
            replayed = replayed or outcome == Outcome.REPLAY
        if replayed:
            self["articles_deduplicated"].inc()

    def record_delivery(self, note: Any, results: Sequence[Any], now: float | None = None) -> None:
        """Count the ``DeliveryResult`` list of one notification; latency from the lead article's publication."""
        now = time.time() if now is None else now
        for r in results:
            if not r.ok:
                self["alerts_failed"].labels(r.receiver, failure_reason(r.error)).inc()
        if any(r.ok for r in results):
            self["alerts_sent"].labels(note.receiver, note.kind).inc()
            published = parse_timestamp(getattr(note.detection, "published_at", None))
            if published is not None:
                self["alert_latency_seconds"].labels(note.receiver).observe(max(0.0, now - published))

    def set_lag(self, lag: Mapping[tuple[str, int], int], now: float | None = None) -> None:
        gauge = self["consumer_lag_messages"]
        for (topic, partition), value in lag.items():
            gauge.labels(topic, str(partition)).set(max(0, value))
        self["consumer_lag_poll_timestamp_seconds"].set(time.time() if now is None else now)

    def set_assigned(self, counts: Mapping[str, int]) -> None:
        for topic, n in counts.items():
            self["partitions_assigned"].labels(topic).set(n)


def story_opened(stories: Mapping[str, Any], story_key: str, story_id: str, now: float) -> bool:
    """Whether ``Dispatcher.process(…, now)`` just opened ``story_id`` (alerts.stories sets opened_at = now)."""
    story = find(stories, story_key, story_id)
    return story is not None and story.get("opened_at") == now and len(story.get("articles", ())) == 1
