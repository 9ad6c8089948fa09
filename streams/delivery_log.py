"""The worker's delivery record on Kafka: history to ``<worker id>-alert-history``, failures to ``alerts.dlq``.

The pure parts (record shapes, replay) are in ``alerts.history``; this module only moves them through Kafka:
faust topics inside the worker, kafka-python for the ``wirewatch alerts history|replay`` commands.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import faust
import orjson

from alerts.config import Config
from alerts.history import records_of
from streams.kafka_clients import Bootstrap, kafka_python
from streams.settings import alerts_dlq_topic, history_topic, kafka_settings, worker_settings


class KafkaRecords:
    """Inside the worker: produce a delivery's history records and dead letters, awaiting the broker."""

    def __init__(self, app: faust.App, config: Config) -> None:
        raw = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
        self.history = app.topic(history_topic(config), partitions=kafka_settings(config).partitions, **raw)
        self.dlq = app.topic(alerts_dlq_topic(config), partitions=kafka_settings(config).partitions, **raw)

    async def record(self, note: Any, results: Iterable[Any], now: float, dead_letters: bool = True) -> list[dict]:
        """History always; dead letters for the failed targets unless the alert will be tried again."""
        history, dead = records_of(note, results, now)
        if not dead_letters:
            dead = []
        futures = [await self.history.send(key=note.story_id.encode(), value=orjson.dumps(r)) for r in history]
        futures += [await self.dlq.send(key=note.story_id.encode(), value=orjson.dumps(d)) for d in dead]
        for fut in futures:
            await fut
        return dead


def read_topic(bootstrap: Bootstrap, topic: str, group: str | None = None, idle_s: float = 2.0,
               deadline_s: float = 30.0) -> Iterator[tuple[Any, dict]]:
    """(record, value) from the start (``group=None``) or the group's committed offset, up to the end offsets
    seen when reading started. With a group the caller commits (``consumer.commit()`` via ``record[0]``)."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(**kafka_python(bootstrap), group_id=group, enable_auto_commit=False,
                             auto_offset_reset="earliest", consumer_timeout_ms=int(idle_s * 1000))
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in parts]
        if not tps:
            return
        consumer.assign(tps)
        end = consumer.end_offsets(tps)
        stop = time.monotonic() + deadline_s
        while time.monotonic() < stop and any(consumer.position(tp) < end[tp] for tp in tps):
            for tp, batch in consumer.poll(timeout_ms=500).items():
                for rec in batch:
                    if rec.offset < end[tp]:
                        yield (consumer, rec), orjson.loads(rec.value)
    finally:
        consumer.close()


def replay_topic(config: Config, bootstrap: Bootstrap, deliver: Callable[..., list[Any]]) -> tuple[int, int]:
    """Re-send every dead letter not yet replayed (consumer group ``<worker id>-alerts-replay``), each once.

    Offsets are committed after each letter; a letter that fails again is produced to the DLQ anew."""
    from kafka import KafkaProducer
    from kafka.structs import OffsetAndMetadata

    from alerts.history import replay

    producer = KafkaProducer(**kafka_python(bootstrap), acks="all")
    delivered = failed = 0
    try:
        for (consumer, rec), letter in read_topic(bootstrap, alerts_dlq_topic(config),
                                                  group=f"{worker_settings(config).id}-alerts-replay"):
            history, again, ok = replay([letter], deliver, time.time)
            for r in history:
                producer.send(history_topic(config), key=rec.key, value=orjson.dumps(r))
            for d in again:
                producer.send(alerts_dlq_topic(config), key=rec.key, value=orjson.dumps(d))
            producer.flush()
            from kafka import TopicPartition

            consumer.commit({TopicPartition(rec.topic, rec.partition): OffsetAndMetadata(rec.offset + 1, "", -1)})
            delivered += ok
            failed += len(again)
    finally:
        producer.close()
    return delivered, failed
