"""Ticks and hand-overs: which partitions a timer wakes, and the forward messages between partitions."""

from __future__ import annotations

import asyncio
from typing import Any

from faust.types import TP

from streams.agents.ticks import TICK, Ticks, due_partitions, forward_message, forwarded


def test_a_forward_message_carries_its_digest_item_and_a_tick_carries_none() -> None:
    item = {"story": "s-1", "receiver": "ops", "text": '"quoted" \u00fc'}
    assert forwarded(forward_message(item)) == item
    assert forwarded(TICK) is None
    assert forwarded(b"") is None and forwarded(None) is None


def test_only_assigned_partitions_of_the_detections_topic_with_work_due_are_woken() -> None:
    assigned = [TP("detections", 0), TP("detections", 1), TP("detections", 2), TP("articles", 1)]
    next_due = {0: 5.0, 1: 10.0, 2: float("inf")}
    assert due_partitions(assigned, "detections", next_due.__getitem__, now=7.0) == [0]
    assert due_partitions(assigned, "detections", next_due.__getitem__, now=10.0) == [0, 1]
    assert due_partitions([], "detections", next_due.__getitem__, now=99.0) == []


class _Sent:
    """A topic that records what is sent to it (the real one needs a broker: tests/integration cover that)."""

    def __init__(self) -> None:
        self.sent: list[tuple[bytes, int]] = []

    async def send(self, *, value: bytes, partition: int) -> Any:
        self.sent.append((value, partition))
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


class _Forwards:
    """The dispatcher's side of a hand-over: items to forward, and which were confirmed."""

    def __init__(self, items: dict[int, list[tuple[str, int, dict]]]) -> None:
        self.items = items
        self.confirmed: list[str] = []

    def next_due(self, partition: int) -> float:
        return 0.0 if partition in self.items else float("inf")

    def forwards(self, partition: int) -> list[tuple[str, int, dict]]:
        return [i for i in self.items.get(partition, []) if i[0] not in self.confirmed]

    def forwarded(self, key: str) -> None:
        self.confirmed.append(key)


def test_tick_wakes_due_partitions_and_hand_over_confirms_each_item_after_it_was_sent() -> None:
    topic, dispatcher = _Sent(), _Forwards({1: [("k1", 3, {"a": 1}), ("k2", 0, {"b": 2})]})
    ticks = Ticks(topic, dispatcher, "detections")

    async def scenario() -> list[int]:
        woken = await ticks.tick([TP("detections", 0), TP("detections", 1)], now=1.0)
        await ticks.hand_over(1)
        await ticks.hand_over(1)  # confirmed items are not sent twice
        return woken

    assert asyncio.run(scenario()) == [1]
    assert topic.sent == [(TICK, 1), (forward_message({"a": 1}), 3), (forward_message({"b": 2}), 0)]
    assert dispatcher.confirmed == ["k1", "k2"]
