"""The faust-streaming worker: ``articles`` → detect → ``detections`` → route → deliver.

Built by a factory (no app at import time) from the agents in ``streams/agents/`` (one module each):

* ``detect`` validates each article (invalid → ``articles.dlq``), runs the detectors in a process of their own
  and produces detections keyed by their story partition key; a batch is acked only after the broker acked its
  detections (at-least-once);
* ``route`` merges detections into stories and decides alerts with the same ``Dispatcher`` as the embedded
  runner; stories and the alert log are changelog-backed tables, so a restart or a replay never sends an alert
  twice;
* ``deliver`` runs the deliveries beside routing, in lanes per receiver, and acks a message once its alerts are
  settled on the changelog;
* ``ticks`` wakes partitions with due work and hands digest items over to the partition assembling the digest.

This module only wires them: the faust app and its settings, topics, tables, tasks and timers.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust

from alerts.config import Config
from alerts.delivery import Deliverer
from alerts.dispatch import Dispatcher
from alerts.silences import Silences
from streams.agents.deliver import DeliveryLanes
from streams.agents.detect import DLQ_MAX_VALUE_BYTES, DetectAgent
from streams.agents.route import RouteAgent
from streams.agents.ticks import Ticks
from streams.delivery_log import KafkaRecords
from streams.delivery_log import topics as delivery_topics
from streams.detect_pool import Detectors
from streams.dlq_limit import DlqLimit
from streams.health import halted as mark_halted
from streams.health import install as install_health
from streams.logs import config_secrets, dict_config
from streams.metrics import Metrics
from streams.offset_guard import FaustOffsetGuard
from streams.silence_topic import ensure_silences_topic, follow_silences, silences_topic
from streams.table_writes import ChangelogWrites
from streams.topics import dlq_topic, ensure_topics, ticks_topic

log = logging.getLogger("wirewatch.worker")

# The event loop, faust's consumer thread, the delivery threads and the detector pool's feeder threads share one
# GIL; a thread that wants it waits up to the switch interval (default 5 ms) per hand-over, and an article takes
# several hand-overs from fetch to alert. 1 ms: measured in BENCHMARKS.md.
SWITCH_INTERVAL_S = 0.001
PRODUCER_BATCH_BYTES = 1_000_000  # measured in BENCHMARKS.md
DELIVERY_THREADS = 16  # blocking apprise calls in flight at once (every receiver's lanes together)
RAW = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}


def faust_app(config: Config, bootstrap: str, web_port: int | None, web_bind: str) -> faust.App:
    """The faust app with Wirewatch's broker, producer, consumer and web settings (nothing registered yet)."""
    return faust.App(
        config.worker.id,
        broker=f"kafka://{bootstrap}",
        store="memory://",
        topic_partitions=config.kafka.partitions,
        topic_replication_factor=1,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_max_request_size=DLQ_MAX_VALUE_BYTES + 100_000,
        # aiokafka keeps one open batch per partition and one request in flight per broker: a message that does
        # not fit the open batch waits a whole round trip, and faust's changelog buffer sends one message at a
        # time, so every changelog write queues behind it. 16 KB (the default) is less than one story index.
        producer_max_batch_size=PRODUCER_BATCH_BYTES,
        consumer_max_fetch_size=16 * 1024 * 1024,
        broker_commit_every=100,
        broker_commit_interval=1.0,
        web_enabled=True,
        web_bind=web_bind,  # /metrics, /healthz, /readyz: loopback unless asked (containers: 0.0.0.0)
        web_port=web_port or config.worker.web_port,
        web_in_thread=False,
        table_cleanup_interval=60.0,
        # a SIGKILLed worker's group membership (and its partitions) expires after 10 s, not faust's 60 s:
        # a restarted or surviving worker resumes that much sooner (heartbeats run in the consumer thread)
        broker_session_timeout=10.0,
    )


def create_app(
    config: Config,
    bootstrap: str | None = None,
    web_port: int | None = None,
    web_bind: str = "127.0.0.1",
) -> faust.App:
    bootstrap = bootstrap or config.kafka.bootstrap
    partitions = config.kafka.partitions
    kafka, worker = config.kafka, config.worker
    app = faust_app(config, bootstrap, web_port, web_bind)
    articles = app.topic(kafka.articles_topic, partitions=partitions, **RAW)
    detections = app.topic(kafka.detections_topic, partitions=partitions, **RAW)
    dlq = app.topic(dlq_topic(kafka.articles_topic), partitions=partitions, **RAW)
    ticks_topic_ = app.topic(ticks_topic(config), partitions=partitions, **RAW)
    route_input = app.topic(kafka.detections_topic, ticks_topic(config), partitions=partitions, **RAW)
    # JSON-valued tables (the app's default serializer); their changelogs make restarts and replays safe
    stories = app.Table("stories", partitions=partitions, key_type=str)
    alert_log = app.Table("alert_log", partitions=partitions, key_type=str)

    metrics = Metrics()
    app.wirewatch_metrics = metrics  # type: ignore[attr-defined]
    app.wirewatch_health = install_health(  # type: ignore[attr-defined]
        app, metrics, bootstrap=bootstrap, group=worker.id, topics=[kafka.articles_topic, kafka.detections_topic])
    # Every offset of a partition in order or none: faust's recovery race can skip messages (streams/offset_guard.py)
    offset_guard = FaustOffsetGuard(app, [kafka.articles_topic, kafka.detections_topic, ticks_topic(config)])
    app.wirewatch_offset_guard = offset_guard  # type: ignore[attr-defined]
    app.task(offset_guard.watch)

    detectors = Detectors(worker.detect_processes, threads=worker.detect_threads)

    async def ready_detectors() -> None:
        await detectors.ready()
        log.info("detectors loaded (%s)", detectors.describe())

    app.task(ready_detectors)
    dlq_limit = DlqLimit(max_invalid_ratio=worker.dlq_max_invalid_ratio, window=worker.dlq_window,
                         min_messages=min(100, worker.dlq_window), max_consecutive=worker.dlq_max_consecutive)
    detect_agent = DetectAgent(
        app=app, articles_topic=kafka.articles_topic, max_message_bytes=worker.max_message_bytes,
        detectors=detectors, detections=detections, dlq=dlq, dlq_topic=dlq_topic(kafka.articles_topic),
        dlq_limit=dlq_limit, offset_guard=offset_guard, metrics=metrics, on_halt=mark_halted)

    @app.agent(articles)
    async def detect(stream: faust.StreamT) -> None:
        await detect_agent(stream)

    # Silences: every worker follows the whole compacted topic into memory (read-only for the dispatcher).
    silences = Silences(config.silences)
    silences_ready = asyncio.Event()

    async def load_silences() -> None:
        await follow_silences(bootstrap, silences_topic(config), silences, silences_ready)

    app.task(load_silences)
    # A receiver's digest is assembled in one partition (stories queued elsewhere are handed over as "forward"
    # messages on the ticks topic), so a digest receiver gets one digest per period, not one per partition.
    dispatcher = Dispatcher(config, stories, alert_log, silences=silences,
                            digest_scope=lambda receiver: zlib.crc32(receiver.encode()) % partitions)

    async def reindex(sender: Any, assigned: Any, **kwargs: Any) -> None:
        dispatcher.reindex()  # the alert log gains (and loses) partitions' entries

    app.on_partitions_assigned.connect(reindex)
    ticks = Ticks(ticks_topic_, dispatcher, kafka.detections_topic)

    async def tick() -> None:
        await ticks.tick(app.assignor.assigned_actives(), time.time())

    app.timer(worker.tick_interval)(tick)
    lanes = DeliveryLanes(
        concurrency=worker.delivery_concurrency, dispatcher=dispatcher, deliverer=Deliverer(config),
        log_writes=ChangelogWrites(alert_log),  # settle waits for its 'sent' record, not for a producer flush
        records=KafkaRecords(app, config),  # history + alerts.dlq topics
        metrics=metrics,
        pool=ThreadPoolExecutor(max_workers=DELIVERY_THREADS, thread_name_prefix="deliver"))
    route_agent = RouteAgent(
        detections_topic=kafka.detections_topic, dispatcher=dispatcher, stories=stories,
        offset_guard=offset_guard, ticks=ticks, lanes=lanes, metrics=metrics, silences_ready=silences_ready)

    @app.agent(route_input)
    async def route(stream: faust.StreamT) -> None:
        await route_agent(stream)

    return app


def run_worker(config: Config, bootstrap: str | None = None, loglevel: str = "info",
               web_port: int | None = None, log_format: str = "text", web_bind: str = "127.0.0.1") -> int:
    bootstrap = bootstrap or config.kafka.bootstrap
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    ensure_topics(bootstrap, [config.kafka.articles_topic, config.kafka.detections_topic,
                              dlq_topic(config.kafka.articles_topic), *delivery_topics(config)],
                  config.kafka.partitions)
    ensure_topics(bootstrap, [ticks_topic(config)], config.kafka.partitions, config={"retention.ms": "3600000"})
    ensure_silences_topic(bootstrap, silences_topic(config))
    app = create_app(config, bootstrap=bootstrap, web_port=web_port, web_bind=web_bind)
    # The tables' changelogs too: faust declares them asynchronously at start-up, and a detection that arrives
    # first crashes the route agent with PartitionsMismatch ("changelog … has 0 partitions").
    ensure_topics(bootstrap, [table.changelog_topic.get_topic_name() for table in app.tables.values()],
                  config.kafka.partitions, config={"cleanup.policy": "compact"})
    worker = faust.Worker(app, loglevel=loglevel,
                          logging_config=dict_config(log_format, loglevel, config_secrets(config)))
    # faust's terminal spinner, at --loglevel warning or above, sets the root logger to DEBUG (for itself): every
    # library's debug record would then be built and dropped — measured a tenth of the consumer thread's samples
    worker.spinner = None
    worker.execute_from_commandline()
    return 0
