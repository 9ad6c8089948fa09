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
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust

from alerts.config import Config
from alerts.delivery import Deliverer
from alerts.dispatch import Dispatcher
from detectors.contracts import InvalidArticle, InvalidDetection, decode_article, decode_detection
from streams.topics import dlq_topic, ensure_topics

log = logging.getLogger("wirewatch.worker")

DLQ_MAX_VALUE_BYTES = 8_000_000


def _default_pipeline():
    from detectors.pipeline import Pipeline

    return Pipeline.load()


def create_app(
    config: Config,
    bootstrap: str | None = None,
    web_port: int | None = None,
    pipeline_factory: Callable[[], Any] = _default_pipeline,
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
        web_bind="127.0.0.1",
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
                continue
            found = await loop.run_in_executor(detect_pool, pipeline().detect, article)
            futures = [await detections.send(key=d.story_key.encode(), value=d.to_json()) for d in found]
            for fut in futures:
                await fut
            if found:
                log.info("article %s: %d detection(s): %s", article.id, len(found),
                         ", ".join(f"{d.type}/{d.status}" for d in found))

    dispatcher = Dispatcher(config, stories, alert_log)
    deliverer = Deliverer(config)

    @app.agent(detections)
    async def route(stream: faust.StreamT) -> None:
        loop = asyncio.get_running_loop()
        async for value in stream:
            try:
                detection = decode_detection(value)
            except InvalidDetection as exc:
                log.error("skipping an invalid detection: %s", exc)
                continue
            now = time.time()
            decision = dispatcher.process(detection, now)
            notes = decision.notifications + dispatcher.due(now)
            for note in notes:
                results = await loop.run_in_executor(deliver_pool, deliverer.deliver, note)
                for r in results:
                    log.info("alert %s story=%s receiver=%s target=%s ok=%s attempts=%d", note.kind,
                             note.story_id, r.receiver, r.target, r.ok, r.attempts)

    app.wirewatch_pools = (detect_pool, deliver_pool)  # type: ignore[attr-defined]
    return app


def run_worker(config: Config, bootstrap: str | None = None, loglevel: str = "info",
               web_port: int | None = None) -> int:
    bootstrap = bootstrap or config.kafka.bootstrap
    ensure_topics(bootstrap, [config.kafka.articles_topic, config.kafka.detections_topic,
                              dlq_topic(config.kafka.articles_topic)],
                  config.kafka.partitions)
    app = create_app(config, bootstrap=bootstrap, web_port=web_port)
    worker = faust.Worker(app, loglevel=loglevel)
    worker.execute_from_commandline()
    return 0
