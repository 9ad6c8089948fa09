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
from detectors.contracts import InvalidArticle, InvalidDetection, decode_article, decode_detection
from streams.delivery_log import KafkaRecords
from streams.delivery_log import topics as delivery_topics
from streams.detect_pool import Detectors
from streams.dlq_limit import DlqLimit
from streams.health import halted as mark_halted
from streams.health import install as install_health
from streams.logs import config_secrets, dict_config
from streams.metrics import Metrics, story_opened
from streams.offset_guard import FaustOffsetGuard
from streams.silence_topic import ensure_silences_topic, follow_silences, silences_topic
from streams.table_writes import ChangelogWrites, in_partition_of
from streams.topics import dlq_topic, ensure_topics, ticks_topic

log = logging.getLogger("wirewatch.worker")

TICK = b'{"tick":true}'
FORWARD_PREFIX = b'{"forward":'  # + a digest item handed to the partition that assembles the digest + "}"

DLQ_MAX_VALUE_BYTES = 8_000_000
DETECT_BATCH = 32  # articles per detector call: one hop to the detectors and one produce round trip per batch
# The event loop, faust's consumer thread, the delivery threads and the detector pool's feeder threads share one
# GIL; a thread that wants it waits up to the switch interval (default 5 ms) per hand-over, and an article takes
# several hand-overs from fetch to alert. 1 ms: measured in BENCHMARKS.md.
SWITCH_INTERVAL_S = 0.001
PRODUCER_BATCH_BYTES = 1_000_000  # measured in BENCHMARKS.md
DELIVERY_THREADS = 16  # blocking apprise calls in flight at once (every receiver's lanes together)
DELIVERY_BACKLOG = 256  # alerts in flight per worker before the route agent waits (backpressure)
DETECT_BATCH_WAIT_S = 0.02  # how long a batch waits to fill: the latency a lone article pays


def create_app(
    config: Config,
    bootstrap: str | None = None,
    web_port: int | None = None,
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
    raw = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
    articles = app.topic(config.kafka.articles_topic, partitions=partitions, **raw)
    detections = app.topic(config.kafka.detections_topic, partitions=partitions, **raw)
    dlq = app.topic(dlq_topic(config.kafka.articles_topic), partitions=partitions, **raw)
    # JSON-valued tables (the app's default serializer); their changelogs make restarts and replays safe
    stories = app.Table("stories", partitions=partitions, key_type=str)
    alert_log = app.Table("alert_log", partitions=partitions, key_type=str)
    log_writes = ChangelogWrites(alert_log)  # settle waits for its 'sent' record, not for a producer flush

    detectors = Detectors(config.worker.detect_processes, threads=config.worker.detect_threads)
    deliver_pool = ThreadPoolExecutor(max_workers=DELIVERY_THREADS, thread_name_prefix="deliver")
    metrics = Metrics()
    app.wirewatch_metrics = metrics  # type: ignore[attr-defined]
    app.wirewatch_health = install_health(  # type: ignore[attr-defined]
        app, metrics, bootstrap=bootstrap, group=config.worker.id,
        topics=[config.kafka.articles_topic, config.kafka.detections_topic])

    async def ready_detectors() -> None:
        await detectors.ready()
        log.info("detectors loaded (%s)", detectors.describe())

    app.task(ready_detectors)

    dlq_limit = DlqLimit(max_invalid_ratio=config.worker.dlq_max_invalid_ratio, window=config.worker.dlq_window,
                         min_messages=min(100, config.worker.dlq_window),
                         max_consecutive=config.worker.dlq_max_consecutive)

    async def halt(reason: str) -> None:
        """Stop consuming for good (the message in hand is not acked, so nothing is lost); a person must look."""
        mark_halted(app, reason)  # /readyz fails, wirewatch_worker_halted = 1
        log.critical("HALTED: too many invalid articles — %s. Fix the producer, then restart the worker "
                     "(or raise worker.dlq_max_invalid_ratio).", reason)
        # Stop fetching articles, and release every article message still in flight or buffered without acking
        # it (faust internals, as above): a SIGTERM or a rebalance must not wait for them, and none is committed.
        consumer = app.consumer
        consumer.pause_partitions({tp for tp in consumer.assignment() if tp.topic == config.kafka.articles_topic})
        for message in list(consumer._unacked_messages):
            if message.topic == config.kafka.articles_topic:
                message.acked = True
        await asyncio.Event().wait()

    # Every offset of a partition in order or none: faust's recovery race can skip messages (streams/offset_guard.py)
    offset_guard = FaustOffsetGuard(app, [config.kafka.articles_topic, config.kafka.detections_topic,
                                          ticks_topic(config)])
    app.wirewatch_offset_guard = offset_guard  # type: ignore[attr-defined]
    app.task(offset_guard.watch)

    async def produce_detections(valid: list[tuple[Any, Any]]) -> None:
        """Detect (one detector call) and produce the detections of a batch's valid articles; await the acks."""
        if not valid:
            return
        t0 = time.perf_counter()
        found_per_article = await detectors.detect_many([a for _, a in valid])
        per_article = (time.perf_counter() - t0) / len(valid)
        t0 = time.perf_counter()
        futures = []
        for (_, article), found in zip(valid, found_per_article, strict=True):
            metrics.time_stage("detect", per_article)
            metrics.record_detections(found)
            for d in found:
                futures.append(await detections.send(key=d.story_key.encode(), value=d.to_json()))
                log.info("article %s: detection %s/%s", article.id, d.type, d.status,
                         extra={"article_id": article.id, "story_key": d.story_key, "detection_id": d.id})
        for fut in futures:
            await fut
        metrics.time_stage("produce", (time.perf_counter() - t0) / len(valid))

    @app.agent(articles)
    async def detect(stream: faust.StreamT) -> None:
        # Micro-batches: one detector call (nlp.pipe, one thread hop) and one produce round trip per batch.
        # take_events acks a batch only when the loop asks for the next one, i.e. after the broker acknowledged
        # every detection of it; if the body raises (shutdown, crash) the batch is released unacked: never
        # committed, read again after a restart (at-least-once).
        async for events in stream.take_events(DETECT_BATCH, within=DETECT_BATCH_WAIT_S):
            try:
                valid: list[tuple[Any, Any]] = []  # (event, article)
                for event in events:
                    if not await offset_guard.admit(event):
                        continue
                    message = event.message
                    t0 = time.perf_counter()
                    try:
                        article = decode_article(event.value or b"", max_bytes=config.worker.max_message_bytes)
                    except InvalidArticle as exc:
                        if dlq_limit.record(valid=False):
                            # Finish and ack what this batch handled before the trip (else a SIGTERM while halted
                            # waits for those acks forever, and a restart dead-letters them twice); release the
                            # tripping message and the rest without acking: faust stops waiting for them but
                            # never commits them, so they are read again after a restart.
                            at = events.index(event)
                            await produce_detections(valid)
                            for done in events[:at]:
                                done.ack()
                            for rest in events[at:]:
                                rest.message.acked = True
                            await halt(f"{dlq_limit.tripped_reason}; last: {exc.code} at "
                                       f"{message.topic}[{message.partition}]@{message.offset}")
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
                    dlq_limit.record(valid=True)
                    metrics.time_stage("decode", time.perf_counter() - t0)
                    metrics.record_article(article.text)
                    valid.append((event, article))
                await produce_detections(valid)
            except BaseException:
                for event in events:  # released, not acked: faust will not commit these offsets
                    event.message.acked = True
                raise

    # Silences: every worker follows the whole compacted topic into memory (read-only for the dispatcher).
    silences = Silences(config.silences)
    silences_ready = asyncio.Event()
    # A receiver's digest is assembled in one partition (stories queued elsewhere are handed over as "forward"
    # messages on the ticks topic), so a digest receiver gets one digest per period, not one per partition.
    dispatcher = Dispatcher(config, stories, alert_log, silences=silences,
                            digest_scope=lambda receiver: zlib.crc32(receiver.encode()) % partitions)
    deliverer = Deliverer(config)

    @app.on_partitions_assigned.connect
    async def reindex(sender: Any, assigned: Any, **kwargs: Any) -> None:
        dispatcher.reindex()  # the alert log gains (and loses) partitions' entries

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

    async def settle(note: Any, results: Any) -> None:
        """After a delivery: record it and let the outbox go (``dispatcher.delivered``), and wait for that record.

        A crash after the target accepted an alert but before its 'sent' record reaches the changelog sends it
        again after the restart (at-least-once; tests/reliability measure how often). So when every target
        accepted it, 'sent' goes to the broker first — the double window is one produce round trip — and the
        history record after; when a target failed, the alerts.dlq record goes first, so a crash in between
        can only deliver again, never lose the dead letter."""
        now = time.time()
        if results and all(r.ok for r in results):
            dispatcher.delivered(note)
            await log_writes.written(note.log_key)
            await delivery_records.record(note, results, now)
            return
        failed = {r.target for r in results if not r.ok}
        if failed and dispatcher.retry_later(note, failed, now):
            # an outage heals by itself: the alert stays in the outbox and a tick tries the failed targets again
            await delivery_records.record(note, results, now, dead_letters=False)
            await log_writes.written(note.log_key)
            log.warning("alert %s to %s failed; trying again later", note.key, note.receiver,
                        extra={"story_id": note.story_id, "receiver": note.receiver})
            return
        await delivery_records.record(note, results, now)  # the retry window is over: alerts.dlq
        dispatcher.delivered(note)
        await log_writes.written(note.log_key)

    # Delivery runs beside routing: the route agent records a notification in the outbox and hands it to a lane
    # of its receiver (at most worker.delivery_concurrency in flight each, so a slow or failing target never
    # holds up the others), then goes on with the next message. The message that produced the notification is
    # acked only once the notification is settled ('sent' or retry-later on the changelog, in that message's
    # partition): a commit never passes an alert that was not recorded, a SIGTERM or a rebalance waits for the
    # deliveries in flight (faust's wait_empty), and a crash re-sends from the outbox after the restart.
    lanes: dict[str, asyncio.Semaphore] = {}
    backlog = asyncio.Semaphore(DELIVERY_BACKLOG)  # notifications in flight per worker: backpressure
    settling: set[asyncio.Task] = set()

    async def deliver_one(event: Any, note: Any, timer: bool) -> None:
        loop = asyncio.get_running_loop()
        lane = lanes.setdefault(note.receiver, asyncio.Semaphore(config.worker.delivery_concurrency))
        try:
            await log_writes.written(note.log_key)  # the attempt is on record before any target can have it
            async with lane:
                t0 = time.perf_counter()
                results = await loop.run_in_executor(deliver_pool, deliverer.deliver, note,
                                                     dispatcher.retry_targets(note))
            t1 = time.perf_counter()
            metrics.time_stage("deliver", t1 - t0)
            with in_partition_of(event):
                await settle(note, results)  # history; 'sent' on the changelog; failures retried, then alerts.dlq
            metrics.time_stage("settle", time.perf_counter() - t1)
            metrics.record_delivery(note, results)
            for r in results:
                log.info("alert %s%s story=%s receiver=%s target=%s ok=%s attempts=%d", note.kind,
                         " (timer)" if timer else "", note.story_id, r.receiver, r.target, r.ok, r.attempts,
                         extra={"article_id": note.detection.article_id, "story_key": note.detection.story_key,
                                "story_id": note.story_id, "receiver": r.receiver})
        finally:
            dispatcher.in_flight.discard(note.key)
            backlog.release()

    async def launch(event: Any, notes: list[Any], timer: bool = False) -> None:
        """Deliver ``notes`` concurrently; ack ``event`` when all are settled (at once when there are none)."""
        if not notes:
            event.ack()
            return
        tasks = []
        for note in notes:
            await backlog.acquire()
            dispatcher.in_flight.add(note.key)
            dispatcher.attempting(note)  # in this event's partition: a re-send after a crash says it may repeat
            tasks.append(asyncio.ensure_future(deliver_one(event, note, timer)))

        async def ack_when_settled() -> None:
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            errors = [o for o in outcomes if isinstance(o, BaseException)]
            if errors:  # not acked: the outbox still holds the notification; a restart delivers it again
                log.error("delivery of %d alert(s) failed unexpectedly: %r", len(errors), errors[0])
                return
            event.ack()

        task = asyncio.ensure_future(ack_when_settled())
        settling.add(task)
        task.add_done_callback(settling.discard)

    @app.agent(route_input)
    async def route(stream: faust.StreamT) -> None:
        try:
            await asyncio.wait_for(silences_ready.wait(), timeout=30)
        except TimeoutError:
            log.error("silences not loaded after 30 s: routing without them until they arrive")
        async for event in stream.noack().events():  # acked by ``launch``, once its alerts are settled
            if not await offset_guard.admit(event):
                continue
            value, partition = event.value, event.message.partition
            now = time.time()
            if event.message.topic != config.kafka.detections_topic:
                if value and value.startswith(FORWARD_PREFIX):
                    dispatcher.accept_forward(json.loads(value)["forward"], now, partition)
                await hand_over(partition)
                await launch(event, dispatcher.undelivered(partition, now) + dispatcher.due(now, partition),
                             timer=True)
                continue
            try:
                detection = decode_detection(value)
            except InvalidDetection as exc:
                log.error("skipping an invalid detection: %s", exc)
                event.ack()
                continue
            t0 = time.perf_counter()
            decision = dispatcher.process(detection, now, scope=partition)
            await hand_over(partition)
            log.info("decision detection=%s story=%s %s", detection.id, decision.story_id,
                     " ".join(f"{r}:{o}" for r, o in decision.outcomes),
                     extra={"detection_id": detection.id, "story_id": decision.story_id,
                            "article_id": detection.article_id, "story_key": detection.story_key})
            metrics.time_stage("route", time.perf_counter() - t0)
            metrics.record_decision(decision, detection.type,
                                    story_opened(stories, detection.story_key, decision.story_id, now))
            await launch(event, decision.notifications)

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
