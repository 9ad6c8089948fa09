"""The faust-streaming worker: ``articles`` → detect → ``detections`` → route → deliver.

Built by a factory (no app at import time). Two agents:

* ``detect`` validates each article (invalid → ``articles.dlq`` with the reason in headers and the original
  bytes as value), runs the detectors in a thread (spaCy is CPU-bound) and produces detections keyed by
  their story partition key. It awaits the broker's acknowledgement of every produced message before the
  event is acked, so offsets are committed only after the work is produced (at-least-once).
* ``route`` merges detections into stories and decides alerts with the same ``Dispatcher`` as the embedded
  runner; stories and the alert log are changelog-backed tables, so a restart or a replay never sends an
  alert twice. Deliveries (blocking apprise calls) run in a thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust

from alerts.config import Config
from alerts.delivery import Deliverer
from alerts.dispatch import Dispatcher
from alerts.silences import Silences
from detectors.contracts import InvalidArticle, InvalidDetection, decode_article, decode_detection
from streams.delivery_log import KafkaRecords
from streams.delivery_log import topics as delivery_topics
from streams.health import install as install_health
from streams.logs import config_secrets, dict_config
from streams.metrics import Metrics, story_opened
from streams.silence_topic import ensure_silences_topic, follow_silences, silences_topic
from streams.topics import dlq_topic, ensure_topics, ticks_topic

log = logging.getLogger("wirewatch.worker")

TICK = b'{"tick":true}'
FORWARD_PREFIX = b'{"forward":'  # + a digest item handed to the partition that assembles the digest + "}"

DLQ_MAX_VALUE_BYTES = 8_000_000


def _default_pipeline():
    from detectors.pipeline import Pipeline

    return Pipeline.load()


def create_app(
    config: Config,
    bootstrap: str | None = None,
    web_port: int | None = None,
    pipeline_factory: Callable[[], Any] = _default_pipeline,
    web_bind: str = "127.0.0.1",
) -> faust.App:
    bootstrap = bootstrap or config.kafka.bootstrap
    partitions = config.kafka.partitions
    app = faust.App(
        config.worker.id,
        broker=f"kafka://{bootstrap}",
        store="memory://",
        topic_partitions=partitions,
        topic_replication_factor=1,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_max_request_size=DLQ_MAX_VALUE_BYTES + 100_000,
        consumer_max_fetch_size=16 * 1024 * 1024,
        broker_commit_every=100,
        broker_commit_interval=1.0,
        web_enabled=True,
        web_bind=web_bind,  # /metrics, /healthz, /readyz: loopback unless asked (containers: 0.0.0.0)
        web_port=web_port or config.worker.web_port,
        web_in_thread=False,
        table_cleanup_interval=60.0,
    )
    raw = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
    articles = app.topic(config.kafka.articles_topic, partitions=partitions, **raw)
    detections = app.topic(config.kafka.detections_topic, partitions=partitions, **raw)
    dlq = app.topic(dlq_topic(config.kafka.articles_topic), partitions=partitions, **raw)
    # JSON-valued tables (the app's default serializer); their changelogs make restarts and replays safe
    stories = app.Table("stories", partitions=partitions, key_type=str)
    alert_log = app.Table("alert_log", partitions=partitions, key_type=str)

    detect_pool = ThreadPoolExecutor(max_workers=config.worker.detect_threads, thread_name_prefix="detect")
    deliver_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="deliver")
    state: dict[str, Any] = {}
    metrics = Metrics()
    app.wirewatch_metrics = metrics  # type: ignore[attr-defined]
    app.wirewatch_health = install_health(  # type: ignore[attr-defined]
        app, metrics, bootstrap=bootstrap, group=config.worker.id,
        topics=[config.kafka.articles_topic, config.kafka.detections_topic])

    def pipeline():
        if "pipeline" not in state:
            state["pipeline"] = pipeline_factory()
        return state["pipeline"]

    @app.task
    async def prepare() -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(detect_pool, pipeline)
        log.info("detectors loaded")

    @app.agent(articles)
    async def detect(stream: faust.StreamT) -> None:
        loop = asyncio.get_running_loop()
        async for event in stream.events():
            message = event.message
            t0 = time.perf_counter()
            try:
                article = decode_article(event.value or b"", max_bytes=config.worker.max_message_bytes)
            except InvalidArticle as exc:
                log.warning("invalid article at %s[%d]@%d: %s", message.topic, message.partition,
                            message.offset, exc)
                value = event.value or b""
                headers = {
                    "wirewatch-error-code": exc.code.encode(),
                    "wirewatch-error-reason": exc.reason.encode("utf-8", "replace")[:1000],
                    "wirewatch-source": f"{message.topic}/{message.partition}/{message.offset}".encode(),
                }
                if len(value) > DLQ_MAX_VALUE_BYTES:
                    headers["wirewatch-truncated"] = str(len(value)).encode()
                    value = value[:DLQ_MAX_VALUE_BYTES]
                fut = await dlq.send(key=event.key, value=value, headers=headers)
                await fut
                metrics.record_invalid(exc.code, dlq_topic(config.kafka.articles_topic))
                continue
            metrics.time_stage("decode", time.perf_counter() - t0)
            metrics.record_article(article.text)
            t0 = time.perf_counter()
            found = await loop.run_in_executor(detect_pool, pipeline().detect, article)
            metrics.time_stage("detect", time.perf_counter() - t0)
            metrics.record_detections(found)
            t0 = time.perf_counter()
            futures = [await detections.send(key=d.story_key.encode(), value=d.to_json()) for d in found]
            for fut in futures:
                await fut
            metrics.time_stage("produce", time.perf_counter() - t0)
            for d in found:
                log.info("article %s: detection %s/%s", article.id, d.type, d.status,
                         extra={"article_id": article.id, "story_key": d.story_key, "detection_id": d.id})

    # Silences: every worker follows the whole compacted topic into memory (read-only for the dispatcher).
    silences = Silences(config.silences)
    silences_ready = asyncio.Event()
    # A receiver's digest is assembled in one partition (stories queued elsewhere are handed over as "forward"
    # messages on the ticks topic), so a digest receiver gets one digest per period, not one per partition.
    dispatcher = Dispatcher(config, stories, alert_log, silences=silences,
                            digest_scope=lambda receiver: zlib.crc32(receiver.encode()) % partitions)
    deliverer = Deliverer(config)
    delivery_records = KafkaRecords(app, config)  # history + alerts.dlq topics
    # Timers: faust tables may only change inside stream iteration, so a timer sends a small "tick" to each
    # partition of the ticks topic (co-partitioned with detections) that has work due; the route agent consumes
    # both topics and handles a tick by firing that partition's due groups, follow-ups and digests.
    ticks = app.topic(ticks_topic(config), partitions=partitions, **raw)
    route_input = app.topic(config.kafka.detections_topic, ticks_topic(config), partitions=partitions, **raw)

    @app.task
    async def load_silences() -> None:
        await follow_silences(bootstrap, silences_topic(config), silences, silences_ready)

    @app.timer(config.worker.tick_interval)
    async def tick() -> None:
        now = time.time()
        for tp in app.assignor.assigned_actives():
            if tp.topic == config.kafka.detections_topic and dispatcher.next_due(tp.partition) <= now:
                await ticks.send(value=TICK, partition=tp.partition)

    async def hand_over(partition: int) -> None:
        """Send this partition's digest items to the partition assembling their receiver's digest (acked first)."""
        for key, target, payload in dispatcher.forwards(partition):
            await (await ticks.send(value=FORWARD_PREFIX + json.dumps(payload).encode() + b"}", partition=target))
            dispatcher.forwarded(key)

    @app.agent(route_input)
    async def route(stream: faust.StreamT) -> None:
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(silences_ready.wait(), timeout=30)
        except TimeoutError:
            log.error("silences not loaded after 30 s: routing without them until they arrive")
        async for event in stream.events():
            value, partition = event.value, event.message.partition
            now = time.time()
            if event.message.topic != config.kafka.detections_topic:
                if value and value.startswith(FORWARD_PREFIX):
                    dispatcher.accept_forward(json.loads(value)["forward"], now, partition)
                await hand_over(partition)
                notes = dispatcher.undelivered(partition) + dispatcher.due(now, partition)
                for note in notes:
                    results = await loop.run_in_executor(deliver_pool, deliverer.deliver, note)
                    await delivery_records.record(note, results, time.time())
                    dispatcher.delivered(note)
                    metrics.record_delivery(note, results)
                    log.info("alert %s (timer) story=%s receiver=%s ok=%s", note.kind, note.story_id,
                             note.receiver, all(r.ok for r in results),
                             extra={"story_id": note.story_id, "receiver": note.receiver})
                continue
            try:
                detection = decode_detection(value)
            except InvalidDetection as exc:
                log.error("skipping an invalid detection: %s", exc)
                continue
            t0 = time.perf_counter()
            decision = dispatcher.process(detection, now, scope=partition)
            await hand_over(partition)
            notes = decision.notifications
            log.info("decision detection=%s story=%s %s", detection.id, decision.story_id,
                     " ".join(f"{r}:{o}" for r, o in decision.outcomes),
                     extra={"detection_id": detection.id, "story_id": decision.story_id})
            metrics.time_stage("route", time.perf_counter() - t0)
            metrics.record_decision(decision, detection.type,
                                    story_opened(stories, detection.story_key, decision.story_id, now))
            for note in notes:
                t0 = time.perf_counter()
                results = await loop.run_in_executor(deliver_pool, deliverer.deliver, note)
                await delivery_records.record(note, results, time.time())  # history; failures → alerts.dlq
                dispatcher.delivered(note)  # after delivery: a crash before this delivers again, never drops
                metrics.time_stage("deliver", time.perf_counter() - t0)
                metrics.record_delivery(note, results)
                for r in results:
                    log.info("alert %s story=%s receiver=%s target=%s ok=%s attempts=%d", note.kind,
                             note.story_id, r.receiver, r.target, r.ok, r.attempts,
                             extra={"article_id": note.detection.article_id, "story_key": note.detection.story_key,
                                    "story_id": note.story_id, "receiver": r.receiver})

    app.wirewatch_pools = (detect_pool, deliver_pool)  # type: ignore[attr-defined]
    return app


def run_worker(config: Config, bootstrap: str | None = None, loglevel: str = "info",
               web_port: int | None = None, log_format: str = "text", web_bind: str = "127.0.0.1") -> int:
    bootstrap = bootstrap or config.kafka.bootstrap
    ensure_topics(bootstrap, [config.kafka.articles_topic, config.kafka.detections_topic,
                              dlq_topic(config.kafka.articles_topic), *delivery_topics(config)],
                  config.kafka.partitions)
    ensure_topics(bootstrap, [ticks_topic(config)], config.kafka.partitions, config={"retention.ms": "3600000"})
    ensure_silences_topic(bootstrap, silences_topic(config))
    app = create_app(config, bootstrap=bootstrap, web_port=web_port, web_bind=web_bind)
    worker = faust.Worker(app, loglevel=loglevel,
                          logging_config=dict_config(log_format, loglevel, config_secrets(config)))
    worker.execute_from_commandline()
    return 0
