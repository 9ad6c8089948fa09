"""Delivery lanes: a real dispatcher, a real deliverer and a real HTTP target; the message acked once settled."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from alerts.config import Config, Receiver, Route
from alerts.delivery import Deliverer
from alerts.dispatch import Dispatcher
from detectors.contracts import Actor, Article, Detection, Evidence
from streams.agents.deliver import DeliveryLanes, all_accepted, failed_targets
from streams.metrics import Metrics
from tests.sinks import HttpEndpoint


class _Event:
    """What the lanes need of a faust event: ``ack()``."""

    def __init__(self) -> None:
        self.acks = 0

    def ack(self) -> None:
        self.acks += 1


class _Written:
    """The alert log's changelog writes are durable at once (the worker waits for the broker: integration)."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    async def written(self, key: str) -> None:
        self.keys.append(key)


class _Records:
    """History / alerts.dlq records, kept in order (the worker writes them to topics: integration)."""

    def __init__(self) -> None:
        self.records: list[tuple[str, bool, bool]] = []  # (alert key, every target ok, dead letters)

    async def record(self, note: Any, results: Any, now: float, dead_letters: bool = True) -> list:
        self.records.append((note.key, all_accepted(results), dead_letters))
        return []


def _detection(article_id: str, name: str = "Khalifa Haftar") -> Detection:
    text = f"{name} kündigte eine Waffenruhe an."
    article = Article.create(text, id=article_id, source="outlet")
    return Detection.create(article, language="de", type="ceasefire", status="announced", confidence=0.9,
                            evidence=Evidence(text, 0, len(text), (0, len(name))), detector="test/1",
                            actors=(Actor(name, "person"),), countries=("LY",))


def _lanes(sink: HttpEndpoint) -> tuple[DeliveryLanes, Dispatcher, _Records]:
    config = Config(receivers=(Receiver("ops", urls=(f"json://127.0.0.1:{sink.port}/alerts",)),),
                    routes=(Route(receiver="ops"),))
    dispatcher = Dispatcher(config, stories={}, log={})
    records = _Records()
    lanes = DeliveryLanes(concurrency=2, dispatcher=dispatcher,
                          deliverer=Deliverer(config, attempts=1, backoff_s=0.01), log_writes=_Written(),
                          records=records, metrics=Metrics(), pool=ThreadPoolExecutor(max_workers=2))
    return lanes, dispatcher, records


async def _settled(lanes: DeliveryLanes) -> None:
    for _ in range(200):
        if not lanes.settling:
            return
        await asyncio.gather(*lanes.settling, return_exceptions=True)
    raise AssertionError("delivery did not settle")


def test_the_message_is_acked_only_after_its_alert_reached_the_target_and_was_recorded() -> None:
    sink = HttpEndpoint()
    try:
        lanes, dispatcher, records = _lanes(sink)
        event = _Event()

        async def scenario() -> int:
            notes = dispatcher.process(_detection("a1"), 1_700_000_000.0).notifications
            assert len(notes) == 1
            await lanes.launch(event, notes)
            acked_at_once = event.acks
            await _settled(lanes)
            return acked_at_once

        assert asyncio.run(scenario()) == 0
        assert event.acks == 1 and len(sink.accepted()) == 1
        assert [ok for _, ok, _ in records.records] == [True]
        assert not dispatcher.in_flight and dispatcher.undelivered() == []
    finally:
        sink.close()


def test_a_failed_target_keeps_the_alert_in_the_outbox_for_a_retry_and_still_acks() -> None:
    sink = HttpEndpoint()
    sink.set_mode("error")
    try:
        lanes, dispatcher, records = _lanes(sink)
        event = _Event()

        async def scenario() -> None:
            await lanes.launch(event, dispatcher.process(_detection("a2"), 1_700_000_000.0).notifications)
            await _settled(lanes)

        asyncio.run(scenario())
        assert event.acks == 1 and sink.errors >= 1
        assert records.records == [(records.records[0][0], False, False)]  # history only: no dead letter yet
        assert len(dispatcher.undelivered(now=float("inf"))) == 1  # a tick tries it again
    finally:
        sink.close()


def test_a_message_without_alerts_is_acked_at_once() -> None:
    sink = HttpEndpoint()
    try:
        lanes, _, _ = _lanes(sink)
        event = _Event()
        asyncio.run(lanes.launch(event, []))
        assert event.acks == 1
    finally:
        sink.close()


def test_failed_targets_and_all_accepted() -> None:
    from alerts.delivery import DeliveryResult

    ok = DeliveryResult(receiver="ops", target="a", ok=True, attempts=1)
    bad = DeliveryResult(receiver="ops", target="b", ok=False, attempts=3, error="500")
    assert all_accepted([ok]) and not all_accepted([ok, bad]) and not all_accepted([])
    assert failed_targets([ok, bad]) == {"b"}


class _HeldWrites(_Written):
    """The 'sent' write (a key's second write: the first records the attempt) waits until ``release`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()

    async def written(self, key: str) -> None:
        await super().written(key)
        if self.keys.count(key) > 1:
            await self.release.wait()


def test_a_lane_is_held_until_the_alert_is_recorded_so_a_crash_can_double_at_most_concurrency_alerts() -> None:
    sink = HttpEndpoint()
    try:
        lanes, dispatcher, _ = _lanes(sink)
        lanes.concurrency = 1
        writes = lanes.log_writes = _HeldWrites()

        async def scenario() -> tuple[int, int]:
            # three stories: other generals, a month apart
            notes = [n for i, name in enumerate(("Ilja Zorbek", "Omar Talvan", "Piet Brandlu"))
                     for n in dispatcher.process(_detection(f"h{i}", name),
                                                 1_700_000_000.0 + i * 86_400 * 30).notifications]
            assert len(notes) == 3
            await lanes.launch(_Event(), notes)
            for _ in range(100):  # the first alert reaches the target, then its 'sent' record is held
                await asyncio.sleep(0.02)
                if sink.accepted():
                    break
            await asyncio.sleep(0.3)
            held = len(sink.accepted())  # accepted but not recorded: what a crash now would send again
            writes.release.set()
            await _settled(lanes)
            return held, len(sink.accepted())

        assert asyncio.run(scenario()) == (1, 3)
    finally:
        sink.close()


def test_sent_and_history_are_one_round_trip_sent_issued_first_and_a_failure_keeps_two() -> None:
    """Delivered: the 'sent' write leaves first and the history record goes out while it is still unacknowledged
    (both awaited at once); the message is acked only after both. A failed target past the retry window: the dead
    letter is awaited before the alert leaves the outbox (two trips, in that order)."""
    sink = HttpEndpoint()
    try:
        lanes, dispatcher, records = _lanes(sink)
        writes = lanes.log_writes = _HeldWrites()
        event = _Event()

        async def scenario() -> tuple[list, int, bool]:
            notes = dispatcher.process(_detection("r1"), 1_700_000_000.0).notifications
            await lanes.launch(event, notes)
            for _ in range(100):  # the alert reaches the target; its 'sent' write is held
                await asyncio.sleep(0.02)
                if records.records:
                    break
            during = (list(records.records), event.acks, dispatcher.undelivered() == [])
            writes.release.set()
            await _settled(lanes)
            return during

        held_records, held_acks, out_of_outbox = asyncio.run(scenario())
        assert [(ok, dead) for _, ok, dead in held_records] == [(True, True)]  # history out before 'sent' acked
        assert held_acks == 0 and out_of_outbox  # 'sent' issued (out of the outbox), the ack waits for its write
        assert event.acks == 1 and len(sink.accepted()) == 1
    finally:
        sink.close()

    sink = HttpEndpoint()
    sink.set_mode("error")
    try:
        lanes, dispatcher, records = _lanes(sink)
        dispatcher.retry_window = 0.0  # dead at once
        order: list[str] = []

        class _Ordered(_Written):
            async def written(self, key: str) -> None:
                order.append("written")

        class _OrderedRecords(_Records):
            async def record(self, note: Any, results: Any, now: float, dead_letters: bool = True) -> list:
                order.append("dead letter" if dead_letters else "history")
                return await super().record(note, results, now, dead_letters)

        lanes.log_writes, lanes.records = _Ordered(), _OrderedRecords()

        async def failing() -> None:
            await lanes.launch(_Event(), dispatcher.process(_detection("r2"), 1_700_000_000.0).notifications)
            await _settled(lanes)

        asyncio.run(failing())
        assert order == ["written", "dead letter", "written"]  # the attempt, the dead letter, then the release
    finally:
        sink.close()
