"""The worker's settings and topic names, in one place.

* ``KafkaSettings`` / ``WorkerSettings`` — the ``kafka:`` and ``worker:`` sections of the config file, typed:
  ``kafka_settings(config)``, ``worker_settings(config)``. ``alerts/config.py`` loads and validates the whole file
  (one schema, errors with file and line) and keeps these two sections as written (``Config.sections``); the one
  key of them alerts itself reads, ``worker.delivery_retry_window``, it keeps as ``Config.delivery_retry_window``.
* Every topic name the worker and the CLI use, derived from the config (``<worker id>-…`` per deployment).
* The faust app's broker, producer, consumer and web settings (``faust_settings``), with why each value.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from alerts.config import Config
from alerts.durations import parse_duration

DLQ_MAX_VALUE_BYTES = 8_000_000  # an invalid article's dead letter keeps at most this much of its bytes
PRODUCER_BATCH_BYTES = 1_000_000  # measured in BENCHMARKS.md
# The event loop, faust's consumer thread, the delivery threads and the detector pool's feeder threads share one
# GIL; a thread that wants it waits up to the switch interval (default 5 ms) per hand-over, and an article takes
# several hand-overs from fetch to alert. 1 ms: measured in BENCHMARKS.md.
SWITCH_INTERVAL_S = 0.001
TICKS_TOPIC_CONFIG = {"retention.ms": "3600000"}  # ticks are worth nothing after an hour
COMPACTED = {"cleanup.policy": "compact"}  # silences and the tables' changelogs: the latest value per key




@dataclass(frozen=True)
class KafkaSettings:
    bootstrap: str = "localhost:9092"
    articles_topic: str = "articles"
    detections_topic: str = "detections"
    alerts_dlq_topic: str = "alerts.dlq"  # alerts still failed after retries (alerts/delivery.py)
    partitions: int = 4


@dataclass(frozen=True)
class WorkerSettings:
    id: str = "wirewatch"
    max_message_bytes: int = 1_000_000
    detect_threads: int = 1
    detect_processes: int = 1  # detectors in processes of their own (streams/detect_pool.py); 0: in a thread
    web_port: int = 6066
    tick_interval: float = 1.0  # how often the worker checks for due groups, follow-ups and digests
    dlq_max_invalid_ratio: float = 0.5  # a broken scraper halts the worker instead of filling the DLQ
    dlq_window: int = 1000
    dlq_max_consecutive: int = 500
    delivery_concurrency: int = 4  # alerts in flight per receiver (a slow or failing one never blocks the rest)
    # worker.delivery_retry_window (how long a failed alert is retried) is read by alerts: Config.delivery_retry_window


_DURATIONS = ("tick_interval",)


def kafka_settings(config: Config) -> KafkaSettings:
    """The ``kafka:`` section of ``config`` (defaults where it says nothing)."""
    return KafkaSettings(**config.sections.get("kafka", {}))


def worker_settings(config: Config) -> WorkerSettings:
    """The ``worker:`` section of ``config`` (durations parsed; defaults where it says nothing)."""
    known = {f.name for f in fields(WorkerSettings)}
    raw = {k: v for k, v in config.sections.get("worker", {}).items() if k in known}
    return WorkerSettings(**{k: parse_duration(v) if k in _DURATIONS else v for k, v in raw.items()})


# --- topic names -------------------------------------------------------------------------------------------------


def dlq_topic(topic: str) -> str:
    """The dead-letter topic of ``topic``: ``articles`` → ``articles.dlq``."""
    return f"{topic}.dlq"


def ticks_topic(config: Config) -> str:
    """The route agent's timer topic, co-partitioned with detections (streams/agents/ticks.py)."""
    return f"{worker_settings(config).id}-ticks"


def silences_topic(config: Config) -> str:
    """The compacted topic every worker follows for silences (streams/silence_topic.py)."""
    return f"{worker_settings(config).id}-silences"


def history_topic(config: Config) -> str:
    """Every delivery attempt and its results (streams/delivery_log.py)."""
    return f"{worker_settings(config).id}-alert-history"


def alerts_dlq_topic(config: Config) -> str:
    """Alerts that still failed after their retries."""
    return kafka_settings(config).alerts_dlq_topic


def delivery_topics(config: Config) -> list[str]:
    return [history_topic(config), alerts_dlq_topic(config)]


def worker_topics(config: Config) -> list[str]:
    """The plain topics a worker needs before faust starts (ticks, silences and changelogs have configs of their
    own: ``TICKS_TOPIC_CONFIG``, ``COMPACTED``)."""
    kafka = kafka_settings(config)
    return [kafka.articles_topic, kafka.detections_topic, dlq_topic(kafka.articles_topic), *delivery_topics(config)]


# --- the faust app -----------------------------------------------------------------------------------------------


def faust_settings(config: Config, bootstrap: str, web_port: int | None, web_bind: str) -> dict[str, Any]:
    """Keyword arguments of ``faust.App`` for this config (the app id is ``worker.id``)."""
    kafka, worker = kafka_settings(config), worker_settings(config)
    return {
        "broker": f"kafka://{bootstrap}",
        "store": "memory://",
        "topic_partitions": kafka.partitions,
        "topic_replication_factor": 1,
        "topic_allow_declare": True,
        "consumer_auto_offset_reset": "earliest",
        "producer_acks": -1,
        "producer_max_request_size": DLQ_MAX_VALUE_BYTES + 100_000,
        # aiokafka keeps one open batch per partition and one request in flight per broker: a message that does
        # not fit the open batch waits a whole round trip, and faust's changelog buffer sends one message at a
        # time, so every changelog write queues behind it. 16 KB (the default) is less than one story index.
        "producer_max_batch_size": PRODUCER_BATCH_BYTES,
        "consumer_max_fetch_size": 16 * 1024 * 1024,
        "broker_commit_every": 100,
        "broker_commit_interval": 1.0,
        "web_enabled": True,
        "web_bind": web_bind,  # /metrics, /healthz, /readyz: loopback unless asked (containers: 0.0.0.0)
        "web_port": web_port or worker.web_port,
        "web_in_thread": False,
        "table_cleanup_interval": 60.0,
        # a SIGKILLed worker's group membership (and its partitions) expires after 10 s, not faust's 60 s:
        # a restarted or surviving worker resumes that much sooner (heartbeats run in the consumer thread)
        "broker_session_timeout": 10.0,
    }
