"""The route agent: detections and ticks → the alerts' ``Dispatcher`` → notifications handed to delivery.

Stories and the alert log are changelog-backed tables, so a restart or a replay never sends an alert twice.
A detection is merged into its story and decided (group, dedup, silence, inhibit, rate limit, digest: the
dispatcher's stages); a tick fires the partition's due groups, follow-ups, digests and retries. Either way the
partition's digest items are handed over (``Ticks.hand_over``) and the notifications go to ``DeliveryLanes``,
which acks the message once they are settled.

Two clocks: ``handle`` passes processing time (``time.time()``) for what delivery does — group_wait,
repeat_interval, digests, retries; stories take the time of the news from the detection itself
(``published_at``, else ``detected_at``: ``alerts.stories.event_time``), so a replay groups as the live stream did.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from detectors.contracts import InvalidDetection, decode_detection
from streams.agents.ticks import forwarded
from streams.metrics import story_opened

log = logging.getLogger("wirewatch.worker")

SILENCES_WAIT_S = 30.0


def decision_line(detection: Any, decision: Any) -> str:
    """The log line of one routing decision (outcome per receiver)."""
    return (f"decision detection={detection.id} story={decision.story_id} "
            + " ".join(f"{r}:{o}" for r, o in decision.outcomes))


class RouteAgent:
    """The body of the ``route`` agent (``app.agent(detections + ticks)(RouteAgent(...))``)."""

    def __init__(self, *, detections_topic: str, dispatcher: Any, stories: Any, offset_guard: Any, ticks: Any,
                 lanes: Any, metrics: Any, silences_ready: asyncio.Event) -> None:
        self.detections_topic = detections_topic
        self.dispatcher = dispatcher
        self.stories = stories
        self.offset_guard = offset_guard
        self.ticks = ticks  # streams.agents.ticks.Ticks
        self.lanes = lanes  # streams.agents.deliver.DeliveryLanes
        self.metrics = metrics
        self.silences_ready = silences_ready

    async def __call__(self, stream: Any) -> None:
        try:
            await asyncio.wait_for(self.silences_ready.wait(), timeout=SILENCES_WAIT_S)
        except TimeoutError:
            log.error("silences not loaded after 30 s: routing without them until they arrive")
        async for event in stream.noack().events():  # acked by ``lanes.launch``, once its alerts are settled
            if await self.offset_guard.admit(event):
                await self.handle(event, time.time())

    async def handle(self, event: Any, now: float) -> None:
        value, partition = event.value, event.message.partition
        if event.message.topic != self.detections_topic:
            await self.on_tick(event, value, partition, now)
            return
        try:
            detection = decode_detection(value)
        except InvalidDetection as exc:
            log.error("skipping an invalid detection: %s", exc)
            event.ack()
            return
        t0 = time.perf_counter()
        decision = self.dispatcher.process(detection, now, scope=partition)
        await self.ticks.hand_over(partition)
        log.info("%s", decision_line(detection, decision),
                 extra={"detection_id": detection.id, "story_id": decision.story_id,
                        "article_id": detection.article_id, "story_key": detection.story_key})
        self.metrics.time_stage("route", time.perf_counter() - t0)
        self.metrics.record_decision(decision, detection.type,
                                     story_opened(self.stories, detection.story_key, decision.story_id, now))
        await self.lanes.launch(event, decision.notifications)

    async def on_tick(self, event: Any, value: bytes | None, partition: int, now: float) -> None:
        item = forwarded(value)
        if item is not None:
            self.dispatcher.accept_forward(item, now, partition)
        await self.ticks.hand_over(partition)
        await self.lanes.launch(event, self.dispatcher.undelivered(partition, now)
                                + self.dispatcher.due(now, partition), timer=True)
