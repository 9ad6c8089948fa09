"""The detect agent: ``articles`` → validate → detectors → ``detections``; invalid articles → ``articles.dlq``.

Micro-batches: one detector call (``nlp.pipe``, one hop to the detector process) and one produce round trip per
batch. ``take_events`` acks a batch only when the loop asks for the next one, i.e. after the broker acknowledged
every detection of it; if the body raises (shutdown, crash) the batch is released unacked: never committed, read
again after a restart (at-least-once). Every invalid article is dead-lettered with the reason in headers and the
original bytes as value; too many of them (``DlqLimit``) halt the worker for good — a person must look.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from detectors.contracts import InvalidArticle, decode_article
from streams import faust_compat
from streams.settings import DLQ_MAX_VALUE_BYTES

log = logging.getLogger("wirewatch.worker")

DETECT_BATCH = 32  # articles per detector call: one hop to the detectors and one produce round trip per batch
DETECT_BATCH_WAIT_S = 0.02  # how long a batch waits to fill: the latency a lone article pays
DETECTOR_ERROR = "detector_error"  # the dead-letter code of an article the detectors fail on (a bug, not bad input)


def dead_letter(value: bytes, exc: InvalidArticle, topic: str, partition: int, offset: int,
                max_bytes: int = DLQ_MAX_VALUE_BYTES) -> tuple[bytes, dict[str, bytes]]:
    """The value and headers of an invalid article's dead letter: the reason in headers, the original bytes
    (cut at ``max_bytes``, the original length in ``wirewatch-truncated``) as value."""
    headers = {
        "wirewatch-error-code": exc.code.encode(),
        "wirewatch-error-reason": exc.reason.encode("utf-8", "replace")[:1000],
        "wirewatch-source": f"{topic}/{partition}/{offset}".encode(),
    }
    if len(value) > max_bytes:
        headers["wirewatch-truncated"] = str(len(value)).encode()
        value = value[:max_bytes]
    return value, headers


class DetectAgent:
    """The body of the ``detect`` agent (``app.agent(articles)(DetectAgent(...))``)."""

    def __init__(self, *, app: Any, articles_topic: str, max_message_bytes: int, detectors: Any,
                 detections: Any, dlq: Any, dlq_topic: str, dlq_limit: Any, offset_guard: Any, metrics: Any,
                 on_halt: Any) -> None:
        self.app = app
        self.articles_topic = articles_topic
        self.max_message_bytes = max_message_bytes
        self.detectors = detectors  # streams.detect_pool.Detectors
        self.detections = detections  # faust topics
        self.dlq = dlq
        self.dlq_topic = dlq_topic
        self.dlq_limit = dlq_limit  # streams.dlq_limit.DlqLimit
        self.offset_guard = offset_guard
        self.metrics = metrics
        self.on_halt = on_halt  # (app, reason): /readyz fails, wirewatch_worker_halted = 1

    async def __call__(self, stream: Any) -> None:
        async for events in stream.take_events(DETECT_BATCH, within=DETECT_BATCH_WAIT_S):
            try:
                await self.batch(events)
            except BaseException:
                for event in events:  # released, not acked: faust will not commit these offsets
                    faust_compat.release(event.message)
                raise

    async def batch(self, events: list[Any]) -> None:
        valid: list[tuple[Any, Any]] = []  # (event, article)
        for event in events:
            if not await self.offset_guard.admit(event):
                continue
            message = event.message
            t0 = time.perf_counter()
            try:
                article = decode_article(event.value or b"", max_bytes=self.max_message_bytes)
            except InvalidArticle as exc:
                if self.dlq_limit.record(valid=False):
                    # Finish and ack what this batch handled before the trip (else a SIGTERM while halted waits
                    # for those acks forever, and a restart dead-letters them twice); release the tripping
                    # message and the rest without acking: faust stops waiting for them but never commits them,
                    # so they are read again after a restart.
                    at = events.index(event)
                    await self.produce(valid)
                    for done in events[:at]:
                        done.ack()
                    for rest in events[at:]:
                        faust_compat.release(rest.message)
                    await self.halt(f"{self.dlq_limit.tripped_reason}; last: {exc.code} at "
                                    f"{message.topic}[{message.partition}]@{message.offset}")
                log.warning("invalid article at %s[%d]@%d: %s", message.topic, message.partition,
                            message.offset, exc)
                value, headers = dead_letter(event.value or b"", exc, message.topic, message.partition,
                                             message.offset)
                await (await self.dlq.send(key=event.key, value=value, headers=headers))
                self.metrics.record_invalid(exc.code, self.dlq_topic)
                continue
            self.dlq_limit.record(valid=True)
            self.metrics.time_stage("decode", time.perf_counter() - t0)
            self.metrics.record_article(article.text)
            valid.append((event, article))
        await self.produce(valid)

    async def produce(self, valid: list[tuple[Any, Any]]) -> None:
        """Detect (one detector call) and produce the detections of a batch's valid articles; await the acks."""
        if not valid:
            return
        t0 = time.perf_counter()
        try:
            found_per_article = await self.detectors.detect_many([a for _, a in valid])
        except Exception as exc:  # a detector bug: find the article(s) it is about, the batch goes on
            log.error("the detectors failed on a batch of %d article(s) (%s: %s): detecting them one by one",
                      len(valid), type(exc).__name__, exc)
            valid, found_per_article = await self.one_by_one(valid, t0)
        await self.send(valid, found_per_article, t0)

    async def send(self, valid: list[tuple[Any, Any]], found_per_article: list[Any], detect_t0: float) -> None:
        """Produce the detections of ``valid`` (detection began at ``detect_t0``); await the broker's acks."""
        if not valid:
            return
        per_article = (time.perf_counter() - detect_t0) / len(valid)
        t0 = time.perf_counter()
        futures = []
        for (_, article), found in zip(valid, found_per_article, strict=True):
            self.metrics.time_stage("detect", per_article)
            self.metrics.record_detections(found)
            for d in found:
                futures.append(await self.detections.send(key=d.story_key.encode(), value=d.to_json()))
                log.info("article %s: detection %s/%s", article.id, d.type, d.status,
                         extra={"article_id": article.id, "story_key": d.story_key, "detection_id": d.id})
        for fut in futures:
            await fut
        self.metrics.time_stage("produce", (time.perf_counter() - t0) / len(valid))

    async def one_by_one(self, valid: list[tuple[Any, Any]], detect_t0: float
                         ) -> tuple[list[tuple[Any, Any]], list[Any]]:
        """Detect each article alone; one the detectors still fail on is dead-lettered (``detector_error``, the
        error as reason, the original bytes kept for a replay once the bug is fixed) — a worker never stalls on
        one article. Too many of them halt the worker like invalid articles do (a bug that fails every article)."""
        kept: list[tuple[Any, Any]] = []
        found: list[Any] = []
        for event, article in valid:
            try:
                found.append((await self.detectors.detect_many([article]))[0])
                kept.append((event, article))
                continue
            except Exception as exc:
                log.exception("the detectors failed on article %s: dead-lettered", article.id,
                              extra={"article_id": article.id})
                error = InvalidArticle(DETECTOR_ERROR, f"{type(exc).__name__}: {exc}")
            message = event.message
            value, headers = dead_letter(event.value or b"", error, message.topic, message.partition,
                                         message.offset)
            await (await self.dlq.send(key=event.key, value=value, headers=headers))
            self.metrics.record_invalid(DETECTOR_ERROR, self.dlq_topic)
            if self.dlq_limit.record(valid=False):
                await self.send(kept, found, detect_t0)  # what the detectors read is out; the rest is read again
                await self.halt(f"{self.dlq_limit.tripped_reason}; last: {DETECTOR_ERROR} at "
                                f"{message.topic}[{message.partition}]@{message.offset}")
        return kept, found

    async def halt(self, reason: str) -> None:
        """Stop consuming for good (the message in hand is not acked, so nothing is lost); a person must look."""
        self.on_halt(self.app, reason)
        log.critical("HALTED: too many invalid articles — %s. Fix the producer, then restart the worker "
                     "(or raise worker.dlq_max_invalid_ratio).", reason)
        # Stop fetching articles, and release every article message still in flight or buffered without acking
        # it: a SIGTERM or a rebalance must not wait for them, and none is committed.
        consumer = self.app.consumer
        consumer.pause_partitions({tp for tp in consumer.assignment() if tp.topic == self.articles_topic})
        faust_compat.release_unacked(consumer, self.articles_topic)
        await asyncio.Event().wait()
