"""The route agent's step: a detection is decided by the real dispatcher; ticks fire what is due."""

from __future__ import annotations

import asyncio
from typing import Any

from alerts.config import Config, Receiver, Route
from alerts.dispatch import Dispatcher
from detectors.contracts import Actor, Article, Detection, Evidence
from streams.agents.route import RouteAgent, decision_line
from streams.agents.ticks import TICK, Ticks
from streams.metrics import Metrics

NOW = 1_700_000_000.0


def _detection(article_id: str) -> Detection:
    text = "Haftar kündigte eine Waffenruhe an."
    article = Article.create(text, id=article_id, source="outlet")
    return Detection.create(article, language="de", type="ceasefire", status="announced", confidence=0.9,
                            evidence=Evidence(text, 0, len(text), (7, 15)), detector="test/1",
                            actors=(Actor("Khalifa Haftar", "person"),), countries=("LY",))


class _Message:
    def __init__(self, topic: str, partition: int = 0) -> None:
        self.topic, self.partition = topic, partition


class _Event:
    def __init__(self, topic: str, value: bytes) -> None:
        self.message, self.value, self.acks = _Message(topic), value, 0

    def ack(self) -> None:
        self.acks += 1


class _Lanes:
    """Records what the route agent hands to delivery (DeliveryLanes: test_deliver.py)."""

    def __init__(self) -> None:
        self.launched: list[tuple[Any, list, bool]] = []

    async def launch(self, event: Any, notes: list, timer: bool = False) -> None:
        self.launched.append((event, notes, timer))


class _Topic:
    async def send(self, **kwargs: Any) -> Any:
        raise AssertionError("nothing to hand over in these tests")


def _agent() -> tuple[RouteAgent, _Lanes]:
    config = Config(receivers=(Receiver("ops", console=True),), routes=(Route(receiver="ops"),))
    stories: dict = {}
    dispatcher = Dispatcher(config, stories=stories, log={})
    lanes = _Lanes()
    agent = RouteAgent(detections_topic="detections", dispatcher=dispatcher, stories=stories, offset_guard=None,
                       ticks=Ticks(_Topic(), dispatcher, "detections"), lanes=lanes, metrics=Metrics(),
                       silences_ready=asyncio.Event())
    return agent, lanes


def test_a_detection_opens_a_story_and_its_alert_goes_to_delivery() -> None:
    agent, lanes = _agent()
    event = _Event("detections", _detection("a1").to_json())
    asyncio.run(agent.handle(event, NOW))
    ((launched_for, notes, timer),) = lanes.launched
    assert launched_for is event and not timer and [n.receiver for n in notes] == ["ops"]
    assert event.acks == 0  # acked by delivery once settled


def test_an_invalid_detection_is_skipped_and_acked() -> None:
    agent, lanes = _agent()
    event = _Event("detections", b'{"not": "a detection"}')
    asyncio.run(agent.handle(event, NOW))
    assert event.acks == 1 and lanes.launched == []


def test_a_tick_hands_the_partition_due_work_to_delivery_as_timer_work() -> None:
    agent, lanes = _agent()
    event = _Event("wirewatch-ticks", TICK)
    asyncio.run(agent.handle(event, NOW))
    assert lanes.launched == [(event, [], True)]


def test_the_decision_line_names_every_receiver_outcome() -> None:
    agent, _ = _agent()
    d = _detection("a2")
    decision = agent.dispatcher.process(d, NOW)
    line = decision_line(d, decision)
    assert line.startswith(f"decision detection={d.id} story={decision.story_id} ") and "ops:" in line
