"""The worker's settings and topic names, in one place.

* ``KafkaSettings`` / ``WorkerSettings`` — the ``kafka:`` and ``worker:`` sections of the config file, typed:
  ``kafka_settings(config)``, ``worker_settings(config)``. ``alerts/config.py`` loads and validates the whole file
  (one schema, errors with file and line) and keeps these two sections as written (``Config.sections``); the one
  key of them alerts itself reads, ``worker.delivery_retry_window``, it keeps as ``Config.delivery_retry_window``.
* Every topic name the worker and the CLI use, derived from the config (``<worker id>-…`` per deployment).
* The faust app's broker, producer, consumer and web settings (``faust_settings``), with why each value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from alerts.durations import parse_duration
from streams.kafka_clients import Cluster, cluster_of, faust_credentials

if TYPE_CHECKING:  # only types: `wirewatch worker` reads WorkerSettings' defaults before it loads alerts.config
    from alerts.config import Config

DLQ_MAX_VALUE_BYTES = 8_000_000  # an invalid article's dead letter keeps at most this much of its bytes
PRODUCER_BATCH_BYTES = 1_000_000  # measured in BENCHMARKS.md
# The event loop, faust's consumer thread, the delivery threads and the detector pool's feeder threads share one
# GIL; a thread that wants it waits up to the switch interval (default 5 ms) per hand-over, and an article takes
# several hand-overs from fetch to alert. 1 ms: measured in BENCHMARKS.md.
SWITCH_INTERVAL_S = 0.001
# How long the broker may hold a fetch of the worker's consumer with nothing new (faust hard-codes 1500 ms): a
# partition resumed after the tables' recovery, or sought back by the offset guard, waits behind the fetch in
# flight (streams/faust_compat.prompt_fetches). 100 ms: an idle worker sends ~10 empty fetches a second.
FETCH_MAX_WAIT_MS = 100
TICKS_TOPIC_CONFIG = {"retention.ms": "3600000"}  # ticks are worth nothing after an hour
COMPACTED = {"cleanup.policy": "compact"}  # silences and the tables' changelogs: the latest value per key




@dataclass(frozen=True)
class KafkaSettings:
    bootstrap: str = "localhost:9092"
    articles_topic: str = "articles"
    detections_topic: str = "detections"
    alerts_dlq_topic: str = "alerts.dlq"  # alerts still failed after retries (alerts/delivery.py)
    partitions: int = 4
    # a real cluster (streams/kafka_clients.py applies these to every client: faust, kafka-python, aiokafka)
    security_protocol: str = "PLAINTEXT"  # PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
    sasl_mechanism: str | None = None  # PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None  # PEM CA bundle the brokers' certificates are checked against
    ssl_certfile: str | None = None  # client certificate (mutual TLS), with ssl_keyfile
    ssl_keyfile: str | None = None
    replication_factor: int = 1  # of every topic the worker creates (3 on a production cluster)
    topic_configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # topic name -> its configs


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
    # Static group membership (group.instance.id, KIP-345): a restarted worker with the same instance_id takes its
    # partitions back at once, without a rebalance. Stable per worker (a pod name), unique within worker.id.
    instance_id: str | None = None
    # A worker that stops heartbeating loses its partitions after this long (a dead worker with an instance_id
    # that never comes back holds its partitions this long too: see README "Static membership"). Brokers accept
    # 6 s to 30 min by default (group.min.session.timeout.ms, group.max.session.timeout.ms).
    session_timeout: float = 10.0
    # worker.delivery_retry_window (how long a failed alert is retried) is read by alerts: Config.delivery_retry_window


_DURATIONS = ("tick_interval", "session_timeout")


@dataclass(frozen=True)
class DetectorSettings:
    stage: str = "learned"  # detectors.stage: learned (rule candidates decided by the models) | rules
    # detectors.warm: languages a detector process builds in the background once idle (German, the warm-up's
    # language, is always built). None by default: the others are built on their first article (0.3–0.8 s once),
    # and a deployment holds only the engines of the languages it reads (all nine: ~1.0 GB against ~0.36 GB).
    warm: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "warm", tuple(self.warm))


def detector_settings(config: Config) -> DetectorSettings:
    """The ``detectors:`` section of ``config``."""
    return DetectorSettings(**config.sections.get("detectors", {}))


def apply_detector_settings(config: Config) -> None:
    """Make ``detectors.stage`` the default of every pipeline this process and its detector processes load
    (``Pipeline.load()`` reads ``WIREWATCH_DETECTORS__STAGE``, the key's environment form; spawned children
    inherit it), and hand them ``detectors.warm``."""
    import os

    from streams.detect_pool import WARM_ENV

    settings = detector_settings(config)
    os.environ["WIREWATCH_DETECTORS__STAGE"] = settings.stage
    os.environ[WARM_ENV] = ",".join(settings.warm)  # for the detector processes (streams.detect_pool)


def kafka_settings(config: Config) -> KafkaSettings:
    """The ``kafka:`` section of ``config`` (defaults where it says nothing)."""
    return KafkaSettings(**config.sections.get("kafka", {}))


def cluster(config: Config, bootstrap: str | None = None) -> Cluster:
    """How every client reaches the cluster of ``config`` (``bootstrap`` overrides ``kafka.bootstrap``)."""
    return cluster_of(kafka_settings(config), bootstrap)


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
        "topic_replication_factor": kafka.replication_factor,
        "broker_credentials": faust_credentials(cluster(config, bootstrap)),
        "consumer_group_instance_id": worker.instance_id,
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
        # a SIGKILLed worker's group membership (and its partitions) expires after 10 s (worker.session_timeout),
        # not faust's 60 s: a surviving worker resumes that much sooner (heartbeats run in the consumer thread);
        # a restarted one with a worker.instance_id resumes at once
        "broker_session_timeout": worker.session_timeout,
        "broker_heartbeat_interval": min(3.0, worker.session_timeout / 3),  # faust's 3 s, a third of a short one
        "broker_request_timeout": max(90.0, worker.session_timeout + 30.0),  # faust: never below the session
    }
