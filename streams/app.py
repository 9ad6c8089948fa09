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
import gc
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
from streams.agents.detect import DetectAgent
from streams.agents.route import RouteAgent
from streams.agents.ticks import Ticks
from streams.delivery_log import KafkaRecords
from streams.detect_pool import Detectors
from streams.dlq_limit import DlqLimit
from streams.faust_compat import EarlyTasksApp, PromptTableManager, prompt_fetches, without_discovery_marks
from streams.health import halted as mark_halted
from streams.health import install as install_health
from streams.kafka_clients import authentication_errors
from streams.logs import config_secrets, dict_config
from streams.metrics import Metrics
from streams.offset_guard import FaustOffsetGuard
from streams.settings import (
    COMPACTED,
    FETCH_MAX_WAIT_MS,
    SWITCH_INTERVAL_S,
    TICKS_TOPIC_CONFIG,
    cluster,
    dlq_topic,
    faust_settings,
    kafka_settings,
    silences_topic,
    ticks_topic,
    worker_settings,
    worker_topics,
)
from streams.silence_topic import ensure_silences_topic, follow_silences
from streams.table_writes import ChangelogWrites
from streams.topics import ensure_topics

log = logging.getLogger("wirewatch.worker")

DELIVERY_THREADS = 16  # blocking apprise calls in flight at once (every receiver's lanes together)
RAW = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}


def faust_app(config: Config, bootstrap: str, web_port: int | None, web_bind: str) -> EarlyTasksApp:
    """The faust app with Wirewatch's broker, producer, consumer and web settings (nothing registered yet); its
    table manager starts without faust's fixed 1 s pause (every table is declared in ``create_app``), and its
    consumer's fetches are held at most ``FETCH_MAX_WAIT_MS`` (not faust's 1.5 s)."""
    prompt_fetches(FETCH_MAX_WAIT_MS)
    return EarlyTasksApp(worker_settings(config).id, TableManager=PromptTableManager,
                         **faust_settings(config, bootstrap, web_port, web_bind))


def create_app(
    config: Config,
    bootstrap: str | None = None,
    web_port: int | None = None,
    web_bind: str = "127.0.0.1",
    detectors: Detectors | None = None,
) -> faust.App:
    """The worker's faust app; ``detectors``: started already (``wirewatch worker`` starts them first), else
    started here."""
    kafka, worker = kafka_settings(config), worker_settings(config)
    bootstrap = bootstrap or kafka.bootstrap
    partitions = kafka.partitions
    app = faust_app(config, bootstrap, web_port, web_bind)
    kafka_cluster = cluster(config, bootstrap)  # TLS/SASL for the clients beside faust's (lag poller, silences)
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
        app, metrics, bootstrap=kafka_cluster, group=worker.id, topics=[kafka.articles_topic, kafka.detections_topic])
    # Every offset of a partition in order or none: faust's recovery race can skip messages (streams/offset_guard.py)
    offset_guard = FaustOffsetGuard(app, [kafka.articles_topic, kafka.detections_topic, ticks_topic(config)])
    app.wirewatch_offset_guard = offset_guard  # type: ignore[attr-defined]
    app.task(offset_guard.watch)

    detectors = detectors or Detectors(worker.detect_processes, threads=worker.detect_threads)

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
        await follow_silences(kafka_cluster, silences_topic(config), silences, silences_ready)

    app.early_task(load_silences)  # beside faust's group join and recovery: the route agent waits for it
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
               web_port: int | None = None, log_format: str = "text", web_bind: str = "127.0.0.1",
               detectors: Detectors | None = None) -> int:
    partitions = kafka_settings(config).partitions
    bootstrap = bootstrap or kafka_settings(config).bootstrap
    kafka_cluster = cluster(config, bootstrap)
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    with authentication_errors(kafka_cluster):  # refused credentials: one clear line (streams/cli/worker.py)
        ensure_topics(kafka_cluster, worker_topics(config), partitions)
    ensure_topics(kafka_cluster, [ticks_topic(config)], partitions, config=TICKS_TOPIC_CONFIG)
    ensure_silences_topic(kafka_cluster, silences_topic(config))
    # its detector processes start loading here, beside the changelog topics' check and faust's start-up
    with without_discovery_marks():  # no venusian marks: nothing here autodiscovers (0.09 s CPU)
        app = create_app(config, bootstrap=bootstrap, web_port=web_port, web_bind=web_bind, detectors=detectors)
    # The tables' changelogs too: faust declares them asynchronously at start-up, and a detection that arrives
    # first crashes the route agent with PartitionsMismatch ("changelog … has 0 partitions").
    ensure_topics(kafka_cluster, [table.changelog_topic.get_topic_name() for table in app.tables.values()],
                  partitions, config=COMPACTED)
    worker = faust.Worker(app, loglevel=loglevel,
                          logging_config=dict_config(log_format, loglevel, config_secrets(config)))
    # faust's terminal spinner, at --loglevel warning or above, sets the root logger to DEBUG (for itself): every
    # library's debug record would then be built and dropped — measured a tenth of the consumer thread's samples
    worker.spinner = None
    # what the start built lives as long as the worker: out of every later collection (``wirewatch worker`` turned
    # the collector off for its start), then the collector on for the running worker
    gc.freeze()
    gc.enable()
    worker.execute_from_commandline()
    return 0
