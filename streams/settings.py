"""The worker's settings and topic names, in one place.

* ``KafkaSettings`` / ``WorkerSettings`` — the ``kafka:`` and ``worker:`` sections of the config file, as typed
  values (``config.kafka``, ``config.worker``). They are still *defined* in ``alerts/config.py``, because the
  alerts' ``Config`` carries them and ``alerts.dispatch`` reads ``worker.delivery_retry_window``; streams code
  imports them from here, so moving the definitions here later is a change to this module only.
* Every topic name the worker and the CLI use, derived from the config (``<worker id>-…`` per deployment).
* The faust app's broker, producer, consumer and web settings (``faust_settings``), with why each value.
"""

from __future__ import annotations

from typing import Any

from alerts.config import Config, KafkaSettings, WorkerSettings

__all__ = ["KafkaSettings", "WorkerSettings"]

DLQ_MAX_VALUE_BYTES = 8_000_000  # an invalid article's dead letter keeps at most this much of its bytes
PRODUCER_BATCH_BYTES = 1_000_000  # measured in BENCHMARKS.md
# The event loop, faust's consumer thread, the delivery threads and the detector pool's feeder threads share one
# GIL; a thread that wants it waits up to the switch interval (default 5 ms) per hand-over, and an article takes
# several hand-overs from fetch to alert. 1 ms: measured in BENCHMARKS.md.
SWITCH_INTERVAL_S = 0.001
TICKS_TOPIC_CONFIG = {"retention.ms": "3600000"}  # ticks are worth nothing after an hour
COMPACTED = {"cleanup.policy": "compact"}  # silences and the tables' changelogs: the latest value per key


# --- topic names -------------------------------------------------------------------------------------------------


def dlq_topic(topic: str) -> str:
    """The dead-letter topic of ``topic``: ``articles`` → ``articles.dlq``."""
    return f"{topic}.dlq"


def ticks_topic(config: Config) -> str:
    """The route agent's timer topic, co-partitioned with detections (streams/agents/ticks.py)."""
    return f"{config.worker.id}-ticks"


def silences_topic(config: Config) -> str:
    """The compacted topic every worker follows for silences (streams/silence_topic.py)."""
    return f"{config.worker.id}-silences"


def history_topic(config: Config) -> str:
    """Every delivery attempt and its results (streams/delivery_log.py)."""
    return f"{config.worker.id}-alert-history"


def alerts_dlq_topic(config: Config) -> str:
    """Alerts that still failed after their retries."""
    return config.kafka.alerts_dlq_topic


def delivery_topics(config: Config) -> list[str]:
    return [history_topic(config), alerts_dlq_topic(config)]


def worker_topics(config: Config) -> list[str]:
    """The plain topics a worker needs before faust starts (ticks, silences and changelogs have configs of their
    own: ``TICKS_TOPIC_CONFIG``, ``COMPACTED``)."""
    articles = config.kafka.articles_topic
    return [articles, config.kafka.detections_topic, dlq_topic(articles), *delivery_topics(config)]


# --- the faust app -----------------------------------------------------------------------------------------------


def faust_settings(config: Config, bootstrap: str, web_port: int | None, web_bind: str) -> dict[str, Any]:
    """Keyword arguments of ``faust.App`` for this config (the app id is ``worker.id``)."""
    return {
        "broker": f"kafka://{bootstrap}",
        "store": "memory://",
        "topic_partitions": config.kafka.partitions,
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
        "web_port": web_port or config.worker.web_port,
        "web_in_thread": False,
        "table_cleanup_interval": 60.0,
        # a SIGKILLed worker's group membership (and its partitions) expires after 10 s, not faust's 60 s:
        # a restarted or surviving worker resumes that much sooner (heartbeats run in the consumer thread)
        "broker_session_timeout": 10.0,
    }
