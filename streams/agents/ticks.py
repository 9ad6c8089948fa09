"""Timers and hand-overs on the ticks topic (co-partitioned with detections).

faust tables may only change inside stream iteration, so the timer sends a small "tick" to each partition of the
ticks topic that has work due; the route agent consumes detections and ticks and handles a tick by firing that
partition's due groups, follow-ups and digests. A receiver's digest is assembled in one partition: stories
queued elsewhere are handed over as "forward" messages on the same topic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

TICK = b'{"tick":true}'
FORWARD_PREFIX = b'{"forward":'  # + a digest item handed to the partition that assembles the digest + "}"


def forward_message(payload: Any) -> bytes:
    """The ticks-topic message that hands ``payload`` (a digest item) to another partition."""
    return FORWARD_PREFIX + json.dumps(payload).encode() + b"}"


def forwarded(value: bytes | None) -> Any | None:
    """The digest item a ticks-topic message hands over, or None for a plain tick."""
    if value and value.startswith(FORWARD_PREFIX):
        return json.loads(value)["forward"]
    return None


def due_partitions(assigned: Iterable[Any], topic: str, next_due: Callable[[int], float], now: float) -> list[int]:
    """The partitions of ``topic`` among ``assigned`` (TPs) whose next due work is at or before ``now``."""
    return [tp.partition for tp in assigned if tp.topic == topic and next_due(tp.partition) <= now]


class Ticks:
    """Send ticks and hand-overs; ``topic`` is the faust ticks topic, ``dispatcher`` the alerts' dispatcher."""

    def __init__(self, topic: Any, dispatcher: Any, detections_topic: str) -> None:
        self.topic = topic
        self.dispatcher = dispatcher
        self.detections_topic = detections_topic

    async def tick(self, assigned: Iterable[Any], now: float) -> list[int]:
        """One timer turn: a tick to every assigned partition with work due; returns those partitions."""
        due = due_partitions(assigned, self.detections_topic, self.dispatcher.next_due, now)
        for partition in due:
            await self.topic.send(value=TICK, partition=partition)
        return due

    async def hand_over(self, partition: int) -> None:
        """Send this partition's digest items to the partition assembling their receiver's digest (acked first)."""
        for key, target, payload in self.dispatcher.forwards(partition):
            await (await self.topic.send(value=forward_message(payload), partition=target))
            self.dispatcher.forwarded(key)
