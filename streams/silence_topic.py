"""Silences on Kafka: a compacted topic ``<worker id>-silences`` (key = silence id, value = the silence JSON).

The CLI writes with kafka-python; every worker follows the whole topic (no consumer group: each worker needs every
silence) with aiokafka into an in-memory ``Silences`` — compaction keeps the latest version of each silence, so a
restarted worker reads them all back. Expiry is a rewrite with ``ends_at`` = now, never a deletion, so ``silence
list`` still shows who silenced what.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from alerts.silences import SilenceError, Silences
from streams.kafka_clients import Bootstrap, aiokafka, kafka_python
from streams.settings import COMPACTED as TOPIC_CONFIG
from streams.topics import ensure_topics

log = logging.getLogger("wirewatch.silences")


def ensure_silences_topic(bootstrap: Bootstrap, topic: str) -> None:
    ensure_topics(bootstrap, [topic], 1, config=TOPIC_CONFIG)


def write_silence(bootstrap: Bootstrap, topic: str, record: Mapping[str, Any]) -> None:
    ensure_silences_topic(bootstrap, topic)
    producer = KafkaProducer(**kafka_python(bootstrap), acks="all", client_id="wirewatch-silence")
    try:
        producer.send(topic, key=str(record["id"]).encode(), value=json.dumps(record).encode()).get(timeout=30)
    finally:
        producer.close()


def read_silences(bootstrap: Bootstrap, topic: str, timeout: float = 10.0) -> dict[str, dict[str, Any]]:
    """Every silence in the topic (latest version per id), read to the end offsets."""
    ensure_silences_topic(bootstrap, topic)
    consumer = KafkaConsumer(**kafka_python(bootstrap), group_id=None, enable_auto_commit=False,
                             consumer_timeout_ms=int(timeout * 1000))
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or {0})]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        end = consumer.end_offsets(parts)
        out: dict[str, dict[str, Any]] = {}
        while any(consumer.position(tp) < end[tp] for tp in parts):
            batches = consumer.poll(timeout_ms=int(timeout * 1000))
            if not batches:
                break
            for records in batches.values():
                for r in records:
                    if r.value is None:
                        out.pop(r.key.decode(), None)
                    else:
                        out[r.key.decode()] = json.loads(r.value)
        return out
    finally:
        consumer.close()


async def follow_silences(bootstrap: Bootstrap, topic: str, silences: Silences, ready: asyncio.Event) -> None:
    """Keep ``silences`` in step with the topic; set ``ready`` once the backlog is read. Broker errors are logged
    and retried (silences already read stay in force); the route agent waits for ``ready`` a bounded time."""
    from aiokafka.errors import KafkaError

    delay = 1.0
    while True:
        try:
            await _follow(bootstrap, topic, silences, ready)
        except KafkaError as exc:
            log.error("silences topic %s: %s; retrying in %.0f s", topic, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


async def _follow(bootstrap: Bootstrap, topic: str, silences: Silences, ready: asyncio.Event) -> None:
    from aiokafka import AIOKafkaConsumer
    from aiokafka.structs import TopicPartition as AioTP

    consumer = AIOKafkaConsumer(**aiokafka(bootstrap), group_id=None, enable_auto_commit=False,
                                client_id="wirewatch-silences")
    await consumer.start()
    try:
        parts = [AioTP(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or {0})]
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        end = await consumer.end_offsets(parts)
        while True:
            if not ready.is_set():
                positions = {tp: await consumer.position(tp) for tp in parts}
                if all(positions[tp] >= end[tp] for tp in parts):
                    log.info("silences loaded: %d from %s", len(silences), topic)
                    ready.set()
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for r in records:
                    _apply(silences, r.key, r.value)
                    log.info("silence %s received", r.key.decode(errors="replace") if r.key else "?")
    finally:
        await consumer.stop()


def _apply(silences: Silences, key: bytes | None, value: bytes | None) -> None:
    if key is None:
        return
    if value is None:
        silences.remove(key.decode())
        return
    try:
        silences.put(json.loads(value))
    except (ValueError, KeyError, SilenceError) as exc:
        log.error("ignoring an unreadable silence %r: %s", key, exc)
